package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cskit.model.AccountId;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore.SetChanges;
import org.cskit.playbooks.spi.PlayState;
import org.junit.jupiter.api.Test;

/**
 * Lookups by fingerprints made to collide where the store's shortcuts look: accounts whose tags
 * (the fingerprint's bits 48-55, compared eight at a time) are all the same, whose tags alone tell
 * them apart, whose remaining bytes hold their tag's value (so a comparison running past the last
 * tag would match), in full buckets and after a restore, and lookups of absent accounts among them.
 * Written and read by fingerprint, the evaluator's path.
 */
class InMemoryPlayStateStoreTagsTest {
    private static final List<Playbook> PLAYBOOKS = BuiltInPlaybooks.all().subList(0, 2);
    private static final long STRIPE = 0x05L << 56;

    /** A fingerprint of stripe 5 with the given tag and low 48 bits. */
    private static long fp(int tag, long low) {
        return STRIPE | (long) tag << 48 | low & (-1L >>> 16);
    }

    private static final long[] NONE = new long[0];

    /** Writes an open play of playbook {@code position} for each fingerprint, its situation the fingerprint's index. */
    private static void write(InMemoryPlayStateStore store, long[] fps, int position) {
        for (int i = 0; i < fps.length; i++) {
            assertThat(store.compareAndSet(fps[i], position, 0, 2, i + 1, 1_000, 1_000, NONE)).as("write %x", fps[i]).isTrue();
        }
    }

    /** Per fingerprint read, the situations found (by position), in the order read. */
    private static Map<Long, List<Integer>> read(InMemoryPlayStateStore store, long[] fps) {
        Map<Long, List<Integer>> found = new HashMap<>();
        store.read(fps, fps.length, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> found
                .computeIfAbsent(fps[i], k -> new ArrayList<>()).add(position * 1_000_000 + situation));
        return found;
    }

