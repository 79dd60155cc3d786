package org.cskit.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Binds cskit's engine and scoring reports to the host's Micrometer {@link MeterRegistry}
 * ({@link CsKitMetrics}), when Micrometer is on the class path and a registry bean exists.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class CsKitMetricsAutoConfiguration {

    /**
     * The binding.
     *
     * @param registry the host's registry
     * @return the listener that records into it
     */
    @Bean
    @ConditionalOnMissingBean
    public CsKitMetrics cskitMetrics(MeterRegistry registry) {
        return new CsKitMetrics(registry);
    }
}
