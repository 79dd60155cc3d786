package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore.SetChanges;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.Test;

/**
 * The stripes' presence filters kept in step with the accounts held: every account held is found
 * (by a batch read and by {@link InMemoryPlayStateStore#surelyAbsent}) while one stripe's filter is
 * remade as it fills, after many accounts are removed, after a trim and after a restore; and the
 * filter settles most absent accounts by itself ({@link InMemoryPlayStateStore#mayHold} false),
 * including accounts since removed.
 */
class InMemoryPlayStateStoreFilterTest {
    private static final List<Playbook> PLAYBOOKS = BuiltInPlaybooks.all().subList(0, 1);
    private static final long STRIPE = 0x05L << 56; // one stripe, so that its filter is remade many times
    private static final long[] NONE = new long[0];

    /** {@code n} distinct fingerprints of stripe 5, none of {@code not}. */
    private static long[] fps(Random random, int n, Set<Long> not) {
        Set<Long> seen = new HashSet<>(not);
        long[] fps = new long[n];
        for (int i = 0; i < n;) {
            long fp = STRIPE | random.nextLong() & -1L >>> 8;
            if (seen.add(fp)) {
                fps[i++] = fp;
            }
        }
        return fps;
    }

    private static Set<Long> set(long[]... all) {
        Set<Long> s = new HashSet<>();
        for (long[] fps : all) {
            for (long fp : fps) {
                s.add(fp);
            }
        }
        return s;
    }

    /** Asserts that exactly the accounts of {@code held} are found, by a batch read and one by one. */
    private static void assertHeld(InMemoryPlayStateStore store, long[] held, long[] gone, String when) {
        for (long[] fps : new long[][] {held, gone}) {
            boolean[] found = new boolean[fps.length];
            store.read(fps, fps.length, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> found[i] = true);
            for (int i = 0; i < fps.length; i++) {
                assertThat(found[i]).as("%s: %x read", when, fps[i]).isEqualTo(fps == held);
                assertThat(store.surelyAbsent(fps[i])).as("%s: %x surely absent", when, fps[i]).isEqualTo(fps != held);
            }
        }
    }

    /** The share of {@code fps} (accounts with no state) that the filter alone settles. */
    private static double settled(InMemoryPlayStateStore store, long[] fps) {
        int n = 0;
        for (long fp : fps) {
            n += store.mayHold(fp) ? 0 : 1;
        }
        return (double) n / fps.length;
    }

    @Test
    void everyAccountHeldIsFound_andMostAbsentOnesAreSettledByTheFilter_asItGrowsLosesAccountsTrimsAndRestores() {
        Random random = new Random(11);
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int pb = store.positions(new String[] {PLAYBOOKS.get(0).id()})[0];
        long[] first = fps(random, 20_000, Set.of());
        long[] absent = fps(random, 20_000, set(first));
        for (int i = 0; i < first.length; i++) {
            assertThat(store.compareAndSet(first[i], pb, 0, 2, 0, 1_000, 1_000, NONE)).isTrue();
            if (Integer.bitCount(i) == 1) { // while the filter is remade, time after time
                assertHeld(store, Arrays.copyOf(first, i + 1), new long[0], "after " + (i + 1));
            }
        }
        assertHeld(store, first, absent, "grown");
        assertThat(settled(store, absent)).as("grown").isGreaterThan(0.75);

        long[] kept = Arrays.copyOfRange(first, 15_000, 20_000);
        long[] removed = Arrays.copyOf(first, 15_000);
        for (long fp : removed) {
            assertThat(store.compareAndSet(fp, pb, 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE)).isTrue();
        }
        assertHeld(store, kept, removed, "three in four removed");
        assertThat(settled(store, removed)).as("the removed accounts, before a trim").isGreaterThan(0.6);
        assertThat(settled(store, absent)).as("three in four removed").isGreaterThan(0.75);

        long[] more = fps(random, 3_000, set(first, absent));
        for (long fp : more) {
            assertThat(store.compareAndSet(fp, pb, 0, 2, 0, 1_000, 1_000, NONE)).isTrue();
        }
        long[] late = Arrays.copyOf(kept, 1_000); // too few to remake the filter: their bits stay until the trim
        for (long fp : late) {
            assertThat(store.compareAndSet(fp, pb, 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE)).isTrue();
        }
        long[] held = set(Arrays.copyOfRange(kept, 1_000, kept.length), more).stream().mapToLong(Long::longValue).toArray();
        removed = set(removed, late).stream().mapToLong(Long::longValue).toArray();
        assertHeld(store, held, removed, "before the trim");
        store.trim();
        assertHeld(store, held, removed, "trimmed");
        assertThat(settled(store, absent)).as("trimmed").isGreaterThan(0.75);
        assertThat(settled(store, removed)).as("the removed accounts, trimmed").isGreaterThan(0.75);
        assertThat(settled(store, late)).as("the accounts removed last, trimmed").isGreaterThan(0.75);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.snapshot(out, PLAYBOOKS);
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(out.toByteArray()), PLAYBOOKS,
                SetChanges.REJECT).store();
        assertHeld(restored, held, removed, "restored");
        assertThat(settled(restored, absent)).as("restored").isGreaterThan(0.75);
    }
}
