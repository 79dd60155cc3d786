package org.cskit.scoring.calibration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * Replays dated history: scores every account at a series of as-of dates, each from a snapshot
 * built only from data before that date, carrying each account's earlier scores forward so that
 * direction (improving, flat, declining) is read as it would have been at the time. Reports, per
 * date, how well the score ranked the accounts that churned within the horizon after it, and, per
 * churned account, how early its vector started declining before the churn (lead time).
 * Immutable and thread-safe once run.
 *
 * <p>Honesty rules, checked: the dates are strictly increasing; every snapshot the source returns
 * is as of the date asked for and has no history of its own (the backtest supplies it); an account
 * that churned at or before a date is not scored at it.
 */
public final class Backtest {
    /** Builds the accounts' snapshots as of a date; it must use only data from before that date. */
    @FunctionalInterface
    public interface SnapshotSource {
        /**
         * The accounts as of a time.
         *
         * @param asOf the as-of time
         * @return one snapshot per account, each with {@code asOf} equal to it
         */
        List<AccountSnapshot> snapshotsAsOf(Instant asOf);
    }

    /**
     * The scores at one as-of date.
     *
     * @param asOf the date
     * @param accounts accounts scored (not yet churned)
     * @param churnedWithinHorizon of those, how many churned within the horizon after the date
     * @param declining of those, how many had a declining vector
     * @param auc how well the score ranked the churners within the horizon; NaN when all or none churned
     */
    public record DateResult(Instant asOf, int accounts, int churnedWithinHorizon, int declining, double auc) {}

    /**
     * One churned account's warning.
     *
     * @param account the account
     * @param churnedAt when it churned
     * @param lastScoredAt the last as-of date before the churn
     * @param decliningSince when the run of declining vectors that reached the churn began; empty if the last vector was not declining
     */
    public record Lead(AccountId account, Instant churnedAt, Instant lastScoredAt, Optional<Instant> decliningSince) {
        /** @return whole days from the start of the declining run to the churn, if there was one */
        public OptionalLong leadDays() {
            return decliningSince.isPresent() ? OptionalLong.of(Duration.between(decliningSince.get(), churnedAt).toDays()) : OptionalLong.empty();
        }
    }

    private final List<DateResult> dates;
    private final List<Lead> leads;
    private final Map<AccountId, List<SuccessVector>> vectors;
    private final double decliningShareChurning;
    private final double decliningShareRetained;

    private Backtest(List<DateResult> dates, List<Lead> leads, Map<AccountId, List<SuccessVector>> vectors, double churning,
            double retained) {
        this.dates = List.copyOf(dates);
        this.leads = List.copyOf(leads);
        Map<AccountId, List<SuccessVector>> copy = new LinkedHashMap<>();
        vectors.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.vectors = copy;
        this.decliningShareChurning = churning;
        this.decliningShareRetained = retained;
    }

