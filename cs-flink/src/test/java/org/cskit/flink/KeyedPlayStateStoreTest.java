package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cskit.model.AccountId;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.Test;

class KeyedPlayStateStoreTest {
    private static final PlayState OPEN = new PlayState(1, PlayState.Status.OPEN, 3, 1_000, 1_000, new long[0]);

    @Test
    void read_stateOfPlaybookNoLongerInTheSet_isDroppedAndCounted() throws Exception {
        KeyedPlayStateStoreContractTest.HarnessStore old = new KeyedPlayStateStoreContractTest().newStoreForTest();
        old.store.compareAndSet(AccountId.of("a"), "tck-playbook", 0, OPEN);
        old.store.compareAndSet(AccountId.of("a"), "removed", 0, OPEN);

        List<String> seen = new ArrayList<>();
        old.store.read(new AccountId[] {AccountId.of("a")}, 1, (i, id, s) -> seen.add(id));

        assertThat(seen).containsExactly("tck-playbook");
        assertThat(old.store.dropped()).isEqualTo(1);
        seen.clear();
        old.store.read(new AccountId[] {AccountId.of("a")}, 1, (i, id, s) -> seen.add(id));
        assertThat(old.store.dropped()).as("deleted, not dropped again").isEqualTo(1);
        old.harness.close();
    }

    @Test
    void currentKeyOnly_otherAccount_isRefusedNamingBoth() {
        KeyedPlayStateStore.KeyScope scope = KeyedPlayStateStore.KeyScope.currentKeyOnly(() -> "acme");

        scope.enter(AccountId.of("acme"));
        assertThatThrownBy(() -> scope.enter(AccountId.of("globex"))).isInstanceOf(ValidationException.class)
                .hasMessage("account 'globex' is not the key being processed ('acme'): keyed state reaches only the current account");
    }

    @Test
    void compareAndSet_versionNotOneMore_isRefused() throws Exception {
        KeyedPlayStateStoreContractTest.HarnessStore s = new KeyedPlayStateStoreContractTest().newStoreForTest();

        assertThatThrownBy(() -> s.store.compareAndSet(AccountId.of("a"), "tck-playbook", 0, OPEN.withVersion(5)))
                .isInstanceOf(ValidationException.class).hasMessage("next.version must be expectedVersion + 1 = 1, but was 5");
        assertThat(Set.of(s.store.dropped())).containsExactly(0L);
        s.harness.close();
    }
}
