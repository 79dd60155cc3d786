package org.cskit.playbooks.engine;

import static org.cskit.playbooks.engine.EngineFixtures.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.playbooks.engine.EngineFixtures.features;
import static org.cskit.playbooks.engine.EngineFixtures.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
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
 * A row's state changes are written together: one write of the account before the deliveries
 * (new plays recorded as offered, retry claims, closes, forgets) and one after (the delivered plays
 * recorded as open), each write a compare-and-set per playbook that succeeds or fails on its own.
 */
class RowWritesTest {
    private static final int PLAYBOOKS = 6;

    /** Six playbooks that all fire on low seat utilisation. */
    private static List<Playbook> six() {
        List<Playbook> list = new ArrayList<>();
        for (int p = 0; p < PLAYBOOKS; p++) {
            list.add(Playbook.builder().id("pb-" + p).name("Playbook " + p)
                    .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3 + p * 0.01))
                    .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH)).build());
        }
        return list;
    }

    private static PlaybookInput lowSeats(String account, int day) {
        return PlaybookInput.of(snapshot(day, features().set("seat_utilisation", 0.2, 10).build()).accountId(AccountId.of(account)).build());
    }

    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void deliver_sinkThrowsForTheThirdOfSixPlays_theOtherFiveOpenAndTheThirdIsOfferedAgainUnderItsKey(boolean spi) {
        SpiStore counting = new SpiStore();
        PlayStateStore store = spi ? counting : new InMemoryPlayStateStore();
        List<String> delivered = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 3) {
                throw new java.io.IOException("timed out");
            }
            delivered.add(play.playbookId() + " " + play.key());
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(six()).store(store).sink(sink).build();

        EvaluationResult first = engine.evaluate(lowSeats("acme", 0));

        assertThat(first.created()).hasSize(5);
        assertThat(first.failed()).hasSize(1);
        PlayHandle failed = first.failed().get(0).play();
        assertThat(failed.playbookId()).isEqualTo("pb-2");
        Map<String, PlayState> after = states(store, "acme");
        assertThat(after).hasSize(PLAYBOOKS);
        after.forEach((playbook, state) -> {
            if (playbook.equals("pb-2")) {
                assertThat(state.status()).as(playbook).isEqualTo(Status.OFFERED);
                assertThat(state.version()).as(playbook).isEqualTo(1);
            } else {
                assertThat(state.status()).as(playbook).isEqualTo(Status.OPEN);
                assertThat(state.version()).as(playbook + ": offered, then open").isEqualTo(2);
            }
        });
        if (spi) {
            assertThat(counting.singles).as("no write one playbook at a time").hasValue(0);
            assertThat(counting.batches).as("one write of the six offered, one of the five delivered").containsExactly(6, 5);
        }

        EvaluationResult again = engine.evaluate(lowSeats("acme", 0));

        assertThat(again.created()).extracting(PlayHandle::key).containsExactly(failed.key());
        assertThat(again.suppressed()).extracting(EvaluationResult.Suppressed::reason).containsOnly("ALREADY_OPEN").hasSize(5);
        assertThat(states(store, "acme").values()).extracting(PlayState::status).containsOnly(Status.OPEN);
        assertThat(delivered).hasSize(PLAYBOOKS).doesNotHaveDuplicates();
        if (spi) {
            assertThat(counting.batches).as("the retry claimed, then recorded open").containsExactly(6, 5, 1, 1);
        }
    }

    /**
     * The JVM's own error from the sink (here a stack overflow on the fourth play) stops the
     * evaluation, but the three plays delivered before it are still recorded open, and the three
     * after it stay offered: the next evaluation offers exactly those three again, under their keys.
     */
    @ParameterizedTest(name = "through the SPI = {0}")
    @ValueSource(booleans = {true, false})
    void deliver_virtualMachineErrorOnTheFourthPlay_theThreeBeforeAreOpenAndTheRestOfferedAgain(boolean spi) {
        PlayStateStore store = spi ? new SpiStore() : new InMemoryPlayStateStore();
        List<String> delivered = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 4) {
                throw new StackOverflowError("deep");
            }
            delivered.add(play.key());
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(six()).store(store).sink(sink).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.evaluate(lowSeats("acme", 0)))
                .isInstanceOf(StackOverflowError.class).hasMessage("deep");

        Map<String, PlayState> after = states(store, "acme");
        assertThat(after).hasSize(PLAYBOOKS);
        for (int p = 0; p < PLAYBOOKS; p++) {
            assertThat(after.get("pb-" + p).status()).as("pb-" + p).isEqualTo(p < 3 ? Status.OPEN : Status.OFFERED);
        }

        EvaluationResult again = engine.evaluate(lowSeats("acme", 0));

        assertThat(again.created()).extracting(PlayHandle::playbookId).containsExactly("pb-3", "pb-4", "pb-5");
        assertThat(delivered).hasSize(PLAYBOOKS).doesNotHaveDuplicates();
        assertThat(states(store, "acme").values()).extracting(PlayState::status).containsOnly(Status.OPEN);
    }

    /**
     * Two evaluations of one account read the same (empty) states before either writes, and both
     * decide six new plays: each play is delivered by exactly one of them, the other suppresses it
     * as concurrent. Through the SPI the writes of one row are compare-and-sets of their own, so
     * the two may share the six.
     */
    @ParameterizedTest(name = "rounds = {0}")
    @ValueSource(ints = {200})
    void evaluate_twoThreadsReadTheSameStatesOfOneAccountWithSixPlaybooksFiring_eachPlayDeliveredOnce(int rounds) throws Exception {
        SpiStore store = new SpiStore();
        store.readTogether = new CyclicBarrier(2);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        ActionSink sink = play -> {
            Thread.yield();
            deliveries.computeIfAbsent(play.key(), k -> new AtomicInteger()).incrementAndGet();
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(six()).store(store).sink(sink).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int concurrent = 0;
            for (int r = 0; r < rounds; r++) {
                String account = "acc-" + r;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<EvaluationResult>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    both.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return engine.evaluate(lowSeats(account, 0));
                    }));
                }
                int created = 0;
                for (Future<EvaluationResult> f : both) {
                    EvaluationResult result = f.get(30, TimeUnit.SECONDS);
                    created += result.created().size();
                    for (EvaluationResult.Suppressed s : result.suppressed()) {
                        assertThat(s.reason()).startsWith("CONCURRENT");
                        concurrent++;
                    }
                }
                assertThat(created).as("round %s: plays made by the two", r).isEqualTo(PLAYBOOKS);
                assertThat(states(store.inner, account).values()).extracting(PlayState::status).hasSize(PLAYBOOKS).containsOnly(Status.OPEN);
            }
            assertThat(concurrent).isEqualTo(rounds * PLAYBOOKS);
            assertThat(deliveries).hasSize(rounds * PLAYBOOKS);
            assertThat(deliveries.values()).extracting(AtomicInteger::get).containsOnly(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What "never both deliver" covers: new plays and retries are claimed by the write before the
     * deliveries, but a reminder of an open play is not claimed, so two evaluations of one account
     * that read the same open state both deliver its reminder, under one key (the README says so).
     */
    @Test
    void evaluate_twoThreadsReadTheSameOpenPlayWithAReminderDue_onlyOneDeliversTheReminder() throws Exception {
        Playbook reminding = Playbook.builder().id("low-adoption").name("Low adoption")
                .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH))
                .repeat(RepeatPolicy.builder().remindEvery(Duration.ofDays(7)).build()).build();
        SpiStore store = new SpiStore();
        List<PlayHandle> delivered = new CopyOnWriteArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(List.of(reminding)).store(store)
                .sink(delivered::add).build();
        engine.evaluate(lowSeats("acme", 0));
        assertThat(delivered).hasSize(1);
        delivered.clear();

        store.readTogether = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<EvaluationResult> results = new ArrayList<>();
        try {
            List<Future<EvaluationResult>> both = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                both.add(pool.submit(() -> engine.evaluate(lowSeats("acme", 7))));
            }
            for (Future<EvaluationResult> f : both) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(delivered).as("the reminder is claimed by a write before it is delivered: one evaluation reminds").hasSize(1);
        assertThat(delivered).extracting(PlayHandle::reminder).containsOnly(true);
        assertThat(results).flatExtracting(EvaluationResult::suppressed).extracting(EvaluationResult.Suppressed::reason)
                .containsExactly("CONCURRENT: another evaluation of the account recorded first");
        delivered.clear();
        store.readTogether = null;
        engine.evaluate(lowSeats("acme", 8));
        assertThat(delivered).as("the reminder was recorded: the next is due a week after it").isEmpty();
    }
}
