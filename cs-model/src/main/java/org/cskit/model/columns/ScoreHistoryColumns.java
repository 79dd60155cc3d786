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
 * <p>A point's scores are a {@code double[]} (8 bytes per account) or, compactly, a {@code char[]}
 * of fixed-point codes (2 bytes per account): code {@code c} is the score {@code c / 500.0}, a step
 * of 0.002 points, and {@link #NOT_SCORED} marks an account not scored. At 10,000,000 accounts and
 * the 12 weekly points of an 84-day lookback that measured 252 MB instead of 969 MB
 * ({@code ScoreHistorySize} in cs-benchmarks). Every score that is a multiple of 0.002 (so every
 * score given to two decimals) is held exactly: its code decodes to the very {@code double} given.
 * Other scores are refused by {@link #encode}, never silently rounded; a host that keeps today's
 * scores compactly rounds them on purpose with {@link #nearestCodes(double[])}. Scoring and
 * {@code RowSnapshots} (the object path) both read a code through {@link #decode}, so both paths see
 * the same history.
 *
 * <p>Checked when built: times strictly increasing, one score per row, scores in [0, 100] or NaN
 * (codes at most {@link #MAX_CODE} or {@link #NOT_SCORED}), each problem naming the point, the row
 * and the value. Immutable apart from the wrapped arrays.
 *
 * <pre>{@code
 * ScoreHistoryColumns history = ScoreHistoryColumns.builder(n)
 *         .point(twoWeeksAgo, ScoreHistoryColumns.nearestCodes(scoresThen))
 *         .point(lastWeek, scoresLastWeek).build();
 * }</pre>
 */
public final class ScoreHistoryColumns {
    /** Codes per score point: a code {@code c} is the score {@code c / 500.0}. */
    public static final int CODES_PER_POINT = 500;
    /** The code of score 100, the largest. */
    public static final char MAX_CODE = (char) (100 * CODES_PER_POINT);
    /** The code of an account not scored at a point (NaN). */
    public static final char NOT_SCORED = '\uFFFF';

    private final int rows;
    private final List<Instant> times;
    private final double[][] scores; // per point, null where the point is held as codes
    private final char[][] codes; // per point, null where the point is held as doubles

    private ScoreHistoryColumns(int rows, List<Instant> times, double[][] scores, char[][] codes) {
        this.rows = rows;
        this.times = times;
        this.scores = scores;
        this.codes = codes;
    }

    /**
     * The code of a score that a code holds exactly.
     *
     * @param score a score in [0, 100] that is a multiple of 0.002 (its code decodes to it), or NaN
     * @return its code; {@link #NOT_SCORED} for NaN
     * @throws org.cskit.model.ValidationException naming the score if it is outside [0, 100] or
     *     between two codes
     */
    public static char encode(double score) {
        if (Double.isNaN(score)) {
            return NOT_SCORED;
        }
        char code = nearestCode(score);
        if (decode(code) != score) {
            throw Validate.invalid("score", "score " + score + " is not a multiple of 0.002, so a 2-byte code cannot hold it; "
                    + "round it on purpose (ScoreHistoryColumns.nearestCode) or keep the point as doubles");
        }
        return code;
    }

    /**
     * The code nearest a score (half-way rounds up): what a host calls when it keeps scores compactly on purpose.
     *
     * @param score a score in [0, 100], or NaN
     * @return its nearest code; {@link #NOT_SCORED} for NaN
     * @throws org.cskit.model.ValidationException naming the score if it is outside [0, 100]
     */
    public static char nearestCode(double score) {
        if (Double.isNaN(score)) {
            return NOT_SCORED;
        }
        if (!(score >= 0.0 && score <= 100.0)) {
            throw Validate.invalid("score", "score is " + score + "; a score must be in [0, 100], or NaN where not scored");
        }
        return (char) Math.round(score * CODES_PER_POINT);
    }

    /**
     * The codes nearest each score, as {@link #nearestCode(double)}.
     *
     * @param scores scores in [0, 100], or NaN
     * @return a new array of codes, one per score
     * @throws org.cskit.model.ValidationException naming the row and score of the first outside [0, 100]
     */
    public static char[] nearestCodes(double[] scores) {
        Objects.requireNonNull(scores, "scores");
        char[] out = new char[scores.length];
        for (int r = 0; r < scores.length; r++) {
            double s = scores[r];
            if (!Double.isNaN(s) && !(s >= 0.0 && s <= 100.0)) {
                throw Validate.invalid("scores[" + r + "]", "score is " + s + " in row " + r
                        + "; a score must be in [0, 100], or NaN where not scored");
            }
            out[r] = nearestCode(s);
        }
        return out;
    }

    /**
     * The score a code holds.
     *
     * @param code a code, at most {@link #MAX_CODE}, or {@link #NOT_SCORED}
     * @return {@code code / 500.0}; NaN for {@link #NOT_SCORED}
     */
    public static double decode(char code) {
        return code == NOT_SCORED ? Double.NaN : code / (double) CODES_PER_POINT;
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
     *     held as codes ({@link #codes})
     */
    public double[] scores(int point) {
        return scores[point];
    }

    /**
     * One point's scores, when held as codes.
     *
     * @param point the point, 0 the oldest
     * @return the codes (not a copy; read each with {@link #decode}); null when the point is held as
     *     doubles ({@link #scores})
     */
    public char[] codes(int point) {
        return codes[point];
    }

    /**
     * One account's score at a point, whichever way the point is held.
     *
     * @param point the point, 0 the oldest
     * @param row the account's row
     * @return the score (a code decoded), NaN where the account was not scored
     */
    public double score(int point, int row) {
        double[] d = scores[point];
        return d != null ? d[row] : decode(codes[point][row]);
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
        private final List<char[]> codes = new ArrayList<>();

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
            this.codes.add(null);
            return this;
        }

        /**
         * Adds a point after the ones before, its scores held as 2-byte codes (a quarter of the memory of
         * doubles): wrapped, not copied, so a host may restore them straight from storage.
         *
         * @param at when the scores held
         * @param codes one per row ({@link #encode} or {@link #nearestCodes(double[])} make them), at most
         *     {@link #MAX_CODE}, {@link #NOT_SCORED} where not scored
         * @return this builder
         */
        public Builder point(Instant at, char[] codes) {
            times.add(Objects.requireNonNull(at, "at"));
            this.codes.add(Objects.requireNonNull(codes, "codes"));
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
                char[] c = codes.get(p);
                Columns.length(name, d != null ? d.length : c.length, rows);
                for (int r = 0; r < rows; r++) {
                    if (d != null) {
                        double s = d[r];
                        if (!Double.isNaN(s) && !(s >= 0.0 && s <= 100.0)) {
                            throw Validate.invalid(name + "[" + r + "]", "score is " + s + " in row " + r + " of " + name
                                    + "; a score must be in [0, 100], or NaN where not scored");
                        }
                    } else if (c[r] > MAX_CODE && c[r] != NOT_SCORED) {
                        throw Validate.invalid(name + "[" + r + "]", "code is " + (int) c[r] + " in row " + r + " of " + name
                                + "; a code must be at most " + (int) MAX_CODE + " (score 100), or " + (int) NOT_SCORED
                                + " where not scored");
                    }
                }
            }
            return new ScoreHistoryColumns(rows, List.copyOf(times), scores.toArray(new double[0][]), codes.toArray(new char[0][]));
        }
    }
}
