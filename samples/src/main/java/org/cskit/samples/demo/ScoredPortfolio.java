package org.cskit.samples.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.samples.ravenstack.RavenStack;
import org.cskit.scoring.PortfolioScoring;
import org.cskit.scoring.features.SnapshotAssembler;
import org.cskit.scoring.portfolio.ScoredAccount;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * Every account in the portfolio scored at several days, oldest first: each day's snapshots are
 * assembled from the signals up to that day, with the account's earlier scores as history and its
 * previous vector, so that direction and velocity come from the scores over time. Immutable.
 */
final class ScoredPortfolio {
    /**
     * One account on one day.
     *
     * @param account the account as of the day
     * @param snapshot its snapshot
     * @param vector its vector
     */
    record Scored(Account account, AccountSnapshot snapshot, SuccessVector vector) {}

    private final List<LocalDate> days;
    private final List<Map<AccountId, Scored>> byDay;

    private ScoredPortfolio(List<LocalDate> days, List<Map<AccountId, Scored>> byDay) {
        this.days = days;
        this.byDay = byDay;
    }

    /**
     * Scores the portfolio on each day.
     *
     * @param data the data
     * @param assembler makes the snapshots
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param progress reports each day's accounts
     * @return the scores
     * @throws org.cskit.samples.input.InputException if the strategy cannot score the snapshots
     */
    static ScoredPortfolio score(RavenStack data, SnapshotAssembler assembler, Strategy strategy, List<LocalDate> days, Progress progress) {
        List<List<Account>> accounts = new ArrayList<>();
        long total = 0;
        for (LocalDate day : days) {
            accounts.add(data.accountsOn(day));
            total += accounts.get(accounts.size() - 1).size();
        }
        progress.start("scoring", total);
        Map<AccountId, List<ScorePoint>> history = new HashMap<>();
        Map<AccountId, SuccessVector> previous = new HashMap<>();
        PortfolioScoring scoring = PortfolioScoring.using(strategy.strategy());
        List<Map<AccountId, Scored>> byDay = new ArrayList<>();
        for (int d = 0; d < days.size(); d++) {
            Instant asOf = RavenStack.startOf(days.get(d));
            List<AccountSnapshot> snapshots = accounts.get(d).parallelStream()
                    .map(a -> assembler.assemble(a, data.signalsUpTo(a.id(), asOf), asOf, history.getOrDefault(a.id(), List.of()),
                            Optional.ofNullable(previous.get(a.id()))))
                    .toList();
            List<SuccessVector> vectors;
            try {
                if (d == 0 && !snapshots.isEmpty()) {
                    // a strategy that cannot read these snapshots says so once, for the first account, before the parallel run
                    strategy.strategy().score(snapshots.get(0));
                }
                vectors = scoring.score(snapshots.stream()).toList();
            } catch (ValidationException e) {
                throw strategy.problem(e);
            }
            Map<AccountId, Scored> scored = new LinkedHashMap<>();
            for (int i = 0; i < vectors.size(); i++) {
                Account account = accounts.get(d).get(i);
                SuccessVector v = vectors.get(i);
                scored.put(account.id(), new Scored(account, snapshots.get(i), v));
                history.computeIfAbsent(account.id(), k -> new ArrayList<>()).add(ScorePoint.of(v.asOf(), v.score()));
                previous.put(account.id(), v);
            }
            byDay.add(scored);
            progress.advance(vectors.size());
        }
        progress.finish();
        return new ScoredPortfolio(List.copyOf(days), List.copyOf(byDay));
    }

    /** @return the days scored, oldest first */
    List<LocalDate> days() {
        return days;
    }

    /**
     * The accounts scored on a day.
     *
     * @param index the day's index in {@link #days()}
     * @return the accounts, in the data's order
     */
    List<Scored> on(int index) {
        return List.copyOf(byDay.get(index).values());
    }

    /** @return the accounts scored on the last day, in the data's order */
    List<Scored> last() {
        return on(days.size() - 1);
    }

    /**
     * How the accounts spread over bands on the last day, per segment.
     *
     * @return the distribution
     */
    VectorDistribution distribution() {
        return VectorDistribution.of(last().stream().map(s -> ScoredAccount.of(s.account(), s.vector())));
    }

    /**
     * An account's vector on each day.
     *
     * @param account the account
     * @return one entry per day, empty where the account was not in the portfolio
     */
    List<Optional<SuccessVector>> series(AccountId account) {
        List<Optional<SuccessVector>> out = new ArrayList<>();
        for (Map<AccountId, Scored> day : byDay) {
            out.add(Optional.ofNullable(day.get(account)).map(Scored::vector));
        }
        return out;
    }

    /**
     * The accounts most at risk on the last day: lowest score first, then by id.
     *
     * @param n how many
     * @return at most {@code n} accounts
     */
    List<Scored> mostAtRisk(int n) {
        return last().stream().sorted(Comparator.comparingDouble((Scored s) -> s.vector().score()).thenComparing(s -> s.account().id()))
                .limit(n).toList();
    }

    /**
     * Monthly days ending on a day: the day itself and the same day of each month before (the last
     * day of the month if the day is a month's last), as far
     * as {@code count} days or the first day of the data.
     *
     * @param last the last day
     * @param count how many days at most
     * @param first the earliest day allowed
     * @return the days, oldest first
     */
    static List<LocalDate> monthly(LocalDate last, int count, LocalDate first) {
        List<LocalDate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = last.minusMonths(i);
            if (last.getDayOfMonth() == last.lengthOfMonth()) {
                day = day.withDayOfMonth(day.lengthOfMonth());
            }
            if (day.isBefore(first)) {
                break;
            }
            out.add(0, day);
        }
        return out;
    }
}
