package org.cskit.playbooks.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * The default {@link PlayStateStore}: every state in memory, in primitive arrays, costing memory
 * only for the (account, playbook) pairs that have something to remember (a play out, or recent
 * plays a cooldown, limit, cadence or reminder still looks back to); an account with no state costs
 * nothing. Saved to and restored from a stream ({@link #snapshot}, {@link #restore}), so a nightly
 * run hands its state to the next night in another JVM. Thread-safe: accounts are spread over
 * independently locked stripes.
 *
 * <p><b>Cost.</b> A state takes one slot of 28 bytes (a 64-bit fingerprint of the account id, the
 * playbook and status, the version, the situation and two times) in tables kept between three
 * eighths and three quarters full, so 37 to 75 bytes a state; once a playbook with a limit is
 * used, every slot of a table holding one of its states takes 4 more bytes, and each such state a
 * small array of its recent play times. The account ids themselves are not kept: accounts are told apart by a
 * 64-bit fingerprint of their id (two of ten million accounts share one with a chance of about
 * 3 in a million). Times are kept to the second, from 1970 to 2106.
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
    private static final long[] NO_TIMES = new long[0];
    private static final long NO_TIME = PlayState.NEVER;
    private static final long MAX_TIME = 0xFFFF_FFFEL; // unsigned int seconds; 0xFFFFFFFF is "never"

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final Map<String, Integer> playbookIndex = new HashMap<>();
    private final List<String> playbookIds = new ArrayList<>();

    /** Creates an empty store. */
    public InMemoryPlayStateStore() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
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

    /**
     * A 64-bit fingerprint of an account id (FNV-1a over its length and its characters two at a
     * time, then a 64-bit mix); never 0.
     */
    static long fingerprint(AccountId account) {
        String id = account.value();
        long h = 0xcbf29ce484222325L ^ id.length();
        int i = 0;
        for (int n = id.length() - 1; i < n; i += 2) {
            h = (h ^ (id.charAt(i) | (long) id.charAt(i + 1) << 16)) * 0x100000001b3L;
        }
        if (i < id.length()) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private Stripe stripe(long fp) {
        return stripes[(int) (fp >>> 56)];
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
            fps[i] = fingerprint(accounts[i]);
        }
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
         * @param recent the recent play times, shared with the store: read, never change
         * @param slot where the state lies now: a hint for its next write
         */
        void accept(int index, int position, int status, long version, int situation, long offeredAt, long lastPlay, long[] recent,
                int slot);
    }

    /**
     * {@link #read(AccountId[], int, StateConsumer)} by the accounts' {@link #fingerprint}s, for the
     * evaluator: allocates nothing; {@code into} is called under a stripe's lock and must only file
     * what it is given.
     */
    void read(long[] fps, int count, Slots into) {
        for (int i = 0; i < count; i++) {
            long fp = fps[i];
            Stripe s = stripe(fp);
            synchronized (s) {
                s.visit(fp, i, into);
            }
        }
    }

    private void read(long[] fps, int count, StateConsumer into) {
        List<String> names = null;
        for (int i = 0; i < count; i++) {
            long fp = fps[i];
            Stripe s = stripe(fp);
            PlayState[] found;
            int[] pbs;
            synchronized (s) {
                int n = s.countOf(fp);
                if (n == 0) {
                    continue;
                }
                found = new PlayState[n];
                pbs = new int[n];
                s.collect(fp, found, pbs);
            }
            if (names == null) {
                names = ids();
            }
            for (int k = 0; k < found.length; k++) {
                if (pbs[k] >= names.size()) {
                    names = ids();
                }
                into.accept(i, names.get(pbs[k]), found[k]);
            }
        }
    }

    @Override
    public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(next, "next");
        check(expectedVersion, next); // before the playbook id is registered: a refused write leaves nothing behind
        return write(fingerprint(account), indexOf(playbookId), expectedVersion, next.status().ordinal(), (int) next.situation(),
                next.offeredAt(), next.lastPlay(), next.recentCount() == 0 ? NO_TIMES : next.recent(), -1) != FAILED;
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
     * {@link #fingerprint} and the playbook's {@link #positions position}, with the new state as
     * primitives (its version is {@code expectedVersion + 1}), for the evaluator, which computes both
     * once per row and per store and makes no {@link PlayState} per write; checked as there.
     *
     * @param status the {@link PlayState.Status#ordinal()}
     * @param recent the recent play times, oldest first; kept (not copied): never change it afterwards
     * @param hint the slot where the state was last seen (read or written), or -1: checked, then used instead of a probe scan
     * @return {@link #FAILED} if another write came first; else the state's slot now, a hint for the next write
     *     ({@link #DELETED} if the state was deleted)
     */
    int compareAndSet(long fp, int pb, long expectedVersion, int status, int situation, long offeredAt, long lastPlay, long[] recent,
            int hint) {
        checkVersion(expectedVersion);
        checkTimes(offeredAt, lastPlay, recent);
        return write(fp, pb, expectedVersion, status, situation, offeredAt, lastPlay, recent, hint);
    }

    /** What {@link #compareAndSet(long, int, long, int, int, long, long, long[], int)} returns for a refused write. */
    static final int FAILED = -1;
    /** What it returns for a write that deleted the state. */
    static final int DELETED = -2;

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
            checkTime("recent[" + i + "]", next.recentAt(i));
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
            checkTime("recent[" + i + "]", recent[i]);
        }
    }

    /**
     * Writes a checked state under the stripe's lock: at the hinted slot if it still holds the
     * state, else after one probe scan; an empty state deletes. Returns as
     * {@link #compareAndSet(long, int, long, int, int, long, long, long[], int)}.
     */
    private int write(long fp, int pb, long expectedVersion, int status, int situation, long offeredAt, long lastPlay, long[] recent,
            int hint) {
        Stripe s = stripe(fp);
        synchronized (s) {
            // The hinted slot if it holds this account's state of this playbook (a pair has one slot at most); else one
            // scan: the state's slot, or (~free) the free slot ending its probe, where an insert goes.
            int slot = s.holds(hint, fp, pb) ? hint : s.findOrFree(fp, pb);
            long current = slot < 0 ? 0 : s.version[slot] & 0xFFFF_FFFFL;
            if (current != expectedVersion) {
                return FAILED;
            }
            if (status == 0 && lastPlay == NO_TIME && recent.length == 0) {
                if (slot >= 0) {
                    s.delete(slot);
                }
                return DELETED;
            }
            if (slot < 0) {
                slot = s.insertAt(~slot, fp, pb);
            }
            s.put(slot, status, (int) (expectedVersion + 1), situation, Stripe.time(offeredAt), Stripe.time(lastPlay),
                    recent.length == 0 ? null : recent);
            return slot;
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
                n += s.size;
            }
        }
        return n;
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
                    total += s.size;
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
        long perStripe = states / STRIPES; // tables a little fuller than that grow once, as they fill
        for (Stripe s : store.stripes) {
            s.reserve(perStripe);
        }
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
            Stripe s = store.stripe(fp);
            int slot = s.insertNew(fp, storeIndex[pb]);
            if (slot < 0) {
                throw Validate.invalid("snapshot.states[" + k + "]", "state " + k + " repeats an account and playbook: the stream is corrupt");
            }
            s.put(slot, status, version, situation, offeredAt, lastPlay, recent);
            kept++;
        }
        return kept;
    }

    /** The fixed bytes of a state in a snapshot: fingerprint, playbook, flags. */
    private static final int STATE_BYTES = 8 + 2 + 1;
    /** Flags of a state in a snapshot, beside the status in bits 0-1. */
    private static final int OWN_LAST_PLAY = 4, SITUATION = 8, RECENT = 16;

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
     * One lock's share of the states: an open-addressing table with linear probing, keyed by the
     * account fingerprint; an account's states (one per playbook) all lie on its probe run, so one
     * scan finds them all. Deletion shifts entries back (no tombstones).
     */
    private static final class Stripe {
        private long[] fp;
        private int[] playbook; // playbook index << 2 | status
        private int[] version;
        private int[] situation;
        private int[] offeredAt; // unsigned epoch seconds, -1 never
        private int[] lastPlay;
        private long[][] recent; // allocated when the first state with recent times arrives: null costs nothing
        private int size;

        Stripe() {
            this(16);
        }

        /** A stripe of {@code n} slots (a power of two; 0 for a holder of another stripe's arrays while it grows). */
        Stripe(int n) {
            allocate(n);
        }

        /** New arrays of {@code n} slots (recent times excepted: they come with the first state that has some). */
        private void allocate(int n) {
            fp = new long[n];
            playbook = new int[n];
            version = new int[n];
            situation = new int[n];
            offeredAt = new int[n];
            lastPlay = new int[n];
        }

        private int home(long key) {
            return (int) (key ^ key >>> 29) & (fp.length - 1);
        }

        int countOf(long key) {
            int n = 0;
            for (int i = home(key); fp[i] != 0; i = (i + 1) & (fp.length - 1)) {
                if (fp[i] == key) {
                    n++;
                }
            }
            return n;
        }

        void collect(long key, PlayState[] into, int[] pbs) {
            int n = 0;
            for (int i = home(key); fp[i] != 0; i = (i + 1) & (fp.length - 1)) {
                if (fp[i] == key) {
                    pbs[n] = playbook[i] >>> 2;
                    into[n++] = state(i);
                }
            }
        }

        /** Reports every state of the account to {@code into}, as primitives. */
        void visit(long key, int index, Slots into) {
            for (int i = home(key); fp[i] != 0; i = (i + 1) & (fp.length - 1)) {
                if (fp[i] == key) {
                    long[] r = recent == null ? null : recent[i];
                    into.accept(index, playbook[i] >>> 2, playbook[i] & 3, version[i] & 0xFFFF_FFFFL, situation[i], time(offeredAt[i]),
                            time(lastPlay[i]), r == null ? NO_TIMES : r, i);
                }
            }
        }

        /** Whether slot {@code i} (any int) holds the account's state of the playbook. */
        boolean holds(int i, long key, int pb) {
            return i >= 0 && i < fp.length && fp[i] == key && playbook[i] >>> 2 == pb;
        }

        PlayState state(int i) {
            long[] r = recent == null ? null : recent[i];
            return new PlayState(version[i] & 0xFFFF_FFFFL, PlayState.Status.values()[playbook[i] & 3], situation[i], time(offeredAt[i]),
                    time(lastPlay[i]), r == null ? NO_TIMES : r);
        }

        private static long time(int t) {
            return t == -1 ? NO_TIME : t & 0xFFFF_FFFFL;
        }

        static int time(long t) {
            return t == NO_TIME ? -1 : (int) t;
        }

        /** The slot of the account's state of the playbook, or {@code ~i} for the free slot {@code i} that ends its probe. */
        int findOrFree(long key, int pb) {
            int i = home(key);
            for (; fp[i] != 0; i = (i + 1) & (fp.length - 1)) {
                if (fp[i] == key && playbook[i] >>> 2 == pb) {
                    return i;
                }
            }
            return ~i;
        }

        /**
         * Inserts a state not yet here at the free slot {@link #findOrFree} gave (the slot {@link #insert}
         * would take), or, if the table must grow first, where it lands after growing.
         */
        int insertAt(int free, long key, int pb) {
            if ((size + 1) * 4L > fp.length * 3L) {
                return insert(key, pb);
            }
            fp[free] = key;
            playbook[free] = pb << 2;
            size++;
            return free;
        }

        /** Inserts a slot for a state not yet here; -1 if the account and playbook already have one. */
        int insertNew(long key, int pb) {
            if ((size + 1) * 4L > fp.length * 3L) {
                grow();
            }
            int i = home(key);
            while (fp[i] != 0) {
                if (fp[i] == key && playbook[i] >>> 2 == pb) {
                    return -1;
                }
                i = (i + 1) & (fp.length - 1);
            }
            fp[i] = key;
            playbook[i] = pb << 2;
            size++;
            return i;
        }

        /** Makes room for {@code n} states without growing again. */
        void reserve(long n) {
            while (n * 4 > fp.length * 3L && fp.length < 1 << 30) {
                grow();
            }
        }

        int insert(long key, int pb) {
            if ((size + 1) * 4L > fp.length * 3L) {
                grow();
            }
            int i = home(key);
            while (fp[i] != 0) {
                i = (i + 1) & (fp.length - 1);
            }
            fp[i] = key;
            playbook[i] = pb << 2;
            size++;
            return i;
        }

        void delete(int slot) {
            int mask = fp.length - 1;
            int hole = slot;
            int i = (slot + 1) & mask;
            while (fp[i] != 0) {
                int h = home(fp[i]);
                // Move entry i back into the hole if its home is not within (hole, i].
                if (((i - h) & mask) >= ((i - hole) & mask)) {
                    move(i, hole);
                    hole = i;
                }
                i = (i + 1) & mask;
            }
            fp[hole] = 0;
            if (recent != null) {
                recent[hole] = null;
            }
            size--;
        }

        private void move(int from, int to) {
            copy(this, from, to);
        }

        /** Copies slot {@code from} of {@code src} (this stripe, or its arrays before a resize) into slot {@code to}. */
        private void copy(Stripe src, int from, int to) {
            fp[to] = src.fp[from];
            playbook[to] = src.playbook[from];
            version[to] = src.version[from];
            situation[to] = src.situation[from];
            offeredAt[to] = src.offeredAt[from];
            lastPlay[to] = src.lastPlay[from];
            if (recent != null) {
                recent[to] = src.recent[from];
            }
        }

        private void grow() {
            Stripe old = new Stripe(0);
            old.fp = fp;
            old.playbook = playbook;
            old.version = version;
            old.situation = situation;
            old.offeredAt = offeredAt;
            old.lastPlay = lastPlay;
            old.recent = recent;
            int n = fp.length * 2;
            allocate(n);
            recent = old.recent == null ? null : new long[n][];
            for (int j = 0; j < old.fp.length; j++) {
                if (old.fp[j] != 0) {
                    int i = home(old.fp[j]);
                    while (fp[i] != 0) {
                        i = (i + 1) & (n - 1);
                    }
                    copy(old, j, i);
                }
            }
        }

        long write(ChunkOut out, int[] position) throws IOException {
            long n = 0;
            for (int i = 0; i < fp.length; i++) {
                if (fp[i] == 0) {
                    continue;
                }
                long[] r = recent == null ? null : recent[i];
                int count = r == null ? 0 : r.length;
                int status = playbook[i] & 3;
                boolean ownLast = status == 0 ? lastPlay[i] != -1 : lastPlay[i] != offeredAt[i];
                int flags = status | (ownLast ? OWN_LAST_PLAY : 0) | (situation[i] != 0 ? SITUATION : 0) | (count > 0 ? RECENT : 0);
                out.need(STATE_BYTES);
                out.buffer.putLong(fp[i]).putShort((short) position[playbook[i] >>> 2]).put((byte) flags);
                out.varint(version[i]);
                out.need(12);
                if (status != 0) {
                    out.buffer.putInt(offeredAt[i]);
                }
                if (ownLast) {
                    out.buffer.putInt(lastPlay[i]);
                }
                if (situation[i] != 0) {
                    out.buffer.putInt(situation[i]);
                }
                if (count > 0) {
                    out.varint(count);
                    out.need(4 * count);
                    for (int k = 0; k < count; k++) {
                        out.buffer.putInt((int) r[k]);
                    }
                }
                n++;
            }
            return n;
        }

        void put(int i, int status, int v, int s, int offered, int last, long[] r) {
            playbook[i] = (playbook[i] & ~3) | status;
            version[i] = v;
            situation[i] = s;
            offeredAt[i] = offered;
            lastPlay[i] = last;
            setRecent(i, r);
        }

        private void setRecent(int i, long[] r) {
            if (recent == null && r != null) {
                recent = new long[fp.length][];
            }
            if (recent != null) {
                recent[i] = r;
            }
        }
    }
}
