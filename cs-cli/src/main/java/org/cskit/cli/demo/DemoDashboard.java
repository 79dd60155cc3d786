package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;
import org.cskit.playbooks.Play;
import org.cskit.scoring.portfolio.AccountRevenue;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.DashboardAccount;
import org.cskit.scoring.portfolio.RenewalForecast;
import org.cskit.scoring.portfolio.ReportingPeriod;

/**
 * The demo's two-column dashboard: one {@link DashboardAccount} per account of the source that was a
 * customer on some day of the twelve months up to the as-of day (or since the data's first day),
 * made in parallel and collected by {@link Dashboard#collector}; no account is kept once counted.
 *
 * <p>Each account's revenue comes from the source; its vector is its last day's, and its vector a week
 * before is scored from the same history; its forecast is the call of its band (a risk band calls a
 * churn) on the latest scored day before a renewal that fell by the as-of day, else on its last scored
 * day; its open plays are its plays in the queue.
 */
final class DemoDashboard {
    /** How many band moves the report lists. */
    static final int MOVES_SHOWN = 15;

    private DemoDashboard() {}

    /**
     * The period the dashboard covers: the twelve months up to the as-of day, from the data's first day at the earliest.
     *
     * @param run the run
     * @return the period
     */
    static ReportingPeriod period(PortfolioCommand.Run run) {
        LocalDate from = run.asOf().minusYears(1).plusDays(1);
        return ReportingPeriod.of(from.isBefore(run.data().first()) ? run.data().first() : from, run.asOf());
    }

    /**
     * The bands that put an account at risk and call a churn: the riskiest band of the scorecard, else {@code red}.
     *
     * @param run the run
     * @return the labels
     */
    static Set<String> riskBands(PortfolioCommand.Run run) {
        return DemoReport.overall(run).keySet().stream().findFirst().map(Band::label).map(Set::of).orElse(Set.of("red"));
    }

    /**
     * Computes the dashboard.
     *
     * @param run the scored portfolio
     * @param playbooks the plays made on the as-of day
     * @return the dashboard
     */
    static Dashboard of(PortfolioCommand.Run run, PlaybookRun playbooks) {
        PortfolioSource data = run.data();
        Set<String> risk = riskBands(run);
        Dashboard.Spec spec = new Dashboard.Spec(period(run), data.valueRates(), risk, MOVES_SHOWN);
        Map<AccountId, Integer> plays = new HashMap<>();
        for (Play p : playbooks.queue()) {
            plays.merge(p.accountId(), 1, Integer::sum);
        }
        return IntStream.range(0, data.size()).parallel().mapToObj(i -> entry(run, i, spec, risk, plays))
                .flatMap(Optional::stream).collect(Dashboard.collector(spec));
    }

    private static Optional<DashboardAccount> entry(PortfolioCommand.Run run, int index, Dashboard.Spec spec, Set<String> risk,
            Map<AccountId, Integer> plays) {
        Optional<PortfolioSource.Standing> standing = run.data().standing(index, spec.period());
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        AccountRevenue revenue = standing.get().revenue();
        AccountId id = revenue.accountId();
        Optional<Account> account = standing.get().onLastDay();
        ScoredPortfolio.DashboardFacts facts = run.scored().facts(index);
        DashboardAccount.Builder d = DashboardAccount.builder().revenue(revenue).account(account)
                .vector(run.scored().lastOf(id).map(ScoredPortfolio.Scored::vector)).responses(facts.responses())
                .openPlays(plays.getOrDefault(id, 0));
        if (facts.weekBefore() != null) {
            d.weekBefore(facts.weekBefore());
        }
        ScoredPortfolio.RenewalCall call = facts.call();
        if (call != null && !call.renewal().isBefore(spec.period().start())) {
            boolean churn = risk.contains(call.band().label());
            d.forecast(new RenewalForecast(id, call.renewal(), call.madeOn(), churn, churn ? Money.zero(call.arr().currency()) : call.arr(),
                    RenewalForecast.Source.SCORE));
        }
        return Optional.of(d.build());
    }
}
