package org.cskit.playbooks.engine;

import static org.cskit.playbooks.engine.EngineFixtures.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.cskit.model.AccountId;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryPlayStateStore#compareAndSetAll(long, InMemoryPlayStateStore.Writes)}: several
 * playbooks' states of one account in one write, each a compare-and-set of its own.
 */
class InMemoryPlayStateStoreWritesTest {
    private static final String[] PLAYBOOKS = {"a", "b", "c", "d", "e", "f", "g", "h"};
    private static final long[] NONE = new long[0];

    private static PlayState open(long version, int situation) {
        return new PlayState(version, Status.OPEN, situation, 1_000, 1_000, NONE);
    }

    @Test
    void compareAndSetAll_someVersionsStale_thoseFailAndTheOthersAreWritten() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        AccountId acme = AccountId.of("acme");
        int[] pos = store.positions(PLAYBOOKS);
        assertThat(store.compareAndSet(acme, "a", 0, open(1, 1))).isTrue();
        assertThat(store.compareAndSet(acme, "b", 0, open(1, 2))).isTrue();
        assertThat(store.compareAndSet(acme, "b", 1, open(2, 2))).isTrue();
        assertThat(store.compareAndSet(acme, "c", 0, open(1, 3))).isTrue();
        InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(2); // grows
        w.add(pos[0], 1, 2, 10, 2_000, 3_000, new long[] {3_000}); // a: written
        w.add(pos[1], 1, 2, 20, 2_000, 2_000, NONE); // b: stored version is 2, not written
        w.add(pos[2], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE); // c: deleted
        w.add(pos[3], 0, 1, 40, 2_000, PlayState.NEVER, NONE); // d: new
        w.add(pos[4], 3, 1, 50, 2_000, PlayState.NEVER, NONE); // e: there is none, not written
        w.add(pos[5], 0, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE); // f: deleting what is not there

        store.compareAndSetAll(acme.fingerprint(), w);

        assertThat(w.ok).startsWith(true, false, true, true, false, true);
        assertThat(states(store, "acme")).containsOnlyKeys("a", "b", "d")
                .containsEntry("a", new PlayState(2, Status.OPEN, 10, 2_000, 3_000, new long[] {3_000}))
                .containsEntry("b", open(2, 2))
                .containsEntry("d", new PlayState(1, Status.OFFERED, 40, 2_000, PlayState.NEVER, NONE));
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void read_ofTheAllZeroFingerprintAfterAnAccountWasRemoved_findsNoState() {
        // The store remembers the account it located last, by fingerprint and bucket; removing an account's last
        // state cleared the fingerprint to 0 but kept the bucket, so an account whose fingerprint is 0 read the
        // removed account's place in that bucket.
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS);
        long a = 5, b = 7, zero = 0; // all three in stripe 0, one bucket
        InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(1);
        w.add(pos[0], 0, 2, 11, 1_000, 1_000, NONE);
        store.compareAndSetAll(a, w);
        w = new InMemoryPlayStateStore.Writes(1);
        w.add(pos[1], 0, 2, 22, 1_000, 1_000, NONE);
        store.compareAndSetAll(b, w);
        w = new InMemoryPlayStateStore.Writes(1);
        w.add(pos[1], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE); // b's only state deleted: its record goes
        store.compareAndSetAll(b, w);
        assertThat(w.ok[0]).isTrue();

        List<String> found = new ArrayList<>();
        store.read(new long[] {zero}, 1, (i, position, status, version, situation, offered, last, recent) -> found.add(
                position + "/" + version + "/" + situation));