    @Test
    void sameTag_accountsToldApartByTheirOtherBytes_absentOnesFindNothing() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a"});
        long[] present = new long[200]; // one tag, the same low 12 bits: the bucket splits on bits 12 and up, never by tag
        long[] absent = new long[200];
        for (int i = 0; i < present.length; i++) {
            present[i] = fp(0x42, (long) (2 * i) << 12 | 0x123);
            absent[i] = fp(0x42, (long) (2 * i + 1) << 12 | 0x123);
        }
        write(store, present, pos[0]);
        Map<Long, List<Integer>> found = read(store, present);
        for (int i = 0; i < present.length; i++) {
            assertThat(found.get(present[i])).containsExactly(i + 1);
        }
        assertThat(read(store, absent)).isEmpty();
        for (int i = 0; i < present.length; i += 2) { // delete every other: records and keys move
            assertThat(store.compareAndSet(present[i], pos[0], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE)).isTrue();
        }
        found = read(store, present);
        for (int i = 0; i < present.length; i++) {
            assertThat(found.get(present[i])).isEqualTo(i % 2 == 0 ? null : List.of(i + 1));
        }
        assertThat(store.size()).isEqualTo(present.length / 2);
    }

    /**
     * The lookup without the lock compares the rest of the fingerprint where a tag matches: an
     * absent account whose tag is every present account's is found absent there, a present one never.
     */
    @Test
    void surelyAbsent_sameTagAsEveryAccount_tellsAbsentFromPresentByTheRestOfTheFingerprint() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a"});
        long[] present = new long[40]; // one bucket: fewer than it holds before it splits
        for (int i = 0; i < present.length; i++) {
            present[i] = fp(0x42, (long) (2 * i) << 12 | 0x123);
        }
        write(store, present, pos[0]);
        for (int i = 0; i < present.length; i++) {
            assertThat(store.surelyAbsent(present[i])).as("present %d", i).isFalse();
            assertThat(store.surelyAbsent(fp(0x42, (long) (2 * i + 1) << 12 | 0x123))).as("absent %d", i).isTrue();
            assertThat(store.surelyAbsent(present[i] ^ 1L << 47)).as("absent %d, one high bit of the low six bytes apart", i).isTrue();
        }
    }

    @Test
    void tagsAlone_tellApartAccountsOfOneBucket_includingTagsWithHighBitAndZero() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a", "b"});
        int[] tags = {0x00, 0x80, 0x7F, 0xFF, 0x01, 0xFE, 0x81, 0x40, 0x20, 0x10, 0x08, 0x33, 0xC0}; // 13 accounts: a tail of 5 tags
        long low = 0x1234_5678_9ABCL;
        long[] present = new long[tags.length];
        for (int i = 0; i < tags.length; i++) {
            present[i] = fp(tags[i], low);
        }
        write(store, present, pos[0]);
        write(store, new long[] {present[3]}, pos[1]);
        Map<Long, List<Integer>> found = read(store, present);
        for (int i = 0; i < tags.length; i++) {
            assertThat(found.get(present[i])).containsExactlyElementsOf(i == 3 ? List.of(i + 1, 1_000_000 + 1) : List.of(i + 1));
        }
        long[] absent = new long[256 - tags.length];
        int a = 0;
        for (int t = 0; t < 256; t++) {
            final int tag = t;
            if (java.util.Arrays.stream(tags).noneMatch(x -> x == tag)) {
                absent[a++] = fp(t, low);
            }
        }
        assertThat(read(store, absent)).isEmpty();
    }

    /**
     * Three accounts, so the eight bytes read with their tags hold five of the bytes after them:
     * those bytes hold the absent account's tag, which must not count as a match.
     */
    @Test
    void bytesAfterTheLastTag_equalToTheTagSought_doNotMatch() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a"});
        long[] present = {fp(0x11, 0x4242_4242_4242L), fp(0x12, 0x4242_4242_4242L), fp(0x13, 0x4242_4242_4242L)};
        write(store, present, pos[0]);
        assertThat(read(store, new long[] {fp(0x42, 0x4242_4242_4242L), fp(0x42, 0), fp(0x42, 0x4242_4242_4243L)})).isEmpty();
        assertThat(read(store, present)).hasSize(3);

        // Here the byte after the last tag is the first of account 0's other bytes (0x5A), and the six
        // bytes a fourth account's would be read from are account 0's record: its length (11), playbook (0),
        // flags (open, with a situation: 0x0A), version (1), then its offer time's first two bytes.
        InMemoryPlayStateStore other = new InMemoryPlayStateStore();
        long[] three = {fp(0x11, 0x5A00_0000_0001L), fp(0x12, 0x0100_0000_0002L), fp(0x13, 0x0200_0000_0003L)};
        write(other, three, other.positions(new String[] {"a"})[0]);
        long sought = fp(0x5A, 0x0B00_0A01_0000L);
        assertThat(read(other, new long[] {sought})).isEmpty();
        assertThat(other.compareAndSet(sought, 0, 0, 2, 9, 1_000, 1_000, NONE)).isTrue(); // a new account, not a fourth one that is not there
        Map<Long, List<Integer>> all = read(other, new long[] {three[0], three[1], three[2], sought});
        assertThat(all).containsOnly(Map.entry(three[0], List.of(1)), Map.entry(three[1], List.of(2)), Map.entry(three[2], List.of(3)),
                Map.entry(sought, List.of(9)));
        assertThat(other.size()).isEqualTo(4);
    }

    @Test
    void restoredStore_findsItsAccountsAndNotAbsentOnes() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(PLAYBOOKS.stream().map(Playbook::id).toArray(String[]::new));
        long[] present = new long[3_000];
        long[] absent = new long[3_000];
        for (int i = 0; i < present.length; i++) { // four tags, so most lookups meet a matching tag
            present[i] = fp(i & 3, (long) i << 8 | 0x77);
            absent[i] = fp(i & 3, (long) (i + present.length) << 8 | 0x77);
        }
        write(store, present, pos[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.snapshot(out, PLAYBOOKS);
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(out.toByteArray()), PLAYBOOKS,
                SetChanges.REJECT).store();
        assertThat(read(restored, present)).isEqualTo(read(store, present)).hasSize(present.length);
        assertThat(read(restored, absent)).isEmpty();
        write(restored, absent, pos[1]); // restored buckets (built at their final size) take new accounts and split
        assertThat(read(restored, absent)).hasSize(absent.length);
        assertThat(read(restored, present)).isEqualTo(read(store, present));
    }

    /**
     * Reads that find an account absent without the stripe's lock, while another thread writes the
     * same stripe: accounts added (buckets split, the directory doubles), accounts deleted before
     * the ones read (their tags and keys move down in place), the ones read rewritten (their records
     * change length). Every read still finds every state that exists throughout, and nothing for
     * accounts that never have one. A stress test: it shows no lost state under these races, it
     * cannot prove the absence of every interleaving.
     */
    @Test
    void readsWithoutTheLock_whileTheStripeIsWritten_neverMissAStateThatExists() throws Exception {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a", "b"});
        long[] early = new long[400];
        long[] steady = new long[400];
        long[] absent = new long[400];
        for (int i = 0; i < steady.length; i++) { // steady accounts' tags shared with deleted and added ones
            early[i] = fp(i & 15, (long) i << 4 | 1);
            steady[i] = fp(i & 15, (long) i << 4 | 2);
            absent[i] = fp(i & 15, (long) i << 4 | 3);
        }
        for (int i = 0; i < steady.length; i++) { // interleaved, so that deleting the early ones moves the steady ones' tags
            assertThat(store.compareAndSet(early[i], pos[0], 0, 2, 1, 1_000, 1_000, NONE)).isTrue();
            assertThat(store.compareAndSet(steady[i], pos[0], 0, 2, 1, 1_000, 1_000, NONE)).isTrue();
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < early.length; i++) {
                    assertThat(store.compareAndSet(early[i], pos[0], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE)).isTrue();
                }
                for (int round = 0; round < 40; round++) {
                    for (int i = 0; i < 500; i++) { // new accounts: splits and directory growth
                        assertThat(store.compareAndSet(fp(i & 15, (long) (round * 500 + i) << 4 | 4), pos[0], 0, 2, 1, 1_000, 1_000, NONE))
                                .isTrue();
                    }
                    boolean add = round % 2 == 0;
                    for (int i = 0; i < steady.length; i++) { // a second state, then none: the record grows and shrinks
                        assertThat(store.compareAndSet(steady[i], pos[1], add ? 0 : 1, add ? 2 : 0, add ? 1 : 0, add ? 1_000 : PlayState.NEVER,
                                add ? 1_000 : PlayState.NEVER, NONE)).isTrue();
                    }
                }
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                done.set(true);
            }
        });
        writer.start();
        int reads = 0;
        while (!done.get() || reads < 20) {
            Map<Long, List<Integer>> found = new HashMap<>();
            store.read(steady, steady.length, (i, position, status, version, situation, offeredAt, lastPlay, recent) -> {
                if (position == pos[0]) {
                    found.computeIfAbsent(steady[i], k -> new ArrayList<>()).add(situation);
                }
            });
            assertThat(found).as("read %d", reads).hasSize(steady.length);
            assertThat(read(store, absent)).as("read %d", reads).isEmpty();
            reads++;
        }
        writer.join();
        assertThat(failed.get()).isNull();
    }

    /** Any set of accounts in one stripe, written and some deleted: each read finds exactly what the model holds. */
    @Property(tries = 60)
    void anyFingerprints_readBackAsTheModelHoldsThem(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 1 << 20) Integer> lows,
            @ForAll @IntRange(min = 1, max = 8) int tagKinds) {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        int[] pos = store.positions(new String[] {"a"});
        Map<Long, Integer> model = new HashMap<>();
        for (int low : lows) {
            long fp = fp((low * 31 % tagKinds) * 0x25, low); // few tags: many matches to reject by the other bytes
            Integer was = model.get(fp);
            if (was == null) {
                assertThat(store.compareAndSet(fp, pos[0], 0, 2, low + 1, 1_000, 1_000, NONE)).isTrue();
                model.put(fp, low + 1);
            } else {
                assertThat(store.compareAndSet(fp, pos[0], 1, 0, 0, PlayState.NEVER, PlayState.NEVER, NONE)).isTrue();
                model.remove(fp);
            }
        }
        long[] all = new long[(1 << 20) / 4096 + lows.size()];
        int k = 0;
        for (int low : lows) {
            all[k++] = fp((low * 31 % tagKinds) * 0x25, low);
        }
        for (int low = 0; k < all.length; low += 4096) {
            all[k++] = fp((low * 31 % tagKinds) * 0x25, low + 1);
        }
        Map<Long, List<Integer>> found = read(store, java.util.Arrays.stream(all).distinct().toArray());
        Map<Long, List<Integer>> expected = new HashMap<>();
        model.forEach((fp, situation) -> expected.put(fp, List.of(situation)));
        assertThat(found).isEqualTo(expected);
    }
}
