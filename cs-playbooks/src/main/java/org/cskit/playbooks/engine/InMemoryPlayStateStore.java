package org.cskit.playbooks.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cskit.model.AccountId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * The default {@link PlayStateStore}: every state in memory, in byte arrays, costing memory
 * only for the (account, playbook) pairs that have something to remember (a play out, or recent
 * plays a cooldown, limit, cadence or reminder still looks back to); an account with no state costs
 * nothing. Saved to and restored from a stream ({@link #snapshot}, {@link #restore}), so a nightly
 * run hands its state to the next night in another JVM. Thread-safe: accounts are spread over
 * 256 independently locked stripes; an account's states are read and written under its stripe's
 * lock, one account at a time (an account found to have none may be found so without it, below).
 *
 * <p><b>Cost.</b> An account with states takes one record holding all of them: 7 bytes of the
 * fingerprint of its id, the record's length (a byte for up to 255, and a varint more beyond), and per state its encoding in a
 * snapshot (below) without the fingerprint: the playbook (a byte for the first 128 of the store),
 * flags, the version (a byte up to 127), 4 bytes of offer time while a play is out, and 4 more for
 * a situation, for a last-play time other than the offer time, and per recent play time. A
 * first play of a playbook with no situation code therefore takes 7 bytes. Records lie in buckets
 * of up to 48 accounts and (beyond four accounts) 1 KB (a byte array each, with room to grow by a sixty-fourth once
 * {@linkplain #trim trimmed}, and by up to half as much again while the store grows) under a
 * directory per stripe; a full bucket splits in two, so the store grows a bucket at a time, with no
 * rehash of a whole table. The account ids themselves are not kept: accounts are told apart by a
 * 64-bit fingerprint of their id ({@link AccountId#fingerprint()}: two of ten million accounts share one with a chance of about
 * 3 in a million). Times are kept to the second, from 1970 to 2106; versions up to 2^31 - 1. Besides, a presence
 * filter of five bits per account once {@linkplain #trim trimmed} (up to ten while the store grows): below.
 *
 * <p><b>Lookups in a full store.</b> Each stripe keeps a presence filter (a bit array, two bits of one
 * word set per account it holds, without the lock read as below): an account whose two bits are not
 * both set surely has no state, found with one load and no bucket read (for an account with no
 * state, about five lookups in six end there). A bucket keeps one byte of each account's fingerprint (its
 * tag) beside the others' and the other six bytes apart, so finding an account, or finding that it
 * has no state, compares the tags eight at a time and the rest only where a tag matches (for an
 * account with no state, in about one bucket in eight); the records' lengths lie beside the tags, so
 * the account's record is found by adding up the lengths before it, without reading the records
 * between. A batch read first loads, account after account, the start of its bucket, then the rest
 * of its fingerprint and its record, so that their cache misses overlap instead of coming one after
 * another. An account with no state is found absent without taking the stripe's lock: the tags
 * (and the rest of the fingerprints whose tag matches) are read as a seqlock reads, between two
 * reads of a per-stripe count that a write makes odd while it changes the stripe, and only trusted
 * when no write ran meanwhile (else the lookup takes the lock as any other); only an account that
 * has states takes the lock to read them. While batch reads find states for most accounts (a night
 * after the first), the pass that loads the rest of each fingerprint and the record also notes, the
 * same way without the lock, whether and where it found the account, with that count as it was
 * before; the absence check and the read under the lock trust that note while the count is
 * unchanged, instead of searching the bucket again.
 *
 * <p><b>Snapshot format</b>, version {@value #FORMAT}, big-endian: the 8 bytes {@code CSKITPS1}; the
 * format version (int); the playbook set it was taken under: a count (int), then per playbook its
 * id (a short length and UTF-8 bytes) and version (int, 0 for a playbook that has states here but
 * was not in the set given); the number of states (long); per state the account fingerprint (long),
 * the playbook's position in the set (unsigned short), a flags byte (bits 0-1 the status: 0 none,
 * 1 offered, 2 open; bit 2 a last-play time of its own follows; bit 3 a situation follows; bit 4
 * recent times follow), the version (varint: 7 bits a byte, low first), then the offer time if a
 * play is out (the last-play time is the same unless bit 2 says otherwise), the last-play time, the
 * situation (int), and the number of recent times (varint) and those times; times are unsigned int
 * epoch seconds. Last, the CRC-32C of every byte before it (long). {@link #restore} reads a stream
 * whole before it returns a store: a truncated or corrupt stream, one of another format version, or
 * one taken under another playbook set (unless changes are allowed) fails with one
 * {@link ValidationException} and no store.
 */
public final class InMemoryPlayStateStore implements PlayStateStore {
    /** The snapshot format version this class writes and reads. */
    public static final int FORMAT = 1;

    private static final byte[] MAGIC = {'C', 'S', 'K', 'I', 'T', 'P', 'S', '1'};
    private static final int STRIPES = 256;
    /** The most accounts a bucket holds before it splits. */
    private static final int BUCKET = 48;
    /**
     * The most bytes a bucket of more than four accounts grows to before it splits (a few large
     * records may share a bucket of any size: splitting them apart could take as many directory
     * doublings as their fingerprints share low bits).
     */
    private static final int BUCKET_BYTES = 1024;
    private static final long[] NO_TIMES = new long[0];
    private static final long NO_TIME = PlayState.NEVER;
    private static final long MAX_TIME = 0xFFFF_FFFEL; // unsigned int seconds; 0xFFFFFFFF is "never"

    private final Stripe[] stripes = new Stripe[STRIPES];
    /**
     * Each stripe's presence filter ({@link Stripe#filter}), as the stripe last published it (written by
     * the stripe under its lock, with release): a batch read asks it here, one dependent load fewer than
     * through the stripe.
     */
    private final long[][] filters = new long[STRIPES][];
    private static final VarHandle FILTERS = MethodHandles.arrayElementVarHandle(long[][].class);
    private final Map<String, Integer> playbookIndex = new HashMap<>();
    private final List<String> playbookIds = new ArrayList<>();

    /** Creates an empty store. */
    public InMemoryPlayStateStore() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe((long) i << 56, filters);
        }
    }

    /** What {@link #restore} does when the playbook set differs from the one the snapshot was taken under. */
    public enum SetChanges {
        /** Fail, naming what differs. */
        REJECT,
        /**
         * Accept: states of playbooks no longer in the set are dropped (and reported), new
         * playbooks start empty, and a playbook whose version changed keeps its states (its open
         * plays stay open until the new version's situation no longer holds, which the next
         * evaluation checks).
         */
        ACCEPT
    }

    /**
     * What a restore found.
     *
     * @param store the restored store
     * @param states how many states it holds
     * @param dropped per playbook no longer in the set, how many of its states were dropped
     * @param added playbooks of the set the snapshot did not know (they start empty)
     * @param versionChanged playbooks whose version differs from the snapshot's: id to "old -&gt; new"
     */
    public record Restored(InMemoryPlayStateStore store, long states, Map<String, Long> dropped, List<String> added,
            Map<String, String> versionChanged) {
        /** Copies. */
        public Restored {
            dropped = Map.copyOf(dropped);
            added = List.copyOf(added);
            versionChanged = Map.copyOf(versionChanged);
        }
    }

    private Stripe stripe(long fp) {
        return stripes[(int) (fp >>> 56)];
    }

    /** Whether the account whose fingerprint is {@code fp} surely has no state, found without its stripe's lock ({@link Stripe#surelyAbsent}). */
    boolean surelyAbsent(long fp) {
        return stripe(fp).surelyAbsent(fp);
    }

    /**
     * Whether the account whose fingerprint is {@code fp} may have states: false if its stripe's presence
     * filter says surely not (as {@link Stripe#mayHold}, the filter read from {@link #filters}). Without a lock.
     */
    boolean mayHold(long fp) {
        return Stripe.mayHold((long[]) FILTERS.getAcquire(filters, (int) (fp >>> 56)), fp);
    }

    private synchronized int indexOf(String playbookId) {
        Integer i = playbookIndex.get(playbookId);
        if (i == null) {
            Validate.nonBlank("playbookId", playbookId);
            if (playbookIds.size() >= 0xFFFF) {
                throw Validate.invalid("playbookId", "the store holds 65535 playbooks, the most it can tell apart");
            }
            i = playbookIds.size();
            playbookIds.add(playbookId);
            playbookIndex.put(playbookId, i);
        }
        return i;
    }

    private synchronized List<String> ids() {
        return List.copyOf(playbookIds);
    }

    @Override
    public void read(AccountId[] accounts, int count, StateConsumer into) {
        Objects.checkFromIndexSize(0, count, accounts.length);
        long[] fps = new long[count];
        for (int i = 0; i < count; i++) {
            fps[i] = accounts[i].fingerprint();
        }
        touch(fps, null, count, count, EVERY, null); // a caller of the SPI may add any of them
        read(fps, count, into);
    }

    /** The states of a batch read by fingerprint, as primitives: what the evaluator keeps per account and playbook. */
    @FunctionalInterface
    interface Slots {
        /**
         * One stored state.
         *
         * @param index the account's index in the batch
         * @param position the playbook's {@link #positions position} in this store
         * @param status the {@link PlayState.Status#ordinal()}
         * @param recent the recent play times (a new array, or a shared empty one)
         */
        void accept(int index, int position, int status, long version, int situation, long offeredAt, long lastPlay, long[] recent);
    }

    /**
     * {@link #read(AccountId[], int, StateConsumer)} by the accounts' {@link AccountId#fingerprint()}s, for the
     * evaluator: allocates nothing but its scratch; {@code into} is called under a stripe's lock and must only file
     * what it is given.
     */
    void read(long[] fps, int count, Slots into) {
        read(fps, count, into, new Reading(count), null);
    }

    /**
     * A reader's scratch for {@link #read(long[], int, Slots, Reading, long[])}, reused by one thread
     * from batch to batch: the accounts of a batch that may have states, and per account, what the
     * second pass of {@link #touch} found without the lock (the stripe's {@link Stripe#seq change
     * count} then, whether and where the account lies in its bucket, its states' bytes), which the
     * lookups that follow trust while no write ran since, instead of searching the bucket again.
     */
    static final class Reading {
        /** {@link #at}: not found out (the count was odd, the bucket not whole, a long record on the way), or surely absent if unchanged. */
        static final int UNKNOWN = -2, ABSENT = -1;
        /** The accounts that may have states, by index in the batch: after a read, those looked up under the lock, in order. */
        final int[] maybe;
        /** Per account, the stripe's change count when it was located. */
        final int[] seq;
        /** Per account, its index in its bucket, or {@link #ABSENT} or {@link #UNKNOWN}. */
        final int[] at;
        /** Per account found, where its states start and end in its bucket. */
        final int[] from, to;
        /** The accounts the caller will write, by index in the batch, for {@link #touch}'s loads of where they would go. */
        final int[] adds;

        /** Scratch for batches of up to {@code capacity} accounts. */
        Reading(int capacity) {
            maybe = new int[capacity];
            seq = new int[capacity];
            at = new int[capacity];
            from = new int[capacity];
            to = new int[capacity];
            adds = new int[capacity];
        }
    }

    /**
     * {@link #read(long[], int, Slots)} with a reader's scratch for at least {@code count} accounts.
     * Four passes: every account's stripe's presence filter is asked ({@link #mayHold}: one word
     * each, no bucket), which settles most accounts with no state; the bucket start of every other
     * account is loaded ({@link #touch}: loads that do not depend on one another, so their cache
     * misses overlap; while batches find states for most accounts, a second pass of it locates each
     * account in its bucket without the lock and loads its record); each of those is looked at
     * without the lock ({@link Stripe#absentFromBuckets}, or the second pass's finding if no write
     * changed its stripe since: a pass that branches on what it reads, so it comes after the loads),
     * which settles the rest of the accounts surely absent; the others are read one by one under
     * their stripe's lock, where the second pass's finding is trusted if the stripe's change count is
     * still the one read before it (no write ran since), else the account is searched again. A
     * one-account read (the per-account call's) skips the loads and leaves {@link #seeking} as it is.
     *
     * @param adding a bit per account of the batch that the caller will write (bit {@code i & 63} of word
     *     {@code i >>> 6}; bits at or beyond {@code count} are not read), when it expects to write many (at
     *     least a quarter of its rows fire): then, while batches find few accounts, the first pass also
     *     loads where those accounts would go, in passes of independent loads ({@link #prepareAdds});
     *     null when it does not (then no such loads)
     * @return how many accounts were looked up under the lock, their indexes first in
     *     {@code reading.maybe}, in order (every account with states is one of them)
     */
    int read(long[] fps, int count, Slots into, Reading reading, long[] adding) {
        int[] scratch = reading.maybe;
        if (count <= 1) { // one account's read has no misses to overlap, and says little of the next batch's
            if (count == 1 && readOne(fps[0], into)) {
                scratch[0] = 0;
                return 1;
            }
            return 0;
        }
        int maybe = 0;
        for (int i = 0; i < count; i++) { // the filters: loads that do not depend on one another, and no branch
            scratch[maybe] = i;
            maybe += mayHold(fps[i]) ? 1 : 0;
        }
        // first, so that the misses overlap: the pass below branches on what it loads
        boolean located = touch(fps, scratch, maybe, count, adding, reading);
        int[] at = reading.at, seq = reading.seq;
        int sure = maybe;
        maybe = 0;
        int found = 0;
        for (int k = 0; k < sure; k++) {
            int i = scratch[k];
            long fp = fps[i];
            if (located) {
                int a = at[i];
                if (a >= 0) {
                    scratch[maybe++] = i;
                    continue;
                }
                if (a == Reading.ABSENT && stripe(fp).unchangedSince(seq[i])) {
                    continue;
                }
            }
            if (!stripe(fp).absentFromBuckets(fp)) {
                scratch[maybe++] = i;
            }
        }
        for (int k = 0; k < maybe; k++) {
            int i = scratch[k];
            long fp = fps[i];
            Stripe s = stripe(fp);
            synchronized (s) {
                if (located && at[i] >= 0 && s.unchangedSince(seq[i])) {
                    s.visitAt(fp, at[i], reading.from[i], reading.to[i], i, into);
                    found++;
                } else {
                    found += s.visit(fp, i, into) ? 1 : 0;
                }
            }
        }
        seeking = found * 4 >= count;
        return maybe;
    }

    /**
     * {@link #read(long[], int, Slots, Reading, long[])} of one account (the per-account call's), kept apart: a small
     * method. Returns whether it looked the account up under the lock.
     */
    private boolean readOne(long fp, Slots into) {
        Stripe s = stripe(fp);
        if (s.surelyAbsent(fp)) {
            return false;
        }
        synchronized (s) {
            s.visit(fp, 0, into);
        }
        return true;
    }

    /**
     * Whether the last batch read found states for at least a quarter of its accounts: then the
     * next one's {@link #touch} also locates each account and loads its record, a second pass that pays
     * where most accounts have states and only costs where few have. Written without the lock by
     * any reader: a hint.
     */
    private boolean seeking = true;

    /**
     * Loads what the search of each account will read before any is searched (and, while batches
     * find few accounts and the caller expects to add many, where a new account's index entry and
     * record would go): the loads do not
     * depend on one another, so the processor has many cache misses outstanding at once, where the
     * search, one account after the other under its lock (whose atomic instruction lets no load pass
     * it), would wait for each in turn. In a large store most lookups miss the caches, and this is
     * most of their cost. First the start of every account's bucket (its header, tags and record
     * lengths); then, in a second pass, the account's tag is matched and, where it matches, the rest
     * of its fingerprint and, if it is the account's, its record (only while batch reads find states
     * for most accounts: see {@link #seeking}). Reads without the lock: with a reader's scratch, the
     * second pass notes what it found with the stripe's change count read before it
     * ({@link Stripe#peek}), which the lookups trust only if that count is unchanged; without one, what
     * it reads is a hint only, not used. Every index is kept inside the array, whatever a bucket
     * changed meanwhile holds.
     *
     * @param rows the indexes in {@code fps} of the accounts to search (the first {@code n}; null for the
     *     first {@code n} of {@code fps})
     * @param adding the accounts of the first {@code count} that the caller will write, as a bit each
     *     ({@link #EVERY} for all, null for none): where a new account would go is loaded for those
     *     ({@link #prepareAdds}; with a bit mask, {@code reading} holds their list)
     * @param reading where the second pass notes what it found (by index in {@code fps}), or null (then it finds
     *     as a hint only; {@code adding} then null or {@link #EVERY})
     * @return whether the second pass ran and noted what it found in {@code reading}
     */
    private boolean touch(long[] fps, int[] rows, int n, int count, long[] adding, Reading reading) {
        int sum = 0;
        for (int k = 0; k < n; k++) {
            long fp = fps[rows == null ? k : rows[k]];
            byte[][] d = stripe(fp).directory;
            byte[] b = d[(int) fp & (d.length - 1)];
            if (b != null) { // a directory being grown, seen without the lock, may not show its entries yet
                sum += b[Stripe.HEADER - 1] + b[Math.min(b.length - 1, Stripe.HEADER + 2 * Stripe.cap(b))];
            }
        }
        boolean locate = seeking;
        if (locate && reading != null) {
            for (int k = 0; k < n; k++) {
                int i = rows == null ? k : rows[k];
                sum += stripe(fps[i]).peek(fps[i], i, reading);
            }
            touched = sum;
            return true;
        }
        for (int k = 0; locate && k < n; k++) {
            long fp = fps[rows == null ? k : rows[k]];
            byte[][] d = stripe(fp).directory;
            byte[] b = d[(int) fp & (d.length - 1)];
            if (b != null) {
                sum += Stripe.hint(b, fp & Stripe.LOW);
            }
        }
        if (adding != null && !locate) {
            if (adding == EVERY) {
                sum += prepareAdds(fps, null, count);
            } else {
                int[] list = reading.adds;
                int m = 0;
                for (int w = 0, words = (count + 63) >>> 6; w < words; w++) {
                    long bits = adding[w];
                    if (w == words - 1 && (count & 63) != 0) {
                        bits &= (1L << count) - 1; // the bits at or beyond count are not the batch's
                    }
                    for (; bits != 0; bits &= bits - 1) {
                        list[m++] = (w << 6) + Long.numberOfTrailingZeros(bits);
                    }
                }
                sum += prepareAdds(fps, list, m);
            }
        }
        touched = sum;
        return false;
    }

    /** {@link #touch}'s {@code adding} for every account of the batch. */
    private static final long[] EVERY = new long[0];

    /**
     * For {@link #touch}: loads, without the lock, where a new account would go in the buckets of the
     * accounts {@code rows} (the first {@code m}; null for the first {@code m} of {@code fps}), in three
     * passes, each of loads that do not depend on one another, so that their cache misses overlap: the
     * directory entries, then the buckets' headers (with their tags, which the insert's search reads),
     * then ({@link Stripe#slots}) the places the insert writes, where a loop of the three loads per account
     * would wait for each load before the next of the same account. Returns what it read, summed.
     */
    private int prepareAdds(long[] fps, int[] rows, int m) {
        int sum = 0;
        for (int k = 0; k < m; k++) {
            long fp = fps[rows == null ? k : rows[k]];
            byte[][] d = stripe(fp).directory;
            sum += d[(int) fp & (d.length - 1)] == null ? 0 : 1;
        }
        for (int k = 0; k < m; k++) {
            long fp = fps[rows == null ? k : rows[k]];
            byte[][] d = stripe(fp).directory;
            byte[] b = d[(int) fp & (d.length - 1)];
            if (b != null) { // a directory being grown, seen without the lock, may not show its entries yet
                sum += b[Stripe.HEADER - 1];
            }
        }
        for (int k = 0; k < m; k++) {
            long fp = fps[rows == null ? k : rows[k]];
            byte[][] d = stripe(fp).directory;
            byte[] b = d[(int) fp & (d.length - 1)];
            if (b != null) {
                sum += Stripe.slots(b);
            }
        }
        return sum;
    }

    /** What {@link #touch} read, kept so that its loads are not optimised away. */
    @SuppressWarnings("unused")
    private int touched;

    private void read(long[] fps, int count, StateConsumer into) {
        List<String> names = null;
        for (int i = 0; i < count; i++) {
            long fp = fps[i];
            Stripe s = stripe(fp);
            if (s.surelyAbsent(fp)) {
                continue;
            }
            List<PlayState> found = new ArrayList<>(2);
            List<Integer> pbs = new ArrayList<>(2);
            synchronized (s) {
                s.visit(fp, i, (index, pb, status, version, situation, offeredAt, lastPlay, recent) -> {
                    pbs.add(pb);
                    found.add(new PlayState(version, PlayState.Status.values()[status], situation, offeredAt, lastPlay, recent));
                });
            }
            if (found.isEmpty()) {
                continue;
            }
            if (names == null) {
                names = ids();
            }
            for (int k = 0; k < found.size(); k++) {
                if (pbs.get(k) >= names.size()) {
                    names = ids();
                }
                into.accept(i, names.get(pbs.get(k)), found.get(k));
            }
        }
    }

    @Override
    public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(next, "next");
        check(expectedVersion, next); // before the playbook id is registered: a refused write leaves nothing behind
        return write(account.fingerprint(), indexOf(playbookId), expectedVersion, next.status().ordinal(), (int) next.situation(),
                next.offeredAt(), next.lastPlay(), next.recentCount() == 0 ? NO_TIMES : next.recent());
    }

    /**
     * The engine's playbooks' positions in this store, in the engine's order (a position, once
     * given, never changes). The evaluator resolves them once and then writes by position.
     */
    int[] positions(String[] playbookIds) {
        int[] pos = new int[playbookIds.length];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = indexOf(playbookIds[i]);
        }
        return pos;
    }

    /**
     * {@link #compareAndSet(AccountId, String, long, PlayState)} by the account's
     * {@link AccountId#fingerprint()} and the playbook's {@link #positions position}, with the new state as
     * primitives (its version is {@code expectedVersion + 1}); checked as there. A write of
     * {@link #compareAndSetAll(long, Writes)} with one playbook.
     *
     * @param status the {@link PlayState.Status#ordinal()}
     * @param recent the recent play times, oldest first (copied into the store's encoding)
     * @return whether it was written; false if another write came first
     */
    boolean compareAndSet(long fp, int pb, long expectedVersion, int status, int situation, long offeredAt, long lastPlay, long[] recent) {
        checkVersion(expectedVersion);
        checkTimes(offeredAt, lastPlay, recent);
        return write(fp, pb, expectedVersion, status, situation, offeredAt, lastPlay, recent);
    }

    /**
     * Several playbooks' states of one account, to be written together by
     * {@link #compareAndSetAll(long, Writes)}: what the evaluator decided for a row, filled and
     * reused by one thread. Each write is a compare-and-set of its own (the new state's version is
     * the expected one plus one; an empty state deletes); {@link #ok} says which were written.
     */
    static final class Writes {
        int count;
        int[] position;
        long[] expected;
        int[] status;
        int[] situation;
        long[] offeredAt;
        long[] lastPlay;
        long[][] recent;
        /** After the write: whether each was written. */
        boolean[] ok;
        /** Whether the store found a state of each playbook (for the write itself). */
        boolean[] seen;
        /**
         * Where the store rebuilds the account's record, under its lock: the writer's own (a thread
         * writing many accounts finds it in its cache, where one per stripe would not be).
         */
        byte[] buffer = new byte[128];
        /**
         * After a write that added the account anew with every write written (a claim of an account
         * with no state): the bucket it went into, where its record's states start there, the stripe's
         * change count ({@link Stripe#seq}) right after it, and per write where its state starts in the
         * record ({@code at}); {@code addedIn} is null after any other write. What
         * {@link InMemoryPlayStateStore#promote} changes in place while no write of the stripe ran since.
         */
        byte[] addedIn;
        int addedAt, addedSeq;
        /** Per write of a record added anew: where its state starts in the record (moved with the write by the evaluator). */
        int[] at;

        Writes(int capacity) {
            capacity = Math.max(1, capacity);
            position = new int[capacity];
            expected = new long[capacity];
            status = new int[capacity];
            situation = new int[capacity];
            offeredAt = new long[capacity];
            lastPlay = new long[capacity];
            recent = new long[capacity][];
            ok = new boolean[capacity];
            seen = new boolean[capacity];
            at = new int[capacity];
        }

        /**
         * Adds a write; a playbook may appear once.
         *
         * @param st the {@link PlayState.Status#ordinal()}
         * @return its index
         */
        int add(int pb, long expectedVersion, int st, int sit, long offered, long last, long[] times) {
            int j = count;
            if (j == position.length) {
                int n = j * 2;
                position = Arrays.copyOf(position, n);
                expected = Arrays.copyOf(expected, n);
                status = Arrays.copyOf(status, n);
                situation = Arrays.copyOf(situation, n);
                offeredAt = Arrays.copyOf(offeredAt, n);
                lastPlay = Arrays.copyOf(lastPlay, n);
                recent = Arrays.copyOf(recent, n);
                ok = new boolean[n];
                seen = new boolean[n];
                at = Arrays.copyOf(at, n);
            }
            count = j + 1;
            set(j, pb, expectedVersion, st, sit, offered, last, times);
            return j;
        }

        /** Replaces write {@code j} (below {@link #count}), as {@link #add} made it. */
        void set(int j, int pb, long expectedVersion, int st, int sit, long offered, long last, long[] times) {
            position[j] = pb;
            expected[j] = expectedVersion;
            status[j] = st;
            situation[j] = sit;
            offeredAt[j] = offered;
            lastPlay[j] = last;
            recent[j] = times;
            ok[j] = false;
        }

        /** Keeps the first {@code n} writes (the recent times of the others are let go). */
        void truncate(int n) {
            Arrays.fill(recent, n, count, null);
            count = n;
        }

        /** Empties the list (the recent times it held are let go, and the bucket of a record added anew). */
        void clear() {
            Arrays.fill(recent, 0, count, null);
            count = 0;
            addedIn = null;
        }

        /** Whether write {@code j} deletes: no play out, no last play, no recent times. */
        boolean deletes(int j) {
            return status[j] == 0 && lastPlay[j] == NO_TIME && recent[j].length == 0;
        }
    }

    /**
     * Writes several playbooks' states of one account, each as
     * {@link #compareAndSet(long, int, long, int, int, long, long, long[])} on its own (some may be
     * written and others not), under one lock acquisition and with one rewrite of the account's
     * record: the evaluator's one write per row and phase. Every write is checked before any is
     * made, so a refused one leaves nothing behind. Sets {@link Writes#ok}.
     *
     * @throws ValidationException if a version or time is beyond what the store keeps
     * @throws IllegalArgumentException if a playbook appears twice
     */
    void compareAndSetAll(long fp, Writes writes) {
        check(writes);
        Stripe s = stripe(fp);
        synchronized (s) {
            s.write(fp, writes);
        }
    }

    /**
     * The second write of an account that had no state ({@link Evaluator}'s fresh path): its claims,
     * written by {@link #compareAndSetAll(long, Writes)} with these very {@code writes} (which added
     * the account anew: {@link Writes#addedIn}), now recorded open. {@code writes} holds the claims
     * the sink took, each made open at the claim's offer time as its last play, version 2, with no
     * recent times, and its {@link Writes#at} moved with it. While no write of the stripe ran since
     * the claim (its change count unchanged) and each claim's bytes are still as written, the flags
     * byte and version of each are changed in place (the open state's encoding has the same length
     * as the offered one's), with the change count odd meanwhile as for any change; otherwise
     * (another write of the stripe in between, a recent time to add, a playbook position of 128 or
     * more) it is exactly {@link #compareAndSetAll(long, Writes)}. Either way each write is a
     * compare-and-set of its own and {@link Writes#ok} says which were written; the in-place path
     * writes them all, since their versions are the claim's.
     *
     * @throws ValidationException as {@link #compareAndSetAll(long, Writes)} (on the fallback only:
     *     in place, the times are the claim's, already checked)
     */
    void promote(long fp, Writes writes) {
        Stripe s = stripe(fp);
        synchronized (s) {
            if (!s.promote(writes)) {
                check(writes);
                s.write(fp, writes);
            }
        }
    }

    /** What {@link #compareAndSetAll(long, Writes)} checks before it writes: versions, times, each playbook once. */
    private static void check(Writes writes) {
        for (int j = 0; j < writes.count; j++) {
            checkVersion(writes.expected[j]);
            checkTimes(writes.offeredAt[j], writes.lastPlay[j], writes.recent[j]);
            for (int k = 0; k < j; k++) {
                if (writes.position[k] == writes.position[j]) {
                    throw new IllegalArgumentException("playbook position " + writes.position[j] + " is written twice in one account's writes");
                }
            }
        }
    }

    /** How many {@link #promote} calls changed their states in place (for tests). */
    long promotedInPlace() {
        long n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.promoted;
            }
        }
        return n;
    }

    /** What every write checks: the version step and values this store can keep. */
    private static void check(long expectedVersion, PlayState next) {
        if (next.version() != expectedVersion + 1) {
            throw Validate.invalid("next.version", "the new state's version must be " + (expectedVersion + 1) + ", the expected one plus one, but was "
                    + next.version());
        }
        checkVersion(expectedVersion);
        checkTime("offeredAt", next.offeredAt());
        checkTime("lastPlay", next.lastPlay());
        for (int i = 0; i < next.recentCount(); i++) {
            checkRecent(i, next.recentAt(i));
        }
        if (next.situation() != (int) next.situation()) {
            throw Validate.invalid("situation", "situation code " + next.situation() + " does not fit an int, which this store keeps");
        }
    }

    private static void checkVersion(long expectedVersion) {
        if (expectedVersion >= Integer.MAX_VALUE) {
            throw Validate.invalid("expectedVersion", "version " + expectedVersion + " is beyond what this store counts to");
        }
    }

    private static void checkTimes(long offeredAt, long lastPlay, long[] recent) {
        checkTime("offeredAt", offeredAt);
        checkTime("lastPlay", lastPlay);
        for (int i = 0; i < recent.length; i++) {
            checkRecent(i, recent[i]);
        }
    }

    /** Writes a checked state under the stripe's lock; an empty state deletes. Returns as {@link #compareAndSet(long, int, long, int, int, long, long, long[])}. */
    private boolean write(long fp, int pb, long expectedVersion, int status, int situation, long offeredAt, long lastPlay, long[] recent) {
        Stripe s = stripe(fp);
        synchronized (s) {
            Writes one = s.one;
            one.count = 0;
            one.add(pb, expectedVersion, status, situation, offeredAt, lastPlay, recent);
            s.write(fp, one);
            one.recent[0] = null;
            one.addedIn = null; // never promoted: no bucket kept reachable from here
            return one.ok[0];
        }
    }

    /** {@link #checkTime} of {@code recent[i]}, the field's name made only when the time is refused. */
    private static void checkRecent(int i, long t) {
        if (t != NO_TIME && (t < 0 || t > MAX_TIME)) {
            checkTime("recent[" + i + "]", t);
        }
    }

    private static void checkTime(String field, long t) {
        if (t != NO_TIME && (t < 0 || t > MAX_TIME)) {
            throw Validate.invalid(field, field + " " + t + " is outside 1970 to 2106 (epoch seconds 0 to " + MAX_TIME
                    + "), the times this store keeps");
        }
    }

    /**
     * How many states the store holds.
     *
     * @return the count
     */
    public long size() {
        long n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.states;
            }
        }
        return n;
    }

    /**
     * Gives back the room the store's buckets keep to grow. While the store grows (a night that adds
     * many accounts, above all the first), a bucket that needs more room is replaced by one half as
     * large again as it needs, so that it is copied once per few accounts added rather than for
     * nearly every one; that room, up to a third of each bucket, stays until this call cuts every
     * bucket down to what it holds and a few bytes. Call it once a run of writes is done (the
     * nightly run calls it at the end of its playbooks stage); the store's size in memory, as
     * documented above, is that after a trim. The states are unchanged, and reads and writes may run
     * meanwhile (each stripe is trimmed under its lock). A store read from a snapshot has no room
     * to give back. Each stripe's presence filter (see "Lookups" above) is made again too, at five
     * bits per account it holds, without the bits of accounts removed since it was made.
     *
     * @return the bytes given back (the filters' change in size included)
     */
    public long trim() {
        long freed = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                freed += s.trim();
            }
        }
        return freed;
    }

    /**
     * Writes every state to a stream in the format described above (and flushes, without closing
     * it). Writes made meanwhile may or may not be in it; take the snapshot between runs.
     *
     * @param out where to write
     * @param playbooks the playbook set the states were made under, in the engine's order
     * @throws UncheckedIOException if the stream fails
     */
    public void snapshot(OutputStream out, List<Playbook> playbooks) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        for (Playbook p : playbooks) {
            versions.put(p.id(), p.version());
        }
        for (String id : ids()) {
            versions.putIfAbsent(id, 0);
        }
        Map<String, Integer> orderOf = new HashMap<>();
        for (String id : versions.keySet()) {
            orderOf.put(id, orderOf.size());
        }
        List<String> order = new ArrayList<>(versions.keySet());
        List<String> known = ids();
        int[] position = new int[known.size()];
        for (int i = 0; i < position.length; i++) {
            position[i] = orderOf.get(known.get(i));
        }
        try {
            ChunkOut data = new ChunkOut(Objects.requireNonNull(out, "out"));
            data.need(MAGIC.length + 8);
            data.buffer.put(MAGIC).putInt(FORMAT).putInt(order.size());
            for (String id : order) {
                byte[] utf = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                data.need(2 + utf.length + 4);
                data.buffer.putShort((short) utf.length).put(utf).putInt(versions.get(id));
            }
            long total = 0;
            for (Stripe s : stripes) {
                synchronized (s) {
                    total += s.states;
                }
            }
            data.need(8);
            data.buffer.putLong(total);
            long written = 0;
            for (Stripe s : stripes) {
                synchronized (s) {
                    written += s.write(data, position);
                }
            }
            if (written != total) {
                throw Validate.invalid("store", "the store changed while its snapshot was taken (" + total + " states counted, " + written
                        + " written); take snapshots between runs");
            }
            data.flush();
            data.need(8);
            data.buffer.putLong(data.crc.getValue());
            data.flush();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the play state snapshot failed", e);
        }
    }

    /**
     * Reads a snapshot written by {@link #snapshot} into a new store, checking it whole first.
     *
     * @param in the snapshot (read to its end, not closed)
     * @param playbooks the playbook set the store will serve, in the engine's order
     * @param changes what to do if that set differs from the snapshot's
     * @return the store and what the restore found
     * @throws ValidationException if the stream is truncated or corrupt, of a newer format version,
     *     or (with {@link SetChanges#REJECT}) taken under another playbook set; nothing is restored
     * @throws UncheckedIOException if the stream fails
     */
    public static Restored restore(InputStream in, List<Playbook> playbooks, SetChanges changes) {
        Objects.requireNonNull(changes, "changes");
        ChunkIn data = new ChunkIn(Objects.requireNonNull(in, "in"));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.need(MAGIC.length);
            data.buffer.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw Validate.invalid("snapshot", "not a cskit play state snapshot: it does not start with CSKITPS1");
            }
            data.need(8);
            int format = data.buffer.getInt();
            if (format != FORMAT) {
                throw Validate.invalid("snapshot.format", "snapshot format version " + format + ", but this cskit reads version " + FORMAT
                        + (format > FORMAT ? "; restore it with the cskit that wrote it or a newer one" : ""));
            }
            int count = data.buffer.getInt();
            if (count < 0 || count > 0xFFFF) {
                throw Validate.invalid("snapshot.playbooks", "snapshot names " + count + " playbooks: the stream is corrupt");
            }
            List<String> ids = new ArrayList<>(count);
            List<Integer> versions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                data.need(2);
                int length = data.buffer.getShort() & 0xFFFF;
                data.need(length + 4);
                byte[] utf = new byte[length];
                data.buffer.get(utf);
                ids.add(new String(utf, java.nio.charset.StandardCharsets.UTF_8));
                versions.add(data.buffer.getInt());
            }
            Map<String, Integer> versionOf = new HashMap<>(); // the snapshot's version of each id (the first, if an id repeats)
            for (int i = 0; i < count; i++) {
                versionOf.putIfAbsent(ids.get(i), versions.get(i));
            }
            Map<String, Integer> now = new LinkedHashMap<>();
            for (Playbook p : playbooks) {
                now.put(p.id(), p.version());
            }
            Map<String, Long> dropped = new LinkedHashMap<>();
            List<String> added = new ArrayList<>();
            Map<String, String> changed = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                Integer v = now.get(ids.get(i));
                if (v == null) {
                    dropped.put(ids.get(i), 0L);
                } else if (versions.get(i) != 0 && !v.equals(versions.get(i))) {
                    changed.put(ids.get(i), versions.get(i) + " -> " + v);
                }
            }
            for (String id : now.keySet()) {
                if (!versionOf.containsKey(id)) {
                    added.add(id);
                }
            }
            boolean setDiffers = !dropped.keySet().stream().allMatch(id -> versionOf.get(id) == 0) || !added.isEmpty()
                    || !changed.isEmpty();
            if (setDiffers && changes == SetChanges.REJECT) {
                throw Validate.invalid("snapshot.playbooks", "the snapshot was taken under another playbook set: "
                        + describe(dropped.keySet(), added, changed) + "; restore with SetChanges.ACCEPT to adapt it");
            }
            data.need(8);
            long states = data.buffer.getLong();
            if (states < 0) {
                throw Validate.invalid("snapshot.states", "snapshot holds " + states + " states: the stream is corrupt");
            }
            InMemoryPlayStateStore store = new InMemoryPlayStateStore();
            int[] storeIndex = new int[count];
            for (int i = 0; i < count; i++) {
                storeIndex[i] = dropped.containsKey(ids.get(i)) ? -1 : store.indexOf(ids.get(i));
            }
            long kept = readStates(data, states, count, storeIndex, store, ids, dropped);
            long expected = data.checksum();
            data.need(8);
            long sum = data.buffer.getLong();
            if (sum != expected) {
                throw Validate.invalid("snapshot.checksum", "the snapshot's checksum does not match its content: the stream is corrupt");
            }
            if (!data.atEnd()) {
                throw Validate.invalid("snapshot", "the stream goes on after the snapshot's end: it is not one snapshot");
            }
            dropped.entrySet().removeIf(e -> e.getValue() == 0 && versionOf.get(e.getKey()) == 0);
            return new Restored(store, kept, dropped, added, changed);
        } catch (EOFException e) {
            throw Validate.invalid("snapshot", "the snapshot ends too early: it is truncated");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the play state snapshot failed", e);
        }
    }

    /**
     * Reads the states into the store (a method of its own: the JIT does not compile a method as
     * long as {@link #restore}, and this loop runs millions of times).
     */
    private static long readStates(ChunkIn data, long states, int count, int[] storeIndex, InMemoryPlayStateStore store, List<String> ids,
            Map<String, Long> dropped) throws IOException {
        long kept = 0;
        Loader loader = new Loader(store);
        for (long k = 0; k < states; k++) {
            data.need(STATE_BYTES);
            java.nio.ByteBuffer b = data.buffer;
            long fp = b.getLong();
            int pb = b.getShort() & 0xFFFF;
            int flags = b.get() & 0xFF;
            int status = flags & 3;
            int version = data.varint();
            int offeredAt = -1, lastPlay = -1, situation = 0, recentCount = 0;
            if (status != 0) {
                data.need(4);
                offeredAt = b.getInt();
                lastPlay = offeredAt;
            }
            if ((flags & OWN_LAST_PLAY) != 0) {
                data.need(4);
                lastPlay = b.getInt();
            }
            if ((flags & SITUATION) != 0) {
                data.need(4);
                situation = b.getInt();
            }
            if ((flags & RECENT) != 0) {
                recentCount = data.varint();
            }
            if (pb >= count || status > 2 || (flags & ~(3 | OWN_LAST_PLAY | SITUATION | RECENT)) != 0 || recentCount < 0
                    || recentCount > 1 << 18 || fp == 0 || version == 0) {
                throw Validate.invalid("snapshot.states[" + k + "]", "state " + k + " is corrupt (playbook " + pb + ", flags " + flags
                        + ", version " + (version & 0xFFFF_FFFFL) + ", " + recentCount + " recent times)");
            }
            long[] recent = null;
            if (recentCount > 0) {
                data.need(4 * recentCount);
                recent = new long[recentCount];
                for (int r = 0; r < recentCount; r++) {
                    recent[r] = b.getInt() & 0xFFFF_FFFFL;
                    if (r > 0 && recent[r] < recent[r - 1]) {
                        throw Validate.invalid("snapshot.states[" + k + "]", "state " + k + " is corrupt: recent times out of order");
                    }
                }
            }
            if (storeIndex[pb] < 0) {
                dropped.merge(ids.get(pb), 1L, Long::sum);
                continue;
            }
            loader.add(k, fp, storeIndex[pb], version, status, situation, offeredAt, lastPlay, recent == null ? NO_TIMES : recent);
            kept++;
        }
        loader.flush();
        return kept;
    }

    /**
     * Fills a new store with restored states. A snapshot holds the states stripe by stripe (as this
     * store writes them, and as the previous layout did), so the states of one stripe are gathered,
     * encoded, and its buckets built at once, each at its final size; a stripe met again later (a
     * stream written some other way) takes its states one by one.
     */
    private static final class Loader {
        private final InMemoryPlayStateStore store;
        private final boolean[] built = new boolean[STRIPES];
        private int stripe = -1;
        private long first; // the number of the first gathered state in the snapshot
        private int gathered;
        private long[] keys = new long[1024];
        private int[] ends = new int[1024]; // where each gathered state's bytes end in bytes
        private byte[] bytes = new byte[1 << 16];

        Loader(InMemoryPlayStateStore store) {
            this.store = store;
        }

        void add(long k, long key, int pb, int version, int status, int situation, int offered, int last, long[] recent) {
            int s = (int) (key >>> 56);
            if (s != stripe) {
                flush();
                stripe = s;
                first = k;
            }
            if (gathered == keys.length) {
                keys = Arrays.copyOf(keys, gathered * 2);
                ends = Arrays.copyOf(ends, gathered * 2);
            }
            int at = gathered == 0 ? 0 : ends[gathered - 1];
            int need = at + Stripe.MAX_STATE_BYTES + 4 * recent.length;
            if (need > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(need, bytes.length * 2));
            }
            keys[gathered] = key;
            ends[gathered++] = Stripe.encodeInto(bytes, at, pb, version, status, situation, offered, last, recent);
        }

        void flush() {
            if (gathered == 0) {
                return;
            }
            Stripe s = store.stripes[stripe];
            int repeated = -1;
            if (!built[stripe] && s.states == 0) {
                repeated = s.build(keys, ends, bytes, gathered);
            } else {
                for (int i = 0; i < gathered && repeated < 0; i++) {
                    if (!s.insertEncoded(keys[i], bytes, i == 0 ? 0 : ends[i - 1], ends[i])) {
                        repeated = i;
                    }
                }
            }
            if (repeated >= 0) {
                long k = first + repeated;
                throw Validate.invalid("snapshot.states[" + k + "]", "state " + k + " repeats an account and playbook: the stream is corrupt");
            }
            built[stripe] = true;
            gathered = 0;
        }
    }

    /** The fixed bytes of a state in a snapshot: fingerprint, playbook, flags. */
    private static final int STATE_BYTES = 8 + 2 + 1;
    /**
     * Flags of a state in a snapshot (and in the store's own encoding), beside the status in bits
     * 0-1. {@code OWN_OFFER} (an offer time kept with no play out) and {@code NO_LAST_PLAY} (a play
     * out, and never a last play: a snapshot writes {@code OWN_LAST_PLAY} and "never") are the
     * store's own, never in a snapshot: the second keeps a first play's state the same size when it
     * goes from offered to open.
     */
    private static final int OWN_LAST_PLAY = 4, SITUATION = 8, RECENT = 16, OWN_OFFER = 32, NO_LAST_PLAY = 64;

    /** Writes through a 1 MB buffer, keeping the CRC-32C of everything written. */
    private static final class ChunkOut {
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
        private final OutputStream out;

        ChunkOut(OutputStream out) {
            this.out = out;
        }

        /** Makes room for {@code n} bytes, writing out what is buffered if needed. */
        void need(int n) throws IOException {
            if (buffer.remaining() < n) {
                flush();
                if (buffer.remaining() < n) {
                    throw Validate.invalid("snapshot", "a state of " + n + " bytes does not fit the snapshot's buffer");
                }
            }
        }

        /** An unsigned int in 1 to 5 bytes, 7 bits each, low first. */
        void varint(int v) throws IOException {
            need(5);
            while ((v & ~0x7F) != 0) {
                buffer.put((byte) (v & 0x7F | 0x80));
                v >>>= 7;
            }
            buffer.put((byte) v);
        }

        void flush() throws IOException {
            crc.update(buffer.array(), 0, buffer.position());
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    /** Reads through a 1 MB buffer, keeping the CRC-32C of everything consumed. */
    private static final class ChunkIn {
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        final java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20).limit(0);
        private final InputStream in;
        private int checked; // position up to which the CRC covers the buffer

        ChunkIn(InputStream in) {
            this.in = in;
        }

        /** Makes {@code n} bytes readable, reading more if needed; EOF if the stream ends first. */
        void need(int n) throws IOException {
            if (buffer.remaining() >= n) {
                return;
            }
            if (n > buffer.capacity()) {
                throw Validate.invalid("snapshot", "the snapshot announces " + n + " bytes in one state: the stream is corrupt");
            }
            crc.update(buffer.array(), checked, buffer.position() - checked);
            buffer.compact();
            int filled = buffer.position();
            while (filled < n) {
                int read = in.read(buffer.array(), filled, buffer.capacity() - filled);
                if (read < 0) {
                    throw new EOFException();
                }
                filled += read;
            }
            buffer.position(filled).flip();
            checked = 0;
        }

        /** An unsigned int written by {@link ChunkOut#varint}. */
        int varint() throws IOException {
            int v = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                need(1);
                int b = buffer.get();
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw Validate.invalid("snapshot", "a number in the snapshot runs over 5 bytes: the stream is corrupt");
        }

        /** The CRC of everything consumed so far. */
        long checksum() {
            crc.update(buffer.array(), checked, buffer.position() - checked);
            checked = buffer.position();
            return crc.getValue();
        }

        boolean atEnd() throws IOException {
            return !buffer.hasRemaining() && in.read() < 0;
        }
    }

    private static String describe(java.util.Collection<String> dropped, List<String> added, Map<String, String> changed) {
        List<String> parts = new ArrayList<>();
        if (!dropped.isEmpty()) {
            parts.add("not in the set now: " + String.join(", ", dropped));
        }
        if (!added.isEmpty()) {
            parts.add("new in the set: " + String.join(", ", added));
        }
        if (!changed.isEmpty()) {
            List<String> c = new ArrayList<>();
            changed.forEach((id, v) -> c.add(id + " " + v));
            parts.add("version changed: " + String.join(", ", c));
        }
        return String.join("; ", parts);
    }

    /**
     * One lock's share of the states: an extendible hash table keyed by the account fingerprint.
     * A directory of {@code 2^depth} entries points to buckets, each a byte array holding up to
     * {@value #BUCKET} accounts and, per account, one record with all its states. A full bucket
     * splits in two (the directory doubles when the bucket was as deep as it), so growth moves one
     * bucket's bytes at a time and never rehashes the table.
     *
     * <p>A bucket: its depth (byte), its account count (unsigned short), the bytes in use (int), the
     * room of its index (unsigned short: how many accounts it has places for, at least its count), the
     * accounts' fingerprints (7 bytes each, the top byte being the stripe's) as their tags (bits 48-55,
     * a byte each, together so that a lookup compares eight at a time), then their records' lengths
     * (a byte each: the length of a record of up to {@value #SHORT} bytes, else 0 and the record
     * starts with its length as a varint), then their low 6 bytes each (each of the three parts with
     * places for as many accounts as the index has room for, the unused places after the used ones),
     * then per account, in the same order, a record: its states, each as a snapshot holds it without the fingerprint
     * (the playbook's position as a varint, then the flags byte, version and what follows them).
     * Ints and longs are big-endian, so a state's bytes from its flags on are a snapshot's.
     */
    private static final class Stripe {
        private static final int HEADER = 9;
        /**
         * The bytes of an account's index entry in a bucket: the 7 bytes of its fingerprint kept (all
         * but the top one, the stripe's) and its record's length byte.
         */
        private static final int KEY = 8;
        /** A record's length byte for a record longer than {@value #SHORT} bytes, whose length is then a varint at its start. */
        private static final int LONG_RECORD = 0;
        /** The longest record whose length is its length byte alone. */
        private static final int SHORT = 255;
        private static final long LOW = -1L >>> 8;
        /** The bytes of an account's fingerprint kept beside its tag: the low six. */
        private static final int LOW_BYTES = 6;
        private static final long LOW48 = -1L >>> 16;
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
        private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

        /** The fingerprints' top byte, the same for all accounts of this stripe (its index), which buckets do not keep. */
        private final long top;
        private byte[][] directory = {bucket(0, 0)};
        long states;

        private final long[][] filters;

        Stripe(long top, long[][] filters) {
            this.top = top;
            this.filters = filters;
            filters[(int) (top >>> 56)] = filter;
        }

        /**
         * The fingerprint of the {@code k}th account of bucket {@code b}, whose index has room for
         * {@code c} accounts ({@link #cap}), without its top byte: its tag (bits 48-55) and its low 48 bits.
         */
        private static long keyAt(byte[] b, int k, int c) {
            return (long) (b[HEADER + k] & 0xFF) << 48 | lowAt(b, k, c);
        }

        /** The low 48 bits of the {@code k}th account's fingerprint, in an index with room for {@code c} accounts. */
        private static long lowAt(byte[] b, int k, int c) {
            return (long) LONG.get(b, HEADER + 2 * c + LOW_BYTES * k - 2) & LOW48; // the two bytes before are lengths or the previous key's
        }

        /** The tag of a fingerprint (without its top byte): its bits 48-55, which no directory reaches. */
        private static int tag(long key) {
            return (int) (key >>> 48) & 0xFF;
        }

        /** Writes the {@code k}th account's fingerprint (without its top byte) at its places, in an index with room for {@code c} accounts. */
        private static void putKey(byte[] b, int k, int c, long key) {
            b[HEADER + k] = (byte) tag(key);
            int at = HEADER + 2 * c + LOW_BYTES * k;
            for (int j = LOW_BYTES - 1; j >= 0; j--, key >>>= 8) {
                b[at + j] = (byte) key;
            }
        }

        /**
         * The index of the account whose fingerprint (without its top byte) is {@code key} among the
         * {@code n} of bucket {@code b} (whose index has room for {@code c}), or -1: the tags are
         * compared eight at a time, and only an account whose tag matches (for an absent account, one
         * in 256 of the bucket's) has the rest of its fingerprint compared.
         */
        private static int find(byte[] b, int n, int c, long key) {
            long pattern = tag(key) * 0x0101_0101_0101_0101L;
            long low = key & LOW48;
            for (int base = 0; base < n; base += 8) {
                long word;
                if (HEADER + base + 8 <= b.length) {
                    word = (long) LONG_LE.get(b, HEADER + base) ^ pattern;
                } else { // never in a bucket whose accounts have states, which is every bucket: kept for safety
                    word = -1L;
                    for (int j = 0; j < 8 && base + j < n; j++) {
                        word &= ~(0xFFL << (8 * j)) | (long) ((b[HEADER + base + j] ^ (int) pattern) & 0xFF) << (8 * j);
                    }
                }
                // A byte of 0x80 where the tags' byte is zero (the tag matches), 0 elsewhere; exact, no borrow between bytes.
                long zero = ~(((word & 0x7F7F_7F7F_7F7F_7F7FL) + 0x7F7F_7F7F_7F7F_7F7FL) | word | 0x7F7F_7F7F_7F7F_7F7FL);
                if (n - base < 8) {
                    zero &= (1L << ((n - base) << 3)) - 1; // the bytes after the last tag are the keys'
                }
                for (; zero != 0; zero &= zero - 1) {
                    int k = base + (Long.numberOfTrailingZeros(zero) >>> 3);
                    if (lowAt(b, k, c) == low) {
                        return k;
                    }
                }
            }
            return -1;
        }
        /**
         * Odd while a write changes this stripe's directory or buckets, even otherwise: a reader
         * without the lock ({@link #surelyAbsent}) reads it before and after what it reads, and
         * trusts what it read only if both are the same even number (as a seqlock, or
         * {@link java.util.concurrent.locks.StampedLock}'s optimistic read). Written under the
         * stripe's lock only.
         */
        @SuppressWarnings("unused") // through SEQ
        private int seq;
        private static final VarHandle SEQ;

        static {
            try {
                SEQ = MethodHandles.lookup().findVarHandle(Stripe.class, "seq", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** {@link #compareAndSetAll}, with {@link #seq} odd while it changes the stripe. Under the stripe's lock. */
        void write(long key, Writes ws) {
            int v = beginChange();
            ws.addedIn = null;
            try {
                compareAndSetAll(key, ws);
            } finally {
                endChange(v);
            }
            ws.addedSeq = v + 2;
        }

        /** How many {@link #promote} calls changed states in place. Under the lock. */
        long promoted;

        /**
         * {@link InMemoryPlayStateStore#promote} in place, if it can be: the stripe unchanged since
         * the write that added the account ({@link Writes#addedSeq}), so the bucket and the record
         * lie where that write left them, and every write an offered state of that write's (position,
         * flags, version 1, offer time and situation as encoded there) made open at its offer time,
         * version 2, with no recent times: then each state's status bits and version byte change, and
         * nothing else (the open state's encoding has the same length, no offset moves, the cached
         * account stays right). Otherwise changes nothing and returns false. Under the lock.
         */
        boolean promote(Writes ws) {
            byte[] b = ws.addedIn;
            if (b == null || (int) SEQ.get(this) != ws.addedSeq) {
                return false;
            }
            int n = ws.count;
            for (int j = 0; j < n; j++) { // all checked before any is changed
                int pos = ws.position[j];
                int at = ws.addedAt + ws.at[j];
                int sit = ws.situation[j];
                long offered = ws.offeredAt[j];
                if (pos >= 128 || ws.status[j] != 2 || ws.expected[j] != 1 || ws.recent[j].length != 0 || ws.lastPlay[j] != offered
                        || offered == NO_TIME || at + 7 + (sit != 0 ? 4 : 0) > b.length || b[at] != pos
                        || b[at + 1] != (byte) (1 | NO_LAST_PLAY | (sit != 0 ? SITUATION : 0)) || b[at + 2] != 1
                        || (int) INT.get(b, at + 3) != time(offered) || sit != 0 && (int) INT.get(b, at + 7) != sit) {
                    return false;
                }
            }
            int v = beginChange();
            for (int j = 0; j < n; j++) {
                int at = ws.addedAt + ws.at[j];
                b[at + 1] = (byte) (2 | (ws.situation[j] != 0 ? SITUATION : 0)); // open, its last play the offer time
                b[at + 2] = 2; // version 2
                ws.ok[j] = true;
            }
            endChange(v);
            ws.addedIn = null;
            promoted++;
            return true;
        }

        /** Makes {@link #seq} odd before the stripe changes; returns the even number it was. Under the stripe's lock. */
        private int beginChange() {
            int v = (int) SEQ.get(this);
            SEQ.setOpaque(this, v + 1);
            VarHandle.storeStoreFence(); // the odd number is seen before any change of the stripe
            return v;
        }

        /** Makes {@link #seq} even again, the next number after {@code v}, once the stripe's change is done. */
        private void endChange(int v) {
            SEQ.setRelease(this, v + 2); // every change is seen before the even number
        }

        /**
         * Whether the account whose fingerprint is {@code key} surely has no state here, found
         * without the lock: its bit pair in the {@link #filter} is not set (most such accounts end
         * there), or its bucket holds no account with its fingerprint. Reads the directory
         * and the bucket's count, tags and (where a tag matches) the rest of the fingerprints as
         * {@link #find} does, then checks that no write ran meanwhile ({@link #seq}); false when
         * unsure (a write ran or runs, or what was read is not a whole bucket) or when the account
         * is there, and the caller looks under the lock. For an account with no state, 255 of 256
         * of its bucket's accounts' tags differ from its own and the rest of the fingerprint tells
         * the others apart, so every such lookup ends here, without the lock, unless a write runs.
         */
        boolean surelyAbsent(long key) {
            return !mayHold(key) || absentFromBuckets(key);
        }

        /** {@link #surelyAbsent} without asking the {@link #filter}: the account's bucket is searched. */
        boolean absentFromBuckets(long key) {
            int v = (int) SEQ.getAcquire(this); // what follows is read after it
            if ((v & 1) != 0) {
                return false;
            }
            byte[][] d = directory;
            byte[] b = d[(int) key & (d.length - 1)];
            if (b == null || b.length < HEADER) { // a directory being grown, seen without the lock, may not show its entries yet
                return false;
            }
            int n = count(b);
            int c = cap(b);
            if (n > c || HEADER + KEY * c > b.length || find(b, n, c, key & LOW) >= 0) { // find reads inside HEADER + KEY * c
                return false;
            }
            VarHandle.acquireFence(); // what was read above is read before seq again
            return (int) SEQ.getOpaque(this) == v;
        }

        /**
         * Whether no write changed this stripe since {@link #seq} was {@code v}, an even number read
         * (with acquire) before what the caller then read without the lock: if so, what it read is
         * what a lookup under the lock would read now. Under the lock or without it.
         */
        boolean unchangedSince(int v) {
            VarHandle.acquireFence(); // what the caller read is read before seq again
            return (int) SEQ.getOpaque(this) == v;
        }

        /**
         * For {@link InMemoryPlayStateStore#touch}'s second pass, with a reader's scratch: locates,
         * without the lock, the account whose fingerprint is {@code fp} (the {@code i}th of the batch)
         * as {@link #locateAccount} does, and notes in {@code r} the stripe's {@link #seq} read before
         * (with acquire), whether the account is there ({@link Reading#ABSENT} if not), its index in
         * the bucket and where its states lie ({@link Reading#UNKNOWN} if the count was odd, the bucket
         * not whole, or a long record's varint on the way, left to the lookup under the lock). Loads the
         * first and last byte of the account's states, returned summed. What it notes is true only if
         * {@link #unchangedSince} the count it noted; every index is kept inside the array, whatever a
         * bucket changed meanwhile holds.
         */
        int peek(long fp, int i, Reading r) {
            int v = (int) SEQ.getAcquire(this); // what follows is read after it
            r.seq[i] = v;
            r.at[i] = Reading.UNKNOWN;
            byte[][] d = directory;
            byte[] b = d[(int) fp & (d.length - 1)];
            if ((v & 1) != 0 || b == null || b.length < HEADER) {
                return 0;
            }
            int length = b.length;
            int n = count(b);
            int c = cap(b);
            if (n > c || HEADER + KEY * c > length) { // find reads inside HEADER + KEY * c
                return 0;
            }
            int k = find(b, n, c, fp & LOW);
            if (k < 0) {
                r.at[i] = Reading.ABSENT;
                return 0;
            }
            int p = HEADER + KEY * c;
            for (int j = HEADER + c, to = j + k; j < to; j++) {
                int before = b[j] & 0xFF;
                if (before == LONG_RECORD) {
                    return 0;
                }
                p += before;
            }
            int own = b[HEADER + c + k] & 0xFF;
            if (own == LONG_RECORD || p + own > length) {
                return 0;
            }
            r.at[i] = k;
            r.from[i] = p;
            r.to[i] = p + own;
            return b[p] + b[p + own - 1];
        }

        /**
         * For {@link InMemoryPlayStateStore#touch}: loads, without the lock, what a search of the
         * account whose fingerprint (without its top byte) is {@code key} reads in bucket {@code b}
         * beyond its start: the rest of the fingerprint of each account whose tag matches and, if
         * the account is there, the first and last byte of its record (found by the record lengths
         * beside the tags, which the first pass loaded). The bucket may be changing: every index is
         * kept inside the array, and what is read is only summed.
         */
        static int hint(byte[] b, long key) {
            int length = b.length;
            int c = Math.min(cap(b), (length - HEADER) / KEY);
            int n = Math.min(count(b), c);
            int k = find(b, n, c, key); // inside the array for any n and c up to the clamps
            if (k < 0) {
                return 0;
            }
            int p = HEADER + KEY * c;
            for (int j = 0; j < k; j++) {
                p += b[HEADER + c + j] & 0xFF; // a long record's varint is not read: the hint may fall short
            }
            int last = (b[HEADER + c + k] & 0xFF) - 1;
            return k + b[Math.min(p, length - 1)] + b[Math.min(p + Math.max(last, 0), length - 1)];
        }

        /**
         * For {@link InMemoryPlayStateStore#touch}, while batch reads find states for few accounts (as
         * on a portfolio's first night, when most accounts read are then added): loads, without the
         * lock, where bucket {@code b}'s next account would go, its length byte, the rest of its
         * fingerprint and its record, so that the insert that follows the read finds them in the
         * cache. Every index is kept inside the array, whatever a bucket changed meanwhile holds.
         */
        static int slots(byte[] b) {
            int last = b.length - 1;
            int n = count(b), c = cap(b);
            int used = (int) INT.get(b, 3) & Integer.MAX_VALUE;
            return b[Math.min(last, HEADER + c + n)] + b[Math.min(last, HEADER + 2 * c + LOW_BYTES * n)] + b[Math.min(last, used)];
        }

        /** What {@link #locate} found: the bucket (directory entry and bytes), the account and its record, the state. */
        private int entry, account, record, statesAt, statesEnd, stateAt, stateEnd;
        private byte[] blob;
        private int current;
        /**
         * The account {@link #locate} found last, in which bucket and where: writes of one account
         * follow its read, and find it here without a scan. Every change of a bucket comes right after
         * a {@code locate} of the account it changes, which keeps this right or clears it.
         */
        private long cachedKey;
        private byte[] cachedBlob;
        private int cachedAccount, cachedRecord;
        /** Whether {@code cachedMask} and {@code cachedAt} hold where each of that account's states lies (playbooks below 64 only). */
        private boolean cachedStates;
        /** The playbooks that account has a state of, and (by playbook) each state's offset from the first. */
        private long cachedMask;
        private final int[] cachedAt = new int[64];
        /** What the last {@link #varint} read: the value, and where the next byte is. */
        private int value, next;

        /**
         * The stripe's presence filter: per account held, two bits of one word set (the word chosen
         * by bits 16-47 of the fingerprint, the bits by bits 0-5 and 6-11), so that an account whose
         * two bits are not both set surely has no state here, found with one load and no bucket
         * touched ({@link #mayHold}). A bit is set before its account's record is added
         * ({@link #addAccount}) and stays when the account is removed; the filter is made again from
         * the buckets (so without the bits of accounts since removed) once the bits set reach four
         * per account held, at twice that size ({@link #mark}), once as many accounts were removed
         * as a quarter of those held ({@link #removeAccount}), and at {@link #trim} and
         * {@link #build}, at {@value #FILTER_BITS} bits per account. For an account with no state, about one
         * lookup in six (at five bits an account) to one in five (at four) finds both bits set and
         * searches the bucket. Written under the lock; a new filter is published whole (the field
         * is volatile, and the store's {@code filters} entry is set with release) before any account
         * added after it is marked in it, and a word is written with release, so a reader without the
         * lock sees a bit set before anything of its account.
         */
        private volatile long[] filter = new long[1];
        /** The accounts held, and how many of them, or of those since removed, have bits set in the {@link #filter}. */
        private int accounts, marked;
        /** The bits per account held a remade {@link #filter} has. */
        private static final int FILTER_BITS = 5;
        private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

        /** The word of a filter of {@code words} words that holds the fingerprint's (without its top byte) bits. */
        private static int word(long key, int words) {
            return (int) (((key >>> 16) & 0xFFFF_FFFFL) * words >>> 32);
        }

        /** The fingerprint's two bits in its word (one, for one fingerprint in 64). */
        private static long bits(long key) {
            return 1L << key | 1L << (key >>> 6);
        }

        /**
         * Whether the account whose fingerprint is {@code key} may have states here: false if surely
         * not (its bits in the {@link #filter} are not both set). Without the lock.
         */
        boolean mayHold(long key) {
            return mayHold(filter, key);
        }

        /** Whether the account whose fingerprint is {@code key} may be held by the stripe whose filter is {@code f}. Without the lock. */
        static boolean mayHold(long[] f, long key) {
            long bits = bits(key);
            return ((long) WORD.getAcquire(f, word(key, f.length)) & bits) == bits;
        }

        /** Sets the bits of an account about to be added to the {@link #filter}, first making it again, twice as large, if full. Under the lock. */
        private void mark(long key) {
            accounts++;
            long[] f = filter;
            if (++marked > 16 * f.length) { // four bits an account (and those since removed)
                f = refilter(2 * FILTER_BITS);
            }
            int w = word(key, f.length);
            WORD.setRelease(f, w, (long) WORD.get(f, w) | bits(key));
        }

        /** Counts an account removed; its bits stay until the {@link #filter} is made again, here once they are many. Under the lock. */
        private void unmark() {
            accounts--;
            if (marked - accounts > (accounts >>> 2) + 64) {
                refilter(FILTER_BITS);
            }
        }

        /**
         * Makes the {@link #filter} again from the accounts the buckets hold, at {@code bitsPerAccount}
         * bits per account (at least one word), and publishes it; returns it. Under the lock.
         */
        private long[] refilter(int bitsPerAccount) {
            long[] f = new long[Math.max(1, (int) (((long) accounts * bitsPerAccount + 63) >>> 6))];
            byte[][] d = directory;
            for (int j = 0; j < d.length; j++) {
                byte[] b = d[j];
                if (j >= 1 << b[0]) {
                    continue; // a bucket shared by several entries is met first at its lowest
                }
                for (int k = 0, n = count(b), c = cap(b); k < n; k++) {
                    long key = keyAt(b, k, c);
                    f[word(key, f.length)] |= bits(key);
                }
            }
            marked = accounts;
            filter = f;
            FILTERS.setRelease(filters, (int) (top >>> 56), f);
            return f;
        }

        private static byte[] bucket(int depth, int capacity) {
            byte[] b = new byte[Math.max(HEADER, capacity)];
            b[0] = (byte) depth;
            INT.set(b, 3, HEADER);
            return b;
        }

        private static int count(byte[] b) {
            return (b[1] & 0xFF) << 8 | b[2] & 0xFF;
        }

        private static void count(byte[] b, int n) {
            b[1] = (byte) (n >>> 8);
            b[2] = (byte) n;
        }

        private static int used(byte[] b) {
            return (int) INT.get(b, 3);
        }

        /** How many accounts the bucket's index has room for: its count, or more while the bucket grows (see {@link #addAccount}). */
        static int cap(byte[] b) {
            return (b[7] & 0xFF) << 8 | b[8] & 0xFF;
        }

        private static void cap(byte[] b, int c) {
            b[7] = (byte) (c >>> 8);
            b[8] = (byte) c;
        }

        /** The bytes the bucket's accounts take: those in use less the index's room for more accounts. */
        private static int size(byte[] b) {
            return used(b) - KEY * (cap(b) - count(b));
        }

        private int varint(byte[] b, int p) {
            int v = 0;
            for (int shift = 0;; shift += 7) {
                int x = b[p++];
                v |= (x & 0x7F) << shift;
                if (x >= 0) {
                    value = v;
                    next = p;
                    return v;
                }
            }
        }

        private static int putVarint(byte[] b, int p, int v) {
            while ((v & ~0x7F) != 0) {
                b[p++] = (byte) (v & 0x7F | 0x80);
                v >>>= 7;
            }
            b[p++] = (byte) v;
            return p;
        }

        private static int varintSize(int v) {
            int n = 1;
            while ((v & ~0x7F) != 0) {
                v >>>= 7;
                n++;
            }
            return n;
        }

        /** Where a state's bytes end, given where its flags byte is. */
        private int end(byte[] b, int flagsAt) {
            int flags = b[flagsAt];
            int p = skipVarint(b, flagsAt + 1);
            if ((flags & 3) != 0 || (flags & OWN_OFFER) != 0) {
                p += 4;
            }
            if ((flags & OWN_LAST_PLAY) != 0) {
                p += 4;
            }
            if ((flags & SITUATION) != 0) {
                p += 4;
            }
            if ((flags & RECENT) != 0) {
                int count = varint(b, p);
                p = next + 4 * count;
            }
            return p;
        }

        /** The bytes of a record of states of {@code length} bytes: the states, and for a long record the varint of its length before them. */
        private static int recordBytes(int length) {
            return length <= SHORT ? length : varintSize(length) + length;
        }

        /**
         * Writes the length of the {@code k}th account's record of states of {@code length} bytes,
         * which starts at {@code p}, in an index with room for {@code c} accounts: its length byte
         * and, for a long record, the varint at its start. Returns where its states start.
         */
        private static int putLength(byte[] b, int k, int c, int p, int length) {
            if (length <= SHORT) {
                b[HEADER + c + k] = (byte) length;
                return p;
            }
            b[HEADER + c + k] = LONG_RECORD;
            return putVarint(b, p, length);
        }

        /** Where the record of the {@code k}th account, starting at {@code p}, ends, in an index with room for {@code c} accounts. */
        private int recordEnd(byte[] b, int k, int c, int p) {
            int length = b[HEADER + c + k] & 0xFF;
            return length != LONG_RECORD ? p + length : varint(b, p) + next;
        }

        private static int skipVarint(byte[] b, int p) {
            while (b[p++] < 0) {
                // continuation bytes
            }
            return p;
        }

        /**
         * Forgets the cached account. The bucket goes too: a key of 0 (an account whose fingerprint is
         * all zero bits) would otherwise match the cleared key in the bucket last cached.
         */
        private void uncache() {
            cachedKey = 0;
            cachedBlob = null;
        }

        /**
         * Finds the account: sets {@code entry}, {@code blob}, {@code account} (-1 if it has no
         * record), and where its record and states are; returns whether it was the cached one.
         */
        private boolean locateAccount(long key) {
            entry = (int) key & (directory.length - 1);
            byte[] b = directory[entry];
            blob = b;
            stateAt = -1;
            current = 0;
            int c = cap(b);
            boolean hit = key == cachedKey && b == cachedBlob;
            if (hit) {
                account = cachedAccount;
                record = cachedRecord;
            } else {
                account = find(b, count(b), c, key & LOW);
                if (account < 0) {
                    return false;
                }
                int p = HEADER + KEY * c;
                for (int k = HEADER + c, to = k + account; k < to; k++) {
                    int length = b[k] & 0xFF;
                    p = length != LONG_RECORD ? p + length : varint(b, p) + next;
                }
                record = p;
            }
            int length = b[HEADER + c + account] & 0xFF;
            if (length != LONG_RECORD) {
                statesAt = record;
                statesEnd = record + length;
            } else {
                statesEnd = varint(b, record) + next;
                statesAt = next;
            }
            return hit;
        }

        /**
         * Finds the account and, if it has one, its state of playbook {@code pb}: sets the fields
         * above ({@code account} -1 if the account has no record, {@code stateAt} -1 if no such state;
         * {@code current} the state's version, 0 if none).
         */
        private void locate(long key, int pb) {
            if (locateAccount(key)) {
                if (cachedStates && pb >= 0 && pb < 64) { // where the state is, or that there is none, without a walk
                    if ((cachedMask & 1L << pb) != 0) {
                        byte[] b = blob;
                        stateAt = statesAt + cachedAt[pb];
                        int flagsAt = skipVarint(b, stateAt);
                        stateEnd = end(b, flagsAt);
                        current = varint(b, flagsAt + 1);
                    }
                    return;
                }
            } else if (account < 0) {
                return;
            } else {
                cachedKey = key;
                cachedBlob = blob;
                cachedAccount = account;
                cachedRecord = record;
                cachedStates = true; // the walk below notes where each state is
                cachedMask = 0;
            }
            byte[] b = blob;
            for (int q = statesAt; q < statesEnd;) {
                int at = q;
                int position = varint(b, q);
                int end = end(b, next);
                if (position < 64) {
                    cachedMask |= 1L << position;
                    cachedAt[position] = at - statesAt;
                } else {
                    cachedStates = false;
                }
                if (position == pb) {
                    stateAt = at;
                    stateEnd = end;
                    varint(b, skipVarint(b, at) + 1);
                    current = value;
                }
                q = end;
            }
        }

        /** Reports every state of the account to {@code into}, as primitives; returns whether it has any. */
        boolean visit(long key, int index, Slots into) {
            locate(key, -1);
            if (account < 0) {
                return false;
            }
            states(blob, statesAt, statesEnd, index, into, false);
            return true;
        }

        /**
         * {@link #visit} of an account {@link #peek} found, at its {@code k}th place in its bucket, its
         * states in {@code [from, to)}, with no write since (under the lock, {@link #unchangedSince}
         * the count noted): reports them without a search, and caches the account as
         * {@link #locate} does, for the writes of it that may follow.
         */
        void visitAt(long key, int k, int from, int to, int index, Slots into) {
            byte[] b = directory[(int) key & (directory.length - 1)];
            cachedKey = key;
            cachedBlob = b;
            cachedAccount = k;
            cachedRecord = from; // a record peek found is a short one: its states start where it does
            cachedStates = true;
            cachedMask = 0;
            states(b, from, to, index, into, true);
        }

        /**
         * Reports the states in {@code [from, to)} of bucket {@code b}, of the batch's {@code index}th
         * account, to {@code into}; with {@code cache}, notes where each lies as {@link #locate} does.
         */
        private void states(byte[] b, int from, int to, int index, Slots into, boolean cache) {
            for (int q = from; q < to;) {
                int position = varint(b, q);
                if (cache) {
                    if (position < 64) {
                        cachedMask |= 1L << position;
                        cachedAt[position] = q - from;
                    } else {
                        cachedStates = false;
                    }
                }
                int flags = b[next];
                int version = varint(b, next + 1);
                int p = next;
                int status = flags & 3;
                int offered = -1;
                if (status != 0 || (flags & OWN_OFFER) != 0) {
                    offered = (int) INT.get(b, p);
                    p += 4;
                }
                int last = status != 0 && (flags & NO_LAST_PLAY) == 0 ? offered : -1;
                if ((flags & OWN_LAST_PLAY) != 0) {
                    last = (int) INT.get(b, p);
                    p += 4;
                }
                int situation = 0;
                if ((flags & SITUATION) != 0) {
                    situation = (int) INT.get(b, p);
                    p += 4;
                }
                long[] recent = NO_TIMES;
                if ((flags & RECENT) != 0) {
                    recent = new long[varint(b, p)];
                    p = next;
                    for (int r = 0; r < recent.length; r++, p += 4) {
                        recent[r] = (int) INT.get(b, p) & 0xFFFF_FFFFL;
                    }
                }
                into.accept(index, position, status, version & 0xFFFF_FFFFL, situation, time(offered), time(last), recent);
                q = p;
            }
        }

        /** The most bytes a state without recent times takes. */
        static final int MAX_STATE_BYTES = 5 + 1 + 5 + 16 + 5;

        /** Encodes a state at {@code p} of {@code b} (room for {@link #MAX_STATE_BYTES} and 4 a recent time); returns where it ends. */
        static int encodeInto(byte[] b, int p, int pb, int version, int status, int situation, int offered, int last, long[] recent) {
            boolean ownOffer = status == 0 && offered != -1;
            boolean noLast = status != 0 && last == -1;
            boolean ownLast = status == 0 ? last != -1 : last != offered && !noLast;
            int flags = status | (ownLast ? OWN_LAST_PLAY : 0) | (situation != 0 ? SITUATION : 0) | (recent.length > 0 ? RECENT : 0)
                    | (ownOffer ? OWN_OFFER : 0) | (noLast ? NO_LAST_PLAY : 0);
            p = putVarint(b, p, pb);
            b[p++] = (byte) flags;
            p = putVarint(b, p, version);
            if (status != 0 || ownOffer) {
                INT.set(b, p, offered);
                p += 4;
            }
            if (ownLast) {
                INT.set(b, p, last);
                p += 4;
            }
            if (situation != 0) {
                INT.set(b, p, situation);
                p += 4;
            }
            if (recent.length > 0) {
                p = putVarint(b, p, recent.length);
                for (long t : recent) {
                    INT.set(b, p, (int) t);
                    p += 4;
                }
            }
            return p;
        }

        /** A single write's list, for {@link InMemoryPlayStateStore#write}: used under this stripe's lock only. */
        final Writes one = new Writes(1);

        /**
         * The writes of one account (checked; playbooks distinct), each a compare-and-set of its own:
         * locates the account once, builds its record anew from the old one and the writes that
         * succeed (a state in place, a new state after the others, an empty state deleted) and
         * puts it back with one splice. Sets {@link Writes#ok}.
         */
        void compareAndSetAll(long key, Writes ws) {
            int n = ws.count;
            locateAccount(key);
            int oldLength = account >= 0 ? statesEnd - statesAt : 0;
            uncache(); // cachedAt is rewritten below for this account; set again when done
            long mask = 0;
            boolean wide = false;
            int need = oldLength;
            for (int j = 0; j < n; j++) {
                int pb = ws.position[j];
                if (pb < 64) {
                    mask |= 1L << pb;
                } else {
                    wide = true;
                }
                ws.ok[j] = false;
                ws.seen[j] = false;
                need += MAX_STATE_BYTES + 4 * ws.recent[j].length;
            }
            if (ws.buffer.length < need) {
                ws.buffer = new byte[Math.max(need, ws.buffer.length * 2)];
            }
            byte[] out = ws.buffer;
            byte[] b = blob;
            int p = 0, added = 0, removed = 0;
            boolean changed = false;
            long newMask = 0;
            boolean newCached = true;
            if (account >= 0) {
                for (int q = statesAt; q < statesEnd;) {
                    int pos = varint(b, q);
                    int flagsAt = next;
                    int end = end(b, flagsAt);
                    int j = -1;
                    if (pos < 64 ? (mask & 1L << pos) != 0 : wide) {
                        j = 0;
                        while (j < n && ws.position[j] != pos) {
                            j++;
                        }
                        if (j == n) {
                            j = -1;
                        }
                    }
                    int at = p;
                    if (j >= 0 && varint(b, flagsAt + 1) == (int) ws.expected[j]) {
                        ws.seen[j] = true;
                        ws.ok[j] = true;
                        changed = true;
                        if (ws.deletes(j)) {
                            removed++;
                            q = end;
                            continue;
                        }
                        p = encodeInto(out, p, pos, value + 1, ws.status[j], ws.situation[j], time(ws.offeredAt[j]), time(ws.lastPlay[j]),
                                ws.recent[j]);
                    } else {
                        if (j >= 0) {
                            ws.seen[j] = true; // another version: not written
                        }
                        System.arraycopy(b, q, out, p, end - q);
                        p += end - q;
                    }
                    if (pos < 64) {
                        newMask |= 1L << pos;
                        cachedAt[pos] = at;
                    } else {
                        newCached = false;
                    }
                    q = end;
                }
            }
            for (int j = 0; j < n; j++) {
                if (ws.seen[j] || ws.expected[j] != 0) {
                    continue; // found (and decided above), or expected a state there is not
                }
                ws.ok[j] = true;
                if (ws.deletes(j)) {
                    continue; // deleting what is not there
                }
                changed = true;
                added++;
                int pos = ws.position[j];
                if (pos < 64) {
                    newMask |= 1L << pos;
                    cachedAt[pos] = p;
                } else {
                    newCached = false;
                }
                ws.at[j] = p;
                p = encodeInto(out, p, pos, 1, ws.status[j], ws.situation[j], time(ws.offeredAt[j]), time(ws.lastPlay[j]), ws.recent[j]);
            }
            if (account >= 0) {
                if (!changed) {
                    // nothing written: the record stays, its states' offsets noted above
                } else if (p == 0) {
                    removeAccount();
                } else {
                    if (added > 0) {
                        while (count(blob) > 4 && size(blob) + p - oldLength > BUCKET_BYTES && split()) {
                            locateAccount(key); // buckets of large records hold fewer
                        }
                    }
                    resizeRecord(splice(statesAt, statesEnd, out, 0, p));
                }
                if (p > 0) {
                    cacheAccount(key, newMask, newCached);
                }
            } else if (p > 0) {
                while (count(blob) > 4 && size(blob) + p > BUCKET_BYTES && split()) {
                    locateAccount(key);
                }
                while (count(blob) >= BUCKET && split()) {
                    locateAccount(key);
                }
                if (count(blob) == 0xFFFF) {
                    throw new IllegalStateException("65535 accounts share a bucket: fingerprints are not spread");
                }
                addAccount(key, out, 0, p);
                cacheAccount(key, newMask, newCached); // the next write of the account (its plays delivered) finds it here
                if (added == n) { // every write a new state, written: its second write may promote in place
                    ws.addedIn = blob;
                    ws.addedAt = statesAt;
                }
            }
            states += added - removed;
        }

        /** Notes the located account as the cached one, with its states' offsets already in {@code cachedAt}. */
        private void cacheAccount(long key, long mask, boolean complete) {
            cachedKey = key;
            cachedBlob = blob;
            cachedAccount = account;
            cachedRecord = record;
            cachedMask = mask;
            cachedStates = complete;
        }

        /**
         * Removes the located account: its record, then its tag, length byte and the rest of its
         * fingerprint, the others' after it moving up; its place in the index stays as room for
         * another account (given back by {@link #trim}).
         */
        private void removeAccount() {
            int n = count(blob);
            splice(record, statesEnd, blob, 0, 0);
            byte[] b = blob; // the splice may have replaced it
            int c = cap(b);
            int k = account, after = n - 1 - k;
            System.arraycopy(b, HEADER + k + 1, b, HEADER + k, after);
            System.arraycopy(b, HEADER + c + k + 1, b, HEADER + c + k, after);
            int lows = HEADER + 2 * c;
            System.arraycopy(b, lows + LOW_BYTES * (k + 1), b, lows + LOW_BYTES * k, LOW_BYTES * after);
            count(b, n - 1);
            uncache();
            unmark();
        }

        /**
         * Builds this empty stripe's buckets at once from {@code m} encoded states (state {@code i}
         * is {@code keys[i]}'s, in {@code bytes} up to {@code ends[i]}), each bucket at its size, in
         * a directory deep enough for at most 40 accounts a bucket on average (as a grown store holds them).
         *
         * @return -1, or the index of a state whose account already has a state of its playbook (nothing built)
         */
        int build(long[] keys, int[] ends, byte[] bytes, int m) {
            int held = 0; // a snapshot holds an account's states one after the other
            for (int i = 0; i < m; i++) {
                held += i == 0 || keys[i] != keys[i - 1] ? 1 : 0;
            }
            int depth = 0;
            while (held >>> depth > 40 && depth < 24) {
                depth++;
            }
            int buckets = 1 << depth;
            int[] start = new int[buckets + 1];
            for (int i = 0; i < m; i++) {
                start[((int) keys[i] & (buckets - 1)) + 1]++;
            }
            for (int b = 0; b < buckets; b++) {
                start[b + 1] += start[b];
            }
            int[] order = new int[m];
            int[] fill = Arrays.copyOf(start, buckets);
            for (int i = 0; i < m; i++) {
                order[fill[(int) keys[i] & (buckets - 1)]++] = i;
            }
            byte[][] dir = new byte[buckets][];
            int[] accountOf = new int[16];
            long[] accountKeys = new long[16];
            int[] lengths = new int[16];
            for (int b = 0; b < buckets; b++) {
                int from = start[b], to = start[b + 1];
                if (to - from > accountOf.length) {
                    accountOf = new int[to - from];
                    accountKeys = new long[to - from];
                    lengths = new int[to - from];
                }
                int accounts = 0;
                for (int j = from; j < to; j++) { // the bucket's accounts, in the order met, and their records' lengths
                    int i = order[j];
                    int a = 0;
                    while (a < accounts && accountKeys[a] != keys[i]) {
                        a++;
                    }
                    if (a == accounts) {
                        accountKeys[accounts] = keys[i];
                        lengths[accounts++] = 0;
                    } else {
                        int pb = varint(bytes, i == 0 ? 0 : ends[i - 1]);
                        for (int e = from; e < j; e++) {
                            int o = order[e];
                            if (accountOf[e - from] == a && varint(bytes, o == 0 ? 0 : ends[o - 1]) == pb) {
                                return i;
                            }
                        }
                    }
                    accountOf[j - from] = a;
                    lengths[a] += ends[i] - (i == 0 ? 0 : ends[i - 1]);
                }
                int need = HEADER + KEY * accounts;
                for (int a = 0; a < accounts; a++) {
                    need += recordBytes(lengths[a]);
                }
                byte[] blob = bucket(depth, need);
                count(blob, accounts);
                cap(blob, accounts);
                INT.set(blob, 3, need);
                int p = HEADER + KEY * accounts;
                for (int a = 0; a < accounts; a++) {
                    putKey(blob, a, accounts, accountKeys[a]);
                    p = putLength(blob, a, accounts, p, lengths[a]);
                    for (int j = from; j < to; j++) {
                        if (accountOf[j - from] == a) {
                            int i = order[j];
                            int at = i == 0 ? 0 : ends[i - 1];
                            System.arraycopy(bytes, at, blob, p, ends[i] - at);
                            p += ends[i] - at;
                        }
                    }
                }
                dir[b] = blob;
            }
            directory = dir;
            states = m;
            uncache();
            accounts = held;
            refilter(FILTER_BITS);
            return -1;
        }

        /** Adds a restored state, encoded at {@code [from, to)} of {@code src}; false if the account already has a state of its playbook. */
        boolean insertEncoded(long key, byte[] src, int from, int to) {
            locate(key, varint(src, from));
            if (stateAt >= 0) {
                return false;
            }
            place(key, src, from, to - from);
            return true;
        }

        /**
         * Adds the encoded state ({@code length} bytes of {@code src} from {@code offset}) that
         * {@link #locate} found absent: beside the account's others, or as a new account.
         */
        private void place(long key, byte[] src, int offset, int length) {
            while (count(blob) > 4 && size(blob) + length > BUCKET_BYTES && split()) {
                locate(key, varint(src, offset)); // an insert moves the bytes after it: buckets of large records hold fewer
            }
            // The located account is the cached one: its record stays where it was (in this bucket or its new copy).
            states++;
            if (account >= 0) {
                int pb = varint(src, offset);
                if (pb < 64) {
                    cachedMask |= 1L << pb;
                    cachedAt[pb] = statesEnd - statesAt;
                } else {
                    cachedStates = false;
                }
                resizeRecord(splice(statesEnd, statesEnd, src, offset, length));
                cachedBlob = blob;
                return;
            }
            uncache(); // a new account moves every record of its bucket
            while (count(blob) >= BUCKET && split()) {
                locate(key, -1);
            }
            if (count(blob) == 0xFFFF) {
                throw new IllegalStateException("65535 accounts share a bucket: fingerprints are not spread");
            }
            addAccount(key, src, offset, length);
        }

        /**
         * Adds an account to the located bucket, with a record of its states ({@code length} bytes of
         * {@code src} from {@code offset}): its tag, length byte and the rest of its fingerprint in the
         * index's next free place, its record after the others; the new account is then the located
         * one. A bucket whose index is full, or whose array is, is first copied into a larger one
         * whose index has room for half as many accounts again (up to {@value #BUCKET}, where it
         * splits) and whose records have room to grow by half, so that a growing bucket is copied once
         * per few accounts added and its other accounts' bytes do not move for each one.
         */
        private void addAccount(long key, byte[] src, int offset, int length) {
            mark(key);
            byte[] b = blob;
            int n = count(b);
            int c = cap(b);
            int used = used(b);
            int bytes = recordBytes(length);
            if (n == c || used + bytes > b.length) {
                int nc = n < c ? c : grownCap(n);
                int records = used - (HEADER + KEY * c);
                b = relayout(b, n, c, nc, HEADER + KEY * nc + withRoom(records + bytes));
                replace(b);
                c = nc;
                used = used(b);
            }
            putKey(b, n, c, key);
            int p = putLength(b, n, c, used, length);
            System.arraycopy(src, offset, b, p, length);
            count(b, n + 1);
            INT.set(b, 3, used + bytes);
            account = n; // located: the new account, its record last
            record = used;
            statesAt = p;
            statesEnd = p + length;
        }

        /** The room for accounts a full index of {@code n} grows to: half as many again, to {@value #BUCKET} (where a bucket splits), and beyond it one at a time and a half. */
        private static int grownCap(int n) {
            int grown = n + 1 + (n >>> 1);
            return Math.min(0xFFFF, n < BUCKET ? Math.min(BUCKET, Math.max(4, grown)) : grown);
        }

        /**
         * A copy of bucket {@code b} of {@code n} accounts, whose index has room for {@code c}, with
         * room for {@code nc} (at least {@code n}) in an array of {@code size} bytes (at least those in
         * use): the header, then each part of the index and the records at their new places.
         */
        private static byte[] relayout(byte[] b, int n, int c, int nc, int size) {
            int records = HEADER + KEY * c, used = used(b);
            int newUsed = used + KEY * (nc - c);
            byte[] nb = new byte[size];
            System.arraycopy(b, 0, nb, 0, HEADER + n); // the header and the tags
            System.arraycopy(b, HEADER + c, nb, HEADER + nc, n); // the lengths
            System.arraycopy(b, HEADER + 2 * c, nb, HEADER + 2 * nc, LOW_BYTES * n); // the rest of the fingerprints
            System.arraycopy(b, records, nb, HEADER + KEY * nc, used - records);
            cap(nb, nc);
            INT.set(nb, 3, newUsed);
            return nb;
        }

        /** After a state of the record changed size by {@code delta} bytes, rewrites the record's length. */
        private void resizeRecord(int delta) {
            if (delta == 0) {
                return;
            }
            int length = statesEnd - statesAt + delta;
            int lengthAt = HEADER + cap(blob) + account;
            if (statesAt == record) { // a short record
                if (length <= SHORT) {
                    blob[lengthAt] = (byte) length;
                } else {
                    blob[lengthAt] = LONG_RECORD;
                    byte[] v = new byte[5];
                    splice(record, record, v, 0, putVarint(v, 0, length));
                }
            } else if (length <= SHORT) {
                blob[lengthAt] = (byte) length;
                splice(record, statesAt, blob, 0, 0);
            } else if (varintSize(length) == statesAt - record) {
                putVarint(blob, record, length);
            } else {
                byte[] v = new byte[5];
                splice(record, statesAt, v, 0, putVarint(v, 0, length));
            }
        }

        /**
         * Replaces bytes {@code [from, to)} of the located bucket with {@code length} bytes of
         * {@code src}, moving what follows; a bucket too small (or far too large) is replaced by one
         * of the right size. Returns the change in size.
         */
        private int splice(int from, int to, byte[] src, int offset, int length) {
            byte[] b = blob;
            int used = used(b);
            int delta = length - (to - from);
            int need = used + delta;
            if (need > b.length || need + 64 < b.length >>> 1) {
                byte[] nb = new byte[withRoom(need)];
                System.arraycopy(b, 0, nb, 0, from);
                System.arraycopy(b, to, nb, from + length, used - to);
                replace(nb);
                b = nb;
            } else if (delta != 0) {
                System.arraycopy(b, to, b, from + length, used - to);
            }
            System.arraycopy(src, offset, b, from, length);
            INT.set(b, 3, need);
            return delta;
        }

        /**
         * The size of a bucket that grows to {@code need} bytes: half as much again, so that a bucket
         * filling up (every bucket of a store that grows, as on a portfolio's first night) is copied
         * once per few accounts added, not once per account or two. {@link #trim} gives the room back.
         */
        private static int withRoom(int need) {
            return need + (need >>> 1);
        }

        /**
         * The size of a bucket of {@code need} bytes after {@link #trim}: a sixty-fourth more (a few
         * bytes, for a state that grows by a time or a version byte without a copy); a bucket that
         * grows again gets its room back as it does.
         */
        private static int trimmed(int need) {
            return need + (need >>> 6);
        }

        /**
         * Cuts every bucket with more room than {@link #trimmed} allows, or with room in its index for
         * more accounts than it holds, down to that size (a copy of its bytes in use, its index with
         * room for its accounts only); returns the bytes given back. Under the stripe's lock; {@link #seq} odd
         * meanwhile, as for any change.
         */
        long trim() {
            int v = beginChange();
            long freed = 0;
            boolean replaced = false;
            try {
                for (int j = 0; j < directory.length; j++) {
                    byte[] b = directory[j];
                    int step = 1 << b[0];
                    if (j >= step) {
                        continue; // a bucket shared by several entries is met first at its lowest
                    }
                    int n = count(b);
                    int size = Math.max(HEADER, Math.min(trimmed(size(b)), b.length - KEY * (cap(b) - n))); // never more than it had
                    if (size < b.length) {
                        byte[] nb = relayout(b, n, cap(b), n, size);
                        for (int e = j; e < directory.length; e += step) {
                            directory[e] = nb;
                        }
                        freed += b.length - size;
                        replaced = true;
                    }
                }
                if (replaced) {
                    uncache(); // the cached bucket may have been replaced
                }
                long[] before = filter;
                freed += 8L * (before.length - refilter(FILTER_BITS).length);
            } finally {
                endChange(v);
            }
            return freed;
        }

        /** Points every directory entry of the located bucket at {@code nb}. */
        private void replace(byte[] nb) {
            int step = 1 << blob[0];
            for (int j = entry & (step - 1); j < directory.length; j += step) {
                directory[j] = nb;
            }
            blob = nb;
        }

        /** Splits the located bucket in two by one more bit of the fingerprint; false if it cannot. */
        private boolean split() {
            byte[] b = blob;
            int depth = b[0];
            if (depth >= 40 || depth == directoryBits() && directory.length >= 1 << 28) {
                return false;
            }
            if (depth == directoryBits()) {
                byte[][] d = Arrays.copyOf(directory, directory.length * 2);
                System.arraycopy(directory, 0, d, directory.length, directory.length);
                directory = d;
            }
            int n = count(b);
            int c = cap(b);
            uncache();
            int[] starts = new int[n + 1];
            int p = HEADER + KEY * c;
            int[] size = new int[2], accounts = new int[2];
            for (int k = 0; k < n; k++) {
                starts[k] = p;
                p = recordEnd(b, k, c, p);
                int side = (int) (keyAt(b, k, c) >>> depth) & 1;
                size[side] += p - starts[k];
                accounts[side]++;
            }
            starts[n] = p;
            byte[][] halves = new byte[2][];
            int[] keyIndex = new int[2], recordAt = new int[2], caps = new int[2];
            for (int side = 0; side < 2; side++) {
                caps[side] = Math.max(accounts[side], BUCKET); // a half grows to a full bucket without its index moving
                int keys = HEADER + KEY * caps[side];
                halves[side] = bucket(depth + 1, keys + withRoom(size[side]));
                count(halves[side], accounts[side]);
                cap(halves[side], caps[side]);
                INT.set(halves[side], 3, keys + size[side]);
                recordAt[side] = keys;
            }
            for (int k = 0; k < n; k++) {
                long key = keyAt(b, k, c);
                int side = (int) (key >>> depth) & 1;
                halves[side][HEADER + caps[side] + keyIndex[side]] = b[HEADER + c + k]; // the length byte
                putKey(halves[side], keyIndex[side]++, caps[side], key);
                int len = starts[k + 1] - starts[k];
                System.arraycopy(b, starts[k], halves[side], recordAt[side], len);
                recordAt[side] += len;
            }
            int step = 1 << depth;
            for (int j = entry & (step - 1); j < directory.length; j += step) {
                directory[j] = halves[(j >>> depth) & 1];
            }
            return true;
        }

        private int directoryBits() {
            return Integer.numberOfTrailingZeros(directory.length);
        }

        private static long time(int t) {
            return t == -1 ? NO_TIME : t & 0xFFFF_FFFFL;
        }

        static int time(long t) {
            return t == NO_TIME ? -1 : (int) t;
        }

        /** Writes every state in the snapshot format, playbooks by {@code position}; returns how many. */
        long write(ChunkOut out, int[] position) throws IOException {
            long written = 0;
            for (int j = 0; j < directory.length; j++) {
                byte[] b = directory[j];
                if ((j & ((1 << b[0]) - 1)) != j) {
                    continue; // a bucket shared by several entries is written at its first
                }
                int n = count(b);
                int c = cap(b);
                int p = HEADER + KEY * c;
                for (int k = 0; k < n; k++) {
                    long key = top | keyAt(b, k, c);
                    int recordLength = b[HEADER + c + k] & 0xFF;
                    int from = p;
                    if (recordLength == LONG_RECORD) {
                        recordLength = varint(b, p);
                        from = next;
                    }
                    int end = from + recordLength;
                    for (int q = from; q < end;) {
                        int pb = varint(b, q);
                        int flagsAt = next;
                        int stateEnd = end(b, flagsAt);
                        int flags = b[flagsAt];
                        int length = stateEnd - flagsAt;
                        out.need(STATE_BYTES + length + 4);
                        out.buffer.putLong(key).putShort((short) position[pb]);
                        if ((flags & (OWN_OFFER | NO_LAST_PLAY)) == 0) {
                            out.buffer.put(b, flagsAt, length);
                        } else { // the store's own flags, in the snapshot's words
                            out.buffer.put((byte) (flags & ~(OWN_OFFER | NO_LAST_PLAY) | ((flags & NO_LAST_PLAY) != 0 ? OWN_LAST_PLAY : 0)));
                            int at = skipVarint(b, flagsAt + 1);
                            out.buffer.put(b, flagsAt + 1, at - flagsAt - 1);
                            if ((flags & OWN_OFFER) != 0) {
                                at += 4; // no play out: the offer time stays behind
                            } else {
                                out.buffer.put(b, at, 4).putInt(-1); // the offer time, then "never" for the last play
                                at += 4;
                            }
                            out.buffer.put(b, at, stateEnd - at);
                        }
                        written++;
                        q = stateEnd;
                    }
                    p = end;
                }
            }
            return written;
        }
    }
}
