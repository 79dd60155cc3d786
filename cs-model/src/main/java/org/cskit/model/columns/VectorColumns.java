package org.cskit.model.columns;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cskit.model.Direction;
import org.cskit.model.Validate;

/**
 * A portfolio's success vectors as columns, one row per account: score, band code, direction code,
 * velocity and coverage, whether hysteresis held the band and, where a manual override set the
 * score, the score computed without it: the columnar form of {@link org.cskit.model.SuccessVector}
 * without its explanation. A scoring strategy writes them; the next run reads them back as the previous
 * vectors (band hysteresis, band and direction transitions).
 *
 * <p>An unscored row has score NaN, band code {@code -1} and direction code {@code -1}; a scored
 * row has all three. A band code indexes {@link #bandLabels()}; a direction code is a
 * {@link Direction} ordinal. Velocity (points per week) and coverage (0 to 1) may be left out: they
 * are then missing (NaN) for every row.
 *
 * <p>Two optional columns carry what {@link org.cskit.model.SuccessVector#bandHeld()} and
 * {@link org.cskit.model.SuccessVector#override()} say: {@link #bandHeld()}, true where band
 * hysteresis kept the previous band (the score alone would give another), and
 * {@link #computedScores()}, the score the strategy computed where an active manual override set
 * the row's score (the row's score is then the override's), NaN where no override applied. Left
 * out, no band was held and no score overridden.
 *
 * <p>Checked when built, each problem naming the column, the row and the value: scores in
 * [0, 100] or NaN, coverage in [0, 1] or NaN, velocity finite or NaN, codes in range, and the
 * three parts of a row scored together. {@link #allocate} makes columns for a strategy to write:
 * every row unscored. Immutable apart from the wrapped arrays; safe to read from many threads
 * while nobody writes them.
 *
 * <pre>{@code
 * VectorColumns vectors = VectorColumns.builder(n).bands("red", "yellow", "green")
 *         .scores(scores).bandCodes(bands).directionCodes(directions).velocities(velocity).coverages(coverage)
 *         .build();
 * }</pre>
 */
public final class VectorColumns {
    private static final int DIRECTIONS = Direction.values().length;

    private final int rows;
    private final List<String> bandLabels;
    private final double[] scores;
    private final byte[] bandCodes;
    private final byte[] directionCodes;
    private final double[] velocities; // null = missing everywhere
    private final double[] coverages; // null = missing everywhere
    private final boolean[] bandHeld; // null = held nowhere
    private final double[] computedScores; // null = no override anywhere

    private VectorColumns(int rows, List<String> bandLabels, double[] scores, byte[] bandCodes, byte[] directionCodes,
            double[] velocities, double[] coverages, boolean[] bandHeld, double[] computedScores) {
        this.rows = rows;
        this.bandLabels = bandLabels;
        this.scores = scores;
        this.bandCodes = bandCodes;
        this.directionCodes = directionCodes;
        this.velocities = velocities;
        this.coverages = coverages;
        this.bandHeld = bandHeld;
        this.computedScores = computedScores;
    }

    /**
     * Starts vector columns.
     *
     * @param rows the number of rows, at least 0
     * @return a builder
     */
    public static Builder builder(int rows) {
        return new Builder(rows);
    }

