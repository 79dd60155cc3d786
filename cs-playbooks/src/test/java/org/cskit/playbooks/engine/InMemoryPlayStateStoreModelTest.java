package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.junit.jupiter.api.Test;

/**
 * The in-memory store against a plain map, under random inserts, updates and deletes dense enough
 * that its buckets split and its account records grow and shrink (the encoding, splits and
 * deletion are its own code, not a library's).
 */
class InMemoryPlayStateStoreModelTest {
    private static final List<String> PLAYBOOKS = List.of("a", "b", "c", "d", "e", "f", "g");

    @Test
    void randomWrites_readBackAsAMapHoldsThem() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            InMemoryPlayStateStore store = new InMemoryPlayStateStore();
            Map<String, PlayState> model = new HashMap<>();
            int accounts = 3_000;
            for (int op = 0; op < 60_000; op++) {
                String account = "acc-" + random.nextInt(accounts);
                String playbook = PLAYBOOKS.get(random.nextInt(PLAYBOOKS.size()));
                String key = account + "|" + playbook;
                PlayState current = model.getOrDefault(key, PlayState.EMPTY);
                long version = model.containsKey(key) ? current.version() : 0;
                PlayState next = random.nextInt(4) == 0
                        ? PlayState.EMPTY.withVersion(version + 1)
                        : new PlayState(version + 1, Status.OPEN, random.nextInt(1000), 1_000 + op, 1_000 + op, new long[0]);
                assertThat(store.compareAndSet(AccountId.of(account), playbook, version + 1, next.withVersion(version + 2))).isFalse();
                assertThat(store.compareAndSet(AccountId.of(account), playbook, version, next)).isTrue();
                if (next.isEmpty()) {
                    model.remove(key);
                } else {
                    model.put(key, next);
                }
            }
            assertThat(store.size()).isEqualTo(model.size());
            assertThat(readAll(store, accounts)).isEqualTo(model);
        }
    }

    /**
     * The evaluator's path: writes by fingerprint and position, with a limit playbook's recent times,
     * an offer time kept with no play out, and situations, read back by fingerprint as primitives.
     */
    @Test
    void primitiveWrites_readBackAsAMapHoldsThem() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            InMemoryPlayStateStore store = new InMemoryPlayStateStore();
            int[] positions = store.positions(PLAYBOOKS.toArray(new String[0]));
            Map<String, PlayState> model = new HashMap<>();
            int accounts = 3_000;
            for (int op = 0; op < 60_000; op++) {
                String account = "acc-" + random.nextInt(accounts);
                int p = random.nextInt(PLAYBOOKS.size());
                String key = account + "|" + PLAYBOOKS.get(p);
                long fp = AccountId.of(account).fingerprint();
                PlayState current = model.get(key);
                long version = current == null ? 0 : current.version();
                PlayState next = switch (random.nextInt(5)) {
                    case 0 -> PlayState.EMPTY.withVersion(version + 1);
                    case 1 -> new PlayState(version + 1, Status.NONE, random.nextInt(3), 500 + op, random.nextInt(2) == 0 ? PlayState.NEVER : op,
                            new long[] {op, op + 1, op + 1});
                    case 2 -> new PlayState(version + 1, Status.OFFERED, -random.nextInt(1 << 30), 1_000 + op, PlayState.NEVER, new long[0]);
                    default -> new PlayState(version + 1, Status.OPEN, random.nextInt(1000), 1_000 + op,
                            random.nextInt(2) == 0 ? 1_000 + op : 2_000 + op, new long[random.nextInt(2)]);
                };
                assertThat(write(store, fp, positions[p], version + 1, next)).isFalse();
                assertThat(write(store, fp, positions[p], version, next)).isTrue();
                if (next.isEmpty()) {
                    model.remove(key);
                } else {
                    model.put(key, next);
                }
            }
            assertThat(store.size()).isEqualTo(model.size());
            assertThat(readAll(store, accounts)).isEqualTo(model);
            Map<String, PlayState> primitive = new HashMap<>();
            long[] fps = new long[accounts];
            for (int i = 0; i < accounts; i++) {
                fps[i] = AccountId.of("acc-" + i).fingerprint();
            }
            store.read(fps, accounts, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> assertThat(primitive.put(
                    "acc-" + i + "|" + PLAYBOOKS.get(position), new PlayState(version, Status.values()[status], situation, offeredAt, lastPlay,
                            recent))).isNull());
            assertThat(primitive).isEqualTo(model);
        }
    }

    private static boolean write(InMemoryPlayStateStore store, long fp, int position, long expected, PlayState next) {
        return store.compareAndSet(fp, position, expected, next.status().ordinal(), (int) next.situation(), next.offeredAt(), next.lastPlay(),
                next.recent());
    }

    /** One account whose record grows from one state to twelve and shrinks back, among neighbours that split its bucket. */
    @Test
    void oneAccount_growsFromOneToTwelveStatesAndBack_amongSplittingNeighbours() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId busy = AccountId.of("busy");
        for (int p = 0; p < 12; p++) {
            assertThat(store.compareAndSet(busy, "pb-" + p, 0, new PlayState(1, Status.OPEN, p, 1_000 + p, 1_000 + p, new long[0]))).isTrue();
            for (int other = 0; other < 500; other++) { // enough accounts that every stripe's buckets split around it
                AccountId id = AccountId.of("n-" + p + "-" + other);
                assertThat(store.compareAndSet(id, "pb-0", 0, new PlayState(1, Status.OFFERED, 0, 5, PlayState.NEVER, new long[0]))).isTrue();
            }
            assertThat(statesOf(store, busy)).hasSize(p + 1);
        }
        Map<String, PlayState> all = statesOf(store, busy);
        for (int p = 0; p < 12; p++) {
            assertThat(all.get("pb-" + p)).isEqualTo(new PlayState(1, Status.OPEN, p, 1_000 + p, 1_000 + p, new long[0]));
        }
        for (int p = 11; p >= 0; p--) {
            assertThat(store.compareAndSet(busy, "pb-" + p, 1, PlayState.EMPTY.withVersion(2))).isTrue();
            assertThat(statesOf(store, busy)).hasSize(p);
        }
        assertThat(store.size()).isEqualTo(12 * 500);
    }

    /**
     * Many writes in a row to one account's states of 70 playbooks (positions past 64 included),
     * changing their sizes, with now and then a write to a neighbour: the store's note of where
     * the account's states lie must follow every change.
     */
    @Test
    void oneAccount_writesInARowOfChangingSize_matchTheModel() {
        SplittableRandom random = new SplittableRandom(5);
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        List<String> playbooks = new java.util.ArrayList<>();
        for (int p = 0; p < 70; p++) {
            playbooks.add("pb-" + p);
        }
        int[] positions = store.positions(playbooks.toArray(new String[0]));
        Map<String, PlayState> model = new HashMap<>();
        for (int op = 0; op < 40_000; op++) {
            String account = random.nextInt(8) == 0 ? "n-" + random.nextInt(200) : "busy";
            int p = random.nextInt(random.nextInt(4) == 0 ? 70 : 6);
            String key = account + "|" + playbooks.get(p);
            long version = model.containsKey(key) ? model.get(key).version() : 0;
            long[] recent = new long[random.nextInt(3) == 0 ? random.nextInt(1, 4) : 0];
            for (int r = 0; r < recent.length; r++) {
                recent[r] = op + r;
            }
            PlayState next = switch (random.nextInt(5)) {
                case 0 -> PlayState.EMPTY.withVersion(version + 1);
                case 1 -> new PlayState(version + 1, Status.OFFERED, random.nextInt(2) * op, 1_000 + op, PlayState.NEVER, recent);
                case 2 -> new PlayState(version + 1, Status.NONE, 0, PlayState.NEVER, op, recent);
                default -> new PlayState(version + 1, Status.OPEN, random.nextInt(3), 1_000 + op, 1_000 + op + random.nextInt(2), recent);
            };
            long fp = AccountId.of(account).fingerprint();
            assertThat(write(store, fp, positions[p], version + 1, next)).isFalse();
            assertThat(write(store, fp, positions[p], version, next)).isTrue();
            if (next.isEmpty()) {
                model.remove(key);
            } else {
                model.put(key, next);
            }
            if (op % 1_000 == 0 || op > 39_900) {
                Map<String, PlayState> busy = new HashMap<>();
                model.forEach((k, s) -> {
                    if (k.startsWith("busy|")) {
                        busy.put(k.substring(5), s);
                    }
                });
                assertThat(statesOf(store, AccountId.of("busy"))).isEqualTo(busy);
            }
        }
        assertThat(store.size()).isEqualTo(model.size());
    }

    /**
     * Four threads write one account's states at once, each playbook by read and compare-and-set
     * in a loop, while the record grows and shrinks under them: every successful write is one
     * version step, none is lost, and each thread's own playbook ends at its own count.
     */
    @Test
    void concurrentWriters_toOneAccount_loseNoWrite() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId account = AccountId.of("shared");
        int threads = 4, rounds = 5_000;
        java.util.concurrent.atomic.AtomicLong sharedWins = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String own = "own-" + t;
                done.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        PlayState mine = statesOf(store, account).getOrDefault(own, PlayState.EMPTY);
                        long[] recent = new long[r % 3]; // the own state changes size every write
                        assertThat(store.compareAndSet(account, own, mine.version(),
                                new PlayState(mine.version() + 1, Status.OPEN, r, 1_000 + r, 1_000 + r, recent))).isTrue();
                        PlayState shared = statesOf(store, account).getOrDefault("shared", PlayState.EMPTY);
                        if (store.compareAndSet(account, "shared", shared.version(),
                                new PlayState(shared.version() + 1, Status.OFFERED, 0, 5, PlayState.NEVER, new long[0]))) {
                            sharedWins.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, PlayState> states = statesOf(store, account);
        for (int t = 0; t < threads; t++) {
            assertThat(states.get("own-" + t).version()).isEqualTo(rounds);
        }
        assertThat(states.get("shared").version()).isEqualTo(sharedWins.get()).isPositive();
    }

    /**
     * One account's record grows past 255 bytes (where its length no longer fits its length byte
     * and becomes a varint at the record's start), byte by byte through the boundary, and shrinks
     * back below it, among neighbours that split its bucket; read back after every write, and once
     * through a snapshot and restore while it is long.
     */
    @Test
    void oneAccount_recordCrossesTheLengthBytesLimitBothWays_readsBackAndSurvivesASnapshot() {
        List<org.cskit.playbooks.Playbook> set = org.cskit.playbooks.BuiltInPlaybooks.all();
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId busy = AccountId.of("busy");
        Map<String, PlayState> model = new HashMap<>();
        int neighbours = 0;
        // Grow: each playbook in turn takes up to 20 recent times (4 bytes each), one more per write.
        for (int p = 0; p < 4; p++) {
            String playbook = set.get(p).id();
            for (int times = 0; times <= 20; times++) {
                long[] recent = new long[times];
                for (int r = 0; r < times; r++) {
                    recent[r] = 100 + r;
                }
                PlayState current = model.get(playbook);
                long version = current == null ? 0 : current.version();
                PlayState next = new PlayState(version + 1, Status.OPEN, p, 1_000, 1_000 + times, recent);
                assertThat(store.compareAndSet(busy, playbook, version, next)).isTrue();
                model.put(playbook, next);
                for (int k = 0; k < 40; k++) { // neighbours, so that the account's bucket splits around it
                    assertThat(store.compareAndSet(AccountId.of("n-" + neighbours++), set.get(k % 3).id(), 0,
                            new PlayState(1, Status.OFFERED, 0, 5, PlayState.NEVER, new long[0]))).isTrue();
                }
                assertThat(statesOf(store, busy)).isEqualTo(model);
            }
        }
        // 4 states of 20 recent times: past 255 bytes. Through a snapshot and back.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.snapshot(out, set);
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new java.io.ByteArrayInputStream(out.toByteArray()), set,
                InMemoryPlayStateStore.SetChanges.REJECT).store();
        assertThat(statesOf(restored, busy)).isEqualTo(model);
        assertThat(restored.size()).isEqualTo(store.size()).isEqualTo(4 + neighbours);
        assertThat(statesOf(restored, AccountId.of("n-" + (neighbours - 1)))).hasSize(1);
        // Shrink, in the store and in the restored one: recent times go, one a write, then the states.
        for (InMemoryPlayStateStore s : List.of(store, restored)) {
            Map<String, PlayState> left = new HashMap<>(model);
            for (int p = 0; p < 4; p++) {
                String playbook = set.get(p).id();
                for (int times = 19; times >= 0; times--) {
                    PlayState current = left.get(playbook);
                    PlayState next = new PlayState(current.version() + 1, Status.OPEN, p, 1_000, 1_000, Arrays.copyOf(current.recent(), times));
                    assertThat(s.compareAndSet(busy, playbook, current.version(), next)).isTrue();
                    left.put(playbook, next);
                    assertThat(statesOf(s, busy)).isEqualTo(left);
                }
                assertThat(s.compareAndSet(busy, playbook, left.get(playbook).version(), PlayState.EMPTY.withVersion(left.get(playbook)
                        .version() + 1))).isTrue();
                left.remove(playbook);
                assertThat(statesOf(s, busy)).isEqualTo(left);
            }
            assertThat(s.size()).isEqualTo(neighbours);
        }
    }

    /**
     * The evaluator's batch read (its prefetch reads buckets without the lock): while two threads
     * rewrite accounts (two playbooks' states in one write, the same situation in both, of changing
     * sizes, the account deleted now and then, so that records move and buckets split), two threads
     * read them all again and again, and every read sees each account's last write whole (both
     * states with one situation) or not at all, and no read fails.
     */
    @Test
    void batchReads_duringWrites_seeEachWriteWholeOrNotAtAll() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a", "b"});
        int accounts = 4_000, rounds = 100_000;
        long[] fps = new long[accounts];
        for (int i = 0; i < accounts; i++) {
            fps[i] = AccountId.of("acc-" + i).fingerprint();
        }
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int mine = t;
                writers.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(mine);
                    long[] version = new long[accounts];
                    InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(2);
                    for (int r = 0; r < rounds; r++) {
                        int i = random.nextInt(accounts / 2) * 2 + mine; // each writer its own accounts: every write succeeds
                        boolean delete = version[i] > 0 && random.nextInt(8) == 0;
                        int situation = delete ? 0 : 1 + random.nextInt(1 << 20);
                        w.clear();
                        w.add(pos[0], version[i], delete ? 0 : 2, situation, delete ? PlayState.NEVER : 1_000,
                                delete ? PlayState.NEVER : 1_000 + r, new long[delete ? 0 : random.nextInt(4)]);
                        w.add(pos[1], version[i], delete ? 0 : 2, situation, delete ? PlayState.NEVER : 1_000,
                                delete ? PlayState.NEVER : 1_000 + r, new long[delete ? 0 : random.nextInt(30)]);
                        store.compareAndSetAll(fps[i], w);
                        assertThat(w.ok[0] && w.ok[1]).isTrue();
                        version[i] = delete ? 0 : version[i] + 1;
                    }
                    return null;
                }));
            }
            List<java.util.concurrent.Future<?>> readers = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    int[][] seen = new int[2][accounts];
                    do {
                        for (int[] s : seen) {
                            Arrays.fill(s, -1);
                        }
                        store.read(fps, accounts, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> {
                            assertThat(status).isEqualTo(2);
                            seen[position == pos[0] ? 0 : 1][i] = situation;
                        });
                        for (int i = 0; i < accounts; i++) {
                            if (seen[0][i] != seen[1][i]) {
                                throw new AssertionError("account " + i + " read half written: " + seen[0][i] + " and " + seen[1][i]);
                            }
                        }
                        reads.incrementAndGet();
                    } while (writing.get());
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : writers) {
                f.get();
            }
            writing.set(false);
            for (java.util.concurrent.Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(reads.get()).isGreaterThan(2);
    }

    private static Map<String, PlayState> statesOf(InMemoryPlayStateStore store, AccountId account) {
        Map<String, PlayState> found = new HashMap<>();
        store.read(new AccountId[] {account}, 1, (i, playbook, state) -> found.put(playbook, state));
        return found;
    }

    /** Every state of accounts {@code acc-0} to {@code acc-<accounts - 1>}, by "account|playbook", each reported once. */
    static Map<String, PlayState> readAll(InMemoryPlayStateStore store, int accounts) {
        AccountId[] ids = new AccountId[accounts];
        for (int i = 0; i < accounts; i++) {
            ids[i] = AccountId.of("acc-" + i);
        }
        Map<String, PlayState> read = new HashMap<>();
        store.read(ids, accounts, (i, playbook, state) -> assertThat(read.put(ids[i].value() + "|" + playbook, state)).isNull());
        return read;
    }
}
