package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * A store seen through the SPI only (so the engine uses {@link PlayStateStore#compareAndSetAll}),
 * counting its calls; its reads can wait for a second reader, so that two evaluations read the
 * same states before either writes.
 */
final class SpiStore implements PlayStateStore {
    final InMemoryPlayStateStore inner = new InMemoryPlayStateStore();
    final List<Integer> batches = new ArrayList<>();
    final AtomicInteger singles = new AtomicInteger();
    CyclicBarrier readTogether;

    @Override
    public void read(AccountId[] accounts, int count, StateConsumer into) {
        inner.read(accounts, count, into);
        if (readTogether != null) {
            try {
                readTogether.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other evaluation did not read", e);
            }
        }
    }

    @Override
    public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
        singles.incrementAndGet();
        return inner.compareAndSet(account, playbookId, expectedVersion, next);
    }

    @Override
    public boolean[] compareAndSetAll(List<Write> writes) {
        synchronized (batches) {
            batches.add(writes.size());
        }
        boolean[] ok = new boolean[writes.size()];
        for (int i = 0; i < ok.length; i++) {
            Write w = writes.get(i);
            ok[i] = inner.compareAndSet(w.account(), w.playbookId(), w.expectedVersion(), w.next());
        }
        return ok;
    }
}
