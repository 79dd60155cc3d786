package org.cskit.scoring.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.cskit.model.AccountId;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;

/**
 * Where a host keeps the vectors it scored, one per account and UTC day, so that the next run
 * finds what {@link org.cskit.scoring.ScoreChange#explain}, direction and band hysteresis need:
 * the previous vector of an account (with its contributions and band) and its recent scores.
 * Storage only: a store keeps and returns vectors, it never scores.
 *
 * <p>The day of a vector is the UTC date of its {@link SuccessVector#asOf()}. An account has at
 * most one vector per day: saving another for the same day replaces the stored one when its
 * {@code asOf} is the same or later, and is not stored (and not counted) when it is earlier, so the
 * result does not depend on the order in which a night's re-run and the day's events arrive.
 *
 * <p>{@link #save(Collection)} is the batch path (one slice of a nightly run, stored in one
 * transaction: all or nothing); {@link #save(SuccessVector)} is the single-row path for events.
 * {@link #forEachOn(LocalDate, Consumer)} restores a whole day without holding it in memory. Implementations must be thread-safe. {@code org.cskit.testkit.tck.ScoreHistoryContract}
 * is the contract test for implementations.
 */
public interface ScoreHistory {

    /**
     * Stores vectors, all or none: if one is refused, nothing of the batch is stored.
     *
     * @param vectors the vectors; at most one per account and day
     * @return how many were stored (those older than the vector already stored for their account
     *     and day are not)
     * @throws org.cskit.model.ValidationException if two vectors share an account and day, a vector
     *     is {@linkplain SuccessVector#unscored() unscored} (it has no score to keep: an account not
     *     scored on a day has no vector that day), or a vector cannot be stored as it is (the
     *     message names the vector's index and the rule)
     * @throws RuntimeException an implementation's own unchecked exception if storage failed
     */
    int save(Collection<SuccessVector> vectors);

    /**
     * Stores one vector (the event path).
     *
     * @param vector the vector
     * @return whether it was stored (false when a later vector of the same account and day is stored)
     * @throws org.cskit.model.ValidationException if the vector cannot be stored as it is
     */
    default boolean save(SuccessVector vector) {
        return save(List.of(vector)) == 1;
    }

    /**
     * The vector stored for an account on a day.
     *
     * @param account the account
     * @param day the UTC day
     * @return the vector, if one is stored
     */
    Optional<SuccessVector> vectorOn(AccountId account, LocalDate day);

    /**
     * The latest vector of an account whose {@code asOf} is before a time: the "previous vector"
     * for hysteresis and explanations.
     *
     * @param account the account
     * @param before the exclusive upper bound
     * @return the vector, if any
     */
    Optional<SuccessVector> latestBefore(AccountId account, Instant before);

    /**
     * The scores of an account with {@code from <= asOf < to}, oldest first: the history that
     * direction and velocity are read from.
     *
     * @param account the account
     * @param from the inclusive lower bound
     * @param to the exclusive upper bound
     * @return the points, in increasing time order
     */
    List<ScorePoint> scores(AccountId account, Instant from, Instant to);

    /**
     * Hands every vector stored for a day to an action, once each, in no particular order (the
     * batch restore of a night). The action runs on the calling thread.
     *
     * @param day the UTC day
     * @param action what to do with each vector
     */
    void forEachOn(LocalDate day, Consumer<SuccessVector> action);

    /**
     * Earlier runs' scores of many accounts as columns, for the nightly run's direction and
     * velocity: point {@code p} is {@code runs.get(p)}, and row {@code r} holds the score of the
     * vector stored for {@code accounts.get(r)} on that run's UTC day (the latest of that day), or
     * NaN where there is none. The default reads {@link #vectorOn} once per account and run; a
     * store should read each day in one pass.
     *
     * @param accounts the accounts, one per row
     * @param runs the runs' times, in strictly increasing order
     * @return the history columns
     * @throws org.cskit.model.ValidationException if the runs are not in strictly increasing order
     */
    default ScoreHistoryColumns scoreColumns(List<AccountId> accounts, List<Instant> runs) {
        ScoreHistoryColumns.Builder columns = ScoreHistoryColumns.builder(accounts.size());
        for (Instant run : runs) {
            LocalDate day = LocalDate.ofInstant(run, ZoneOffset.UTC);
            double[] scores = new double[accounts.size()];
            for (int r = 0; r < scores.length; r++) {
                scores[r] = vectorOn(accounts.get(r), day).map(SuccessVector::score).orElse(Double.NaN);
            }
            columns.point(run, scores);
        }
        return columns.build();
    }

