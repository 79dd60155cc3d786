package org.cskit.scoring.spi;

import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;

/**
 * Turns an account's snapshot into a {@link SuccessVector}. Implementations must be pure (the same
 * snapshot gives an equal vector, nothing outside the snapshot is read), thread-safe (one instance
 * scores many accounts at once), and honest: the vector's contributions add up to its score and its
 * coverage says how much of the weight rested on real data.
 */
public interface ScoringStrategy {

    /**
     * The strategy's kind, such as {@code weighted-scorecard}; the name its provider registers.
     *
     * @return the name
     */
    String name();

    /**
     * The strategy's configuration: an immutable value that the provider's config type reads back
     * from JSON, so that the strategy can be rebuilt or derived.
     *
     * @return the configuration
     */
    Object config();

    /**
     * Scores one account.
     *
     * @param snapshot the account as of a time
     * @return the vector, with its contributions
     * @throws org.cskit.model.ValidationException if the snapshot lacks a feature the strategy needs
     */
    SuccessVector score(AccountSnapshot snapshot);

    /**
     * Scores one account without the explanation. The default builds the whole vector; strategies
     * override it when they can do less work.
     *
     * @param snapshot the account as of a time
     * @return the summary, equal to the vector's fields
     */
    default ScoreSummary summarize(AccountSnapshot snapshot) {
        SuccessVector v = score(snapshot);
        return new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(), v.bandHeld());
    }

    /**
     * Scores every row of a batch into vector columns, without explanations: for each row, the
     * score, band code (the index of the band's label in {@code into}'s band labels), direction
     * code, velocity, coverage and whether the band was held that {@link #summarize} gives for the
     * row's snapshot ({@link RowSnapshots#of}). Band hysteresis reads the batch's previous vectors;
     * direction and velocity read {@code history}. A row whose manual override
     * ({@link AccountBatch#override}) is active at the as-of time gets the override's score, and
     * {@code into}'s computed score is the vector's score without the override's contribution. A
     * row whose account is {@linkplain ScoreSummary#scored() unscored} is written as unscored: score
     * and velocity NaN, band and direction codes {@code -1}, coverage 0. A
     * slice scores its own rows: row {@code r} of the batch is index {@code accounts.offset() + r} of
     * the arrays of the features, the previous vectors, {@code history} and {@code into}.
     *
     * <p>The default loops over row snapshots, so every strategy that scores snapshots scores
     * batches; built-in strategies override it with a loop over the columns that gives the same
     * numbers to the last bit. Either way nothing is written unless every row could be scored: on
     * an exception {@code into} is as it was.
     *
     * @param accounts the accounts, with their features and (optionally) previous vectors
     * @param history earlier runs' scores, before {@code accounts.asOf()}; may have no points
     * @param into where to write, as {@link VectorColumns#allocate} makes it, over the batch's arrays
     * @throws org.cskit.model.ValidationException naming the column and value if the inputs do not
     *     fit together (see {@link RowSnapshots#check}), a band the strategy gives is not among
     *     {@code into}'s labels, or a row cannot be scored
     */
    default void scoreAll(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into) {
        RowSnapshots.check(accounts, history, into);
        int n = accounts.size();
        ScoreSummary[] summaries = new ScoreSummary[n];
        double[] computed = new double[n];
        byte[] bands = new byte[n];
        List<String> labels = into.bandLabels();
        for (int row = 0; row < n; row++) {
            org.cskit.model.AccountSnapshot snapshot = RowSnapshots.of(accounts, history, row);
            computed[row] = Double.NaN;
            if (snapshot.override().isPresent() && snapshot.override().get().isActiveAt(snapshot.asOf())) {
                SuccessVector v = score(snapshot); // the computed score is only in the explanation
                summaries[row] = new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(), v.bandHeld());
                computed[row] = 0.0;
                for (org.cskit.model.Contribution c : v.contributions()) {
                    computed[row] += c.input().equals(SuccessVector.OVERRIDE_INPUT) ? 0.0 : c.points();
                }
                computed[row] = Math.max(0.0, Math.min(100.0, computed[row]));
            } else {
                summaries[row] = summarize(snapshot);
            }
            if (!summaries[row].scored()) {
                bands[row] = -1;
                continue;
            }
            int code = labels.indexOf(summaries[row].band().label());
            if (code < 0) {
                throw Validate.invalid("into.bands", "row " + row + " is in band '" + summaries[row].band().label()
                        + "', which is not among into's bands " + labels);
            }
            bands[row] = (byte) code;
        }
        for (int row = 0, r = accounts.offset(); row < n; row++, r++) {
            ScoreSummary s = summaries[row];
            into.scores()[r] = s.score();
            into.bandCodes()[r] = bands[row];
            into.directionCodes()[r] = (byte) (s.scored() ? s.direction().ordinal() : -1);
            into.velocities()[r] = s.velocity();
            into.coverages()[r] = s.coverage();
            into.bandHeld()[r] = s.bandHeld();
            into.computedScores()[r] = computed[row];
        }
    }
}
