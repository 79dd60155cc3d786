package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's batch read (chunks of {@link RowProgram#CHUNK} accounts, a reader's scratch reused)
 * while other threads add accounts (so that buckets split and grow under it) and add and delete others
 * (a delete moves the keys after it in place): what the read's
 * prefetch pass finds without the lock is trusted only while its stripe's change count is unchanged.
 */
class InMemoryPlayStateStoreBatchReadTest {

    @Test
    void batchReads_whileAccountsAreAdded_neverLoseAnAccountOrGoBackAVersion() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a", "b"});
        int accounts = 16_384;
        long[] fps = new long[accounts];
        for (int i = 0; i < accounts; i++) {
            fps[i] = AccountId.of("acc-" + i).fingerprint();
        }
        InMemoryPlayStateStore.Writes first = new InMemoryPlayStateStore.Writes(2);
        for (int i = 0; i < accounts; i += 2) { // half the accounts before: batch reads find most of a chunk's, and locate them
            first.clear();
            first.add(pos[0], 0, 2, 7, 1_000, 1_000, new long[0]);
            first.add(pos[1], 0, 2, 7, 1_000, 1_000, new long[0]);
            store.compareAndSetAll(fps[i], first);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int mine = t;
                writers.add(pool.submit(() -> {
                    InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(2);
                    long[] version = new long[accounts];
                    for (int round = 0; round < 6; round++) { // the odd accounts added, then their records grown a few times
                        for (int i = 1 + 2 * mine; i < accounts; i += 4) {
                            w.clear();
                            long[] recent = new long[round * 3];
                            Arrays.fill(recent, 2_000);
                            w.add(pos[0], version[i], 2, 7, 1_000, 1_000 + round, recent);
                            w.add(pos[1], version[i], 2, 7, 1_000, 1_000 + round, recent);
                            store.compareAndSetAll(fps[i], w);
                            assertThat(w.ok[0] && w.ok[1]).isTrue();
                            version[i]++;
                        }
                    }
                    return null;
                }));
            }
            writers.add(pool.submit(() -> { // other accounts added and deleted: a delete moves the keys after it in place
                InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(1);
                long[] churn = new long[accounts];
                for (int i = 0; i < accounts; i++) {
                    churn[i] = AccountId.of("churn-" + i).fingerprint();
                }
                for (int round = 0; round < 8; round++) {
                    for (int i = 0; i < accounts; i++) {
                        w.clear();
                        w.add(pos[0], 0, 2, 7, 1_000, 1_000, new long[0]);
                        store.compareAndSetAll(churn[i], w);
                    }
                    for (int i = 0; i < accounts; i++) {
                        w.clear();
                        w.add(pos[0], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, new long[0]); // deletes
                        store.compareAndSetAll(churn[i], w);
                    }
                }
                return null;
            }));
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    InMemoryPlayStateStore.Reading reading = new InMemoryPlayStateStore.Reading(RowProgram.CHUNK);
                    long[] chunk = new long[RowProgram.CHUNK];
                    long[] seen = new long[accounts]; // per account the highest version read of "a", 0 before it is first read
                    long[][] now = new long[2][RowProgram.CHUNK];
                    boolean last;
                    do {
                        last = !writing.get(); // the last pass starts after every write
                        for (int from = 0; from < accounts; from += RowProgram.CHUNK) {
                            int count = Math.min(RowProgram.CHUNK, accounts - from);
                            System.arraycopy(fps, from, chunk, 0, count);
                            for (long[] v : now) {
                                Arrays.fill(v, 0);
                            }
                            store.read(chunk, count, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> {
                                assertThat(status).isEqualTo(PlayState.Status.OPEN.ordinal());
                                assertThat(situation).isEqualTo(7);
                                now[position == pos[0] ? 0 : 1][i] = version;
                            }, reading, null);
                            for (int i = 0; i < count; i++) {
                                int a = from + i;
                                if (now[0][i] != now[1][i]) {
                                    throw new AssertionError("account " + a + " read half written: versions " + now[0][i] + " and " + now[1][i]);
                                }
                                if (now[0][i] < seen[a]) {
                                    throw new AssertionError("account " + a + " read at version " + now[0][i] + " after " + seen[a]
                                            + (now[0][i] == 0 ? " (not found)" : ""));
                                }
                                seen[a] = now[0][i];
                            }
                        }
                        reads.incrementAndGet();
                    } while (!last);
                    for (int a = 0; a < accounts; a++) {
                        assertThat(seen[a]).as("account %d after the writes", a).isGreaterThan(0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(reads.get()).isGreaterThan(2);
    }
}