    /**
     * A day's vectors of many accounts as columns, without their explanations: the previous
     * vectors a nightly run reads for band hysteresis and transitions. Row {@code r} holds the
     * vector stored for {@code accounts.get(r)} on the day, or is unscored (NaN, -1, -1) where
     * there is none; whether the band was held and, under an override, the computed score are
     * filled from the stored vector. An explanation is then read for the rows that need one with
     * {@link #vectorOn}. The default reads {@link #vectorOn} once per account; a store should
     * read the day in one pass.
     *
     * @param accounts the accounts, one per row
     * @param day the UTC day
     * @param bandLabels the labels band codes index
     * @return the vector columns
     * @throws org.cskit.model.ValidationException if a stored band is not among the labels
     */
    default VectorColumns vectorColumns(List<AccountId> accounts, LocalDate day, List<String> bandLabels) {
        VectorColumns.Builder columns = VectorColumns.builder(accounts.size()).bands(bandLabels);
        double[] scores = new double[accounts.size()];
        byte[] bands = new byte[accounts.size()];
        byte[] directions = new byte[accounts.size()];
        double[] velocities = new double[accounts.size()];
        double[] coverages = new double[accounts.size()];
        boolean[] held = new boolean[accounts.size()];
        double[] computed = new double[accounts.size()];
        for (int r = 0; r < scores.length; r++) {
            Optional<SuccessVector> v = vectorOn(accounts.get(r), day);
            scores[r] = v.map(SuccessVector::score).orElse(Double.NaN);
            bands[r] = v.isPresent() ? bandCode(bandLabels, v.get().band().label(), accounts.get(r)) : -1;
            directions[r] = v.isPresent() ? (byte) v.get().direction().ordinal() : -1;
            velocities[r] = v.map(SuccessVector::velocity).orElse(Double.NaN);
            coverages[r] = v.map(SuccessVector::coverage).orElse(Double.NaN);
            held[r] = v.isPresent() && v.get().bandHeld();
            computed[r] = v.isPresent() && v.get().override().isPresent() ? computedScore(v.get()) : Double.NaN;
        }
        return columns.scores(scores).bandCodes(bands).directionCodes(directions).velocities(velocities)
                .coverages(coverages).bandHeld(held).computedScores(computed).build();
    }

    /**
     * The score the scorecard computed for a vector whose score an active manual override set: its
     * contributions without the override's own (input {@value SuccessVector#OVERRIDE_INPUT}), within
     * [0, 100]. What {@link VectorColumns#computedScores()} holds for such a row; a store that keeps
     * it in a column of its own computes it with this.
     *
     * @param v a vector with an override
     * @return the computed score
     */
    static double computedScore(SuccessVector v) {
        double sum = 0.0;
        for (org.cskit.model.Contribution c : v.contributions()) {
            if (!c.input().equals(SuccessVector.OVERRIDE_INPUT)) {
                sum += c.points();
            }
        }
        return Math.max(0.0, Math.min(100.0, sum));
    }

    /**
     * Refuses an unscored vector, for {@link #save(Collection)}.
     *
     * @param index the vector's index in the batch
     * @param vector the vector
     * @throws org.cskit.model.ValidationException if it is unscored
     */
    static void scored(int index, SuccessVector vector) {
        if (vector.unscored()) {
            throw new ValidationException("vectors[" + index + "].unscored", "vectors[" + index + "] of account '"
                    + vector.accountId() + "' is unscored: a score history keeps scores, so leave unscored accounts out "
                    + "(no vector on a day reads back as not scored that day)");
        }
    }

    /**
     * The code of a stored band among the labels a run uses.
     *
     * @param bandLabels the labels
     * @param label the stored label
     * @param account the account, for the message
     * @return the label's index
     * @throws org.cskit.model.ValidationException if the label is not among them
     */
    static byte bandCode(List<String> bandLabels, String label, AccountId account) {
        int code = bandLabels.indexOf(label);
        if (code < 0) {
            throw new ValidationException("bandLabels", "account '" + account + "' has a stored band '" + label
                    + "', which is not among the bands " + bandLabels);
        }
        return (byte) code;
    }

    /**
     * The UTC day a vector belongs to.
     *
     * @param vector the vector
     * @return the date of its {@code asOf} in UTC
     */
    static LocalDate dayOf(SuccessVector vector) {
        return LocalDate.ofInstant(vector.asOf(), ZoneOffset.UTC);
    }
}
