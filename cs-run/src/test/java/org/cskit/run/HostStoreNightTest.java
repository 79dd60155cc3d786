package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.run.NightlyFixture.DAY_1;
import static org.cskit.run.NightlyFixture.PORTFOLIO;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.cskit.model.AccountId;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;
import org.junit.jupiter.api.Test;

/**
 * A night whose state is kept in a store of the host's ({@link NightlyState#on}): the store is the
 * one the engine reads and writes, each slice's playbook stage runs inside the host's transaction
 * (the store's writes and the sink's plays included), a transaction that fails stops the run, and
 * the engine's listener hears every slice.
 */
class HostStoreNightTest {
    private static final int N = 10;
    private static final double[] ARR = NightlyFixture.filled(N, 100_000);

    /** Whether the calling thread is inside {@link #TX}. */
    private static final ThreadLocal<Boolean> IN_TX = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();
    private static final NightlyState.Transactions TX = HostStoreNightTest::inTransaction;

    private static <T> T inTransaction(Supplier<T> work) {
        TRANSACTIONS.incrementAndGet();
        IN_TX.set(true);
        try {
            return work.get();
        } finally {
            IN_TX.set(false);
        }
    }

    /** A host's store: in memory underneath, counting what it is asked and outside which transaction. */
    private static final class HostStore implements PlayStateStore {
        final InMemoryPlayStateStore inner = new InMemoryPlayStateStore();
        final AtomicLong writes = new AtomicLong();
        final AtomicLong outsideTx = new AtomicLong();

        @Override
        public void read(AccountId[] accounts, int count, StateConsumer into) {
            outsideTx.addAndGet(IN_TX.get() ? 0 : 1);
            inner.read(accounts, count, into);
        }

