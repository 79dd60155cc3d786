package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
 * that runs of its tables merge, grow and shift (the probe order, growth and deletion are its own
 * code, not a library's).
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
     * The evaluator's path: writes by fingerprint and position with a slot hint that is right,
     * stale (the state moved as its table grew or shifted on a delete), another pair's slot, or
     * out of range; each write must land on the pair's one slot whatever the hint.
     */
    @Test
    void hintedWrites_anyHint_readBackAsAMapHoldsThem() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            InMemoryPlayStateStore store = new InMemoryPlayStateStore();
            int[] positions = store.positions(PLAYBOOKS.toArray(new String[0]));
            Map<String, PlayState> model = new HashMap<>();
            Map<String, Integer> slots = new HashMap<>();
            int accounts = 3_000;
            for (int op = 0; op < 60_000; op++) {
                String account = "acc-" + random.nextInt(accounts);
                int p = random.nextInt(PLAYBOOKS.size());
                String key = account + "|" + PLAYBOOKS.get(p);
                long fp = InMemoryPlayStateStore.fingerprint(AccountId.of(account));
                PlayState current = model.get(key);
                long version = current == null ? 0 : current.version();
                int hint = switch (random.nextInt(4)) {
                    case 0 -> slots.getOrDefault(key, -1); // the slot last written: right, or stale
                    case 1 -> random.nextInt(1 << 12); // any slot: likely another pair's
                    case 2 -> -1;
                    default -> random.nextInt(Integer.MAX_VALUE);
                };
                boolean delete = random.nextInt(4) == 0;
                int status = delete ? 0 : 2;
                long at = delete ? PlayState.NEVER : 1_000 + op;
                int situation = delete ? 0 : random.nextInt(1000);
                assertThat(store.compareAndSet(fp, positions[p], version + 1, status, situation, at, at, new long[0], hint))
                        .isEqualTo(InMemoryPlayStateStore.FAILED);
                int slot = store.compareAndSet(fp, positions[p], version, status, situation, at, at, new long[0], hint);
                assertThat(slot).isNotEqualTo(InMemoryPlayStateStore.FAILED);
                if (delete) {
                    assertThat(slot).isEqualTo(InMemoryPlayStateStore.DELETED);
                    model.remove(key);
                    slots.remove(key);
                } else {
                    model.put(key, new PlayState(version + 1, Status.OPEN, situation, at, at, new long[0]));
                    slots.put(key, slot);
                }
            }
            assertThat(store.size()).isEqualTo(model.size());
            assertThat(readAll(store, accounts)).isEqualTo(model);
        }
    }

    /** Every state of accounts {@code acc-0} to {@code acc-<accounts - 1>}, by "account|playbook", each reported once. */
    private static Map<String, PlayState> readAll(InMemoryPlayStateStore store, int accounts) {
        AccountId[] ids = new AccountId[accounts];
        for (int i = 0; i < accounts; i++) {
            ids[i] = AccountId.of("acc-" + i);
        }
        Map<String, PlayState> read = new HashMap<>();
        store.read(ids, accounts, (i, playbook, state) -> assertThat(read.put(ids[i].value() + "|" + playbook, state)).isNull());
        return read;
    }
}
