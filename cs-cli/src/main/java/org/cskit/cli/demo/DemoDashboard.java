package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.portfolio.AccountRevenue;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.DashboardAccount;
import org.cskit.scoring.portfolio.RenewalForecast;
import org.cskit.scoring.portfolio.ReportingPeriod;

/**
 * The demo's two-column dashboard: one {@link DashboardAccount} per account of the source that was a
 * customer on some day of the twelve months up to the as-of day (or since the data's first day),
 * made after the nightly run's nights ({@link DemoNight}) from their columns and collected by
 * {@link Dashboard#collector}; no account is kept once counted.
 *
 * <p>Each account's revenue comes from the source; its vector is its last day's, and its vector a week
 * before is scored from the same history (explained only where its band moved); its forecast is the call of its band (a risk band calls a
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
     * @param data the data
     * @param asOf the as-of day
     * @return the period
     */
    static ReportingPeriod period(PortfolioSource data, LocalDate asOf) {
        LocalDate from = asOf.minusYears(1).plusDays(1);
        return ReportingPeriod.of(from.isBefore(data.first()) ? data.first() : from, asOf);
    }

    /**
     * The bands that put an account at risk and call a churn: the riskiest band (of the scorecard, or seen), else {@code red}.
     *
     * @param bands the scorecard's bands and those seen
     * @return the labels
     */
    static Set<String> riskBands(Collection<Band> bands) {
        return bands.stream().min(DemoReport.BAND_ORDER).map(Band::label).map(Set::of).orElse(Set.of("red"));
    }

    /**
     * What the dashboard is computed over.
     *
     * @param data the data
     * @param asOf the as-of day
     * @param risk the risk bands
     * @return the spec
     */
    static Dashboard.Spec spec(PortfolioSource data, LocalDate asOf, Set<String> risk) {
        return new Dashboard.Spec(period(data, asOf), data.valueRates(), risk, MOVES_SHOWN);
    }

    /**
     * One account of the source for the dashboard, if it was a customer on some day of the period.
     *
     * @param data the data
     * @param index the account's index in the source
     * @param vector its vector on the last day, if it was in the portfolio then
     * @param facts what the dashboard needs of its scoring
     * @param spec the dashboard's spec
     * @param risk the risk bands
     * @param plays its plays on the as-of day
     * @return the account, or empty
     */
    static Optional<DashboardAccount> entry(PortfolioSource data, int index, Optional<SuccessVector> vector,
            ScoredPortfolio.DashboardFacts facts, Dashboard.Spec spec, Set<String> risk, int plays) {
        Optional<PortfolioSource.Standing> standing = data.standing(index, spec.period());
        if (standing.isEmpty()) {
            return Optional.empty();
        }
        AccountRevenue revenue = standing.get().revenue();
        AccountId id = revenue.accountId();
        Optional<Account> account = standing.get().onLastDay();
        DashboardAccount.Builder d = DashboardAccount.builder().revenue(revenue).account(account)
                .vector(vector).responses(facts.responses())
                .openPlays(plays);
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
