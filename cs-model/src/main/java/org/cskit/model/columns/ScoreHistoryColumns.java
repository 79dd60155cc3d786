package org.cskit.model.columns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cskit.model.Validate;

/**
 * Earlier runs' scores as columns: what direction and velocity are read from. A history is a few
 * points in time (the earlier runs, oldest first), each with one score column; an account not
 * scored in a run has NaN there. The columnar form of {@link org.cskit.model.AccountSnapshot#history()}
 * for accounts scored by the same runs.
 *
 * <p>A point's scores are a {@code double[]} or, at half the memory, a {@code float[]}: 4 bytes
 * per account and point instead of 8, which at 10,000,000 accounts and the 12 weekly points of an
 * 84-day lookback measured 491 MB instead of 969 MB ({@code ScoreHistorySize} in cs-benchmarks).
 * A float keeps a score to about 7 significant digits (better than 0.00001 points); scoring reads
 * the float widened to a double, and so does {@code RowSnapshots} for the object path, so both
 * paths see the same history.
 *
 * <p>Checked when built: times strictly increasing, one score per row, scores in [0, 100] or NaN,
 * each problem naming the point, the row and the value. Immutable apart from the wrapped arrays.
 *
 * <pre>{@code
 * ScoreHistoryColumns history = ScoreHistoryColumns.builder(n)
 *         .point(twoWeeksAgo, scoresThen).point(lastWeek, scoresLastWeek).build();
 * }</pre>
 */
public final class ScoreHistoryColumns {
    private final int rows;
    private final List<Instant> times;
    private final double[][] scores; // per point, null where the point is held as floats
    private final float[][] floats; // per point, null where the point is held as doubles

    private ScoreHistoryColumns(int rows, List<Instant> times, double[][] scores, float[][] floats) {
        this.rows = rows;
        this.times = times;
        this.scores = scores;
        this.floats = floats;
    }

    /**
     * Starts a history.
     *
     * @param rows the number of accounts
     * @return a builder without points
     */
    public static Builder builder(int rows) {
        return new Builder(rows);
    }

    /**
     * No history: every account is new.
     *
     * @param rows the number of accounts
     * @return the empty history
     */
    public static ScoreHistoryColumns empty(int rows) {
        return builder(rows).build();
    }

    /** @return the number of accounts */
    public int rows() {
        return rows;
    }

    /** @return the number of points */
    public int points() {
        return times.size();
    }

    /**
     * When a point was scored.
     *
     * @param point the point, 0 the oldest
     * @return its time
     */
    public Instant time(int point) {
        return times.get(point);
    }

    /**
     * One point's scores, when held as doubles.
     *
     * @param point the point, 0 the oldest
     * @return the scores (not a copy), NaN where an account was not scored; null when the point is
     *     held as floats ({@link #floatScores})
     */
    public double[] scores(int point) {
        return scores[point];
    }

    /**
     * One point's scores, when held as floats.
     *
     * @param point the point, 0 the oldest
     * @return the scores (not a copy), NaN where an account was not scored; null when the point is
     *     held as doubles ({@link #scores})
     */
    public float[] floatScores(int point) {
        return floats[point];
    }

    /**
     * One account's score at a point, whichever way the point is held.
     *
     * @param point the point, 0 the oldest
     * @param row the account's row
     * @return the score (a float widened to a double), NaN where the account was not scored
     */
    public double score(int point, int row) {
        double[] d = scores[point];
        return d != null ? d[row] : floats[point][row];
    }

    @Override
    public String toString() {
        return "ScoreHistoryColumns[" + rows + " rows, at " + times + "]";
    }

    /** Builds {@link ScoreHistoryColumns}; not thread-safe. */
    public static final class Builder {
        private final int rows;
        private final List<Instant> times = new ArrayList<>();
        private final List<double[]> scores = new ArrayList<>();
        private final List<float[]> floats = new ArrayList<>();

        private Builder(int rows) {
            this.rows = Validate.atLeast("rows", rows, 0);
        }

        /**
         * Adds a point after the ones before.
         *
         * @param at when the scores held
         * @param scores one per row, in [0, 100], NaN where not scored
         * @return this builder
         */
        public Builder point(Instant at, double[] scores) {
            times.add(Objects.requireNonNull(at, "at"));
            this.scores.add(Objects.requireNonNull(scores, "scores"));
            this.floats.add(null);
            return this;
        }

        /**
         * Adds a point after the ones before, its scores held as floats (half the memory of doubles).
         *
         * @param at when the scores held
         * @param scores one per row, in [0, 100], NaN where not scored
         * @return this builder
         */
        public Builder point(Instant at, float[] scores) {
            times.add(Objects.requireNonNull(at, "at"));
            this.floats.add(Objects.requireNonNull(scores, "scores"));
            this.scores.add(null);
            return this;
        }

        /**
         * Checks every point and builds.
         *
         * @return the history
         * @throws org.cskit.model.ValidationException naming the point, row and value of the first problem
         */
        public ScoreHistoryColumns build() {
            for (int p = 0; p < times.size(); p++) {
                String name = "history[" + p + "]";
                if (p > 0 && !times.get(p).isAfter(times.get(p - 1))) {
                    throw Validate.invalid(name + ".at", name + " at " + times.get(p) + " is not after history[" + (p - 1)
                            + "] at " + times.get(p - 1) + ": points must be in strictly increasing time order");
                }
                double[] d = scores.get(p);
                float[] f = floats.get(p);
                Columns.length(name, d != null ? d.length : f.length, rows);
                for (int r = 0; r < rows; r++) {
                    double s = d != null ? d[r] : f[r];
                    if (!Double.isNaN(s) && !(s >= 0.0 && s <= 100.0)) {
                        throw Validate.invalid(name + "[" + r + "]", "score is " + (d != null ? Double.toString(s) : Float.toString(f[r]))
                                + " in row " + r + " of " + name + "; a score must be in [0, 100], or NaN where not scored");
                    }
                }
            }
            return new ScoreHistoryColumns(rows, List.copyOf(times), scores.toArray(new double[0][]), floats.toArray(new float[0][]));
        }
    }
}
