package org.cskit.spring.boot;

import java.time.Instant;
import org.cskit.model.columns.VectorColumns;
import org.cskit.run.NightlyReport;

/**
 * The host's portfolio for the nightly run: define one as a bean, and the starter's {@link NightlyJob}
 * runs cs-run's {@link org.cskit.run.NightlyRun} over it (signals to features, vectors and plays,
 * with the play state in the configured store). The night works through the portfolio a slice at a
 * time: the facts and signals are read a slice at a time from {@link #tonight}'s sources and
 * tonight's vectors handed back a slice at a time to {@link #scored}, so the job holds no column of
 * the whole portfolio.
 *
 * <p><b>Changed in 0.1.0 (session 7):</b> {@code scored(NightlyInput, VectorColumns, NightlyReport)},
 * which received the whole portfolio's vectors after the run, is gone: a host that implemented it
 * moves the keeping to {@link #scored(int, int, VectorColumns)} (per slice) and the hand-over to
 * {@link #finished}. Since both are default methods, an old implementation without
 * {@code @Override} still compiles and no longer hears anything: annotate implementations with
 * {@code @Override} so that such a change fails the build.
 */
public interface NightlyPortfolio {

    /**
     * Tonight's inputs: the accounts' facts and their signals, one row per account in both. Called
     * once per run, on the run's thread.
     *
     * @param asOf the run's time; the accounts' batches must be as of it
     * @return the inputs
     */
    NightlyInput tonight(Instant asOf);

    /**
     * Tonight's vectors of accounts {@code [from, from + rows)}, as soon as their slice is scored
     * (before its playbooks run), to keep them (as tomorrow's previous vectors, or in the host's score
     * history). Called from the run's threads, one slice per call, each slice once, so it must be
     * thread-safe; the columns are reused for the thread's next slice once the call returns: copy what
     * you keep. A run that fails later has handed over the slices scored before it failed (see
     * {@link #finished}). The default keeps nothing.
     *
     * @param from the slice's first account
     * @param rows how many accounts the slice has
     * @param vectors the slice's vectors: read rows {@code [0, rows)} only; a band code indexes
     *     {@link VectorColumns#bandLabels()}
     * @throws Exception if the vectors cannot be kept; the run stops with it
     */
    default void scored(int from, int rows, VectorColumns vectors) throws Exception {}

    /**
     * Hears that tonight's run is done, every slice's vectors handed to {@link #scored}: the moment to
     * make them tomorrow's. Not called when the run failed. Called on the run's thread. The default
     * does nothing.
     *
     * @param input what {@link #tonight} gave
     * @param report what the run did
     */
    default void finished(NightlyInput input, NightlyReport report) {}
}
