package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.junit.jupiter.api.Test;

/**
 * The batch read told which accounts its caller will write ({@code read(..., long[] adding)}, the
 * evaluator's on a first night): it loads where those accounts would go, and finds what a read without
 * it finds, for a batch of any size up to its scratch's, whatever bits the mask has beyond the batch.
 */
class InMemoryPlayStateStoreAddsTest {

    @Test
    void readTellingWhichAccountsWillBeWritten_findsWhatAPlainReadFinds_andReadsNoBitBeyondTheBatch() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a"});
        InMemoryPlayStateStore.Writes w = new InMemoryPlayStateStore.Writes(1);
        InMemoryPlayStateStore.Reading reading = new InMemoryPlayStateStore.Reading(100); // not a multiple of 64
        int batch = 70;
        long[] every = {-1L, -1L}; // bits for 128 accounts: those at or beyond the batch's 70 are not its
        long[] fps = new long[batch];
        for (int round = 0; round < 40; round++) { // the store grows from empty (a first night), buckets splitting
            for (int i = 0; i < batch; i++) {
                fps[i] = AccountId.of("acc-" + (round * batch / 2 + i)).fingerprint(); // half the batch written before
            }
            List<String> told = new ArrayList<>(), plain = new ArrayList<>();
            int a = store.read(fps, batch, (i, p, st, v, si, o, l, r) -> told.add(i + ":" + v), reading, every);
            int[] lookedTold = java.util.Arrays.copyOf(reading.maybe, a);
            int b = store.read(fps, batch, (i, p, st, v, si, o, l, r) -> plain.add(i + ":" + v), reading, (long[]) null);
            assertThat(told).isEqualTo(plain);
            assertThat(lookedTold).isEqualTo(java.util.Arrays.copyOf(reading.maybe, b));
            if (round > 0) {
                assertThat(told).as("the accounts written the round before").hasSizeGreaterThanOrEqualTo(batch / 2);
            }
            for (int i = 0; i < batch; i++) {
                w.clear();
                w.add(pos[0], 0, 1, 0, 1_000, 1_000, new long[0]);
                store.compareAndSetAll(fps[i], w); // a claim: written where the account had none
            }
        }
        assertThat(store.size()).isEqualTo(39 * batch / 2 + batch);
    }
}
