package org.cskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.scoring.features.FeatureDeriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The nightly run the starter wires: cs-run's NightlyRun over the host's portfolio, its state, its schedule, its bad configuration. */
class NightlyJobTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CsKitJdbcAutoConfiguration.class, CsKitAutoConfiguration.class));

    /** A strategy and the feature definitions: what a night needs besides the host's beans. */
    static final String[] NIGHT = {"cskit.scoring.strategies.seats.config=classpath:cskit/night-scorecard.json",
        "cskit.nightly.features=classpath:cskit/features.json"};

    /** The host's portfolio of 30 accounts, keeping the vectors each night hands back. */
    @Configuration(proxyBeanMethods = false)
    static class Portfolio implements NightlyPortfolio {
        final List<VectorColumns> scored = new CopyOnWriteArrayList<>();

        @Override
        public NightlyInput tonight(Instant asOf) {
            return Fixtures.night(30, asOf);
        }

        @Override
        public void scored(NightlyInput input, VectorColumns today, NightlyReport report) {
            scored.add(today);
        }
    }

    @Test
    void nightlyPortfolio_derivesScoresAndRunsThePlaybooksIntoTheSink() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.slice-size=7", "cskit.nightly.threads=2").run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(NightlySchedule.class);
                    NightlyJob job = context.getBean(NightlyJob.class);
                    assertThat(job.state().playStateStore()).as("nights and events share the store")
                            .isSameAs(context.getBean(PlayStateStore.class)).isInstanceOf(InMemoryPlayStateStore.class);
                    assertThat(job.nightlyRun().sliceSize()).isEqualTo(7);

                    NightlyReport r = job.run(Fixtures.NOW);

                    assertThat(r.accounts()).isEqualTo(30);
                    assertThat(r.slices()).isEqualTo(5);
                    List<PlayHandle> plays = context.getBean(CsKitAutoConfigurationTest.Sink.class).plays;
                    assertThat(plays).hasSize((int) r.created());
                    assertThat(plays.stream().filter(p -> p.playbookId().equals("low-adoption")).map(p -> p.accountId().value()))
                            .as("seat utilisation derived from the signals: every third account below 40%")
                            .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "acc-" + 3 * i).toList());
                    VectorColumns today = context.getBean(Portfolio.class).scored.get(0);
                    assertThat(today.band(0)).as("scored: 20% of seats used").isEqualTo("red");
                    assertThat(today.band(1)).isEqualTo("green");
                    assertThat(job.lastRun()).hasValueSatisfying(last -> assertThat(last.report()).isSameAs(r));
                    assertThat(job.state().night()).contains(Fixtures.NOW);

                    NightlyReport tomorrow = job.run(Fixtures.NOW.plus(Duration.ofDays(1)));
                    assertThat(tomorrow.playbooks().stream().filter(p -> p.playbookId().equals("low-adoption")).findFirst().orElseThrow()
                            .created()).as("the low-adoption plays are still open").isZero();
                });
    }

    @Test
    void nightlyEnabled_isScheduledWithItsCron() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.enabled=true", "cskit.nightly.cron=0 30 1 * * *", "cskit.nightly.zone=Europe/Paris")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    NightlySchedule schedule = context.getBean(NightlySchedule.class);
                    assertThat(schedule.cron()).isEqualTo("0 30 1 * * *");
                    assertThat(schedule.isRunning()).isTrue();
                });
    }

    @Test
    void hostBeans_theNightsBeansBackOff() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class, HostNight.class).withPropertyValues(NIGHT)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(FeatureDeriver.class)).isSameAs(HostNight.DERIVER);
                    assertThat(context.getBean(NightlyRun.class)).isSameAs(HostNight.RUN);
                    assertThat(context.getBean(NightlyState.class)).isSameAs(HostNight.STATE);
                    assertThat(context.getBean(NightlyJob.class).nightlyRun()).isSameAs(HostNight.RUN);
                    assertThat(context.getBean(NightlyJob.class).state()).isSameAs(HostNight.STATE);
                });
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class, HostJob.class).withPropertyValues(NIGHT)
                .run(context -> assertThat(context).hasNotFailed().getBean(NightlyJob.class).isSameAs(HostJob.job));
    }

    @Configuration(proxyBeanMethods = false)
    static class HostNight {
        static final FeatureDeriver DERIVER = FeatureDeriver.of(List.of(org.cskit.scoring.features.FeatureDefinition.of(
                "seat_utilisation", "seats", org.cskit.scoring.features.Aggregate.LAST, Duration.ofDays(7))));
        static final NightlyRun RUN = NightlyRun.builder().portfolio("mine").deriver(DERIVER)
                .strategy(org.cskit.scoring.WeightedScorecard.of(org.cskit.scoring.Scorecard.builder()
                        .id(org.cskit.model.ScorecardId.of("x")).addGroups(org.cskit.scoring.ScorecardGroup.of("g", 1,
                                org.cskit.scoring.ScorecardInput.builder().name("seat_utilisation").weight(1)
                                        .normalizer(new org.cskit.scoring.Normalizer.Linear(0, 1)).build()))
                        .build()))
                .playbooks(List.of()).build();
        static final NightlyState STATE = NightlyState.empty("mine");

        @Bean
        FeatureDeriver deriver() {
            return DERIVER;
        }

        @Bean
        NightlyRun run() {
            return RUN;
        }

        @Bean
        NightlyState state() {
            return STATE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostJob {
        static NightlyJob job;

        @Bean
        NightlyJob job(Portfolio portfolio) {
            job = new NightlyJob(HostNight.RUN, HostNight.STATE, portfolio, play -> { }, List.of("red", "yellow", "green"), List.of(),
                    java.time.Clock.systemUTC());
            return job;
        }
    }

    // Bad configuration: startup fails naming the property (and for JSON the file and the JSON path).

    private void failsWith(String message, String... properties) {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
        });
    }

    @Test
    void noFeatureDefinitions_failsNamingTheProperty() {
        failsWith("cskit.nightly.features is not set: the nightly run derives the accounts' features from their signals with the "
                + "feature definitions it names (a JSON array), or with a FeatureDeriver bean",
                "cskit.scoring.strategies.seats.config=classpath:cskit/night-scorecard.json");
    }

    @Test
    void badFeatureJson_failsNamingPropertyFileAndJsonPath() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class)
                .withPropertyValues("cskit.nightly.features=classpath:cskit/bad/features.json").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(Fixtures.cause(context.getStartupFailure(), CsKitConfigurationException.class))
                            .hasMessageStartingWith("cskit.nightly.features (class path resource [cskit/bad/features.json]): $[1].aggregate")
                            .hasMessageContaining("AVERAGE");
                });
    }

    @Test
    void strategyNotNamedOrUnknown_failsNamingTheProperty() {
        failsWith("Property cskit.nightly.strategy with value 'null' is invalid: the nightly run scores with a configured strategy, "
                + "and none is: set cskit.scoring.strategies.<name>.config", "cskit.nightly.features=classpath:cskit/features.json");
        failsWith("Property cskit.nightly.strategy with value 'null' is invalid: several scoring strategies are configured (a, b): "
                + "name the one the nightly run scores with", "cskit.nightly.features=classpath:cskit/features.json",
                "cskit.scoring.strategies.a.config=classpath:cskit/night-scorecard.json",
                "cskit.scoring.strategies.b.config=classpath:cskit/night-scorecard.json");
        failsWith("Property cskit.nightly.strategy with value 'health' is invalid: no scoring strategy of that name is configured "
                + "under cskit.scoring.strategies; configured: seats", NIGHT[0], NIGHT[1], "cskit.nightly.strategy=health");
    }

    @Test
    void badSliceSizeThreadsOrPortfolio_failsNamingTheProperty() {
        failsWith("Property cskit.nightly.slice-size with value '0' is invalid: sliceSize must be at least 1, but was 0",
                NIGHT[0], NIGHT[1], "cskit.nightly.slice-size=0");
        failsWith("Property cskit.nightly.threads with value '0' is invalid: threads must be at least 1, but was 0",
                NIGHT[0], NIGHT[1], "cskit.nightly.threads=0");
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class)
                .withPropertyValues(NIGHT).withPropertyValues("cskit.nightly.portfolio= ").run(context ->
                        assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                                .hasMessage("Property cskit.nightly.portfolio with value '' is invalid: portfolio must not be blank, but was ''"));
    }

    @Test
    void nightlyEnabledWithoutPortfolioOrSink_failsNamingTheProperty() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class).withPropertyValues("cskit.nightly.enabled=true").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage("Property cskit.nightly.enabled with value 'true' is invalid: the nightly run needs a NightlyPortfolio "
                                + "bean that gives tonight's accounts and signals"));
        runner.withUserConfiguration(Portfolio.class).withPropertyValues(NIGHT).withPropertyValues("cskit.nightly.enabled=true").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageStartingWith("Property cskit.nightly.enabled with value 'true' is invalid: the nightly run needs an ActionSink bean"));
    }

    @Test
    void badCronOrZone_failsNamingTheProperty() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.enabled=true", "cskit.nightly.cron=at two")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageStartingWith("Property cskit.nightly.cron with value 'at two' is invalid: not a cron expression"));
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.enabled=true", "cskit.nightly.zone=Mars/Base")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageStartingWith("Property cskit.nightly.zone with value 'Mars/Base' is invalid: not a time zone"));
    }
}
