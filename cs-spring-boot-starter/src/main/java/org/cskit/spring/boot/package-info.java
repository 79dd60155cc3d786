/**
 * cskit for Spring Boot 4: add {@code org.cskit:cs-spring-boot-starter} and the beans come from
 * {@code cskit.*} properties ({@link org.cskit.spring.boot.CsKitProperties}):
 * {@link org.cskit.spring.boot.CsKitAutoConfiguration} (strategies, engine, stores, events, nightly run),
 * {@link org.cskit.spring.boot.CsKitJdbcAutoConfiguration} (cs-jdbc on the host's DataSource),
 * {@link org.cskit.spring.boot.CsKitMetricsAutoConfiguration} (Micrometer) and
 * {@link org.cskit.spring.boot.CsKitActuatorAutoConfiguration} (health and the {@code cskit} endpoint).
 * Every bean backs off when the host defines its own.
 */
package org.cskit.spring.boot;
