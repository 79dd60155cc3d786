package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.playbooks.engine.EngineFixtures.features;
import static org.cskit.playbooks.engine.EngineFixtures.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;
import org.junit.jupiter.api.Test;

/**
 * What the README's "never both deliver a play" covers: new plays and retries are claimed by the
 * write before the deliveries, but a reminder of an open play is not claimed, so two evaluations of
 * one account that read the same open state both deliver its reminder (under one key), and one of
 * the two writes recording it fails.
 */
class ReminderRaceTest {

    /** A store whose reads wait for a second reader, so that two evaluations read the same states before either writes. */
    private static final class ReadTogether implements PlayStateStore {
        final InMemoryPlayStateStore inner = new InMemoryPlayStateStore();
        volatile CyclicBarrier barrier;

        @Override
        public void read(AccountId[] accounts, int count, StateConsumer into) {
            inner.read(accounts, count, into);
            CyclicBarrier b = barrier;
            if (b != null) {
                try {
                    b.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the other evaluation did not read", e);
                }
            }
        }

        @Override
        public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
            return inner.compareAndSet(account, playbookId, expectedVersion, next);
        }
    }

    @Test
    void evaluate_twoThreadsReadTheSameOpenPlayWithAReminderDue_bothDeliverTheReminderUnderOneKey() throws Exception {
        Playbook reminding = Playbook.builder().id("low-adoption").name("Low adoption")
                .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH))
                .repeat(RepeatPolicy.builder().remindEvery(Duration.ofDays(7)).build()).build();
        ReadTogether store = new ReadTogether();
        List<PlayHandle> delivered = new CopyOnWriteArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(EngineFixtures.SCHEMA).playbooks(List.of(reminding)).store(store)
                .sink(delivered::add).build();
        engine.evaluate(PlaybookInput.of(snapshot(0, features().set("seat_utilisation", 0.1, 10).build()).build()));
        assertThat(delivered).hasSize(1);
        delivered.clear();

        store.barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> both = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                both.add(pool.submit(() -> engine.evaluate(PlaybookInput.of(snapshot(7, features().set("seat_utilisation", 0.1, 10).build())
                        .build()))));
            }
            for (Future<?> f : both) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(delivered).as("the reminder, unclaimed, is delivered by both evaluations").hasSize(2);
        assertThat(delivered).extracting(PlayHandle::reminder).containsOnly(true);
        assertThat(delivered.get(0).key()).isEqualTo(delivered.get(1).key());
    }
}
