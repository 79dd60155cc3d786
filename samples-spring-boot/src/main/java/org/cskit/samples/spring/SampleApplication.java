package org.cskit.samples.spring;

import java.time.Instant;
import org.cskit.run.NightlyReport;
import org.cskit.spring.boot.NightlyJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on cs-spring-boot-starter. Its only cskit code is the portfolio bean,
 * which hands over each night's account facts and signals; everything else (the feature
 * definitions, the scorecard, the playbooks, the play state and outbox on the DataSource, the
 * nightly schedule, the event entry point, the metrics) comes from {@code application.properties}.
 * {@link #main} runs tonight's run now (signals in, plays out), handles one event and logs what the
 * metrics say.
 */
@SpringBootApplication
public class SampleApplication {
    private static final Logger LOG = LoggerFactory.getLogger(SampleApplication.class);

    /**
     * The host's portfolio: 2,000 seeded accounts with their signals.
     *
     * @return the portfolio
     */
    @Bean
    GeneratedPortfolio portfolio() {
        return new GeneratedPortfolio(2_000, 42);
    }

    /**
     * Starts the application, runs the nightly run once now, handles an event, logs the counts.
     *
     * @param args Spring Boot arguments, such as {@code --spring.datasource.url=...}
     */
    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args)) {
            Instant now = Instant.now();
            NightlyReport night = context.getBean(NightlyJob.class).run(now);
            context.getBean(AccountActivity.class).championChanged(7, "ann", now);
            LOG.info("nightly run: {} accounts, {} plays made; metrics: {}", night.accounts(), night.created(),
                    SampleMetrics.of(context.getBean(io.micrometer.core.instrument.MeterRegistry.class)));
        }
    }
}
