/**
 * For plug-in authors: implement {@link org.cskit.scoring.spi.ScoringStrategy} and ship a
 * {@link org.cskit.scoring.spi.ScoringStrategyProvider} (registered with
 * {@code META-INF/services} or {@code provides} in a module) so that hosts can find it by name and
 * configure it from JSON through {@link org.cskit.scoring.ScoringStrategies}.
 */
package org.cskit.scoring.spi;
