package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.Play;
import org.cskit.testkit.TestClock;
import org.cskit.testkit.TestPlays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the outbox promises, run on each database by a subclass. */
abstract class PlayOutboxBehaviour {
    private static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");

    private TestClock clock;
    private CsJdbc db;
    private PlayOutbox outbox;

    abstract DataSource dataSource();

    @BeforeEach
    void freshOutbox() {
        clock = TestClock.steppable(T0);
        db = CsJdbc.builder().dataSource(dataSource()).tablePrefix(Databases.freshPrefix()).clock(clock).build();
        db.migrate();
        outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("a").withBatchSize(50));
    }

    static Play play(int i) {
        return TestPlays.play(AccountId.of("acct-" + i), "pb-" + (i % 3), "band:red", T0.minusSeconds(i));
    }

    static List<Play> plays(int from, int to) {
        List<Play> plays = new ArrayList<>();
        for (int i = from; i < to; i++) {
            plays.add(play(i));
        }
        return plays;
    }

    @Test
    void deliverDue_enqueuedPlays_handsEachOnceEqualAndMarksThemDelivered() {
        List<Play> plays = plays(0, 120);
        assertThat(outbox.enqueue(plays)).isEqualTo(120);
        List<Play> seen = new ArrayList<>();

        int delivered = 0;
        for (int round = 0; round < 5; round++) {
            delivered += outbox.deliverDue(seen::add);
        }

        assertThat(delivered).isEqualTo(120);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(plays);
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, 0, 120));
        assertThat(outbox.entry(plays.get(7).key())).hasValueSatisfying(e -> {
            assertThat(e.deliveredAt()).contains(T0);
            assertThat(e.attempts()).isZero();
            assertThat(e.claimedBy()).isEmpty();
        });
        assertThat(outbox.deliverDue(seen::add)).isZero();
    }

    @Test
    void deliverDue_playsEnqueuedAtDifferentTimes_handsThemOverOldestFirst() {
        // Keys in the opposite order of the times, so that neither key order nor insertion order gives it away.
        List<Play> plays = plays(0, 40);
        for (int i = plays.size() - 1; i >= 0; i--) {
            outbox.enqueue(List.of(plays.get(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        List<Play> seen = new ArrayList<>();

        assertThat(outbox.deliverDue(seen::add)).isEqualTo(40);

        List<Play> oldestFirst = new ArrayList<>(plays);
        java.util.Collections.reverse(oldestFirst);
        assertThat(seen).containsExactlyElementsOf(oldestFirst);
    }

    @Test
    void enqueue_sameKeyAgain_addsNothingEvenAfterDelivery() {
        assertThat(outbox.enqueue(List.of(play(1), play(2), play(1)))).as("a key twice in one batch").isEqualTo(2);
        assertThat(outbox.enqueue(List.of(play(2), play(3)))).as("a key already pending").isEqualTo(1);
        List<Play> seen = new ArrayList<>();
        outbox.deliverDue(seen::add);

        assertThat(outbox.enqueue(List.of(play(1)))).as("a key already delivered").isZero();
        assertThat(outbox.deliverDue(seen::add)).isZero();
        assertThat(seen).hasSize(3);
    }

    @Test
    void enqueue_manyThreadsWithOverlappingKeys_countsEachKeyNewOnce() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> added = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 17;
                added.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 150; i++) {
                        n += outbox.enqueue(List.of(play((i + offset) % 150)));
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : added) {
                total += f.get(60, TimeUnit.SECONDS);
            }

            assertThat(total).as("plays counted new over all calls").isEqualTo(150);
            assertThat(outbox.stats().pending()).isEqualTo(150);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeDelivered_removesOnlyDeliveredBeforeTheTime_andTheKeyMayReturn() {
        outbox.enqueue(plays(0, 3));
        outbox.deliverDue(p -> { });
        clock.advance(Duration.ofHours(1));
        outbox.enqueue(plays(3, 5));

        assertThat(outbox.purgeDelivered(T0)).isZero();
        assertThat(outbox.purgeDelivered(T0.plusSeconds(1))).isEqualTo(3);
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(2, 0, 0, 0));
        assertThat(outbox.enqueue(List.of(play(0)))).isEqualTo(1);
    }

    @Test
    void enqueue_onTheHostsConnection_commitsAndRollsBackWithTheHostsTransaction() throws Exception {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThat(outbox.enqueue(c, plays(0, 10))).isEqualTo(10);
            c.rollback();
            assertThat(outbox.enqueue(c, plays(10, 15))).isEqualTo(5);
            c.commit();
            c.setAutoCommit(true);
        }

        List<Play> seen = new ArrayList<>();
        outbox.deliverDue(seen::add);

        assertThat(seen).containsExactlyInAnyOrderElementsOf(plays(10, 15));
    }

    @Test
    void deliverDue_consumerThrows_retriesAfterTheBackoffWithTheFailureRecorded() {
        outbox.enqueue(plays(0, 3));
        Play bad = play(1);
        AtomicInteger calls = new AtomicInteger();
        PlayConsumer failingOnce = p -> {
            calls.incrementAndGet();
            if (p.key().equals(bad.key()) && calls.get() < 10) {
                throw new IllegalStateException("CRM is down");
            }
        };

        assertThat(outbox.deliverDue(failingOnce)).isEqualTo(2);
        assertThat(outbox.entry(bad.key())).hasValueSatisfying(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.lastFailure()).hasValueSatisfying(f -> assertThat(f).contains("CRM is down"));
            assertThat(e.deliveredAt()).isEmpty();
        });
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(1, 0, 1, 2));
        assertThat(outbox.deliverDue(failingOnce)).as("within the back-off").isZero();

        clock.advance(Duration.ofMillis(1_001));
        calls.set(100);
        assertThat(outbox.deliverDue(failingOnce)).isEqualTo(1);
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, 0, 3));
    }

    @Test
    void deliverDue_claimedPlay_isNotHandedToAnotherInstanceUntilTheClaimTimesOut() {
        PlayOutbox other = db.playOutbox(OutboxOptions.defaults().withInstanceName("b").withClaimTimeout(Duration.ofMinutes(5)));
        outbox.enqueue(List.of(play(1)));
        List<String> byOther = new ArrayList<>();
        List<String> byFirst = new ArrayList<>();

        outbox.deliverDue(p -> {
            byFirst.add(p.key());
            assertThat(outbox.entry(p.key()).orElseThrow().claimedBy()).contains("a");
            assertThat(other.deliverDue(q -> byOther.add(q.key()))).as("while the claim holds").isZero();
            clock.advance(Duration.ofMinutes(6));
            assertThat(other.deliverDue(q -> byOther.add(q.key()))).as("after the claim timed out").isEqualTo(1);
        });

        assertThat(byFirst).containsExactly(play(1).key());
        assertThat(byOther).containsExactly(play(1).key());
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, 0, 1));
    }

    @Test
    void enqueue_keyLongerThanTheTableHolds_throwsAndEnqueuesNothing() {
        Play longKey = new Play("k".repeat(513), play(2).accountId(), "pb", 1, "band:red", play(2).priority(),
                T0, play(2).actions(), play(2).reason());

        assertThatThrownBy(() -> outbox.enqueue(List.of(play(1), longKey)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("plays[1].key of 513 characters ('kkkk")
                .hasMessageEndingWith("is longer than the 512 the outbox holds");
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, 0, 0));
    }

    @Test
    void relays_twoInstancesWhilePlaysArrive_deliverEveryPlayExactlyOnce() throws Exception {
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        PlayConsumer consumer = p -> deliveries.merge(p.key(), 1, Integer::sum);
        OutboxOptions fast = OutboxOptions.defaults().withBatchSize(100).withPollInterval(Duration.ofMillis(5));
        PlayOutbox a = db.playOutbox(fast.withInstanceName("relay-a"));
        PlayOutbox b = db.playOutbox(fast.withInstanceName("relay-b"));
        int total = 2_000;
        ExecutorService producers = Executors.newFixedThreadPool(4);
        PlayOutbox.Relay ra = a.startRelay(consumer);
        PlayOutbox.Relay rb = b.startRelay(consumer);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * total / 4;
                done.add(producers.submit(() -> {
                    for (int i = from; i < from + total / 4; i += 10) {
                        outbox.enqueue(plays(i, i + 10));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            producers.shutdownNow();
            ra.close();
            rb.close();
        }

        assertThat(ra.delivered() + rb.delivered()).isEqualTo(total);
        assertThat(deliveries).hasSize(total);
        assertThat(deliveries.values()).as("deliveries per key").containsOnly(1);
        assertThat(outbox.stats()).isEqualTo(new OutboxStats(0, 0, 0, total));
    }
}
