package org.cskit.scoring.spi;

/**
 * Creates strategies of one kind from their configuration. Found by name through
 * {@link org.cskit.scoring.ScoringStrategies}: registered explicitly, or discovered with
 * {@link java.util.ServiceLoader} when the host opts in. Implementations must have a public no-arg
 * constructor (for ServiceLoader) and be thread-safe.
 *
 * @param <C> the configuration type, readable from JSON with cskit's JSON rules
 */
public interface ScoringStrategyProvider<C> {

    /**
     * The kind's name, such as {@code weighted-scorecard}. Compared ignoring case and surrounding spaces.
     *
     * @return the name
     */
    String name();

    /**
     * The configuration's type, which JSON configuration is read into.
     *
     * @return the type
     */
    Class<C> configType();

    /**
     * Creates a strategy.
     *
     * @param config the configuration
     * @return the strategy
     * @throws org.cskit.model.ValidationException if the configuration is not usable
     */
    ScoringStrategy create(C config);
}