        assertThat(found).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void compareAndSetAll_badWrite_isRefusedBeforeAnyIsMade() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS);
        long fp = AccountId.of("acme").fingerprint();
        InMemoryPlayStateStore.Writes late = new InMemoryPlayStateStore.Writes(2);
        late.add(pos[0], 0, 1, 1, 2_000, PlayState.NEVER, NONE);
        late.add(pos[1], 0, 2, 1, 2_000, 1L << 33, NONE);
        InMemoryPlayStateStore.Writes twice = new InMemoryPlayStateStore.Writes(2);
        twice.add(pos[0], 0, 1, 1, 2_000, PlayState.NEVER, NONE);
        twice.add(pos[0], 0, 2, 1, 2_000, 2_000, NONE);

        assertThatThrownBy(() -> store.compareAndSetAll(fp, late)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("lastPlay 8589934592 is outside 1970 to 2106");
        assertThatThrownBy(() -> store.compareAndSetAll(fp, twice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("playbook position " + pos[0] + " is written twice in one account's writes");
        assertThat(store.size()).as("nothing written half way").isZero();
    }

    @Test
    void compareAndSetAll_recentTimeOutOfRange_namesItsIndex() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS);
        long fp = AccountId.of("acme").fingerprint();
        InMemoryPlayStateStore.Writes bad = new InMemoryPlayStateStore.Writes(1);
        bad.add(pos[0], 0, 1, 1, 2_000, 2_000, new long[] {1_000, -7});

        assertThatThrownBy(() -> store.compareAndSetAll(fp, bad)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("recent[1] -7 is outside 1970 to 2106");
        assertThat(store.size()).as("nothing written").isZero();
    }

    /**
     * Random multi-writes (right and stale versions, new states, updates that grow and shrink a
     * record, deletes) over accounts dense enough that buckets split, against a map: the same
     * writes succeed, and the same states read back.
     */
    @Property(tries = 12)
    void compareAndSetAll_randomWrites_matchAMap(@ForAll long seed) {
        randomWrites(seed, 1_500, 0);
    }

    /**
     * The same, with most writes of the account written just before (whose location the store
     * keeps) and half of those the record of what the write before claimed (offered made open, as
     * the evaluator writes it): the same writes succeed, and the same states read back.
     */
    @Property(tries = 12)
    void compareAndSetAll_writesOfTheAccountJustWritten_matchAMap(@ForAll long seed) {
        randomWrites(seed, 300, 3);
    }

    /** Random writes; {@code again} in 4 repeat the account written last, half of those as the record of its claims. */
    private static void randomWrites(long seed, int accounts, int again) {
        SplittableRandom random = new SplittableRandom(seed);
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS);
        Map<String, PlayState> model = new HashMap<>();
        InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(1);
        String account = "acc-0";
        List<String> keys = new ArrayList<>();
        List<PlayState> next = new ArrayList<>();
        for (int op = 0; op < 6_000; op++) {
            boolean repeat = random.nextInt(4) < again;
            if (repeat && random.nextBoolean() && !keys.isEmpty()) { // the record of the last write's offered states
                List<String> claimed = new ArrayList<>(keys);
                w.clear();
                keys.clear();
                next.clear();
                for (String key : claimed) {
                    PlayState current = model.get(key);
                    if (current != null && current.status() == Status.OFFERED) {
                        long expected = random.nextInt(8) == 0 ? current.version() + 1 : current.version();
                        PlayState state = new PlayState(expected + 1, Status.OPEN, current.situation(), current.offeredAt(),
                                current.offeredAt(), current.recent());
                        w.add(pos[java.util.Arrays.asList(PLAYBOOKS).indexOf(key.substring(key.indexOf('|') + 1))], expected,
                                Status.OPEN.ordinal(), (int) state.situation(), state.offeredAt(), state.lastPlay(), state.recent());
                        keys.add(key);
                        next.add(state);
                    }
                }
                store.compareAndSetAll(AccountId.of(account).fingerprint(), w);
                check(w, keys, next, model, op);
                continue;
            }
            if (!repeat) {
                account = "acc-" + random.nextInt(accounts);
            }
            w.clear();
            keys.clear();
            next.clear();
            int first = random.nextInt(PLAYBOOKS.length);
            int count = 1 + random.nextInt(PLAYBOOKS.length);
            for (int k = 0; k < count; k++) {
                int p = (first + k * 3) % PLAYBOOKS.length; // distinct for k < 8: 3 and 8 share no factor
                String key = account + "|" + PLAYBOOKS[p];
                PlayState current = model.get(key);
                long version = current == null ? 0 : current.version();
                long expected = random.nextInt(5) == 0 ? version + 1 + random.nextInt(2) : version;
                PlayState state = switch (random.nextInt(5)) {
                    case 0 -> PlayState.EMPTY.withVersion(expected + 1);
                    case 1 -> new PlayState(expected + 1, Status.NONE, 0, PlayState.NEVER, 500 + op, new long[] {op, op + 1});
                    case 2 -> new PlayState(expected + 1, Status.OFFERED, -random.nextInt(1 << 30), 1_000 + op, PlayState.NEVER, NONE);
                    default -> new PlayState(expected + 1, Status.OPEN, random.nextInt(1000), 1_000 + op, 2_000 + op,
                            new long[random.nextInt(3)]);
                };
                w.add(pos[p], expected, state.status().ordinal(), (int) state.situation(), state.offeredAt(), state.lastPlay(),
                        state.recent());
                keys.add(key);
                next.add(state);
            }
            store.compareAndSetAll(AccountId.of(account).fingerprint(), w);
            check(w, keys, next, model, op);
        }
        Map<String, PlayState> all = new HashMap<>();
        for (int a = 0; a < accounts; a++) {
            String id = "acc-" + a;
            states(store, id).forEach((playbook, state) -> all.put(id + "|" + playbook, state));
        }
        assertThat(all).isEqualTo(model);
        assertThat(store.size()).isEqualTo(model.size());
    }

    /** Which writes succeeded against the model, which then takes them. */
    private static void check(InMemoryPlayStateStore.Writes w, List<String> keys, List<PlayState> next, Map<String, PlayState> model,
            int op) {
        for (int k = 0; k < keys.size(); k++) {
            PlayState current = model.get(keys.get(k));
            long version = current == null ? 0 : current.version();
            boolean expectedOk = next.get(k).version() == version + 1;
            assertThat(w.ok[k]).as("op %s write %s", op, k).isEqualTo(expectedOk);
            if (expectedOk) {
                if (next.get(k).isEmpty()) {
                    model.remove(keys.get(k));
                } else {
                    model.put(keys.get(k), next.get(k));
                }
            }
        }
    }

    /** Two threads write the same six playbooks of one account from the same versions: each state is written by one of them. */
    @Test
    void compareAndSetAll_twoThreadsFromTheSameVersions_eachStateWrittenOnce() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                long fp = AccountId.of("acc-" + round).fingerprint();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<boolean[]>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    int thread = t;
                    both.add(pool.submit(() -> {
                        InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(6);
                        for (int p = 0; p < 6; p++) {
                            w.add(pos[p], 0, 1, thread + 1, 1_000, PlayState.NEVER, NONE);
                        }
                        start.await(10, TimeUnit.SECONDS);
                        store.compareAndSetAll(fp, w);
                        return java.util.Arrays.copyOf(w.ok, 6);
                    }));
                }
                boolean[] a = both.get(0).get(30, TimeUnit.SECONDS), b = both.get(1).get(30, TimeUnit.SECONDS);
                Map<String, PlayState> found = states(store, "acc-" + round);
                for (int p = 0; p < 6; p++) {
                    assertThat(a[p] ^ b[p]).as("round %s playbook %s: written by exactly one", round, p).isTrue();
                    assertThat(found.get(PLAYBOOKS[p]).situation()).isEqualTo(a[p] ? 1 : 2);
                    assertThat(found.get(PLAYBOOKS[p]).version()).isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
