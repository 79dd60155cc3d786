package org.cskit.spring.boot;

import java.time.Instant;
import org.cskit.model.columns.VectorColumns;
import org.cskit.run.NightlyReport;

/**
 * The host's portfolio for the nightly run: define one as a bean, and the starter's {@link NightlyJob}
 * runs cs-run's {@link org.cskit.run.NightlyRun} over it (signals to features, vectors and plays,
 * with the play state in the configured store). Called once per run, on the run's thread.
 */
public interface NightlyPortfolio {

    /**
     * Tonight's inputs: the accounts' facts and their signals, one row per account in both.
     *
     * @param asOf the run's time; the accounts' batch must be as of it
     * @return the inputs
     */
    NightlyInput tonight(Instant asOf);

    /**
     * Hears tonight's vectors once the run is done, to keep them (as tomorrow's previous vectors or
     * in the host's score history). The default keeps nothing. Not called when the run failed.
     *
     * @param input what {@link #tonight} gave
     * @param today the vectors, row {@code r} being the batch's row {@code r}
     * @param report what the run did
     */
    default void scored(NightlyInput input, VectorColumns today, NightlyReport report) {}
}
