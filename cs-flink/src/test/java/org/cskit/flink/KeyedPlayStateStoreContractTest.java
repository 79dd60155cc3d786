package org.cskit.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.cskit.flink.internal.StoredPlayState;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.testkit.tck.PlayStateStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * cs-testkit's {@link PlayStateStoreContract} over {@link KeyedPlayStateStore} in Flink's keyed state
 * backend (the operator test harness): the store switches the backend's current key per account,
 * and {@link #reopen} snapshots the operator's state as a checkpoint does and restores it into a
 * new operator. The whole contract applies, concurrency included (the store synchronises).
 */
class KeyedPlayStateStoreContractTest extends PlayStateStoreContract<KeyedPlayStateStoreContractTest.HarnessStore> {
    private final List<KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord>> opened = new ArrayList<>();

    /** The store with the harness whose backend holds it. */
    static final class HarnessStore implements PlayStateStore {
        final KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> harness;
        final KeyedPlayStateStore store;

        HarnessStore(KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> harness) throws Exception {
            this.harness = harness;
            @SuppressWarnings("unchecked")
            KeyedProcessOperator<String, AccountInput, PlayRecord> operator =
                    (KeyedProcessOperator<String, AccountInput, PlayRecord>) harness.getOperator();
            MapState<String, StoredPlayState> state = operator.getPartitionedState(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                    org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE, KeyedPlayStateStore.descriptor());
            this.store = new KeyedPlayStateStore(state, account -> operator.setCurrentKey(account.value()),
                    Set.of("tck-playbook", "tck-other-playbook"));
        }

        @Override
        public void read(AccountId[] accounts, int count, StateConsumer into) {
            store.read(accounts, count, into);
        }

        @Override
        public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
            return store.compareAndSet(account, playbookId, expectedVersion, next);
        }
    }

    /** An operator that only holds state. */
    static final class Holder extends KeyedProcessFunction<String, AccountInput, PlayRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(AccountInput value, Context ctx, Collector<PlayRecord> out) { }
    }

    /** A store for tests outside the contract (closed by the caller). */
    HarnessStore newStoreForTest() {
        try {
            return new HarnessStore(Harnesses.open(new Holder(), null));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    protected HarnessStore newStore() {
        return open(null);
    }

    @Override
    protected HarnessStore reopen(HarnessStore store) {
        try {
            OperatorSubtaskState snapshot = store.harness.snapshot(1, 1);
            return open(snapshot);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private HarnessStore open(OperatorSubtaskState from) {
        try {
            KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(new Holder(), from);
            opened.add(h);
            return new HarnessStore(h);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void closeHarnesses() throws Exception {
        for (var h : opened) {
            h.close();
        }
    }
}
