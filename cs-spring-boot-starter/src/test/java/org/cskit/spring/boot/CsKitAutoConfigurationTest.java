package org.cskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cskit.model.FeatureSchema;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.spi.ScoreHistory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CsKitAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CsKitJdbcAutoConfiguration.class, CsKitAutoConfiguration.class));

    @Test
    void noProperties_builtInPlaybooksOnInMemoryStores() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            PlaybookEngine engine = context.getBean(PlaybookEngine.class);
            assertThat(engine.playbooks()).extracting(Playbook::id)
                    .containsExactlyElementsOf(BuiltInPlaybooks.all().stream().map(Playbook::id).toList());
            assertThat(engine.store()).isInstanceOf(InMemoryPlayStateStore.class).isSameAs(context.getBean(PlayStateStore.class));
            assertThat(context).getBean(ScoreHistory.class).isInstanceOf(InMemoryScoreHistory.class);
            assertThat(context.getBean(CsKitScoring.class).strategies()).isEmpty();
            assertThat(context).hasSingleBean(PlaybookEvents.class).doesNotHaveBean(NightlyJob.class)
                    .doesNotHaveBean(org.cskit.run.NightlyRun.class).doesNotHaveBean(org.cskit.run.NightlyState.class)
                    .doesNotHaveBean(NightlySchedule.class);
        });
    }

    @Test
    void strategiesAndLocations_areLoadedFromTheirJson() {
        runner.withPropertyValues("cskit.scoring.strategies.enterprise.config=classpath:cskit/scorecard.json",
                "cskit.playbooks.locations=classpath:cskit/playbooks/*.json", "cskit.playbooks.features=logins_14d")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    CsKitScoring scoring = context.getBean(CsKitScoring.class);
                    assertThat(scoring.strategies()).containsOnlyKeys("enterprise");
                    assertThat(scoring.strategy("enterprise")).isInstanceOf(WeightedScorecard.class);
                    assertThat(((WeightedScorecard) scoring.strategy("enterprise")).config().id().value()).isEqualTo("enterprise-health");
                    PlaybookEngine engine = context.getBean(PlaybookEngine.class);
                    assertThat(engine.playbooks()).hasSize(BuiltInPlaybooks.all().size() + 1);
                    assertThat(engine.playbooks().get(engine.playbooks().size() - 1).id()).isEqualTo("few-logins");
                    assertThat(engine.schema().names()).contains("logins_14d", BuiltInPlaybooks.SEAT_UTILISATION);
                });
    }

    @Test
    void builtInsOff_onlyTheLocationsPlaybooks() {
        runner.withPropertyValues("cskit.playbooks.built-ins=false", "cskit.playbooks.locations=classpath:cskit/playbooks/logins.json",
                "cskit.playbooks.features=logins_14d")
                .run(context -> {
                    PlaybookEngine engine = context.getBean(PlaybookEngine.class);
                    assertThat(engine.playbooks()).extracting(Playbook::id).containsExactly("few-logins");
                    assertThat(engine.schema()).isEqualTo(FeatureSchema.of("logins_14d"));
                });
    }

    @Test
    void hostBeans_everyBeanBacksOff() {
        runner.withUserConfiguration(HostBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PlaybookEngine.class)).isSameAs(HostBeans.ENGINE);
            assertThat(context.getBean(PlayStateStore.class)).isSameAs(HostBeans.STORE);
            assertThat(context.getBean(ScoreHistory.class)).isSameAs(HostBeans.HISTORY);
            assertThat(context.getBean(ScoringStrategies.class)).isSameAs(HostBeans.STRATEGIES);
            assertThat(context.getBean(CsKitScoring.class)).isSameAs(HostBeans.SCORING);
            assertThat(context.getBean(PlaybookEvents.class)).isSameAs(HostBeans.EVENTS);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class HostBeans {
        static final PlayStateStore STORE = new InMemoryPlayStateStore();
        static final PlaybookEngine ENGINE = PlaybookEngine.builder().schema(Fixtures.SCHEMA).playbooks(BuiltInPlaybooks.all())
                .store(STORE).build();
        static final ScoreHistory HISTORY = InMemoryScoreHistory.create();
        static final ScoringStrategies STRATEGIES = ScoringStrategies.create();
        static final CsKitScoring SCORING = new CsKitScoring(java.util.Map.of());
        static final PlaybookEvents EVENTS = new PlaybookEvents(ENGINE);

        @Bean
        PlaybookEngine engine() {
            return ENGINE;
        }

        @Bean
        PlayStateStore store() {
            return STORE;
        }

        @Bean
        ScoreHistory history() {
            return HISTORY;
        }

        @Bean
        ScoringStrategies strategies() {
            return STRATEGIES;
        }

        @Bean
        CsKitScoring scoring() {
            return SCORING;
        }

        @Bean
        PlaybookEvents events() {
            return EVENTS;
        }
    }

    @Test
    void publishedEvent_reachesTheEngineAndTheSink() {
        runner.withUserConfiguration(Sink.class).run(context -> {
            context.publishEvent(Fixtures.championChanged("acme"));
            context.publishEvent(Fixtures.championChanged("acme"));

            assertThat(context.getBean(Sink.class).plays).extracting(PlayHandle::playbookId).containsExactly("champion-change");
            assertThat(context.getBean(Sink.class).plays.get(0).accountId().value()).isEqualTo("acme");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Sink implements ActionSink {
        final List<PlayHandle> plays = new CopyOnWriteArrayList<>();

        @Override
        public void deliver(PlayHandle play) {
            plays.add(play);
        }
    }

    // Bad configuration: startup fails naming the property (and for JSON the file and the JSON path).

    @Test
    void badPlaybookJson_failsNamingPropertyFileAndJsonPath() {
        runner.withPropertyValues("cskit.playbooks.locations=classpath:cskit/playbooks/logins.json,classpath:cskit/bad/playbooks.json",
                "cskit.playbooks.features=logins_14d").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                            .hasMessageStartingWith("cskit.playbooks.locations[1] (class path resource [cskit/bad/playbooks.json]): $[0].trigger.op: ")
                            .hasMessageContaining("LESS");
                });
    }

    @Test
    void playbookReadingAnUnknownFeature_failsNamingTheFileAndTheField() {
        runner.withPropertyValues("cskit.playbooks.locations=classpath:cskit/bad/unknown-field.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                    .hasMessageStartingWith("cskit.playbooks.locations[0] (class path resource [cskit/bad/unknown-field.json]): $[0].trigger")
                    .hasMessageContaining("logins_30d");
        });
    }

    @Test
    void badScorecardJson_failsNamingPropertyFileAndJsonPath() {
        runner.withPropertyValues("cskit.scoring.strategies.enterprise.config=classpath:cskit/bad/scorecard.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                    .hasMessageStartingWith("cskit.scoring.strategies.enterprise.config (class path resource [cskit/bad/scorecard.json]): $.groups[0].weight")
                    .hasMessageContaining("-1");
        });
    }

    @Test
    void unknownStrategyType_failsNamingTheProperty() {
        runner.withPropertyValues("cskit.scoring.strategies.enterprise.type=gradient-boosting",
                "cskit.scoring.strategies.enterprise.config=classpath:cskit/scorecard.json").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessage("Property cskit.scoring.strategies.enterprise.type with value 'gradient-boosting' is invalid: "
                                    + "unknown scoring strategy 'gradient-boosting'; known strategies: segmented, weighted-scorecard");
                });
    }

    @Test
    void locationMatchingNothing_failsNamingTheProperty() {
        runner.withPropertyValues("cskit.playbooks.locations=classpath:cskit/nowhere/*.json").run(context -> {
            assertThat(context).hasFailed();
            assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                    .hasMessage("cskit.playbooks.locations[0] 'classpath:cskit/nowhere/*.json' matches no file");
        });
        runner.withPropertyValues("cskit.scoring.strategies.enterprise.config=classpath:cskit/missing.json").run(context ->
                assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                        .hasMessage("cskit.scoring.strategies.enterprise.config 'classpath:cskit/missing.json' matches no file"));
    }

    @Test
    void jdbcStoreWithoutDataSource_failsNamingTheProperty() {
        runner.withPropertyValues("cskit.store.type=jdbc").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessage("Property cskit.store.type with value 'jdbc' is invalid: JDBC stores need a javax.sql.DataSource bean "
                            + "and org.cskit:cs-jdbc on the class path; there is no DataSource bean");
        });
    }
}
