package org.cskit.playbooks.spi;

/**
 * Hears what a {@link org.cskit.playbooks.engine.PlaybookEngine} did, once per call: once per
 * portfolio call (for {@code evaluateParallel}, once per slice of rows), once per account
 * evaluation and once per event, never once per row inside a batch. A host binds it to its
 * metrics (the Spring Boot starter binds it to Micrometer). Without a listener the engine neither
 * counts per playbook nor reads the clock.
 *
 * <p>Implementations must be thread-safe (the engine reports from every thread that evaluates) and
 * quick: the call is made on the evaluating thread, after the plays were delivered. An exception
 * thrown here reaches the caller of the evaluation; the evaluation's state changes are already
 * made.
 */
@FunctionalInterface
public interface EngineListener {

    /**
     * One call of the engine finished.
     *
     * @param report what it did, by playbook
     */
    void evaluated(EvaluationReport report);
}
