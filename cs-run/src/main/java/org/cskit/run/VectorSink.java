package org.cskit.run;

import java.util.List;
import org.cskit.model.Validate;
import org.cskit.model.columns.VectorColumns;

/**
 * Where a {@link NightlyRun} hands today's vectors, a slice of accounts at a time, as soon as the
 * slice is scored: so that a host that saves them (to its score history, to a table) need not hold
 * ten million accounts' vectors at once (27 to 35 bytes an account as whole columns).
 *
 * <p>Called from the run's worker threads, one call per slice and at most one call at a time per
 * thread, so it must be thread-safe. The columns handed over belong to the calling thread and are
 * reused for its next slice once the call returns: copy what you keep.
 */
public interface VectorSink {

    /**
     * The band labels the run scores into: a band code in the vectors handed over indexes them.
     *
     * @return the labels, worst first, as {@link VectorColumns#bandLabels} has them
     */
    List<String> bandLabels();

    /**
     * Today's vectors of accounts {@code [from, from + rows)}: rows {@code [0, rows)} of
     * {@code vectors}, which has score, band, direction, velocity, coverage, band-held and
     * computed-score columns (the computed score differs from the score only on rows whose manual
     * override is active).
     *
     * @param from the slice's first account
     * @param rows how many accounts the slice has
     * @param vectors the slice's vectors (at least {@code rows} rows; read rows {@code [0, rows)} only)
     * @throws Exception if the vectors cannot be kept; the run stops with it
     */
    void accept(int from, int rows, VectorColumns vectors) throws Exception;

    /**
     * A sink that copies every slice into columns of the whole portfolio, at the slice's rows. The
     * band-held and computed-score columns are copied when {@code today} has them.
     *
     * @param today one row per account, with velocity and coverage columns
     *     ({@link VectorColumns#allocate} makes them all: 35 bytes an account)
     * @return the sink
     * @throws org.cskit.model.ValidationException if today is null or has no velocity or coverage column
     */
    static VectorSink into(VectorColumns today) {
        Validate.present("today", today);
        if (today.velocities() == null || today.coverages() == null) {
            throw Validate.invalid("today", "today's vectors need velocity and coverage columns to write (VectorColumns.allocate makes them)");
        }
        return new VectorSink() {
            @Override
            public List<String> bandLabels() {
                return today.bandLabels();
            }

            @Override
            public void accept(int from, int rows, VectorColumns vectors) {
                System.arraycopy(vectors.scores(), 0, today.scores(), from, rows);
                System.arraycopy(vectors.bandCodes(), 0, today.bandCodes(), from, rows);
                System.arraycopy(vectors.directionCodes(), 0, today.directionCodes(), from, rows);
                System.arraycopy(vectors.velocities(), 0, today.velocities(), from, rows);
                System.arraycopy(vectors.coverages(), 0, today.coverages(), from, rows);
                if (today.bandHeld() != null) {
                    System.arraycopy(vectors.bandHeld(), 0, today.bandHeld(), from, rows);
                }
                if (today.computedScores() != null) {
                    System.arraycopy(vectors.computedScores(), 0, today.computedScores(), from, rows);
                }
            }
        };
    }

    /**
     * A sink that hands each slice to a function, such as a write to the host's score history.
     *
     * @param bandLabels the band labels the run scores into (a band code indexes them), as
     *     {@link VectorColumns#allocate} takes them
     * @param slices takes each slice's vectors, as {@link #accept} says
     * @return the sink
     * @throws org.cskit.model.ValidationException if either is null or the labels are empty
     */
    static VectorSink of(List<String> bandLabels, Slices slices) {
        Validate.present("bandLabels", bandLabels);
        Validate.present("slices", slices);
        List<String> labels = VectorColumns.allocate(0, bandLabels).bandLabels();
        return new VectorSink() {
            @Override
            public List<String> bandLabels() {
                return labels;
            }

            @Override
            public void accept(int from, int rows, VectorColumns vectors) throws Exception {
                slices.accept(from, rows, vectors);
            }
        };
    }

    /** Takes the vectors of a slice of accounts. */
    @FunctionalInterface
    interface Slices {
        /**
         * Today's vectors of accounts {@code [from, from + rows)}, as {@link VectorSink#accept} says.
         *
         * @param from the slice's first account
         * @param rows how many accounts the slice has
         * @param vectors the slice's vectors (read rows {@code [0, rows)} only)
         * @throws Exception if the vectors cannot be kept; the run stops with it
         */
        void accept(int from, int rows, VectorColumns vectors) throws Exception;
    }
}