    /**
     * Runs a backtest.
     *
     * @param strategy the scoring strategy (a {@link org.cskit.scoring.WeightedScorecard}, fitted or hand-made)
     * @param asOfDates the dates to score at, strictly increasing, at least one
     * @param source builds the snapshots as of each date from data before it
     * @param churnedAt when each churned account churned; accounts not in it did not churn
     * @param horizon how far after a date a churn counts as "churned within the horizon", positive
     * @return the result
     * @throws org.cskit.model.ValidationException if a rule in {@link Backtest} is broken
     */
    public static Backtest run(ScoringStrategy strategy, List<Instant> asOfDates, SnapshotSource source, Map<AccountId, Instant> churnedAt,
            Duration horizon) {
        Objects.requireNonNull(strategy, "strategy");
        if (asOfDates.isEmpty()) {
            throw Validate.invalid("asOfDates", "a backtest needs at least one as-of date, but asOfDates was empty");
        }
        for (int i = 1; i < asOfDates.size(); i++) {
            if (!asOfDates.get(i).isAfter(asOfDates.get(i - 1))) {
                throw Validate.invalid("asOfDates[" + i + "]", "asOfDates[" + i + "] " + asOfDates.get(i) + " is not after asOfDates[" + (i - 1)
                        + "] " + asOfDates.get(i - 1) + ": dates must be strictly increasing");
            }
        }
        if (horizon.isNegative() || horizon.isZero()) {
            throw Validate.invalid("horizon", "horizon must be positive, but was " + horizon);
        }
        Map<AccountId, List<SuccessVector>> vectors = new LinkedHashMap<>();
        List<DateResult> results = new ArrayList<>();
        int churningDeclining = 0;
        int churningAll = 0;
        int retainedDeclining = 0;
        int retainedAll = 0;
        for (Instant asOf : asOfDates) {
            List<AccountSnapshot> snapshots = source.snapshotsAsOf(asOf);
            List<Double> risks = new ArrayList<>();
            List<Boolean> outcomes = new ArrayList<>();
            int declining = 0;
            for (int s = 0; s < snapshots.size(); s++) {
                AccountSnapshot snap = snapshots.get(s);
                if (!snap.asOf().equals(asOf)) {
                    throw Validate.invalid("snapshots[" + s + "].asOf", "the source gave account '" + snap.accountId() + "' as of "
                            + snap.asOf() + " when asked for " + asOf);
                }
                if (!snap.history().isEmpty() || snap.previousVector().isPresent()) {
                    throw Validate.invalid("snapshots[" + s + "].history", "the source gave account '" + snap.accountId()
                            + "' a history of its own; the backtest supplies each account's history");
                }
                Instant churn = churnedAt.get(snap.accountId());
                if (churn != null && !churn.isAfter(asOf)) {
                    continue;
                }
                List<SuccessVector> earlier = vectors.computeIfAbsent(snap.accountId(), k -> new ArrayList<>());
                List<ScorePoint> history = new ArrayList<>();
                for (SuccessVector v : earlier) {
                    if (!v.unscored()) { // not scored on that date: no point, as in score history
                        history.add(ScorePoint.of(v.asOf(), v.score()));
                    }
                }
                AccountSnapshot withHistory = AccountSnapshot.builder().from(snap).history(history)
                        .previousVector(earlier.isEmpty() ? Optional.empty() : Optional.of(earlier.get(earlier.size() - 1))).build();
                SuccessVector vector = strategy.score(withHistory);
                earlier.add(vector);
                boolean within = churn != null && !churn.isAfter(asOf.plus(horizon));
                boolean down = vector.direction() == Direction.DECLINING;
                declining += down ? 1 : 0;
                if (within) {
                    churningAll++;
                    churningDeclining += down ? 1 : 0;
                } else {
                    retainedAll++;
                    retainedDeclining += down ? 1 : 0;
                }
                risks.add(-vector.score());
                outcomes.add(within);
            }
            int positives = (int) outcomes.stream().filter(b -> b).count();
            double auc = Double.NaN;
            if (positives > 0 && positives < outcomes.size()) {
                double[] r = risks.stream().mapToDouble(Double::doubleValue).toArray();
                boolean[] y = new boolean[outcomes.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = outcomes.get(i);
                }
                auc = Evaluation.builder().risks(r).outcomes(y).resamples(0).build().auc();
            }
            results.add(new DateResult(asOf, outcomes.size(), positives, declining, auc));
        }
        List<Lead> leads = new ArrayList<>();
        vectors.forEach((account, list) -> {
            Instant churn = churnedAt.get(account);
            if (churn == null || list.isEmpty()) {
                return;
            }
            SuccessVector last = list.get(list.size() - 1);
            Optional<Instant> since = Optional.empty();
            for (int i = list.size() - 1; i >= 0 && list.get(i).direction() == Direction.DECLINING; i--) {
                since = Optional.of(list.get(i).asOf());
            }
            leads.add(new Lead(account, churn, last.asOf(), since));
        });
        return new Backtest(results, leads, vectors, share(churningDeclining, churningAll), share(retainedDeclining, retainedAll));
    }

    private static double share(int part, int all) {
        return all == 0 ? Double.NaN : (double) part / all;
    }

    /** @return the result at each as-of date, in order */
    public List<DateResult> dates() {
        return dates;
    }

    /** @return one lead per churned account that was scored before its churn, in order of first scoring */
    public List<Lead> leads() {
        return leads;
    }

    /**
     * An account's vectors.
     *
     * @param account the account
     * @return its vectors, oldest first; empty if it was never scored
     */
    public List<SuccessVector> vectors(AccountId account) {
        return vectors.getOrDefault(account, List.of());
    }

    /** @return the share of churned accounts whose last vector before the churn was declining */
    public double caughtShare() {
        return leads.isEmpty() ? Double.NaN : leads.stream().filter(l -> l.decliningSince().isPresent()).count() / (double) leads.size();
    }

    /** @return the median lead time in days over the churned accounts that were caught declining */
    public OptionalDouble medianLeadDays() {
        long[] days = leads.stream().map(Lead::leadDays).filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).sorted().toArray();
        if (days.length == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(days.length % 2 == 1 ? days[days.length / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2.0);
    }

    /** @return among scorings of accounts that churned within the horizon, the share that were declining */
    public double decliningShareChurning() {
        return decliningShareChurning;
    }

    /** @return among scorings of accounts that did not churn within the horizon, the share that were declining (false alarms) */
    public double decliningShareRetained() {
        return decliningShareRetained;
    }

    @Override
    public String toString() {
        double[] aucs = dates.stream().mapToDouble(DateResult::auc).filter(a -> !Double.isNaN(a)).toArray();
        return String.format(Locale.ROOT, "Backtest[%d dates, mean AUC %s, %d churners, caught declining %.0f%%, median lead %s days, "
                + "declining: %.0f%% of churning vs %.0f%% of retained]", dates.size(),
                aucs.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", Arrays.stream(aucs).average().orElse(Double.NaN)),
                leads.size(), 100 * caughtShare(), medianLeadDays().isPresent() ? String.format(Locale.ROOT, "%.0f", medianLeadDays().getAsDouble())
                        : "n/a", 100 * decliningShareChurning, 100 * decliningShareRetained);
    }
}
