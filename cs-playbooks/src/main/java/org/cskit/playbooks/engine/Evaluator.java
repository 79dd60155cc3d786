package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * The engine's one evaluator, for a batch of rows (a per-account call is a batch of one). Per
 * chunk of rows: the program says which playbooks fire, the store gives the states of the chunk's
 * accounts, and per account, in this order: plays whose situation cleared are closed (the sink hears
 * first, then the state changes); offered plays whose situation still holds are offered again under
 * their key; open plays are reminded when due; of the playbooks that fire, mutual exclusion keeps the
 * most urgent per group; the repeat policy admits or suppresses each. Every rule of the repeat policy
 * is here, once.
 *
 * <p>A row's state changes are decided first and written together, in two writes of the account
 * (each a compare-and-set per playbook that succeeds or fails on its own): after the close
 * notifications, one write of the closes, the forgotten states, the new plays recorded as offered,
 * the offered plays claimed for a retry and the open plays claimed for a due reminder; then the deliveries of the plays whose write
 * succeeded (a failed one was recorded first by another evaluation of the account, and is
 * suppressed); then one write recording the delivered plays as open. A play the sink refused stays
 * offered. The in-memory store takes each write under one lock with one rewrite of the account's
 * record; any other store gets it as one {@link PlayStateStore#compareAndSetAll}.
 *
 * <p>An account with no state (most rows of a first night, and every new account) takes a shorter
 * path with the same decisions ({@link #fresh}): its new plays' claims go straight into the row's
 * write, and after the deliveries the same entries, made open, are the second write (which the
 * in-memory store makes in place, two bytes a play, while no other write of the account's stripe ran
 * in between: {@link InMemoryPlayStateStore#promote}).
 *
 * <p>For a store other than the in-memory one, the rows with no state of a chunk are written together
 * ({@link #claimFresh}): the new plays' claims of a <i>run</i> of such rows (the rows between two
 * rows with state; on a first night the whole chunk of up to {@value RowProgram#CHUNK} rows) are one
 * {@link PlayStateStore#compareAndSetAll}, then their plays are delivered in row order, then the
 * plays the sink took are one more: two calls (two database round trips) per run instead of per
 * account. A row with state ends the run: the run is written and delivered before that row is
 * evaluated, so the sink hears every play and close in row order, as when each row was written on
 * its own. What changes is when the store sees the claims: a run's later rows are claimed (offered)
 * before its earlier rows' plays are delivered, so an evaluation stopped by a throw (see
 * {@link #rethrowFatal}) may leave claims of rows it never delivered, offered again next time under
 * their keys like any offered play; and another evaluation of such an account that reads it
 * meanwhile offers that play again (at least once, same key), as it would between one row's claim
 * and its open record. The in-memory store keeps one write per account and phase: there a chunk's
 * run measured slower (the accounts' buckets and the run's arrays leave the nearest caches between
 * an account's claim and its open record), and a call costs no round trip.
 */
final class Evaluator {
    private final PlaybookEngine engine;
    private final CompiledPlaybook[] compiled;
    private final RowProgram program;
    private final Map<String, Integer> index;
    private final int[][] members; // per group, its playbooks
    final int words;
    private static final long[] NO_TIMES = new long[0];
    /** A cell's status: {@link Status#ordinal()}. */
    private static final int NONE = 0, OFFERED = 1, OPEN = 2;
    private static final Status[] STATUSES = Status.values();
    private final String[] ids; // the playbooks' ids, in the engine's order

    Evaluator(PlaybookEngine engine, CompiledPlaybook[] compiled, RowProgram program, Map<String, Integer> index, int[][] members) {
        this.engine = engine;
        this.compiled = compiled;
        this.program = program;
        this.index = index;
        this.members = members;
        this.words = Math.max(1, (compiled.length + 63) >>> 6);
        this.ids = new String[compiled.length];
        for (int p = 0; p < compiled.length; p++) {
            ids[p] = compiled[p].id;
        }
    }

    /**
     * A thread's working arrays, reused across calls. The states of the chunk's accounts are held
     * as primitives, in a cell per row and playbook ({@code row * playbooks + playbook}); a cell
     * whose bit in {@code has} is clear holds the empty state.
     */
    final class Work {
        final RowProgram.Chunk chunk = program.newChunk();
        final long[] fires = new long[RowProgram.CHUNK * words];
        final long[] has = new long[RowProgram.CHUNK * words];
        final AccountId[] ids = new AccountId[RowProgram.CHUNK];
        /** For the in-memory store: the rows' account fingerprints and the playbooks' positions in it, and back. */
        final long[] fps = new long[RowProgram.CHUNK];
        /** The in-memory store's scratch for a chunk's read (the rows whose accounts may have states, and where each was found). */
        final InMemoryPlayStateStore.Reading reading = new InMemoryPlayStateStore.Reading(RowProgram.CHUNK);
        /** A bit per row of the chunk: the rows that fire or whose accounts may have states (the others have nothing to decide). */
        final long[] active = new long[RowProgram.CHUNK >>> 6];
        InMemoryPlayStateStore memory;
        int[] positions;
        int[] byPosition;
        /**
         * The states of the chunk's accounts: per cell ({@code row * playbooks + playbook}) the
         * index of its slot in the arrays below, -1 for the empty state; slots are taken in order
         * and given back all at once when the chunk is done.
         */
        private final int[] slotOf = new int[RowProgram.CHUNK * Math.max(1, compiled.length)];
        private int used;
        private boolean dirty; // a chunk did not finish (an exception): its cells are reset before the next
        private long[] version = new long[64];
        private byte[] status = new byte[64];
        private int[] situation = new int[64];
        private long[] offeredAt = new long[64];
        private long[] lastPlay = new long[64];
        private long[][] recent = new long[64][];
        final int[] fired = new int[compiled.length];
        /**
         * The row's staged writes, one per playbook at most: per playbook its index here or -1; per
         * staged write its playbook, the version read, the close it records (its handle, or null),
         * whether a delivery waits on it, and whether it was written.
         */
        private final int[] pendingOf = new int[compiled.length];
        private int pending;
        private final int[] pendingP = new int[compiled.length];
        private final long[] pendingExpected = new long[compiled.length];
        private final Handle[] pendingClose = new Handle[compiled.length];
        private final boolean[] pendingOk = new boolean[compiled.length];
        /**
         * The row's deliveries, in the order decided: playbook, situation, offer time, reminder of.
         * Every delivery waits on its playbook's staged write (a new play, a retry's or a reminder's claim).
         */
        private int deliveries;
        private final int[] deliverP = new int[compiled.length];
        private final int[] deliverCode = new int[compiled.length];
        private final long[] deliverOffered = new long[compiled.length];
        private final long[] deliverReminderOf = new long[compiled.length];
        /** One write of the account, as the in-memory store takes it (positions its own, or the engine's for another store). */
        final InMemoryPlayStateStore.Writes writes = new InMemoryPlayStateStore.Writes(compiled.length);
        private final int[] writeP = new int[Math.max(1, compiled.length)];
        /**
         * The run (another store than the in-memory one): the claims of the new plays of the chunk's
         * rows with no state decided since the last write (see {@link #claimFresh}), written together;
         * per write its playbook ({@code runP}), per account its row in the chunk ({@code runRow}) and
         * where its writes end ({@code runEnd}).
         */
        final InMemoryPlayStateStore.Writes run = new InMemoryPlayStateStore.Writes(compiled.length);
        private int[] runP = new int[Math.max(1, compiled.length)];
        private final int[] runRow = new int[RowProgram.CHUNK];
        private final int[] runEnd = new int[RowProgram.CHUNK];
        private int runAccounts;
        final OneRow oneRow = new OneRow(engine.schema(), engine.rowFeatures());
        /** Files the store's states of the chunk's rows; made once per thread, not per chunk or event. */
        final PlayStateStore.StateConsumer found = (i, playbookId, state) -> {
            Integer p = index.get(playbookId);
            if (p != null) {
                file(i, p, state.version(), state.status().ordinal(), (int) state.situation(), state.offeredAt(), state.lastPlay(),
                        state.recentCount() == 0 ? NO_TIMES : state.recent());
            }
        };
        /** The same for the in-memory store, which reports playbooks by position and states as primitives. */
        final InMemoryPlayStateStore.Slots slots = (i, position, st, v, sit, offered, last, times) -> {
            int p = position < byPosition.length ? byPosition[position] : -1;
            if (p >= 0) {
                file(i, p, v, st, sit, offered, last, times);
            }
        };
        /** Whether an evaluation is using these arrays (a sink calling the engine again on this thread gets others). */
        boolean busy;
        /** The row's event whose situation code is {@link #eventCode}, or null: the code is worked out once per row, not per playbook. */
        org.cskit.model.event.AccountEvent event;
        int eventCode;
        private final Outcome single = new Outcome(true);

        /** The outcome of a per-account call, reused from call to call (its lists are copied into the result). */
        Outcome outcome(Tally tally) {
            single.rows = 0;
            single.created = 0;
            single.closed = 0;
            single.suppressed = 0;
            single.createdPlays.clear();
            single.closedPlays.clear();
            single.suppressedPlays.clear();
            single.failures.clear();
            single.tally = tally;
            return single;
        }

        Work() {
            Arrays.fill(slotOf, -1);
            Arrays.fill(pendingOf, -1);
        }

        /** Ends a row: no staged write or delivery is left. */
        void endRow() {
            for (int k = 0; k < pending; k++) {
                pendingOf[pendingP[k]] = -1;
                pendingClose[k] = null;
            }
            pending = 0;
            deliveries = 0;
            writes.clear();
        }

        /** Empties the run (a chunk starts with none; one an exception interrupted is dropped unwritten, its plays undelivered). */
        void clearRun() {
            run.clear();
            runAccounts = 0;
        }

        /** Adds a claim of a new play of playbook {@code p} (offered at {@code now}, version 1) to the run. */
        void claim(int p, int code, long now) {
            int j = run.count;
            if (j == runP.length) {
                runP = Arrays.copyOf(runP, j * 2);
            }
            runP[j] = p;
            run.add(p, 0, OFFERED, code, now, PlayState.NEVER, NO_TIMES);
        }

        /** The staged write of playbook {@code p} (cell {@code c}) in this row, made on first use with the version read. */
        int stage(int p, int c) {
            int k = pendingOf[p];
            if (k < 0) {
                k = pending++;
                pendingOf[p] = k;
                pendingP[k] = p;
                pendingExpected[k] = version(c);
                pendingClose[k] = null;
                pendingOk[k] = false;
            }
            return k;
        }

        /** A delivery after the row's first write, of a playbook staged in it. */
        void deliverLater(int p, int code, long offered, long reminderOf) {
            int d = deliveries++;
            deliverP[d] = p;
            deliverCode[d] = code;
            deliverOffered[d] = offered;
            deliverReminderOf[d] = reminderOf;
        }

        /** Starts a chunk: every cell empty. */
        void startChunk() {
            if (dirty) {
                Arrays.fill(slotOf, -1);
            }
            used = 0;
            dirty = true;
        }

        /** Ends a chunk whose cells were all cleared. */
        void endChunk() {
            dirty = false;
        }

        private void file(int i, int p, long v, int st, int sit, long offered, long last, long[] times) {
            set(i * compiled.length + p, v, st, sit, offered, last, times);
            has[i * words + (p >>> 6)] |= 1L << p;
        }

        void set(int cell, long v, int st, int sit, long offered, long last, long[] times) {
            int s = slotOf[cell];
            if (s < 0) {
                if (used == version.length) {
                    grow();
                }
                s = used++;
                slotOf[cell] = s;
            }
            version[s] = v;
            status[s] = (byte) st;
            situation[s] = sit;
            offeredAt[s] = offered;
            lastPlay[s] = last;
            recent[s] = times;
        }

        private void grow() {
            int n = version.length * 2;
            version = Arrays.copyOf(version, n);
            status = Arrays.copyOf(status, n);
            situation = Arrays.copyOf(situation, n);
            offeredAt = Arrays.copyOf(offeredAt, n);
            lastPlay = Arrays.copyOf(lastPlay, n);
            recent = Arrays.copyOf(recent, n);
        }

        void clear(int cell) {
            slotOf[cell] = -1;
        }

        long version(int cell) {
            int s = slotOf[cell];
            return s < 0 ? 0 : version[s];
        }

        int status(int cell) {
            int s = slotOf[cell];
            return s < 0 ? NONE : status[s];
        }

        int situation(int cell) {
            int s = slotOf[cell];
            return s < 0 ? 0 : situation[s];
        }

        long offeredAt(int cell) {
            int s = slotOf[cell];
            return s < 0 ? PlayState.NEVER : offeredAt[s];
        }

        long lastPlay(int cell) {
            int s = slotOf[cell];
            return s < 0 ? PlayState.NEVER : lastPlay[s];
        }

        long[] recent(int cell) {
            int s = slotOf[cell];
            return s < 0 ? NO_TIMES : recent[s];
        }
    }

    Work newWork() {
        return new Work();
    }

    /**
     * What an evaluation did: counts, and for a per-account evaluation (one per thread, reused;
     * the result copies its lists) the plays themselves.
     */
    static final class Outcome {
        final boolean keep;
        long rows, created, closed, suppressed;
        final List<Handle> createdPlays, closedPlays;
        final List<EvaluationResult.Suppressed> suppressedPlays;
        final List<EvaluationResult.Failure> failures;
        List<BatchResult.Failure> rowFailures = List.of(); // made on first use: most batches have none
        /** The counts for the engine's listener, or null when none hears. */
        Tally tally;

        Outcome(boolean keep) {
            this(keep, null);
        }

        Outcome(boolean keep, Tally tally) {
            this.keep = keep;
            this.tally = tally;
            createdPlays = keep ? new ArrayList<>() : List.of();
            closedPlays = keep ? new ArrayList<>() : List.of();
            suppressedPlays = keep ? new ArrayList<>() : List.of();
            failures = keep ? new ArrayList<>() : List.of();
        }

        void count(int playbook, EvaluationReport.Outcome what) {
            if (tally != null) {
                tally.add(EvaluationReport.cell(playbook, what, null));
            }
        }

        /**
         * Counts a suppressed play, for the reason decided; its situation is named only when the plays
         * are kept (not per batch row), with the reason's text ({@code detail} after the reason's name, if any).
         */
        void suppress(CompiledPlaybook p, int code, AccountBatch columns, int row, EvaluationReport.Suppression reason, String detail) {
            suppressed++;
            if (tally != null) {
                tally.add(EvaluationReport.cell(p.index, EvaluationReport.Outcome.SUPPRESSED, reason));
            }
            if (keep) {
                suppressedPlays.add(new EvaluationResult.Suppressed(p.id, p.situation(code, columns, row),
                        detail == null ? reason.name() : reason.name() + detail));
            }
        }

        /** {@link #suppress(CompiledPlaybook, int, AccountBatch, int, EvaluationReport.Suppression, String)} with the reason's name alone. */
        void suppress(CompiledPlaybook p, int code, AccountBatch columns, int row, EvaluationReport.Suppression reason) {
            suppress(p, code, columns, row, reason, null);
        }

        /** Counts a play suppressed by mutual exclusion; the reason names the playbook that excluded it, only when kept. */
        void suppressExcluded(CompiledPlaybook p, int code, AccountBatch columns, int row, CompiledPlaybook by) {
            suppress(p, code, columns, row, EvaluationReport.Suppression.EXCLUDED, keep ? " by " + by.id : null);
        }

        void fail(Handle h, Throwable t, String what) {
            count(h.playbookIndex(), EvaluationReport.Outcome.FAILED);
            String message = what + ": " + t;
            if (keep) {
                failures.add(new EvaluationResult.Failure(h, message));
            } else {
                if (rowFailures.isEmpty()) {
                    rowFailures = new ArrayList<>();
                }
                rowFailures.add(new BatchResult.Failure(h.row(), h.playbookId(), message));
            }
        }
    }

    /**
     * Evaluates rows {@code [from, to)}.
     *
     * @param only a bit per playbook to evaluate (fire, close, remind), or null for all
     * @param input the input of a per-account evaluation (for handles that outlive the thread's arrays), else null
     */
    void evaluate(AccountBatch columns, int from, int to, long[] only, ActionSink sink, PlayStateStore store, Work w, Outcome out,
            PlaybookInput input) {
        bind(store, w);
        long now = columns.asOf().getEpochSecond();
        long day = Math.floorDiv(now, 86_400L); // the as-of UTC day, without a date object per call
        int n = compiled.length;
        for (int start = from; start < to; start += RowProgram.CHUNK) {
            int rows = Math.min(RowProgram.CHUNK, to - start);
            int blocks = (rows + 63) >>> 6;
            long[] active = w.active; // the rows to look at: those that fire or may have states, in order
            Arrays.fill(w.fires, 0, rows * words, 0L);
            Arrays.fill(w.has, 0, rows * words, 0L);
            w.startChunk();
            w.chunk.start(columns, start, rows);
            w.chunk.fires(w.fires, words, only);
            if (w.memory != null) { // it reads by fingerprint (the id's, made with it); a write names the row's by its index
                long[] fps = w.fps;
                int firing = 0;
                for (int b = 0; b < blocks; b++) {
                    long word = 0;
                    for (int j = 0, i = b << 6, end = Math.min(64, rows - i); j < end; j++, i++) {
                        fps[i] = columns.accountId(start + i).fingerprint();
                        word |= (any(w.fires, i) ? 1L : 0L) << j;
                    }
                    active[b] = word;
                    firing += Long.bitCount(word);
                }
                // Where a quarter of the rows fire, most of them will be written (a first night's new accounts): the read
                // then also loads where those rows' accounts would go, the rows that fire alone (active holds them yet).
                int looked = w.memory.read(fps, rows, w.slots, w.reading, firing * 4 >= rows ? active : null);
                int[] maybe = w.reading.maybe;
                for (int k = 0; k < looked; k++) { // the rows that may have states: every other row has none
                    int i = maybe[k];
                    active[i >>> 6] |= 1L << i;
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    w.ids[i] = columns.accountId(start + i);
                }
                store.read(w.ids, rows, w.found);
                for (int b = 0; b < blocks; b++) {
                    active[b] = b == blocks - 1 ? RowProgram.valid(rows) : -1L;
                }
            }
            if (w.runAccounts != 0 || w.run.count != 0) { // never so (writeRun empties the run): a guard, off the per-account call's path
                w.clearRun();
            }
            for (int b = 0; b < blocks; b++) {
                for (long act = active[b]; act != 0; act &= act - 1) {
                    int i = (b << 6) + Long.numberOfTrailingZeros(act);
                    if (!any(w.fires, i) && !any(w.has, i)) { // nothing fires and no state: nothing to decide, stage or clear
                        continue;
                    }
                    if (w.memory == null && !any(w.has, i)) { // another store: the row joins the run (the in-memory one: fresh, below)
                        claimFresh(columns, start, i, now, day, sink, store, w, out, input);
                        continue;
                    }
                    if (w.runAccounts > 0) { // the rows with no state before this one are written and delivered first
                        writeRun(columns, start, now, sink, store, w, out, input);
                    }
                    try {
                        row(columns, start + i, i, now, day, only, sink, store, w, out, input);
                    } finally {
                        w.endRow();
                    }
                    for (int k = 0; k < words; k++) {
                        for (long bits = w.has[i * words + k]; bits != 0; bits &= bits - 1) {
                            w.clear(i * n + (k << 6) + Long.numberOfTrailingZeros(bits));
                        }
                    }
                    w.event = null;
                }
            }
            if (w.runAccounts > 0) {
                writeRun(columns, start, now, sink, store, w, out, input);
            }
            if (w.memory == null) {
                Arrays.fill(w.ids, 0, rows, null);
            }
            w.endChunk();
            out.rows += rows;
        }
    }

    /** Whether row {@code i} of the chunk has any bit set in {@code bits} (a playbook's per row: firing, or with state). */
    private boolean any(long[] bits, int i) {
        long any = 0;
        for (int k = i * words, end = k + words; k < end; k++) {
            any |= bits[k];
        }
        return any != 0;
    }

    private void row(AccountBatch columns, int row, int i, long now, long day, long[] only, ActionSink sink, PlayStateStore store,
            Work w, Outcome out, PlaybookInput input) {
        if (!any(w.has, i)) {
            fresh(columns, row, i, now, day, sink, w, out, input);
            return;
        }
        int n = compiled.length;
        int base = i * n;
        int firedCount = 0;
        // Decide: close notifications go out now; every state change is staged in the row's cells.
        for (int k = 0; k < words; k++) {
            long firing = w.fires[i * words + k];
            long stateful = w.has[i * words + k];
            if (only != null) {
                stateful &= only[k];
            }
            for (long candidates = firing | stateful; candidates != 0; candidates &= candidates - 1) {
                int p = (k << 6) + Long.numberOfTrailingZeros(candidates);
                CompiledPlaybook cp = compiled[p];
                int c = base + p;
                int status = w.status(c);
                boolean fires = (firing >>> (p & 63) & 1L) != 0;
                if (fires && cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY) {
                    fires = cp.due(w.lastPlay(c), now);
                }
                if (status != NONE && cp.closes) {
                    boolean holds = w.chunk.holds(i, p);
                    int code = holds ? situationCode(cp, columns, row, day, w) : 0;
                    if (!holds || code != w.situation(c)) {
                        Handle h = new Handle(engine, columns, input, row, cp, w.situation(c), w.offeredAt(c), PlayState.NEVER, true);
                        try {
                            sink.closed(h);
                        } catch (Throwable t) {
                            rethrowFatal(t);
                            out.fail(h, t, "close notification failed; the play stays open and is closed again next time");
                            if (fires) {
                                out.suppress(cp, w.situation(c), columns, row, EvaluationReport.Suppression.CLOSE_PENDING);
                            }
                            continue;
                        }
                        close(cp, w, p, c, now, h);
                    } else {
                        // The situation still holds: offer again, remind, or nothing (it is open).
                        if (status == OFFERED) {
                            retry(w, p, c);
                        } else if (remindDue(cp, w, c, now)) {
                            if (limitReached(cp, w, c, now)) {
                                out.suppress(cp, code, columns, row, EvaluationReport.Suppression.LIMIT_REACHED);
                            } else {
                                remind(w, p, c, code);
                            }
                        } else if (fires) {
                            out.suppress(cp, code, columns, row, EvaluationReport.Suppression.ALREADY_OPEN);
                        }
                        continue;
                    }
                } else if (status == NONE && w.version(c) > 0 && forgettable(cp, w, c, now)) {
                    w.stage(p, c);
                    w.clear(c);
                }
                if (fires) {
                    w.fired[firedCount++] = p;
                }
            }
        }
        for (int f = 0; f < firedCount; f++) {
            int p = w.fired[f];
            CompiledPlaybook cp = compiled[p];
            int c = base + p;
            int status = w.status(c);
            int code = situationCode(cp, columns, row, day, w);
            CompiledPlaybook excludedBy = cp.group >= 0 ? excludedBy(cp, w, base, firedCount) : null;
            if (excludedBy != null) {
                out.suppressExcluded(cp, code, columns, row, excludedBy);
                continue;
            }
            boolean momentary = cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY || cp.kind == org.cskit.playbooks.Trigger.Kind.MANUAL;
            long last = w.lastPlay(c);
            if (status == OFFERED && (w.situation(c) == code || momentary)) {
                retry(w, p, c);
            } else if (status == OPEN && w.situation(c) == code) {
                if (remindDue(cp, w, c, now) && !limitReached(cp, w, c, now)) {
                    remind(w, p, c, code);
                } else {
                    out.suppress(cp, code, columns, row, EvaluationReport.Suppression.ALREADY_OPEN);
                }
            } else if (last != PlayState.NEVER && cp.cooldown > 0 && now < last + cp.cooldown) {
                out.suppress(cp, code, columns, row, EvaluationReport.Suppression.COOLING_DOWN);
            } else if (limitReached(cp, w, c, now)) {
                out.suppress(cp, code, columns, row, EvaluationReport.Suppression.LIMIT_REACHED);
            } else {
                // A new play: recorded as offered (with what a close in this row kept) before it is delivered.
                int staged = w.stage(p, c);
                w.set(c, w.pendingExpected[staged], OFFERED, code, now, last, w.recent(c));
                w.has[i * words + (p >>> 6)] |= 1L << p;
                w.deliverLater(p, code, now, PlayState.NEVER);
            }
        }
        // Write what was decided, as it stands in the cells: one write of the account.
        if (w.pending > 0) {
            InMemoryPlayStateStore.Writes ws = w.writes;
            for (int k = 0; k < w.pending; k++) {
                int p = w.pendingP[k];
                int c = base + p;
                addWrite(w, p, w.pendingExpected[k], w.status(c), w.situation(c), w.offeredAt(c), w.lastPlay(c), w.recent(c));
            }
            flush(store, w, i);
            for (int k = 0; k < w.pending; k++) {
                boolean ok = ws.ok[k];
                w.pendingOk[k] = ok;
                Handle h = w.pendingClose[k];
                if (ok && h != null) {
                    out.closed++;
                    out.count(h.playbookIndex(), EvaluationReport.Outcome.CLOSED);
                    if (out.keep) {
                        out.closedPlays.add(h);
                    }
                }
            }
            ws.clear();
        }
        if (w.deliveries > 0) {
            deliver(columns, row, i, now, sink, store, w, out, input);
        }
    }

    /**
     * {@link #row} for an account with no state, in the in-memory store (another store's such rows join
     * the chunk's run instead: {@link #claimFresh}): nothing to close, retry, remind or forget, no
     * cooldown or limit looks back, and no play of a group is out, so every playbook that fires and
     * is not excluded by a more urgent one that fires is a new play. Its claim (offered, version 1)
     * goes straight into the row's write, without the cells; after the deliveries the same entries
     * become the record (open, version 2) of the plays the sink took, so the store is asked to
     * change only what the claim wrote. The in-memory store takes that second write as
     * {@link InMemoryPlayStateStore#promote}: while no other write of the account's stripe ran since
     * the claim, it changes the claims' status and version bytes in place instead of rebuilding the
     * record (the same record results; a limit's first recent time, or another write in between,
     * takes the full compare-and-set as before). The same decisions as {@link #row}'s general path
     * ({@code ReferenceEquivalenceTest} and the exclusion and limit tests of {@code PlaybookEngineTest}
     * fail if this path skips the group or the limit's first recent time; {@code RowWritesTest} if
     * a delivery that throws what stops the evaluation leaves the plays delivered before unrecorded).
     */
    private void fresh(AccountBatch columns, int row, int i, long now, long day, ActionSink sink, Work w, Outcome out,
            PlaybookInput input) {
        claimNew(columns, row, i, now, day, w, out, false);
        InMemoryPlayStateStore.Writes ws = w.writes;
        if (ws.count == 0) {
            return;
        }
        w.memory.compareAndSetAll(w.fps[i], ws);
        // Deliver in the order decided; the entries the sink took move to the front and become the record.
        int claims = ws.count, kept = 0;
        try {
            for (int j = 0; j < claims; j++) {
                int p = w.writeP[j];
                CompiledPlaybook cp = compiled[p];
                int code = ws.situation[j];
                Handle h = offer(ws.ok[j], cp, code, now, PlayState.NEVER, columns, row, input, sink, out);
                if (h != null) {
                    w.writeP[kept] = p;
                    ws.at[kept] = ws.at[j]; // where its claim lies in the record, for the in-memory store's promote
                    ws.set(kept++, ws.position[j], 1, OPEN, code, now, now, cp.limitCount > 0 ? new long[] {now} : NO_TIMES);
                    made(out, cp, h);
                }
            }
        } finally {
            ws.truncate(kept);
            if (kept > 0) {
                w.memory.promote(w.fps[i], ws);
            }
            ws.clear();
        }
    }

    /**
     * The decisions of {@link #fresh} and {@link #claimFresh}, once: every playbook of row {@code i} that fires and is
     * not excluded by a more urgent one that fires is a new play, whose claim (offered, version 1) is staged in the
     * row's write ({@code toRun} false) or in the chunk's run ({@code toRun} true); the excluded are counted.
     */
    private void claimNew(AccountBatch columns, int row, int i, long now, long day, Work w, Outcome out, boolean toRun) {
        int firedCount = 0;
        int[] fired = w.fired;
        for (int k = 0; k < words; k++) {
            for (long firing = w.fires[i * words + k]; firing != 0; firing &= firing - 1) {
                fired[firedCount++] = (k << 6) + Long.numberOfTrailingZeros(firing); // a cadence with no last play is due
            }
        }
        for (int f = 0; f < firedCount; f++) {
            int p = fired[f];
            CompiledPlaybook cp = compiled[p];
            int code = situationCode(cp, columns, row, day, w);
            if (cp.group >= 0) {
                CompiledPlaybook by = firedBefore(cp, fired, firedCount);
                if (by != null) {
                    out.suppressExcluded(cp, code, columns, row, by);
                    continue;
                }
            }
            if (toRun) {
                w.claim(p, code, now);
            } else {
                addWrite(w, p, 0, OFFERED, code, now, PlayState.NEVER, NO_TIMES);
            }
        }
    }

    /**
     * {@link #fresh} for a store other than the in-memory one (row {@code i} of the chunk starting
     * at {@code start}): the same decisions, but the new plays' claims (offered, version 1) go into
     * the chunk's run: the run's rows are written, delivered and recorded together ({@link #writeRun})
     * before the next row with state is evaluated and at the end of the chunk, so the sink hears
     * every play and close in row order as before ({@code RunWritesTest}, whose comparison of this
     * path with the in-memory store's over a random portfolio fails if it decides otherwise than
     * {@link #fresh}). If deciding throws, the run's earlier rows are written and delivered first and
     * the row's own claims dropped, unwritten.
     */
    private void claimFresh(AccountBatch columns, int start, int i, long now, long day, ActionSink sink, PlayStateStore store, Work w,
            Outcome out, PlaybookInput input) {
        InMemoryPlayStateStore.Writes run = w.run;
        int before = run.count;
        int row = start + i;
        try {
            claimNew(columns, row, i, now, day, w, out, true);
        } catch (Throwable t) {
            run.truncate(before);
            if (w.runAccounts > 0) {
                try {
                    writeRun(columns, start, now, sink, store, w, out, input);
                } catch (Throwable u) {
                    t.addSuppressed(u);
                }
            }
            throw t;
        } finally {
            w.event = null;
        }
        if (run.count > before) {
            w.runRow[w.runAccounts] = i;
            w.runEnd[w.runAccounts++] = run.count;
        }
    }

    /**
     * Writes the run ({@link #claimFresh}): the claims of all its accounts in one
     * {@link PlayStateStore#compareAndSetAll}; then, account after account in row order, the deliveries of the plays whose claim was written (a claim that
     * failed, e.g. the same account's second row, whose read came before the first row's write, is
     * suppressed as concurrent); then the plays the sink took, in one write, as open (version 2).
     * The entries the sink took move to the front of the run's writes and become that record. A
     * throw that stops the evaluation (see {@link #rethrowFatal}) still records every play delivered
     * before it; the claims of the plays not yet delivered stay offered and are offered again next
     * time under their keys ({@code RunWritesTest} fails if either is lost).
     */
    private void writeRun(AccountBatch columns, int start, long now, ActionSink sink, PlayStateStore store, Work w, Outcome out,
            PlaybookInput input) {
        InMemoryPlayStateStore.Writes ws = w.run;
        int accounts = w.runAccounts;
        int kept = 0, a = 0;
        try {
            flushRun(store, w);
            int j = 0;
            for (; a < accounts; a++) {
                int row = start + w.runRow[a];
                for (int end = w.runEnd[a]; j < end; j++) {
                    int p = w.runP[j];
                    CompiledPlaybook cp = compiled[p];
                    int code = ws.situation[j];
                    Handle h = offer(ws.ok[j], cp, code, now, PlayState.NEVER, columns, row, input, sink, out);
                    if (h != null) {
                        w.runP[kept] = p;
                        ws.set(kept++, ws.position[j], 1, OPEN, code, now, now, cp.limitCount > 0 ? new long[] {now} : NO_TIMES);
                        made(out, cp, h);
                    }
                }
                w.runEnd[a] = kept;
            }
        } finally {
            for (int b = a; b < accounts; b++) { // stopped at account a: its plays delivered so far are recorded, the later ones' none
                w.runEnd[b] = kept;
            }
            ws.truncate(kept);
            try {
                if (kept > 0) {
                    flushRun(store, w);
                }
            } finally {
                w.clearRun();
            }
        }
    }

    /** Writes the run's writes as one {@link PlayStateStore#compareAndSetAll} for all its accounts. */
    private void flushRun(PlayStateStore store, Work w) {
        InMemoryPlayStateStore.Writes ws = w.run;
        List<PlayStateStore.Write> list = new ArrayList<>(ws.count);
        for (int a = 0, j = 0; a < w.runAccounts; a++) {
            AccountId account = w.ids[w.runRow[a]];
            for (int end = w.runEnd[a]; j < end; j++) {
                list.add(spiWrite(ws, j, account, w.runP[j]));
            }
        }
        send(store, list, ws);
    }

    /** Write {@code j} of {@code ws}, of playbook {@code p}'s state of {@code account}, as the SPI's write. */
    private PlayStateStore.Write spiWrite(InMemoryPlayStateStore.Writes ws, int j, AccountId account, int p) {
        long v = ws.expected[j];
        return new PlayStateStore.Write(account, ids[p], v, new PlayState(v + 1, STATUSES[ws.status[j]], ws.situation[j], ws.offeredAt[j],
                ws.lastPlay[j], ws.recent[j]));
    }

    /** Sends {@code ws}'s writes, as {@code list}, in one {@link PlayStateStore#compareAndSetAll}; what it answers goes to {@code ws.ok}. */
    private static void send(PlayStateStore store, List<PlayStateStore.Write> list, InMemoryPlayStateStore.Writes ws) {
        boolean[] ok = store.compareAndSetAll(list);
        if (ok == null || ok.length != ws.count) {
            throw new IllegalStateException("the store " + store.getClass().getName() + " answered " + (ok == null ? "null" : ok.length
                    + " results") + " to " + ws.count + " writes");
        }
        System.arraycopy(ok, 0, ws.ok, 0, ok.length);
    }

    /**
     * Offers a play to the sink if its claim was written (else it is suppressed: another evaluation
     * of the account recorded it first); returns its handle if the sink took it, null if not (the
     * failure counted, the play left offered).
     */
    private Handle offer(boolean claimed, CompiledPlaybook cp, int code, long offeredAt, long reminderOf, AccountBatch columns, int row,
            PlaybookInput input, ActionSink sink, Outcome out) {
        if (!claimed) {
            out.suppress(cp, code, columns, row, EvaluationReport.Suppression.CONCURRENT, ": another evaluation of the account recorded first");
            return null;
        }
        Handle h = new Handle(engine, columns, input, row, cp, code, offeredAt, reminderOf, false);
        try {
            sink.deliver(h);
        } catch (Throwable t) {
            rethrowFatal(t);
            out.fail(h, t, "delivery failed; offered again next time under the same key");
            return null;
        }
        return h;
    }

    /** Counts a play the sink took. */
    private static void made(Outcome out, CompiledPlaybook cp, Handle h) {
        out.created++;
        out.count(cp.index, EvaluationReport.Outcome.MADE);
        if (out.keep) {
            out.createdPlays.add(h);
        }
    }

    /** Mutual exclusion among the playbooks that fire: a more urgent (or equally urgent, earlier) member of the group, or null. */
    private CompiledPlaybook firedBefore(CompiledPlaybook cp, int[] fired, int firedCount) {
        for (int f = 0; f < firedCount; f++) {
            CompiledPlaybook q = compiled[fired[f]];
            if (q != cp && q.group == cp.group && (q.urgency > cp.urgency || q.urgency == cp.urgency && q.index < cp.index)) {
                return q;
            }
        }
        return null;
    }

    /**
     * Delivers the row's plays whose claim was written (a claim another evaluation wrote first is
     * suppressed), then records those the sink took as open, in one write, also when a delivery
     * throws what stops the evaluation.
     */
    private void deliver(AccountBatch columns, int row, int i, long now, ActionSink sink, PlayStateStore store, Work w, Outcome out,
            PlaybookInput input) {
        int base = i * compiled.length;
        try {
            for (int d = 0; d < w.deliveries; d++) {
                int p = w.deliverP[d];
                CompiledPlaybook cp = compiled[p];
                int c = base + p;
                int code = w.deliverCode[d];
                long offeredAt = w.deliverOffered[d];
                int k = w.pendingOf[p];
                Handle h = offer(w.pendingOk[k], cp, code, offeredAt, w.deliverReminderOf[d], columns, row, input, sink, out);
                if (h != null) {
                    addWrite(w, p, w.pendingExpected[k] + 1, OPEN, code, offeredAt, now, recent(cp, w, c, now));
                    made(out, cp, h);
                }
            }
        } finally {
            if (w.writes.count > 0) {
                flush(store, w, i);
                w.writes.clear();
            }
        }
    }

    /** A playbook's situation code for a row; an event's is worked out once for the row's playbooks. */
    private static int situationCode(CompiledPlaybook cp, AccountBatch columns, int row, long day, Work w) {
        if (cp.kind != org.cskit.playbooks.Trigger.Kind.EVENT) {
            return cp.situationCode(columns, row, day);
        }
        org.cskit.model.event.AccountEvent e = columns.event(row);
        if (e == null) {
            return 0;
        }
        if (e != w.event) {
            w.eventCode = CompiledPlaybook.eventCode(e);
            w.event = e;
        }
        return w.eventCode;
    }

    /** The in-memory store is read and written by fingerprint and position (resolved once per store), any other through the SPI. */
    private void bind(PlayStateStore store, Work w) {
        if (store instanceof InMemoryPlayStateStore memory) {
            if (w.memory != memory) {
                w.positions = memory.positions(ids);
                int max = -1;
                for (int pos : w.positions) {
                    max = Math.max(max, pos);
                }
                w.byPosition = new int[max + 1];
                Arrays.fill(w.byPosition, -1);
                for (int p = 0; p < w.positions.length; p++) {
                    w.byPosition[w.positions[p]] = p;
                }
                w.memory = memory;
            }
        } else {
            w.memory = null;
        }
    }

    /** Adds a write of playbook {@code p}'s state to the row's write, by the store's position for the in-memory store. */
    private static void addWrite(Work w, int p, long expected, int status, int situation, long offeredAt, long lastPlay, long[] recent) {
        w.writeP[w.writes.count] = p;
        w.writes.add(w.memory != null ? w.positions[p] : p, expected, status, situation, offeredAt, lastPlay, recent);
    }

    /** Writes the row's write: to the in-memory store as one account's writes, to any other as one {@link PlayStateStore#compareAndSetAll}. */
    private void flush(PlayStateStore store, Work w, int i) {
        InMemoryPlayStateStore.Writes ws = w.writes;
        if (w.memory != null) {
            w.memory.compareAndSetAll(w.fps[i], ws);
            return;
        }
        List<PlayStateStore.Write> list = new ArrayList<>(ws.count);
        for (int j = 0; j < ws.count; j++) {
            list.add(spiWrite(ws, j, w.ids[i], w.writeP[j]));
        }
        send(store, list, ws);
    }

    /** Claims an offered play whose situation holds for a retry: its state written again (one version more) before it is offered. */
    private static void retry(Work w, int p, int c) {
        w.stage(p, c);
        w.deliverLater(p, w.situation(c), w.offeredAt(c), PlayState.NEVER);
    }

    /**
     * Claims an open play's due reminder: its state written again (one version more) before the
     * reminder is delivered, so that two evaluations that read the same state do not both remind.
     */
    private static void remind(Work w, int p, int c, int code) {
        w.stage(p, c);
        w.deliverLater(p, code, w.offeredAt(c), w.lastPlay(c));
    }

    /**
     * Stages a play's close, after its notification: keeps what the cooldown, limit or cadence
     * still looks back to, or deletes the state.
     */
    private static void close(CompiledPlaybook cp, Work w, int p, int c, long now, Handle h) {
        long last = w.lastPlay(c);
        boolean keep = cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY || cp.cooldown > 0 && last != PlayState.NEVER
                && now < last + cp.cooldown || cp.limitCount > 0;
        long[] times = cp.limitCount > 0 ? w.recent(c) : NO_TIMES;
        long keptLast = keep ? last : PlayState.NEVER;
        int k = w.stage(p, c);
        w.pendingClose[k] = h;
        if (keptLast == PlayState.NEVER && times.length == 0) {
            w.clear(c); // an empty state is deleted
        } else {
            w.set(c, w.pendingExpected[k], NONE, 0, PlayState.NEVER, keptLast, times);
        }
    }

    /** The sink's errors are the sink's; the JVM's own (out of memory, stack overflow) stop the evaluation, state already consistent. */
    private static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError e) {
            throw e;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** The recent play times after a play at {@code now}: those still inside the limit's window, at most its count. */
    private static long[] recent(CompiledPlaybook cp, Work w, int c, long now) {
        if (cp.limitCount == 0) {
            return NO_TIMES;
        }
        long[] old = w.recent(c);
        int keep = Math.min(inWindow(cp, old, now), cp.limitCount - 1);
        long[] r = new long[keep + 1];
        int at = 0;
        for (int j = old.length - keep; j < old.length; j++) {
            r[at++] = old[j];
        }
        r[at] = now;
        Arrays.sort(r);
        return r;
    }

    /** Whether the playbook made {@code count} plays in {@code (now - period, now]}; false without a limit. */
    private static boolean limitReached(CompiledPlaybook cp, Work w, int c, long now) {
        return cp.limitCount > 0 && inWindow(cp, w.recent(c), now) >= cp.limitCount;
    }

    /** How many of the recent play times fall in the limit's window {@code (now - period, now]}. */
    private static int inWindow(CompiledPlaybook cp, long[] recent, long now) {
        long from = now - cp.limitPeriod;
        int count = 0;
        for (long t : recent) {
            if (t > from && t <= now) {
                count++;
            }
        }
        return count;
    }

    private static boolean remindDue(CompiledPlaybook cp, Work w, int c, long now) {
        return cp.remindEvery > 0 && w.status(c) == OPEN && w.lastPlay(c) != PlayState.NEVER && now >= w.lastPlay(c) + cp.remindEvery;
    }

    /** Whether a state with no play out remembers nothing any rule still needs. */
    private static boolean forgettable(CompiledPlaybook cp, Work w, int c, long now) {
        if (cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY) {
            return false;
        }
        long last = w.lastPlay(c);
        long[] times = w.recent(c);
        boolean cooling = cp.cooldown > 0 && last != PlayState.NEVER && now < last + cp.cooldown;
        boolean limited = cp.limitCount > 0 && times.length > 0 && times[times.length - 1] > now - cp.limitPeriod;
        return !cooling && !limited;
    }

    /** Mutual exclusion: a more urgent (or equally urgent, earlier) member fired, or another member has a play out. */
    private CompiledPlaybook excludedBy(CompiledPlaybook cp, Work w, int base, int firedCount) {
        CompiledPlaybook by = firedBefore(cp, w.fired, firedCount);
        if (by != null) {
            return by;
        }
        for (int q : members[cp.group]) {
            if (q != cp.index && w.status(base + q) != NONE) {
                return compiled[q];
            }
        }
        return null;
    }
}
