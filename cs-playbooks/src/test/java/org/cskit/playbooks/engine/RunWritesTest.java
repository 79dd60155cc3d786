package org.cskit.playbooks.engine;

import static org.cskit.playbooks.engine.EngineFixtures.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.cskit.playbooks.spi.PlayStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A portfolio's rows with no state are written as runs (see {@code Evaluator.writeRun}): a store
 * seen through the SPI gets one {@link PlayStateStore#compareAndSetAll} of the claims of a run of
 * such rows (a whole chunk on a first night) and one of the plays delivered; the in-memory store
 * one account at a time. Either way: a claim is written before its play is delivered, the sink hears
 * plays and closes in row order, a play the sink refused stays offered under its key, a throw that
 * stops the evaluation still records every play delivered before it, and an account's second row in
 * a batch (read before the first row's write) has its plays suppressed as concurrent.
 */
class RunWritesTest {
    private static final int PLAYBOOKS = 6;

    /** Six playbooks that all fire below 30% seat utilisation (and close above). */
    private static List<Playbook> six() {
        List<Playbook> list = new ArrayList<>();
        for (int p = 0; p < PLAYBOOKS; p++) {
            list.add(Playbook.builder().id("pb-" + p).name("Playbook " + p)
                    .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                    .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH)).build());
        }
        return list;
    }

    /** Rows of the given accounts and seat utilisations, as of day 0. */
    private static AccountBatch batch(String[] accounts, double[] seats) {
        FeatureColumns.Builder f = FeatureColumns.builder(EngineFixtures.SCHEMA, accounts.length);
        f.feature("seat_utilisation", seats);
        return AccountBatch.builder(f.build()).asOf(EngineFixtures.day(0)).accountIds(i -> AccountId.of(accounts[i]))
                .segments(List.of(org.cskit.model.Segment.of("enterprise", org.cskit.model.EngagementModel.HIGH_TOUCH)),
                        new byte[accounts.length])
                .stage(org.cskit.model.LifecycleStage.ADOPTION).build();
    }

    private static String[] accounts(int n) {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = "a" + i;
        }
        return a;
    }

    private static double[] filled(int n, double v) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, v);
        return d;
    }

    private static PlaybookEngine engine(PlayStateStore store) {
        return PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(six()).store(store).build();
    }

    /**
     * 300 rows (two chunks), every third not firing: through the SPI, one write of all the claims
     * of a chunk and one of all its plays delivered, per chunk.
     */
    @Test
    void portfolio_throughTheSpi_oneWriteOfTheClaimsAndOneOfTheOpenPlaysPerChunk() {
        int n = 300;
        double[] seats = new double[n];
        int firstChunk = 0, secondChunk = 0;
        for (int i = 0; i < n; i++) {
            seats[i] = i % 3 == 2 ? 0.9 : 0.2;
            if (i % 3 != 2) {
                if (i < RowProgram.CHUNK) {
                    firstChunk++;
                } else {
                    secondChunk++;
                }
            }
        }
        SpiStore store = new SpiStore();
        List<String> delivered = new ArrayList<>();

        var result = engine(store).evaluate(batch(accounts(n), seats), play -> delivered.add(play.accountId().value() + " " + play.playbookId()));

        assertThat(result.created()).isEqualTo(6L * (firstChunk + secondChunk));
        assertThat(store.singles).hasValue(0);
        assertThat(store.batches).containsExactly(6 * firstChunk, 6 * firstChunk, 6 * secondChunk, 6 * secondChunk);
        assertThat(delivered.get(0)).isEqualTo("a0 pb-0");
        assertThat(delivered.get(6)).isEqualTo("a1 pb-0");
        assertThat(delivered.get(12)).isEqualTo("a3 pb-0");
        assertThat(states(store, "a298").values()).extracting(PlayState::status).containsOnly(Status.OPEN);
    }

    /**
     * A row with state in the middle of rows without: the rows before it are written and delivered
     * first, so the sink hears the plays of a0..a4, then a5's closes, then the plays of a6..a9.
     */
    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void portfolio_aRowWithStateBetweenRowsWithout_theSinkHearsInRowOrder(boolean spi) {
        SpiStore counting = new SpiStore();
        PlayStateStore store = spi ? counting : new InMemoryPlayStateStore();
        PlaybookEngine engine = engine(store);
        engine.evaluate(batch(new String[] {"a5"}, new double[] {0.2}), play -> { });
        counting.batches.clear();
        List<String> heard = new ArrayList<>();
        ActionSink sink = new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                heard.add("play " + play.accountId().value());
            }

            @Override
            public void closed(PlayHandle play) {
                heard.add("close " + play.accountId().value());
            }
        };
        double[] seats = filled(10, 0.2);
        seats[5] = 0.9;

        var result = engine.evaluate(batch(accounts(10), seats), sink);

        assertThat(result.created()).isEqualTo(54);
        assertThat(result.closed()).isEqualTo(6);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int p = 0; p < PLAYBOOKS; p++) {
                expected.add((i == 5 ? "close a" : "play a") + i);
            }
        }
        assertThat(heard).containsExactlyElementsOf(expected);
        if (spi) {
            assertThat(counting.batches).as("claims and opens of a0..a4, a5's closes, claims and opens of a6..a9")
                    .containsExactly(30, 30, 6, 24, 24);
        }
    }

    /**
     * The sink throws (an exception) for the 14th play of five accounts' 30 (a2's pb-1): the other
     * 29 are open, that one stays offered, and the next evaluation offers exactly it again, under its key.
     */
    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void portfolio_sinkThrowsForTheFourteenthPlay_theOthersOpenAndThatOneOfferedAgainUnderItsKey(boolean spi) {
        PlayStateStore store = spi ? new SpiStore() : new InMemoryPlayStateStore();
        PlaybookEngine engine = engine(store);
        AtomicInteger calls = new AtomicInteger();
        List<String> keys = new ArrayList<>();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 14) {
                throw new java.io.IOException("timed out " + play.key());
            }
            keys.add(play.key());
        };

        var first = engine.evaluate(batch(accounts(5), filled(5, 0.2)), sink);

        assertThat(first.created()).isEqualTo(29);
        assertThat(first.failed()).singleElement().satisfies(f -> {
            assertThat(f.row()).isEqualTo(2);
            assertThat(f.playbookId()).isEqualTo("pb-1");
        });
        String failedKey = first.failed().get(0).message().replaceAll("(?s).*timed out ", "");
        for (int i = 0; i < 5; i++) {
            Map<String, PlayState> s = states(store, "a" + i);
            assertThat(s).hasSize(PLAYBOOKS);
            for (int p = 0; p < PLAYBOOKS; p++) {
                boolean failed = i == 2 && p == 1;
                assertThat(s.get("pb-" + p).status()).as("a" + i + " pb-" + p).isEqualTo(failed ? Status.OFFERED : Status.OPEN);
                assertThat(s.get("pb-" + p).version()).as("a" + i + " pb-" + p).isEqualTo(failed ? 1 : 2);
            }
        }

        var again = engine.evaluate(batch(accounts(5), filled(5, 0.2)), sink);

        assertThat(again.created()).isEqualTo(1);
        assertThat(keys).hasSize(30).doesNotHaveDuplicates().last().isEqualTo(failedKey);
    }

    /**
     * The JVM's own error on the 14th play stops the evaluation: the 13 delivered before it are
     * open; no other play is open, and the next evaluation delivers exactly the other 17 (a2's
     * claimed ones again under their keys), none of the 13 twice.
     */
    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void portfolio_virtualMachineErrorOnTheFourteenthPlay_theThirteenBeforeAreOpenAndTheRestDeliveredNextTime(boolean spi) {
        PlayStateStore store = spi ? new SpiStore() : new InMemoryPlayStateStore();
        PlaybookEngine engine = engine(store);
        AtomicInteger calls = new AtomicInteger();
        List<String> delivered = new ArrayList<>();
        ActionSink failing = play -> {
            if (calls.incrementAndGet() == 14) {
                throw new StackOverflowError("deep");
            }
            delivered.add(play.key());
        };

        assertThatThrownBy(() -> engine.evaluate(batch(accounts(5), filled(5, 0.2)), failing)).isInstanceOf(StackOverflowError.class);

        int open = 0;
        for (int i = 0; i < 5; i++) {
            for (Map.Entry<String, PlayState> e : states(store, "a" + i).entrySet()) {
                int p = Integer.parseInt(e.getKey().substring(3));
                boolean before = i * PLAYBOOKS + p < 13;
                assertThat(e.getValue().status()).as("a" + i + " " + e.getKey()).isEqualTo(before ? Status.OPEN : Status.OFFERED);
                open += before ? 1 : 0;
            }
        }
        assertThat(open).isEqualTo(13);
        assertThat(states(store, "a2")).as("a2's claims were written before its first delivery").hasSize(PLAYBOOKS);

        var again = engine.evaluate(batch(accounts(5), filled(5, 0.2)), play -> delivered.add(play.key()));

        assertThat(again.created()).isEqualTo(17);
        assertThat(delivered).hasSize(30).doesNotHaveDuplicates();
        for (int i = 0; i < 5; i++) {
            assertThat(states(store, "a" + i).values()).extracting(PlayState::status).hasSize(PLAYBOOKS).containsOnly(Status.OPEN);
        }
    }

    /**
     * One account in two rows of a batch: both read no state (the read comes before either write);
     * the first row's plays are made, the second's claims fail and are suppressed as concurrent.
     */
    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void portfolio_sameAccountTwiceInAChunk_theSecondRowsPlaysSuppressedAsConcurrent(boolean spi) {
        SpiStore counting = new SpiStore();
        PlayStateStore store = spi ? counting : new InMemoryPlayStateStore();
        List<String> delivered = new ArrayList<>();

        var result = engine(store).evaluate(batch(new String[] {"a0", "a1", "a0"}, filled(3, 0.2)),
                play -> delivered.add(play.accountId().value() + " " + play.playbookId()));

        assertThat(result.created()).isEqualTo(12);
        assertThat(result.suppressed()).isEqualTo(6);
        assertThat(delivered).hasSize(12).doesNotHaveDuplicates();
        assertThat(states(store, "a0").values()).extracting(PlayState::version).containsOnly(2L);
        if (spi) {
            assertThat(counting.batches).as("18 claims in one write, of which 12 succeed and are delivered").containsExactly(18, 12);
        }
    }

    /**
     * {@link ColumnarEvaluationTest}'s random portfolio (two chunks, every kind of trigger, rows
     * with and without state from the second round on), round after round: through the SPI (runs)
     * and in memory (one account at a time), the sink hears the same plays and closes, under the
     * same keys, in the same order, and the counts agree.
     */
    @Test
    void portfolio_throughTheSpiAndInMemory_theSinkHearsTheSameInTheSameOrder() {
        List<Playbook> playbooks = ColumnarEvaluationTest.playbooks();
        SpiStore spiStore = new SpiStore();
        PlaybookEngine memory = PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA).playbooks(playbooks).build();
        PlaybookEngine spi = PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA).playbooks(playbooks).store(spiStore).build();
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long made = 0, closed = 0;
        for (int day : new int[] {0, 1, 3, 8, 15, 31, 33, 70}) {
            AccountBatch columns = new ColumnarEvaluationTest.Round(day, random).columns();
            List<String> expected = new ArrayList<>();
            var inMemory = memory.evaluate(columns, heard(expected));
            List<String> actual = new ArrayList<>();
            var throughSpi = spi.evaluate(columns, heard(actual));
            assertThat(actual).as("day %d", day).containsExactlyElementsOf(expected);
            assertThat(throughSpi).as("day %d", day).isEqualTo(inMemory);
            made += inMemory.created();
            closed += inMemory.closed();
        }
        assertThat(made).isPositive();
        assertThat(closed).isPositive();
        assertThat(spiStore.singles).hasValue(0);
    }

    private static ActionSink heard(List<String> into) {
        return new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                into.add("play " + play.key());
            }

            @Override
            public void closed(PlayHandle play) {
                into.add("close " + play.key());
            }
        };
    }
}
