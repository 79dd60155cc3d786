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
            AccountId[] ids = new AccountId[accounts];
            for (int i = 0; i < accounts; i++) {
                ids[i] = AccountId.of("acc-" + i);
            }
            Map<String, PlayState> read = new HashMap<>();
            store.read(ids, accounts, (i, playbook, state) -> assertThat(read.put(ids[i].value() + "|" + playbook, state)).isNull());
            assertThat(read).isEqualTo(model);
        }
    }
}
