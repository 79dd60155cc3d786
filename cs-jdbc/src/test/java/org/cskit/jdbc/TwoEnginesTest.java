package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines sharing one PostgreSQL database, evaluating overlapping accounts day after day at
 * the same time, each slice in one transaction: in two threads of this JVM, and in this JVM and a
 * second one. Workers 0 and 1 evaluate rows {@code [0, 2N/3)} and {@code [N/3, N)}, so the middle
 * third is evaluated by both, racing. Worker {@code w} evaluates each day at hour {@code w}, so a
 * play both made would have two keys (a key carries the time of its first offer). The oracle is one
 * engine on the in-memory store evaluating all rows for the same days at midnight: with keys and
 * states taken to the day, the outbox must hold exactly its plays, each under one key (none lost,
 * none made twice), the relay must deliver each once, and the stored states must equal its.
 * Each run lasts {@code -Dcskit.reliability.seconds} (default 3: the build's budget; the closing
 * note's figures come from 60) and at least {@code -Dcskit.reliability.days} days (default 3), the
 * two engines in lock step, so that a loaded machine still tests that many racing days; the second
 * JVM's window starts once it is connected.
 */
class TwoEnginesTest {
    private static final long SECONDS = Long.getLong("cskit.reliability.seconds", 3);
    private static final int N = 3_000;
    private static final int MIN_DAYS = Integer.getInteger("cskit.reliability.days", 3);

    private DataSource ds;
    private CsJdbc db;

    @BeforeEach
    void freshTables() throws SQLException {
        ds = Databases.postgres();
        db = Databases.fresh(ds);
        EngineWorker.createRounds(ds, db.tablePrefix());
    }

    @Test
    void twoEnginesInTwoThreads_overlappingAccounts_makeEveryPlayOnce() throws Exception {
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(SECONDS);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<long[]> a = threads.submit(worker(0, 0, 2 * N / 3, deadline));
            Future<long[]> b = threads.submit(worker(1, N / 3, N, deadline));
            long[] first = a.get(SECONDS + 300, TimeUnit.SECONDS);
            long[] second = b.get(300, TimeUnit.SECONDS);
            assertThat(second[0]).as("days of the second engine").isEqualTo(first[0]);
            check("two threads", (int) first[0], first[1] + second[1]);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoEnginesInTwoJvms_overlappingAccounts_makeEveryPlayOnce() throws Exception {
        ChildJvm other = ChildJvm.start(EngineWorker.class, PostgresServer.shared().url("postgres"), db.tablePrefix(), "1", "2",
                Integer.toString(N / 3), Integer.toString(N), Integer.toString(N), Long.toString(SECONDS), Integer.toString(MIN_DAYS));
        assertThat(other.awaitReady(120)).as("the other JVM is connected; its output: %s", other.lines()).isTrue();
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(SECONDS);
        long[] mine = worker(0, 0, 2 * N / 3, deadline).call();
        int days = (int) mine[0];
        assertThat(other.process.waitFor(300, TimeUnit.SECONDS)).as("the other JVM ends").isTrue();
        List<String> lines = other.lines();
        assertThat(other.process.exitValue()).as("the other JVM's exit code; its output: %s", lines).isZero();
        assertThat(lines).as("the other JVM's output").contains("days " + days);
        long retried = mine[1] + lines.stream().filter(l -> l.startsWith("retried ")).mapToLong(l -> Long.parseLong(l.substring(8)))
                .sum();
        check("two JVMs", days, retried);
    }

    private Callable<long[]> worker(int worker, int from, int to, long deadline) {
        return () -> EngineWorker.run(ds, db.tablePrefix(), worker, 2, from, to, N, deadline, MIN_DAYS);
    }

    /** Compares the database with one in-memory engine over the same days, then relays every play. */
    private void check(String how, int days, long retried) throws Exception {
        Set<String> expected = new HashSet<>();
        InMemoryPlayStateStore memory = new InMemoryPlayStateStore();
        PlaybookEngine reference = EngineFixture.engine().store(memory).build();
        for (int day = 0; day < days; day++) {
            reference.evaluate(EngineFixture.day(day, N), h -> {
                synchronized (expected) {
                    expected.add(toDay(h.key()));
                }
            });
        }
        Set<String> raw = TestDb.strings(ds, "SELECT idempotency_key FROM " + db.tablePrefix() + "play_outbox");
        Set<String> inOutbox = new HashSet<>();
        for (String key : raw) {
            inOutbox.add(toDay(key));
        }
        long twiceMade = raw.size() - inOutbox.size();
        Map<String, PlayState> stored = states(db.playStateStore());
        Map<String, PlayState> reference0 = states(memory);
        long open = stored.values().stream().filter(s -> s.status() == PlayState.Status.OPEN).count();
        long offered = stored.values().stream().filter(s -> s.status() == PlayState.Status.OFFERED).count();

        Map<String, Integer> deliveries = new HashMap<>();
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("checker").withBatchSize(500)
                .withPollInterval(Duration.ofMillis(5)));
        while (outbox.deliverDue(p -> deliveries.merge(toDay(p.key()), 1, Integer::sum)) > 0) {
            // until nothing is due
        }
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(inOutbox);
        Set<String> extra = new HashSet<>(inOutbox);
        extra.removeAll(expected);
        long twice = deliveries.values().stream().filter(c -> c > 1).count();
        System.out.printf("two engines, %s, %d s: %d days of %d accounts (%d evaluated by both), %d plays expected, %d in the outbox, "
                + "%d lost, %d extra, %d made twice; %d deliveries of %d keys (%d twice); %d open and %d offered states stored; %d slices rolled back by a "
                + "conflict and run again%n", how, SECONDS, days, N, N / 3, expected.size(), raw.size(), lost.size(), extra.size(), twiceMade,
                deliveries.values().stream().mapToInt(Integer::intValue).sum(), deliveries.size(), twice, open, offered, retried);
        assertThat(days).as("days evaluated").isGreaterThanOrEqualTo(MIN_DAYS);
        assertThat(lost).as("plays the reference made that are not in the outbox").isEmpty();
        assertThat(extra).as("plays in the outbox the reference did not make").isEmpty();
        assertThat(twiceMade).as("plays made by both engines (two keys for one play)").isZero();
        assertThat(deliveries.keySet()).as("keys delivered").isEqualTo(expected);
        assertThat(twice).as("keys delivered twice").isZero();
        assertThat(offered).as("plays left offered").isZero();
        assertThat(stored).as("stored states, versions aside, against the reference's").isEqualTo(reference0);
    }

    /** A key with its time cut to the day: {@code ...|2026-05-03T01:00:00Z} becomes {@code ...|2026-05-03}. */
    private static String toDay(String key) {
        int at = key.lastIndexOf('|');
        return key.substring(0, at + 11);
    }

    /**
     * Every state of the N accounts, keyed by account and playbook, with the version set to 0 (the
     * two stores count writes differently) and times cut to the day.
     */
    private static Map<String, PlayState> states(org.cskit.playbooks.spi.PlayStateStore store) {
        Map<String, PlayState> all = new HashMap<>();
        AccountId[] ids = new AccountId[N];
        for (int i = 0; i < N; i++) {
            ids[i] = EngineFixture.account(i);
        }
        store.read(ids, N, (i, playbook, state) -> {
            long[] recent = state.recent();
            for (int k = 0; k < recent.length; k++) {
                recent[k] = Math.floorDiv(recent[k], 86_400);
            }
            all.put(ids[i].value() + "|" + playbook, new PlayState(0, state.status(), state.situation(), day(state.offeredAt()),
                    day(state.lastPlay()), recent));
        });
        return all;
    }

    private static long day(long time) {
        return time == PlayState.NEVER ? time : Math.floorDiv(time, 86_400);
    }
}
