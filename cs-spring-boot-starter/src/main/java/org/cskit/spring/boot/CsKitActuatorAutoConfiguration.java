package org.cskit.spring.boot;

import org.cskit.playbooks.engine.PlaybookEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * cskit in Actuator: the health indicator {@code cskit} (when spring-boot-health is there and
 * {@code management.health.cskit.enabled} is not false) and the endpoint {@code cskit} (when
 * Actuator is there and the endpoint is available, that is exposed).
 */
@AutoConfiguration(after = CsKitAutoConfiguration.class)
@ConditionalOnBean({PlaybookEngine.class, CsKitScoring.class})
public class CsKitActuatorAutoConfiguration {

    /** The health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        /**
         * @param engine the engine
         * @param scoring the strategies
         * @param checks the store checks
         * @param nightly the nightly run, if any
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "cskitHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("cskit")
        CsKitHealthIndicator cskitHealthIndicator(PlaybookEngine engine, CsKitScoring scoring, ObjectProvider<CsKitStoreCheck> checks,
                ObjectProvider<NightlyJob> nightly) {
            return new CsKitHealthIndicator(engine, scoring, checks.orderedStream().toList(), nightly.getIfAvailable());
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {
        /**
         * @param engine the engine
         * @param scoring the strategies
         * @param nightly the nightly run, if any
         * @return the endpoint
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(CsKitEndpoint.class)
        CsKitEndpoint cskitEndpoint(PlaybookEngine engine, CsKitScoring scoring, ObjectProvider<NightlyJob> nightly) {
            return new CsKitEndpoint(engine, scoring, nightly.getIfAvailable());
        }
    }
}