    /**
     * Vector columns for a scoring strategy to write: every row unscored (NaN scores, velocities,
     * coverages and computed scores, {@code -1} codes, no band held).
     *
     * @param rows the number of rows, at least 0
     * @param bandLabels the labels band codes index, distinct and not blank, at most 127
     * @return the columns
     */
    public static VectorColumns allocate(int rows, List<String> bandLabels) {
        Validate.atLeast("rows", rows, 0);
        List<String> labels = labels(bandLabels.toArray(new String[0]));
        double[] scores = new double[rows];
        double[] velocities = new double[rows];
        double[] coverages = new double[rows];
        byte[] bands = new byte[rows];
        byte[] directions = new byte[rows];
        Arrays.fill(scores, Double.NaN);
        Arrays.fill(velocities, Double.NaN);
        Arrays.fill(coverages, Double.NaN);
        Arrays.fill(bands, (byte) -1);
        Arrays.fill(directions, (byte) -1);
        double[] computed = new double[rows];
        Arrays.fill(computed, Double.NaN);
        return new VectorColumns(rows, labels, scores, bands, directions, velocities, coverages, new boolean[rows], computed);
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** @return the labels band codes index, such as {@code [red, yellow, green]} */
    public List<String> bandLabels() {
        return bandLabels;
    }

    /** @return the scores (not a copy), NaN where unscored */
    public double[] scores() {
        return scores;
    }

    /** @return the band codes (not a copy), {@code -1} where unscored */
    public byte[] bandCodes() {
        return bandCodes;
    }

    /** @return the direction codes ({@link Direction} ordinals; not a copy), {@code -1} where unscored */
    public byte[] directionCodes() {
        return directionCodes;
    }

    /** @return the velocities (not a copy), or null when missing for every row */
    public double[] velocities() {
        return velocities;
    }

    /** @return the coverages (not a copy), or null when missing for every row */
    public double[] coverages() {
        return coverages;
    }

    /**
     * @return per row whether hysteresis held the previous band (not a copy), or null when no row's
     *     band was held
     */
    public boolean[] bandHeld() {
        return bandHeld;
    }

    /**
     * @return per row the score computed without the active manual override that set the row's
     *     score (not a copy), NaN where no override applied; or null when none applied anywhere
     */
    public double[] computedScores() {
        return computedScores;
    }

    /**
     * Whether hysteresis held a row's band.
     *
     * @param row the row
     * @return true if the previous band was kept although the score alone gives another
     */
    public boolean bandHeld(int row) {
        return bandHeld != null && bandHeld[row];
    }

    /**
     * Whether an active manual override set a row's score.
     *
     * @param row the row
     * @return true if the row's score is an override's, and {@link #computedScores()} holds the computed one
     */
    public boolean overridden(int row) {
        return computedScores != null && !Double.isNaN(computedScores[row]);
    }

    /**
     * A row's band label.
     *
     * @param row the row
     * @return the label, or null when unscored
     */
    public String band(int row) {
        int code = bandCodes[row];
        return code < 0 ? null : bandLabels.get(code);
    }

    /**
     * A row's direction.
     *
     * @param row the row
     * @return the direction, or null when unscored
     */
    public Direction direction(int row) {
        int code = directionCodes[row];
        return code < 0 ? null : Direction.values()[code];
    }

    @Override
    public String toString() {
        return "VectorColumns[" + rows + " rows, bands " + bandLabels + "]";
    }

    private static List<String> labels(String... labels) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.length; i++) {
            Validate.nonBlank("bands[" + i + "]", labels[i]);
            if (!seen.add(labels[i])) {
                throw Validate.invalid("bands[" + i + "]", "band '" + labels[i] + "' is listed twice");
            }
        }
        if (labels.length > Byte.MAX_VALUE) {
            throw Validate.invalid("bands", labels.length + " bands, but at most " + Byte.MAX_VALUE + " fit a byte code");
        }
        return List.of(labels);
    }

    /** Builds {@link VectorColumns}; not thread-safe. */
    public static final class Builder {
        private final int rows;
        private List<String> bandLabels = List.of();
        private double[] scores;
        private byte[] bandCodes;
        private byte[] directionCodes;
        private double[] velocities;
        private double[] coverages;
        private boolean[] bandHeld;
        private double[] computedScores;

        private Builder(int rows) {
            this.rows = Validate.atLeast("rows", rows, 0);
        }

        /**
         * The labels band codes index, such as {@code "red", "yellow", "green"}. Required.
         *
         * @param labels distinct, non-blank labels; at most 127
         * @return this builder
         */
        public Builder bands(String... labels) {
            this.bandLabels = labels(labels);
            return this;
        }

        /**
         * The labels band codes index.
         *
         * @param labels distinct, non-blank labels; at most 127
         * @return this builder
         */
        public Builder bands(List<String> labels) {
            return bands(labels.toArray(new String[0]));
        }

        /**
         * The scores, in [0, 100], NaN where unscored. Required.
         *
         * @param scores one per row
         * @return this builder
         */
        public Builder scores(double[] scores) {
            this.scores = Objects.requireNonNull(scores, "scores");
            return this;
        }

        /**
         * The band codes, indexes into {@link #bands}, {@code -1} where unscored. Required.
         *
         * @param codes one per row
         * @return this builder
         */
        public Builder bandCodes(byte[] codes) {
            this.bandCodes = Objects.requireNonNull(codes, "bandCodes");
            return this;
        }

        /**
         * The direction codes, {@link Direction} ordinals, {@code -1} where unscored. Required.
         *
         * @param codes one per row
         * @return this builder
         */
        public Builder directionCodes(byte[] codes) {
            this.directionCodes = Objects.requireNonNull(codes, "directionCodes");
            return this;
        }

        /**
         * The velocities, points per week, NaN where unknown. Optional.
         *
         * @param velocities one per row
         * @return this builder
         */
        public Builder velocities(double[] velocities) {
            this.velocities = Objects.requireNonNull(velocities, "velocities");
            return this;
        }

        /**
         * The coverages, in [0, 1], NaN where unknown. Optional.
         *
         * @param coverages one per row
         * @return this builder
         */
        public Builder coverages(double[] coverages) {
            this.coverages = Objects.requireNonNull(coverages, "coverages");
            return this;
        }

        /**
         * Per row whether hysteresis held the previous band; true only on scored rows. Optional.
         *
         * @param held one per row
         * @return this builder
         */
        public Builder bandHeld(boolean[] held) {
            this.bandHeld = Objects.requireNonNull(held, "bandHeld");
            return this;
        }

        /**
         * Per row the score computed without the active manual override that set the row's score, in
         * [0, 100], NaN where no override applied; a number only on scored rows. Optional.
         *
         * @param computed one per row
         * @return this builder
         */
        public Builder computedScores(double[] computed) {
            this.computedScores = Objects.requireNonNull(computed, "computedScores");
            return this;
        }

        /**
         * Checks every column and builds.
         *
         * @return the columns
         * @throws org.cskit.model.ValidationException naming the column, row and value of the first problem
         */
        public VectorColumns build() {
            Validate.present("scores", scores);
            Validate.present("bandCodes", bandCodes);
            Validate.present("directionCodes", directionCodes);
            Columns.length("scores", scores.length, rows);
            Columns.length("bandCodes", bandCodes.length, rows);
            Columns.length("directionCodes", directionCodes.length, rows);
            Columns.codes("band", bandCodes, -1, bandLabels.size());
            Columns.codes("direction", directionCodes, -1, DIRECTIONS);
            for (int r = 0; r < rows; r++) {
                double s = scores[r];
                boolean scored = !Double.isNaN(s);
                if (scored && !(s >= 0.0 && s <= 100.0)) {
                    throw Validate.invalid("scores[" + r + "]", "score is " + s + " in row " + r
                            + "; a score must be in [0, 100], or NaN for an unscored row");
                }
                if (scored != (bandCodes[r] >= 0) || scored != (directionCodes[r] >= 0)) {
                    throw Validate.invalid("scores[" + r + "]", "row " + r + " has score " + s + ", band code " + bandCodes[r]
                            + " and direction code " + directionCodes[r]
                            + ": a scored row has all three, an unscored row NaN and -1, -1");
                }
            }
            if (velocities != null) {
                Columns.length("velocities", velocities.length, rows);
                for (int r = 0; r < rows; r++) {
                    if (Double.isInfinite(velocities[r])) {
                        throw Validate.invalid("velocities[" + r + "]", "velocity is " + velocities[r] + " in row " + r
                                + "; give a finite number, or NaN for unknown");
                    }
                }
            }
            if (coverages != null) {
                Columns.length("coverages", coverages.length, rows);
                for (int r = 0; r < rows; r++) {
                    double c = coverages[r];
                    if (!Double.isNaN(c) && !(c >= 0.0 && c <= 1.0)) {
                        throw Validate.invalid("coverages[" + r + "]", "coverage is " + c + " in row " + r
                                + "; coverage must be in [0, 1], or NaN for unknown");
                    }
                }
            }
            if (bandHeld != null) {
                Columns.length("bandHeld", bandHeld.length, rows);
                for (int r = 0; r < rows; r++) {
                    if (bandHeld[r] && bandCodes[r] < 0) {
                        throw Validate.invalid("bandHeld[" + r + "]", "bandHeld is true in row " + r
                                + ", which is unscored; only a scored row's band can be held");
                    }
                }
            }
            if (computedScores != null) {
                Columns.length("computedScores", computedScores.length, rows);
                for (int r = 0; r < rows; r++) {
                    double c = computedScores[r];
                    if (Double.isNaN(c)) {
                        continue;
                    }
                    if (!(c >= 0.0 && c <= 100.0)) {
                        throw Validate.invalid("computedScores[" + r + "]", "computed score is " + c + " in row " + r
                                + "; a computed score must be in [0, 100], or NaN where no override applied");
                    }
                    if (bandCodes[r] < 0) {
                        throw Validate.invalid("computedScores[" + r + "]", "computed score is " + c + " in row " + r
                                + ", which is unscored; an overridden row is scored (its score is the override's)");
                    }
                }
            }
            return new VectorColumns(rows, bandLabels, scores, bandCodes, directionCodes, velocities, coverages, bandHeld,
                    computedScores);
        }
    }
}
