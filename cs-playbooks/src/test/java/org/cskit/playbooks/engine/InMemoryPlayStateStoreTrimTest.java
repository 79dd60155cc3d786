package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore.SetChanges;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryPlayStateStore#trim}: a store grown account by account (its buckets keeping room to
 * grow, split and replaced many times) gives that room back without losing or changing a state, every
 * directory entry of a bucket then names the trimmed one (writes after the trim land where reads and
 * snapshots look), and a store with nothing to give back gives back nothing.
 */
class InMemoryPlayStateStoreTrimTest {
    private static final List<Playbook> PLAYBOOKS = BuiltInPlaybooks.all().subList(0, 3);
    private static final int ACCOUNTS = 30_000;

    /** Fingerprints spread over every stripe (the store's own mix of the account number). */
    private static long fp(int account) {
        long h = (account + 1) * 0x9E37_79B9_7F4A_7C15L;
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    /** Grows a store as a first night does: per account, one to three playbooks offered and then opened, some with recent times. */
    private static InMemoryPlayStateStore grown(InMemoryPlayStateStore store, int[] pos) {
        for (int a = 0; a < ACCOUNTS; a++) {
            for (int p = 0; p <= a % 3; p++) {
                long[] recent = (a + p) % 5 == 0 ? new long[] {500, 700 + a % 11} : new long[0];
                assertThat(store.compareAndSet(fp(a), pos[p], 0, 1, a % 7, 1_000 + a, PlayState.NEVER, recent)).isTrue();
                assertThat(store.compareAndSet(fp(a), pos[p], 1, 2, a % 7, 1_000 + a, 1_000 + a, recent)).isTrue();
            }
        }
        return store;
    }

    /** Every state, by account and position: version, status, situation, offer time and recent count in one string. */
    private static Map<String, String> states(InMemoryPlayStateStore store) {
        long[] fps = new long[ACCOUNTS];
        for (int a = 0; a < ACCOUNTS; a++) {
            fps[a] = fp(a);
        }
        Map<String, String> found = new HashMap<>();
        store.read(fps, ACCOUNTS, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> found.put(i + "/" + position,
                version + " " + status + " " + situation + " " + offeredAt + " " + lastPlay + " " + recent.length));
        return found;
    }

    private static byte[] snapshot(InMemoryPlayStateStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.snapshot(out, PLAYBOOKS);
        return out.toByteArray();
    }

    @Test
    void trim_grownStore_givesRoomBackAndKeepsEveryState() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS.stream().map(Playbook::id).toArray(String[]::new));
        grown(store, pos);
        Map<String, String> before = states(store);
        byte[] snapshot = snapshot(store);
        long size = store.size();

        long freed = store.trim();

        assertThat(freed).as("room given back by a grown store").isPositive();
        assertThat(store.size()).isEqualTo(size).isEqualTo(2L * ACCOUNTS); // 1, 2, 3 playbooks in turn
        assertThat(states(store)).isEqualTo(before).hasSize(2 * ACCOUNTS);
        assertThat(snapshot(store)).isEqualTo(snapshot);
        assertThat(store.trim()).as("a trimmed store has nothing more to give back").isZero();
    }

    @Test
    void writesAfterTrim_landInTheTrimmedBuckets() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS.stream().map(Playbook::id).toArray(String[]::new));
        grown(store, pos);
        store.trim();
        for (int a = 0; a < ACCOUNTS; a++) { // every account's first state again (the last written is the cached one)
            assertThat(store.compareAndSet(fp(a), pos[0], 2, 2, a % 7, 2_000, 2_000, new long[0])).as("account %d", a).isTrue();
            assertThat(store.compareAndSet(fp(a), pos[0], 2, 0, 0, PlayState.NEVER, PlayState.NEVER, new long[0])).as("stale version, account %d", a).isFalse();
        }
        for (int a = ACCOUNTS; a < ACCOUNTS + 2_000; a++) { // new accounts: buckets grow and split again after the trim
            assertThat(store.compareAndSet(fp(a), pos[1], 0, 2, 0, 3_000, 3_000, new long[0])).isTrue();
        }
        Map<String, String> found = states(store);
        for (int a = 0; a < ACCOUNTS; a++) {
            assertThat(found.get(a + "/" + pos[0])).as("account %d", a).isEqualTo("3 2 " + a % 7 + " 2000 2000 0");
        }
        assertThat(store.size()).isEqualTo(2L * ACCOUNTS + 2_000);
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(snapshot(store)), PLAYBOOKS,
                SetChanges.REJECT).store();
        assertThat(states(restored)).isEqualTo(found); // what the snapshot wrote (states(...) reads the first ACCOUNTS accounts)
    }

    @Test
    void trim_restoredOrEmptyStore_givesNothingBack() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        assertThat(store.trim()).isZero();
        int[] pos = store.positions(PLAYBOOKS.stream().map(Playbook::id).toArray(String[]::new));
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(snapshot(grown(store, pos))), PLAYBOOKS,
                SetChanges.REJECT).store();

        assertThat(restored.trim()).as("a restored store's buckets are built at their size").isZero();
        assertThat(restored.size()).isEqualTo(2L * ACCOUNTS);
    }
}
