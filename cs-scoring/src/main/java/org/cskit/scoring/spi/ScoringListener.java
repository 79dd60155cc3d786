package org.cskit.scoring.spi;

/**
 * Hears what a scoring strategy did, once per call: once per account scored through
 * {@link ScoringStrategy#score} or {@link ScoringStrategy#summarize}, once per batch through
 * {@link ScoringStrategy#scoreAll}. Strategies do not call it themselves: wrap one with
 * {@link org.cskit.scoring.ObservedScoring#of}; an unwrapped strategy costs nothing more. A host
 * binds it to its metrics (the Spring Boot starter binds it to Micrometer).
 *
 * <p>Implementations must be thread-safe and quick: the call is made on the scoring thread. An
 * exception thrown here reaches the caller of the scoring call.
 */
@FunctionalInterface
public interface ScoringListener {

    /**
     * One scoring call finished.
     *
     * @param report what it scored, by band
     */
    void scored(ScoringReport report);
}
