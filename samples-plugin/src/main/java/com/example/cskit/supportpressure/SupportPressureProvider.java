package com.example.cskit.supportpressure;

import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * Provides {@link SupportPressure} to cskit under the name {@value SupportPressure#NAME}, configured by
 * a {@link SupportPressure.Config}. Listed in {@code META-INF/services} and in {@code module-info}, so
 * that {@code ScoringStrategies.loadFromServiceLoader()} finds it. Stateless and thread-safe.
 */
public final class SupportPressureProvider implements ScoringStrategyProvider<SupportPressure.Config> {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public SupportPressureProvider() {}

    @Override
    public String name() {
        return SupportPressure.NAME;
    }

    @Override
    public Class<SupportPressure.Config> configType() {
        return SupportPressure.Config.class;
    }

    @Override
    public ScoringStrategy create(SupportPressure.Config config) {
        return SupportPressure.of(config);
    }
}
