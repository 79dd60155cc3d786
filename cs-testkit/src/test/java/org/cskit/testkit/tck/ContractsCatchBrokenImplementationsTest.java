package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;
import org.cskit.testkit.TestVectors;
import org.junit.jupiter.api.Test;

/** Proves that each contract can fail: broken implementations do not pass. */
class ContractsCatchBrokenImplementationsTest {

    @Test
    void scoringContract_nonDeterministicStrategy_fails() {
        AtomicInteger calls = new AtomicInteger();
        ScoringStrategyContract contract = scoring(s -> TestVectors.vector(s.accountId(), s.asOf(), calls.incrementAndGet() % 100,
                TestVectors.RED, Direction.FLAT), null);

        assertThatThrownBy(contract::score_isDeterministic).isInstanceOf(AssertionError.class)
                .hasMessageContaining("scoring snapshot of 'acme'");
    }

    @Test
    void scoringContract_vectorOfAnotherTime_fails() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.vector(s.accountId(), Instant.EPOCH, 50, TestVectors.YELLOW,
                Direction.FLAT), null);

        assertThatThrownBy(contract::score_isOfTheSnapshotsAccountAndTime).isInstanceOf(AssertionError.class)
                .hasMessageContaining("asOf of the vector for snapshot of 'acme'");
    }

    @Test
    void scoringContract_summaryDisagreeingWithTheVector_fails() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.vector(s.accountId(), s.asOf(), 50, TestVectors.YELLOW,
                Direction.FLAT), new ScoreSummary(49, Band.of("yellow", 1), Direction.FLAT, 0, 1));

        assertThatThrownBy(contract::summarize_equalsTheVectorsFields).isInstanceOf(AssertionError.class)
                .hasMessageContaining("summarize(snapshot of 'acme'");
    }

    @Test
    void scoringContract_batchLoopDisagreeingWithTheRowMethod_fails() {
        ScoringStrategy rows = new ScoringStrategy() {
            @Override
            public String name() {
                return "broken-batch";
            }

            @Override
            public Object config() {
                return "none";
            }

            @Override
            public SuccessVector score(AccountSnapshot snapshot) {
                return TestVectors.vector(snapshot.accountId(), snapshot.asOf(), 50, TestVectors.YELLOW, Direction.FLAT);
            }

            @Override
            public void scoreAll(org.cskit.model.columns.AccountBatch accounts, org.cskit.model.columns.ScoreHistoryColumns history,
                    org.cskit.model.columns.VectorColumns into) {
                ScoringStrategy.super.scoreAll(accounts, history, into);
                into.scores()[accounts.offset()] += 0.5; // a column loop that rounds differently
            }
        };
        ScoringStrategyContract contract = new ScoringStrategyContract() {
            @Override
            protected ScoringStrategy strategy() {
                return rows;
            }

            @Override
            protected List<AccountSnapshot> snapshots() {
                return TckFixtures.snapshots();
            }
        };
        contract.setUpScoringStrategyContract();

        assertThatThrownBy(contract::scoreAll_equalsSummarizeOfEachRow).isInstanceOf(AssertionError.class)
                .hasMessageContaining("scoreAll over snapshot of 'acme'").hasMessageContaining("score");
    }

    @Test
    void scoringContract_withoutProvider_skipsTheJsonRoundTrip() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.green(), null);

        assertThatThrownBy(contract::config_roundTripsThroughJson)
                .isInstanceOf(org.opentest4j.TestAbortedException.class)
                .hasMessageContaining("no provider() given");
    }

    @Test
    void scoringContract_coverageBelowOneWithEveryInputsData_fails() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.builder(50, TestVectors.YELLOW, Direction.FLAT)
                .accountId(s.accountId()).asOf(s.asOf()).coverage(0.25).build(), null);

        assertThatThrownBy(contract::score_coverageAgreesWithTheContributions).isInstanceOf(AssertionError.class)
                .hasMessageContaining("where no input's data was missing");
    }

    @Test
    void scoringContract_fullCoverageWithoutAnyInputsData_fails() {
        ScoringStrategyContract contract = scoring(s -> vector(s, 1,
                Contribution.builder().input("a").group("g").points(50).weight(1).missing(MissingDataPolicy.NEUTRAL).build()), null);

        assertThatThrownBy(contract::score_coverageAgreesWithTheContributions).isInstanceOf(AssertionError.class)
                .hasMessageContaining("where every input's data was missing");
    }

    @Test
    void scoringContract_weightsAddingUpToMoreThanOne_fails() {
        ScoringStrategyContract contract = scoring(s -> vector(s, 1,
                Contribution.builder().input("a").group("g").points(25).weight(0.8).value(1).build(),
                Contribution.builder().input("b").group("g").points(25).weight(0.8).value(1).build()), null);

        assertThatThrownBy(contract::score_contributionWeightsAreSharesOfOneTotal).isInstanceOf(AssertionError.class)
                .hasMessageContaining("sum of the contribution weights");
    }

    @Test
    void scoringContract_providerServiceLoaderCannotCreate_fails() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.green(), null, new ConfiguredProvider<>("broken", String.class));

        assertThatThrownBy(contract::provider_canBeCreatedByServiceLoader).isInstanceOf(AssertionError.class)
                .hasMessageContaining("public constructors of " + ConfiguredProvider.class.getName());
    }

    @Test
    void scoringContract_providerWhoseConfigDoesNotReadBack_failsTheRegistryCheck() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.vector(s.accountId(), s.asOf(), 50, TestVectors.YELLOW,
                Direction.FLAT), null, new ConfiguredProvider<>("broken", Integer.class));

        assertThatThrownBy(contract::registry_createsTheStrategyByNameFromItsJson)
                .isInstanceOf(org.cskit.model.json.JsonInputException.class);
    }

    @Test
    void sinkContract_sinkThatAppliesDuplicates_fails() {
        ActionSinkContract<NaiveSink> contract = new ActionSinkContract<>() {
            @Override
            protected NaiveSink newSink() {
                return new NaiveSink();
            }

            @Override
            protected List<Play> delivered(NaiveSink sink) {
                return List.copyOf(sink.plays);
            }
        };
        contract.setUpActionSinkContract();

        assertThatThrownBy(contract::deliver_sameKeyTwice_carriesItOutOnce).isInstanceOf(AssertionError.class)
                .hasMessageContaining("times each key was carried out after delivering 'red-account-rescue|acme|band:red|");
    }

    @Test
    void storeContract_storeThatIgnoresTheExpectedVersion_fails() {
        PlayStateStoreContract<IgnoresVersions> contract = new PlayStateStoreContract<>() {
            @Override
            protected IgnoresVersions newStore() {
                return new IgnoresVersions();
            }

            @Override
            protected IgnoresVersions reopen(IgnoresVersions store) {
                return store;
            }
        };
        contract.setUpPlayStateStoreContract();

        assertThatThrownBy(contract::compareAndSet_staleVersion_failsAndChangesNothing).isInstanceOf(AssertionError.class)
                .hasMessageContaining("a second write from version 0");
    }

    @Test
    void storeContract_storeThatForgetsOnReopen_fails() {
        PlayStateStoreContract<InMemoryPlayStateStore> contract = new PlayStateStoreContract<>() {
            @Override
            protected InMemoryPlayStateStore newStore() {
                return new InMemoryPlayStateStore();
            }

            @Override
            protected InMemoryPlayStateStore reopen(InMemoryPlayStateStore store) {
                return new InMemoryPlayStateStore();
            }
        };
        contract.setUpPlayStateStoreContract();

        assertThatThrownBy(contract::reopen_keepsEveryStateAndVersion).isInstanceOf(AssertionError.class);
    }

    /** A flat yellow vector of the snapshot's account and time, scored as the contributions add up. */
    private static SuccessVector vector(AccountSnapshot s, double coverage, Contribution... contributions) {
        double score = 0;
        for (Contribution c : contributions) {
            score += c.points();
        }
        return SuccessVector.builder().accountId(s.accountId()).asOf(s.asOf()).score(score).band(TestVectors.YELLOW)
                .direction(Direction.FLAT).velocity(0).coverage(coverage).addContributions(contributions)
                .scorecardId(ScorecardId.of("broken")).scorecardVersion(1).build();
    }

    private static ScoringStrategyContract scoring(java.util.function.Function<AccountSnapshot, SuccessVector> score,
            ScoreSummary summary) {
        return scoring(score, summary, null);
    }

    private static ScoringStrategyContract scoring(java.util.function.Function<AccountSnapshot, SuccessVector> score,
            ScoreSummary summary, ScoringStrategyProvider<?> provider) {
        ScoringStrategy strategy = new ScoringStrategy() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Object config() {
                return "none";
            }

            @Override
            public SuccessVector score(AccountSnapshot snapshot) {
                return score.apply(snapshot);
            }

            @Override
            public ScoreSummary summarize(AccountSnapshot snapshot) {
                return summary != null ? summary : ScoringStrategy.super.summarize(snapshot);
            }
        };
        ScoringStrategyContract contract = new ScoringStrategyContract() {
            @Override
            protected ScoringStrategy strategy() {
                return strategy;
            }

            @Override
            protected List<AccountSnapshot> snapshots() {
                return TckFixtures.snapshots();
            }

            @Override
            protected Optional<ScoringStrategyProvider<?>> provider() {
                return Optional.ofNullable(provider);
            }
        };
        contract.setUpScoringStrategyContract();
        return contract;
    }

    /**
     * A provider made with arguments, so ServiceLoader could not create it; with {@code Integer} as its
     * config type, the broken strategy's config (the text "none") does not read back either.
     */
    public static final class ConfiguredProvider<C> implements ScoringStrategyProvider<C> {
        private final String name;
        private final Class<C> configType;

        public ConfiguredProvider(String name, Class<C> configType) {
            this.name = name;
            this.configType = configType;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<C> configType() {
            return configType;
        }

        @Override
        public ScoringStrategy create(C config) {
            throw new UnsupportedOperationException("never created");
        }
    }

    /**
     * Issue 17, item 4: a provider ServiceLoader could create but that is registered nowhere (no
     * {@code META-INF/services} line, no {@code provides}) used to pass the contract.
     */
    @Test
    void scoringContract_providerRegisteredNowhere_fails() {
        ScoringStrategyContract contract = scoring(s -> TestVectors.green(), null, new UnregisteredProvider());

        assertThatThrownBy(contract::provider_isRegisteredForServiceLoader).isInstanceOf(AssertionError.class)
                .hasMessageContaining("providers java.util.ServiceLoader finds")
                .hasMessageContaining(UnregisteredProvider.class.getName());
    }

    @Test
    void scoringContract_builtInProvider_isRegistered() throws Exception {
        ScoringStrategyContract contract = scoring(s -> TestVectors.green(), null,
                org.cskit.scoring.ScoringStrategies.withBuiltIns().provider("weighted-scorecard"));

        contract.provider_isRegisteredForServiceLoader();
    }

    /** Public, with a public no-arg constructor, so ServiceLoader could create it; but never registered. */
    public static final class UnregisteredProvider implements ScoringStrategyProvider<String> {
        @Override
        public String name() {
            return "unregistered";
        }

        @Override
        public Class<String> configType() {
            return String.class;
        }

        @Override
        public ScoringStrategy create(String config) {
            throw new UnsupportedOperationException("never created");
        }
    }

    /** Carries out every delivery, duplicates included. */
    private static final class NaiveSink implements ActionSink {
        final List<Play> plays = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(PlayHandle play) {
            plays.add(play.play());
        }
    }

    /** Writes whatever it is given, whatever version is stored. */
    private static final class IgnoresVersions implements PlayStateStore {
        private final Map<String, PlayState> states = new ConcurrentHashMap<>();

        @Override
        public void read(AccountId[] accounts, int count, StateConsumer into) {
            for (int i = 0; i < count; i++) {
                String prefix = accounts[i].value() + "|";
                int index = i;
                states.forEach((k, v) -> {
                    if (k.startsWith(prefix)) {
                        into.accept(index, k.substring(prefix.length()), v);
                    }
                });
            }
        }

        @Override
        public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
            if (next.isEmpty()) {
                states.remove(account.value() + "|" + playbookId);
            } else {
                states.put(account.value() + "|" + playbookId, next);
            }
            return true;
        }
    }
}