        @Override
        public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
            outsideTx.addAndGet(IN_TX.get() ? 0 : 1);
            writes.incrementAndGet();
            return inner.compareAndSet(account, playbookId, expectedVersion, next);
        }
    }

    /** A sink that counts plays handed to it outside the transaction. */
    private static final class TxSink implements ActionSink {
        final NightlyFixture.Recording delivered = new NightlyFixture.Recording();
        final AtomicLong outsideTx = new AtomicLong();

        @Override
        public void deliver(PlayHandle play) {
            outsideTx.addAndGet(IN_TX.get() ? 0 : 1);
            delivered.deliver(play);
        }
    }

    private static NightlyReport night(NightlyState state, Instant asOf, double[] loginsPerDay, ActionSink sink) {
        return NightlyFixture.run().sliceSize(3).threads(2).build().run(NightlyFixture.accounts(ARR, asOf, null),
                SignalSource.of(NightlyFixture.signals(loginsPerDay, asOf)), ScoreHistoryColumns.empty(N), state, sink,
                NightlyFixture.today(N));
    }

    @Test
    void run_stateOnAHostStore_keepsThePlaysThereFromOneNightToTheNext() {
        HostStore store = new HostStore();
        NightlyState state = NightlyState.on(PORTFOLIO, store);
        NightlyFixture.Recording first = new NightlyFixture.Recording();
        night(state, DAY_1, NightlyFixture.filled(N, 0), first);
        assertThat(first.delivered).hasSize(2 * N);
        assertThat(store.writes.get()).as("the engine wrote to the host's store").isPositive();
        assertThat(store.inner.size()).isEqualTo(2 * N);

        // A new state object on the same store (as after a restart): the open plays are found there.
        NightlyFixture.Recording second = new NightlyFixture.Recording();
        NightlyReport report = night(NightlyState.on(PORTFOLIO, store), DAY_1.plus(Duration.ofDays(1)), NightlyFixture.filled(N, 0), second);
        assertThat(second.delivered).isEmpty();
        assertThat(report.suppressed()).isEqualTo(2 * N);
        assertThat(state.night()).contains(DAY_1);
    }

    @Test
    void run_withTransactions_runsEachSlicesPlaybooksInsideOne() {
        HostStore store = new HostStore();
        TxSink sink = new TxSink();
        int before = TRANSACTIONS.get();
        NightlyReport report = night(NightlyState.on(PORTFOLIO, store, TX), DAY_1, NightlyFixture.filled(N, 0), sink);
        assertThat(TRANSACTIONS.get() - before).as("one transaction per slice").isEqualTo(report.slices()).isEqualTo(4);
        assertThat(sink.delivered.delivered).hasSize(2 * N);
        assertThat(sink.outsideTx.get()).as("plays handed over outside the transaction").isZero();
        assertThat(store.writes.get()).isPositive();
        assertThat(store.outsideTx.get()).as("store reads and writes outside the transaction").isZero();
    }

    @Test
    void run_transactionThatFails_stopsTheRunWithItsException() {
        NightlyState.Transactions failing = new NightlyState.Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                work.get();
                throw new IllegalStateException("commit failed");
            }
        };
        NightlyState state = NightlyState.on(PORTFOLIO, new HostStore(), failing);
        assertThatThrownBy(() -> night(state, DAY_1, NightlyFixture.filled(N, 0), new NightlyFixture.Recording()))
                .isInstanceOf(IllegalStateException.class).hasMessage("commit failed");
        assertThat(state.night()).as("a failed night does not advance the state").isEmpty();
    }

    @Test
    void run_listener_hearsEverySlice() {
        AtomicLong rows = new AtomicLong();
        AtomicLong made = new AtomicLong();
        NightlyFixture.Recording sink = new NightlyFixture.Recording();
        NightlyReport report = NightlyFixture.run().sliceSize(3).threads(2).listener(r -> {
            rows.addAndGet(r.rows());
            for (int p = 0; p < r.playbookIds().size(); p++) {
                made.addAndGet(r.made(p));
            }
        }).build().run(NightlyFixture.accounts(ARR, DAY_1, null), SignalSource.of(NightlyFixture.signals(NightlyFixture.filled(N, 0),
                DAY_1)), ScoreHistoryColumns.empty(N), NightlyState.empty(PORTFOLIO), sink, NightlyFixture.today(N));
        assertThat(rows.get()).isEqualTo(N);
        assertThat(made.get()).isEqualTo(report.created()).isEqualTo(2 * N);
    }

    @Test
    void saveAndInMemoryStore_stateInAnotherStore_areRefusedNamingTheStore() {
        NightlyState state = NightlyState.on(PORTFOLIO, new HostStore(), TX);
        assertThatThrownBy(() -> state.save(new ByteArrayOutputStream())).isInstanceOf(IllegalStateException.class)
                .hasMessage("the state of portfolio 'acme-prod' is kept in a HostStore, which keeps it; only a state in memory is saved to a stream");
        assertThatThrownBy(state::inMemoryStore).isInstanceOf(IllegalStateException.class)
                .hasMessage("the state of portfolio 'acme-prod' is kept in a HostStore, not in memory; playStateStore() gives it");
        InMemoryPlayStateStore memory = new InMemoryPlayStateStore();
        assertThat(NightlyState.on(PORTFOLIO, memory).inMemoryStore()).isSameAs(memory);
    }

    @Test
    void on_missingStoreOrTransactions_isRefusedNamingIt() {
        assertThatThrownBy(() -> NightlyState.on(PORTFOLIO, null)).isInstanceOf(org.cskit.model.ValidationException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> NightlyState.on(PORTFOLIO, new HostStore(), null))
                .isInstanceOf(org.cskit.model.ValidationException.class).hasMessageContaining("transactions");
        assertThatThrownBy(() -> NightlyState.on(" ", new HostStore())).isInstanceOf(org.cskit.model.ValidationException.class)
                .hasMessageContaining("portfolio");
        assertThat(List.of(NightlyState.on(PORTFOLIO, new HostStore()).toString())).singleElement().asString()
                .contains("in a HostStore");
    }
}
