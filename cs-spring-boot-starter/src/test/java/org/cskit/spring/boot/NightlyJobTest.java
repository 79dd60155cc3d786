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
import org.cskit.run.AccountSource;
import org.cskit.run.SignalSource;
import org.cskit.run.VectorSink;
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

    /** The host's portfolio of 30 accounts, keeping the vectors each night hands back, slice by slice. */
    @Configuration(proxyBeanMethods = false)
    static class Portfolio implements NightlyPortfolio {
        final List<VectorColumns> scored = new CopyOnWriteArrayList<>();
        private VectorColumns tonight;

        @Override
        public synchronized NightlyInput tonight(Instant asOf) {
            tonight = null;
            return Fixtures.night(30, asOf);
        }

        @Override
        public synchronized void scored(int from, int rows, VectorColumns vectors) throws Exception {
            if (tonight == null) {
                tonight = VectorColumns.allocate(30, vectors.bandLabels());
            }
            VectorSink.into(tonight).accept(from, rows, vectors);
        }

        @Override
        public synchronized void finished(NightlyInput input, NightlyReport report) {
            scored.add(tonight);
        }
    }

    /**
     * A portfolio of {@value #ACCOUNTS} accounts read a slice at a time, as from the host's store:
     * records which slices the run asked for and which vectors it handed back; fails on reading the
     * facts of the slice that starts at {@code failAt}, if any.
     */
    @Configuration(proxyBeanMethods = false)
    static class SlicedPortfolio implements NightlyPortfolio {
        static final int ACCOUNTS = 100;
        final java.util.Queue<String> asked = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.Queue<String> handed = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.Queue<NightlyReport> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();
        volatile int failAt = -1;

        @Override
        public NightlyInput tonight(Instant asOf) {
            return NightlyInput.of(AccountSource.of(ACCOUNTS, (from, to) -> {
                asked.add("accounts[" + from + ", " + to + ")");
                if (from == failAt) {
                    throw new IllegalStateException("the store is gone at account " + from);
                }
                return Fixtures.accounts(from, to, asOf);
            }), SignalSource.of(ACCOUNTS, (from, to) -> {
                asked.add("signals[" + from + ", " + to + ")");
                return Fixtures.signals(from, to, asOf);
            }));
        }

        @Override
        public void scored(int from, int rows, VectorColumns vectors) {
            StringBuilder bands = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                bands.append(vectors.band(r).charAt(0));
            }
            handed.add("[" + from + ", " + (from + rows) + ") in " + vectors.rows() + " rows: " + bands);
        }

        @Override
        public void finished(NightlyInput input, NightlyReport report) {
            finished.add(report);
        }
    }

    @Test
    void nightlyPortfolio_readAndScoredASliceAtATime_noColumnOfTheWholePortfolio() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, SlicedPortfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.slice-size=7", "cskit.nightly.threads=2").run(context -> {
                    assertThat(context).hasNotFailed();
                    SlicedPortfolio portfolio = context.getBean(SlicedPortfolio.class);

                    NightlyReport r = context.getBean(NightlyJob.class).run(Fixtures.NOW);

                    assertThat(r.accounts()).isEqualTo(SlicedPortfolio.ACCOUNTS);
                    assertThat(r.slices()).isEqualTo(15);
                    List<String> slices = java.util.stream.IntStream.range(0, 15)
                            .mapToObj(s -> "[" + 7 * s + ", " + Math.min(100, 7 * s + 7) + ")").toList();
                    assertThat(portfolio.asked).as("each slice's facts and signals asked once")
                            .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(slices.stream().map(s -> "accounts" + s),
                                    slices.stream().map(s -> "signals" + s)).toList());
                    // Each slice's vectors in the thread's slice columns (7 rows), never in columns of the whole portfolio.
                    assertThat(portfolio.handed).containsExactlyInAnyOrderElementsOf(slices.stream().map(s -> {
                        int from = Integer.parseInt(s.substring(1, s.indexOf(',')));
                        int to = Integer.parseInt(s.substring(s.indexOf(' ') + 1, s.length() - 1));
                        StringBuilder bands = new StringBuilder();
                        for (int i = from; i < to; i++) {
                            bands.append(i % 3 == 0 ? 'r' : 'g');
                        }
                        return s + " in 7 rows: " + bands;
                    }).toList());
                    assertThat(portfolio.finished).containsExactly(r);
                    assertThat(context.getBean(CsKitAutoConfigurationTest.Sink.class).plays.stream()
                            .filter(p -> p.playbookId().equals("low-adoption")).map(p -> p.accountId().value()))
                            .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 34).mapToObj(i -> "acc-" + 3 * i).toList());
                });
    }

    /**
     * The run compiles an engine each night and, with one thread (or one slice), runs it on the calling
     * thread: the scheduler's, which lives as long as the application. An engine that thread kept
     * (through the engine's per-thread working arrays) would keep its night's play state store.
     */
    @Test
    void nightlyJob_onOneLongLivedThread_keepsNoEarlierNightsEngine() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, Portfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.threads=1").run(context -> {
                    NightlyRun run = context.getBean(NightlyRun.class);
                    java.util.concurrent.ExecutorService scheduler = java.util.concurrent.Executors.newSingleThreadExecutor();
                    try {
                        List<java.lang.ref.WeakReference<PlayStateStore>> stores = new java.util.ArrayList<>();
                        for (int night = 0; night < 3; night++) {
                            Instant asOf = Fixtures.NOW.plus(Duration.ofDays(night));
                            stores.add(scheduler.submit(() -> {
                                NightlyState state = NightlyState.empty(run.portfolio());
                                // A sink that keeps no handle (a handle reaches its engine, to build the full play on demand).
                                java.util.concurrent.atomic.AtomicInteger plays = new java.util.concurrent.atomic.AtomicInteger();
                                NightlyJob job = new NightlyJob(run, state, context.getBean(Portfolio.class), h -> plays.incrementAndGet(),
                                        List.of("red", "yellow", "green"), List.of(), java.time.Clock.systemUTC());
                                assertThat(job.run(asOf).created()).as("the night made plays, so its engine ran").isPositive()
                                        .isEqualTo(plays.get());
                                return new java.lang.ref.WeakReference<>(state.playStateStore());
                            }).get());
                        }
                        for (int i = 0; i < 50 && stores.stream().anyMatch(w -> w.get() != null); i++) {
                            System.gc();
                            Thread.sleep(10);
                        }
                        assertThat(stores).as("each night's store, its engine dropped, the scheduler thread still alive")
                                .allSatisfy(w -> assertThat(w.get()).isNull());
                    } finally {
                        scheduler.shutdownNow();
                    }
                });
    }

    @Test
    void nightlyPortfolio_sliceThatCannotBeRead_failsTheRun_notFinished() {
        runner.withUserConfiguration(CsKitAutoConfigurationTest.Sink.class, SlicedPortfolio.class).withPropertyValues(NIGHT)
                .withPropertyValues("cskit.nightly.slice-size=7", "cskit.nightly.threads=1").run(context -> {
                    SlicedPortfolio portfolio = context.getBean(SlicedPortfolio.class);
                    portfolio.failAt = 21;
                    NightlyJob job = context.getBean(NightlyJob.class);

                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(Fixtures.NOW))
                            .isInstanceOf(IllegalStateException.class).hasMessage("the store is gone at account 21");

                    assertThat(portfolio.finished).as("a failed run is not finished").isEmpty();
                    assertThat(portfolio.handed).as("the slices scored before the failure were handed over")
                            .hasSize(3).allSatisfy(h -> assertThat(h).contains("in 7 rows"));
                    assertThat(job.lastRun()).isEmpty();
                    assertThat(job.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("the store is gone at account 21"));
                });
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
