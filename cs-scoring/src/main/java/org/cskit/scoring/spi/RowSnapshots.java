package org.cskit.scoring.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;

/**
 * One row of a batch seen as an {@link AccountSnapshot}: how
 * {@link ScoringStrategy#scoreAll(AccountBatch, ScoreHistoryColumns, VectorColumns)} runs a strategy
 * that only scores snapshots, and how a caller gets a row's full explanation on request
 * ({@code strategy.score(RowSnapshots.of(batch, history, row))}). Also the checks every batch
 * scoring makes before it writes anything. Stateless and thread-safe.
 *
 * <p>The snapshot holds the row's id, segment, stage and features (with their observation counts),
 * its history points (the runs in which it was scored), the row's manual override if it has one and, if the batch has previous vectors and
 * the row was scored in them, a previous vector. Columns keep no explanation or time for a previous
 * vector, so that vector is made of what they hold: its score as a single contribution
 * {@value #PREVIOUS}, its band (rank = its code), direction, velocity and coverage (0 where unknown),
 * scorecard {@value #PREVIOUS} version 1, as of the newest history point, or a nanosecond before the
 * as-of time when the history is empty. Built-in strategies read only its band.
 */
public final class RowSnapshots {
    /** The input, group and scorecard id of a previous vector rebuilt from columns. */
    public static final String PREVIOUS = "previous";

    private RowSnapshots() {}

    /**
     * Checks that a batch can be scored into {@code into}: one history score and one output row per
     * array row of the batch, history points before the as-of time, output velocity and coverage
     * columns present.
     *
     * @param accounts the batch (a slice scores its own rows of the arrays)
     * @param history earlier runs' scores, over the batch's arrays
     * @param into the output, over the batch's arrays
     * @throws org.cskit.model.ValidationException naming the column and value of the first problem
     */
    public static void check(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into) {
        Validate.present("accounts", accounts);
        Validate.present("history", history);
        Validate.present("into", into);
        int rows = accounts.features().rows();
        if (history.rows() != rows) {
            throw Validate.invalid("history", "history has " + history.rows() + " rows, but the batch's columns have " + rows);
        }
        if (into.rows() != rows) {
            throw Validate.invalid("into", "into has " + into.rows() + " rows, but the batch's columns have " + rows);
        }
        if (into.velocities() == null || into.coverages() == null || into.bandHeld() == null || into.computedScores() == null) {
            throw Validate.invalid("into", "into needs velocity, coverage, bandHeld and computedScores columns to write "
                    + "(VectorColumns.allocate makes them)");
        }
        for (int p = 0; p < history.points(); p++) {
            if (!history.time(p).isBefore(accounts.asOf())) {
                throw Validate.invalid("history[" + p + "].at", "history[" + p + "] at " + history.time(p)
                        + " is not before the batch's as-of time " + accounts.asOf());
            }
        }
    }

    /**
     * A row as a snapshot.
     *
     * @param accounts the batch
     * @param history earlier runs' scores, over the batch's arrays
     * @param row the row of the batch
     * @return the snapshot
     */
    public static AccountSnapshot of(AccountBatch accounts, ScoreHistoryColumns history, int row) {
        int r = accounts.offset() + java.util.Objects.checkIndex(row, accounts.size());
        FeatureColumns f = accounts.features();
        FeatureSchema schema = f.schema();
        Features.Builder features = Features.builder(schema);
        for (int i = 0; i < schema.size(); i++) {
            double v = f.value(i, r);
            if (!Double.isNaN(v)) {
                features.setAt(i, v, f.observations(i, r));
            }
        }
        List<ScorePoint> points = new ArrayList<>();
        for (int p = 0; p < history.points(); p++) {
            double score = history.score(p, r);
            if (!Double.isNaN(score)) {
                points.add(ScorePoint.of(history.time(p), score));
            }
        }
        AccountId id = accounts.accountId(row);
        Instant asOf = accounts.asOf();
        AccountSnapshot.Builder snapshot = AccountSnapshot.builder().accountId(id).asOf(asOf).segment(accounts.segment(row))
                .lifecycleStage(accounts.stage(row)).features(features.build()).history(points);
        VectorColumns previous = accounts.previousVectors();
        if (previous != null && previous.bandCodes()[r] >= 0) {
            double score = previous.scores()[r];
            double velocity = previous.velocities() == null || Double.isNaN(previous.velocities()[r]) ? 0.0 : previous.velocities()[r];
            double coverage = previous.coverages() == null || Double.isNaN(previous.coverages()[r]) ? 0.0 : previous.coverages()[r];
            Instant at = history.points() > 0 ? history.time(history.points() - 1) : asOf.minusNanos(1);
            snapshot.previousVector(SuccessVector.builder().accountId(id).asOf(at).score(score)
                    .band(Band.of(previous.band(r), previous.bandCodes()[r])).direction(Direction.values()[previous.directionCodes()[r]])
                    .velocity(velocity).coverage(coverage)
                    .addContributions(Contribution.builder().input(PREVIOUS).group(PREVIOUS).points(score).weight(1.0).build())
                    .scorecardId(ScorecardId.of(PREVIOUS)).scorecardVersion(1).build());
        }
        return snapshot.override(Optional.ofNullable(accounts.override(row))).build();
    }
}
