package org.cskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountId;
import org.cskit.jdbc.JdbcPlayStateStore;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyState;
import org.cskit.jdbc.CsJdbc;
import org.cskit.jdbc.JdbcScoreHistory;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.scoring.ObservedScoring;
import org.cskit.scoring.spi.ScoreHistory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The JDBC stores on H2, the Micrometer binding, the health indicator and the endpoint. */
class CsKitJdbcAndActuatorTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CsKitJdbcAutoConfiguration.class,
                    CsKitAutoConfiguration.class, CsKitMetricsAutoConfiguration.class, CsKitActuatorAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=cskit");

    private static String h2(String name) {
        return "spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void dataSource_jdbcStoresAndOutbox_theNightsPlaysGoToTheOutbox() {
        runner.withPropertyValues(h2("outbox")).withPropertyValues(NightlyJobTest.NIGHT).withUserConfiguration(NightlyJobTest.Portfolio.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(CsJdbc.class);
                    assertThat(context.getBean(ScoreHistory.class)).isInstanceOf(JdbcScoreHistory.class);
                    PlayStateStore store = context.getBean(PlayStateStore.class);
                    assertThat(store).isInstanceOf(JdbcPlayStateStore.class)
                            .isSameAs(context.getBean(org.cskit.playbooks.engine.PlaybookEngine.class).store())
                            .isSameAs(context.getBean(NightlyState.class).playStateStore());
                    PlayOutbox outbox = context.getBean(PlayOutbox.class);
                    NightlyJob job = context.getBean(NightlyJob.class);

                    NightlyReport r = job.run(Fixtures.NOW);

                    assertThat(r.created()).isGreaterThanOrEqualTo(10);
                    assertThat(outbox.stats().pending()).isEqualTo(r.created());
                    assertThat(job.run(Fixtures.NOW).created()).as("the plays are open in the database").isZero();
                    assertThat(context.getBean(CsKitHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void dataSource_aSliceThatFails_leavesNeitherItsStateNorItsPlays() {
        // Slices of 10 accounts on one thread; the engine's listener fails the second slice after its plays were made.
        runner.withPropertyValues(h2("slices"), "cskit.nightly.slice-size=10", "cskit.nightly.threads=1")
                .withPropertyValues(NightlyJobTest.NIGHT).withUserConfiguration(NightlyJobTest.Portfolio.class, FailSecondSlice.class)
                .run(context -> {
                    NightlyJob job = context.getBean(NightlyJob.class);
                    assertThatThrownBy(() -> job.run(Fixtures.NOW)).isInstanceOf(IllegalStateException.class)
                            .hasMessage("listener failed on slice 2");
                    assertThat(job.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("listener failed on slice 2"));
                    PlayOutbox outbox = context.getBean(PlayOutbox.class);
                    long firstSlice = context.getBean(FailSecondSlice.class).madeInFirst;
                    assertThat(firstSlice).isPositive();
                    assertThat(outbox.stats().pending()).as("only the first slice's plays committed").isEqualTo(firstSlice);
                    List<String> withState = new java.util.ArrayList<>();
                    AccountId[] accounts = java.util.stream.IntStream.range(0, 30).mapToObj(i -> AccountId.of("acc-" + i))
                            .toArray(AccountId[]::new);
                    context.getBean(PlayStateStore.class).read(accounts, 30, (i, playbook, state) -> withState.add(accounts[i].value()));
                    assertThat(withState).as("only the first slice's accounts have state").isNotEmpty()
                            .allMatch(a -> Integer.parseInt(a.substring(4)) < 10);

                    // The night again: the missing slices' plays, none of the first slice's twice.
                    NightlyReport again = job.run(Fixtures.NOW);
                    assertThat(again.created()).isPositive();
                    assertThat(outbox.stats().pending()).isEqualTo(firstSlice + again.created());
                    assertThat(job.run(Fixtures.NOW).created()).isZero();
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class FailSecondSlice implements EngineListener {
        private int calls;
        long madeInFirst;

        @Override
        public synchronized void evaluated(EvaluationReport report) {
            if (report.kind() != EvaluationReport.Kind.PORTFOLIO) {
                return;
            }
            if (++calls == 2) {
                throw new IllegalStateException("listener failed on slice 2");
            }
            for (int p = 0; calls == 1 && p < report.playbookIds().size(); p++) {
                madeInFirst += report.made(p);
            }
        }
    }

    @Test
    void dataSource_hostNightlyState_theJdbcStateBacksOff() {
        runner.withPropertyValues(h2("hoststate")).withPropertyValues(NightlyJobTest.NIGHT)
                .withUserConfiguration(NightlyJobTest.Portfolio.class, NightlyJobTest.HostNight.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(NightlyState.class)).isSameAs(NightlyJobTest.HostNight.STATE);
                    assertThat(context.getBean(NightlyJob.class).state()).isSameAs(NightlyJobTest.HostNight.STATE);
                });
    }

    @Test
    void storeTypeMemory_noJdbcBeansDespiteTheDataSource() {
        runner.withPropertyValues(h2("memory"), "cskit.store.type=memory").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CsJdbc.class).doesNotHaveBean(PlayOutbox.class)
                    .doesNotHaveBean(ActionSink.class);
            assertThat(context.getBean(ScoreHistory.class)).isNotInstanceOf(JdbcScoreHistory.class);
        });
    }

    @Test
    void badTablePrefix_failsNamingTheProperty() {
        runner.withPropertyValues(h2("prefix"), "cskit.store.table-prefix=cs-kit").run(context ->
                assertThat(Fixtures.cause(context.getStartupFailure(),
                        org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException.class))
                        .hasMessageStartingWith("Property cskit.store.table-prefix with value 'cs-kit' is invalid: "));
    }

    @Test
    void meterRegistry_eventNightlyRunAndScoring_areCountedWithBoundedTags() {
        runner.withUserConfiguration(Registry.class, CsKitAutoConfigurationTest.Sink.class, NightlyJobTest.Portfolio.class)
                .withPropertyValues("cskit.scoring.strategies.enterprise.config=classpath:cskit/scorecard.json", "cskit.nightly.strategy=seats")
                .withPropertyValues(NightlyJobTest.NIGHT).run(context -> {
                    assertThat(context).hasNotFailed();
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.publishEvent(Fixtures.championChanged("acme-0042"));
                    context.publishEvent(Fixtures.championChanged("acme-0042"));
                    context.getBean(NightlyJob.class).run(Fixtures.NOW);
                    CsKitScoring scoring = context.getBean(CsKitScoring.class);
                    assertThat(scoring.strategy("enterprise")).isInstanceOf(ObservedScoring.class);

                    assertThat(registry.get("cskit.plays.made").tag("playbook", "champion-change").counter().count()).isEqualTo(1);
                    assertThat(registry.get("cskit.plays.suppressed").tag("playbook", "champion-change").tag("reason", "already_open")
                            .counter().count()).isEqualTo(1);
                    assertThat(registry.get("cskit.plays.made").tag("playbook", "low-adoption").counter().count()).isEqualTo(10);
                    assertThat(registry.get("cskit.playbooks.evaluation").tag("kind", "event").timer().count()).isEqualTo(2);
                    assertThat(registry.get("cskit.playbooks.accounts").tag("kind", "portfolio").counter().count()).isEqualTo(30);
                    assertThat(registry.get("cskit.accounts.scored").tag("strategy", "seats").counters()).extracting(c -> c.count())
                            .as("the night's scoring, by band").containsExactlyInAnyOrder(10.0, 20.0);
                    assertThat(registry.get("cskit.nightly.run").timer().count()).isEqualTo(1);
                    assertThat(registry.get("cskit.nightly.accounts").counter().count()).isEqualTo(30);
                    assertThat(registry.get("cskit.nightly.stage").timers()).extracting(t -> t.getId().getTag("stage"))
                            .containsExactlyInAnyOrder("signals", "facts", "derive", "score", "playbooks");
                    assertThat(registry.get("cskit.nightly.stage").tag("stage", "derive").timer().totalTime(TimeUnit.NANOSECONDS))
                            .isEqualTo(context.getBean(NightlyJob.class).lastRun().orElseThrow().report().stages().derive().toNanos())
                            .isPositive();
                    assertThat(registry.get("cskit.nightly.stage.cpu").timers()).hasSize(5);
                    List<String> tagValues = registry.getMeters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
                            .map(Tag::getValue).toList();
                    assertThat(tagValues).isNotEmpty().noneMatch(v -> v.startsWith("acme") || v.startsWith("acc-"));
                });
    }

    @Test
    void health_downWhenAStoreCheckFails() {
        runner.withUserConfiguration(BrokenStore.class).run(context -> {
            Health health = context.getBean(CsKitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("playbooks", 17).containsEntry("playStateStore", "JdbcPlayStateStore")
                    .containsEntry("error", "java.lang.IllegalStateException: database gone");
        });
    }

    @Test
    void endpoint_listsPlaybooksAndStrategies() {
        runner.withPropertyValues("cskit.scoring.strategies.enterprise.config=classpath:cskit/scorecard.json").run(context -> {
            CsKitEndpoint.Description d = context.getBean(CsKitEndpoint.class).cskit();
            assertThat(d.playbooks()).hasSize(17).first().satisfies(p -> {
                assertThat(p.id()).isEqualTo("low-adoption");
                assertThat(p.trigger()).isEqualTo("THRESHOLD");
            });
            assertThat(d.strategies()).containsExactly(new CsKitEndpoint.StrategyInfo("enterprise", "weighted-scorecard",
                    "enterprise-health", 3));
            assertThat(d.playStateStore()).as("Boot's embedded H2 DataSource").isEqualTo("JdbcPlayStateStore");
        });
    }

    @Test
    void endpointNotExposed_noEndpointBean() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CsKitAutoConfiguration.class,
                CsKitActuatorAutoConfiguration.class)).run(context -> assertThat(context).doesNotHaveBean(CsKitEndpoint.class)
                        .hasSingleBean(CsKitHealthIndicator.class));
    }

    @Test
    void withoutCsJdbcOnTheClassPath_inMemory_andJdbcAskedForFailsSayingSo() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(CsJdbc.class))
                .withPropertyValues(h2("nojdbc")).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(PlayOutbox.class);
                    assertThat(context.getBean(ScoreHistory.class)).isNotInstanceOf(JdbcScoreHistory.class);
                });
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(CsJdbc.class))
                .withPropertyValues(h2("nojdbc2"), "cskit.store.type=jdbc").run(context ->
                        assertThat(Fixtures.cause(context.getStartupFailure(),
                                org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException.class))
                                .hasMessageEndingWith("; cs-jdbc is not on the class path"));
    }

    @Test
    void withoutMicrometerOrActuator_theEngineStillStarts_unobserved() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(MeterRegistry.class,
                org.springframework.boot.health.contributor.HealthIndicator.class,
                org.springframework.boot.actuate.endpoint.annotation.Endpoint.class)).run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(CsKitMetrics.class).doesNotHaveBean(CsKitHealthIndicator.class)
                            .doesNotHaveBean(CsKitEndpoint.class).hasSingleBean(org.cskit.playbooks.engine.PlaybookEngine.class);
                });
    }

    @Test
    void hostMetricsBean_backsOff() {
        CsKitMetrics mine = new CsKitMetrics(new SimpleMeterRegistry());
        runner.withUserConfiguration(Registry.class).withBean("myMetrics", CsKitMetrics.class, () -> mine).run(context ->
                assertThat(context).getBean(CsKitMetrics.class).isSameAs(mine));
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenStore {
        @Bean
        CsKitStoreCheck broken() {
            return () -> {
                throw new IllegalStateException("database gone");
            };
        }
    }
}
