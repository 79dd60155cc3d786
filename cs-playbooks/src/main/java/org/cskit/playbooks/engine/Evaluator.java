package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import java.time.ZoneOffset;
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
 * most urgent per group; the repeat policy admits or suppresses each; an admitted play is recorded
 * as offered (compare-and-set), delivered, and recorded as open. Every rule of the repeat policy is
 * here, once.
 */
final class Evaluator {
    private final PlaybookEngine engine;
    private final CompiledPlaybook[] compiled;
    private final RowProgram program;
    private final Map<String, Integer> index;
    private final int[][] members; // per group, its playbooks
    final int words;
    private static final long[] NO_TIMES = new long[0]; // PlayState copies what it is given, except an empty array
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

    /** A thread's working arrays, reused across calls. */
    final class Work {
        final RowProgram.Chunk chunk = program.newChunk();
        final long[] fires = new long[RowProgram.CHUNK * words];
        final long[] has = new long[RowProgram.CHUNK * words];
        final AccountId[] ids = new AccountId[RowProgram.CHUNK];
        /** For the in-memory store: the rows' account fingerprints and the playbooks' positions in it. */
        final long[] fps = new long[RowProgram.CHUNK];
        InMemoryPlayStateStore memory;
        int[] positions;
        final PlayState[] states = new PlayState[RowProgram.CHUNK * Math.max(1, compiled.length)];
        final int[] fired = new int[compiled.length];
        final OneRow oneRow = new OneRow(engine.schema());
        /** Files the store's states of the chunk's rows; made once per thread, not per chunk or event. */
        final PlayStateStore.StateConsumer found = (i, playbookId, state) -> {
            Integer p = index.get(playbookId);
            if (p != null) {
                states[i * compiled.length + p] = state;
                has[i * words + (p >>> 6)] |= 1L << p;
            }
        };
    }

    Work newWork() {
        return new Work();
    }

    /** What an evaluation did: counts, and for a per-account evaluation the plays themselves. */
    static final class Outcome {
        final boolean keep;
        long rows, created, closed, suppressed;
        // Made on first use: most evaluations of one account make no play and close none.
        List<Handle> createdPlays = List.of(), closedPlays = List.of();
        List<EvaluationResult.Suppressed> suppressedPlays = List.of();
        List<EvaluationResult.Failure> failures = List.of();
        List<BatchResult.Failure> rowFailures = List.of();
        /** The counts for the engine's listener, or null when none hears. */
        final Tally tally;

        Outcome(boolean keep) {
            this(keep, null);
        }

        Outcome(boolean keep, Tally tally) {
            this.keep = keep;
            this.tally = tally;
        }

        void count(int playbook, EvaluationReport.Outcome what) {
            if (tally != null) {
                tally.add(EvaluationReport.cell(playbook, what, null));
            }
        }

        /** Counts a suppressed play; its situation is named only when the plays are kept (not per batch row). */
        void suppress(CompiledPlaybook p, int code, AccountBatch columns, int row, String reason) {
            suppressed++;
            if (tally != null) {
                tally.add(EvaluationReport.cell(p.index, EvaluationReport.Outcome.SUPPRESSED, reasonOf(reason)));
            }
            if (keep) {
                if (suppressedPlays.isEmpty()) {
                    suppressedPlays = new ArrayList<>(2);
                }
                suppressedPlays.add(new EvaluationResult.Suppressed(p.id, p.situation(code, columns, row), reason));
            }
        }

        private static EvaluationReport.Suppression reasonOf(String reason) {
            return reason.startsWith("EXCLUDED") ? EvaluationReport.Suppression.EXCLUDED
                    : reason.startsWith("CONCURRENT") ? EvaluationReport.Suppression.CONCURRENT
                    : EvaluationReport.Suppression.valueOf(reason);
        }

        void fail(Handle h, Throwable t, String what) {
            count(h.playbookIndex(), EvaluationReport.Outcome.FAILED);
            String message = what + ": " + t;
            if (keep) {
                if (failures.isEmpty()) {
                    failures = new ArrayList<>(2);
                }
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
        long day = columns.asOf().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        int n = compiled.length;
        for (int start = from; start < to; start += RowProgram.CHUNK) {
            int rows = Math.min(RowProgram.CHUNK, to - start);
            Arrays.fill(w.fires, 0, rows * words, 0L);
            Arrays.fill(w.has, 0, rows * words, 0L);
            w.chunk.start(columns, start, rows);
            w.chunk.fires(w.fires, words, only);
            for (int i = 0; i < rows; i++) {
                w.ids[i] = columns.accountId(start + i);
            }
            if (w.memory != null) {
                for (int i = 0; i < rows; i++) {
                    w.fps[i] = InMemoryPlayStateStore.fingerprint(w.ids[i]);
                }
            }
            if (w.memory != null) {
                w.memory.read(w.fps, rows, w.found);
            } else {
                store.read(w.ids, rows, w.found);
            }
            for (int i = 0; i < rows; i++) {
                row(columns, start + i, i, now, day, only, sink, store, w, out, input);
                for (int k = 0; k < words; k++) {
                    for (long bits = w.has[i * words + k]; bits != 0; bits &= bits - 1) {
                        w.states[i * n + (k << 6) + Long.numberOfTrailingZeros(bits)] = null;
                    }
                }
                w.ids[i] = null;
            }
            out.rows += rows;
        }
    }

    private void row(AccountBatch columns, int row, int i, long now, long day, long[] only, ActionSink sink, PlayStateStore store,
            Work w, Outcome out, PlaybookInput input) {
        int n = compiled.length;
        int base = i * n;
        int firedCount = 0;
        for (int k = 0; k < words; k++) {
            long firing = w.fires[i * words + k];
            long stateful = w.has[i * words + k];
            if (only != null) {
                stateful &= only[k];
            }
            for (long candidates = firing | stateful; candidates != 0; candidates &= candidates - 1) {
                int p = (k << 6) + Long.numberOfTrailingZeros(candidates);
                CompiledPlaybook cp = compiled[p];
                PlayState st = state(w, base + p);
                boolean fires = (firing >>> (p & 63) & 1L) != 0;
                if (fires && cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY) {
                    fires = cp.due(st.lastPlay(), now);
                }
                if (st.status() != Status.NONE && cp.closes) {
                    boolean holds = w.chunk.holds(i, p);
                    int code = holds ? cp.situationCode(columns, row, day) : 0;
                    if (!holds || code != st.situation()) {
                        Handle h = new Handle(engine, columns, input, row, cp, (int) st.situation(), st.offeredAt(), PlayState.NEVER, true);
                        try {
                            sink.closed(h);
                        } catch (Throwable t) {
                            rethrowFatal(t);
                            out.fail(h, t, "close notification failed; the play stays open and is closed again next time");
                            if (fires) {
                                out.suppress(cp, (int) st.situation(), columns, row, "CLOSE_PENDING");
                            }
                            continue;
                        }
                        PlayState next = closed(cp, st, now);
                        if (cas(store, w, i, cp, st.version(), next)) {
                            w.states[base + p] = next;
                            out.closed++;
                            out.count(p, EvaluationReport.Outcome.CLOSED);
                            if (out.keep) {
                                if (out.closedPlays.isEmpty()) {
                                    out.closedPlays = new ArrayList<>(2);
                                }
                                out.closedPlays.add(h);
                            }
                        }
                    } else {
                        // The situation still holds: offer again, remind, or nothing (it is open).
                        if (st.status() == Status.OFFERED) {
                            retry(columns, row, i, cp, st, now, sink, store, w, out, input);
                        } else if (remindDue(cp, st, now)) {
                            if (limitReached(cp, st, now)) {
                                out.suppress(cp, code, columns, row, "LIMIT_REACHED");
                            } else {
                                offer(columns, row, i, cp, st, code, st.offeredAt(), st.lastPlay(), now, sink, store, w, out, input);
                            }
                        } else if (fires) {
                            out.suppress(cp, code, columns, row, "ALREADY_OPEN");
                        }
                        continue;
                    }
                } else if (st.status() == Status.NONE && st.version() > 0 && forgettable(cp, st, now)) {
                    if (cas(store, w, i, cp, st.version(), PlayState.EMPTY.withVersion(st.version() + 1))) {
                        w.states[base + p] = null;
                    }
                }
                if (fires) {
                    w.fired[firedCount++] = p;
                }
            }
        }
        for (int f = 0; f < firedCount; f++) {
            int p = w.fired[f];
            CompiledPlaybook cp = compiled[p];
            PlayState st = state(w, base + p);
            int code = cp.situationCode(columns, row, day);
            String excludedBy = cp.group >= 0 ? excludedBy(cp, w, base, firedCount) : null;
            if (excludedBy != null) {
                out.suppress(cp, code, columns, row, "EXCLUDED by " + excludedBy);
                continue;
            }
            boolean momentary = cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY || cp.kind == org.cskit.playbooks.Trigger.Kind.MANUAL;
            if (st.status() == Status.OFFERED && (st.situation() == code || momentary)) {
                retry(columns, row, i, cp, st, now, sink, store, w, out, input);
            } else if (st.status() == Status.OPEN && st.situation() == code) {
                if (remindDue(cp, st, now) && !limitReached(cp, st, now)) {
                    offer(columns, row, i, cp, st, code, st.offeredAt(), st.lastPlay(), now, sink, store, w, out, input);
                } else {
                    out.suppress(cp, code, columns, row, "ALREADY_OPEN");
                }
            } else if (st.lastPlay() != PlayState.NEVER && cp.cooldown > 0 && now < st.lastPlay() + cp.cooldown) {
                out.suppress(cp, code, columns, row, "COOLING_DOWN");
            } else if (limitReached(cp, st, now)) {
                out.suppress(cp, code, columns, row, "LIMIT_REACHED");
            } else {
                PlayState offered = new PlayState(st.version() + 1, Status.OFFERED, code, now, st.lastPlay(), st.recent());
                if (!cas(store, w, i, cp, st.version(), offered)) {
                    out.suppress(cp, code, columns, row, "CONCURRENT: another evaluation of the account recorded first");
                    continue;
                }
                w.states[base + p] = offered;
                w.has[i * words + (p >>> 6)] |= 1L << p;
                offer(columns, row, i, cp, offered, code, now, PlayState.NEVER, now, sink, store, w, out, input);
            }
        }
    }

    /** The in-memory store is written by fingerprint and position (resolved once per store), any other through the SPI. */
    private void bind(PlayStateStore store, Work w) {
        if (store instanceof InMemoryPlayStateStore memory) {
            if (w.memory != memory) {
                w.positions = memory.positions(ids);
                w.memory = memory;
            }
        } else {
            w.memory = null;
        }
    }

    private static boolean cas(PlayStateStore store, Work w, int i, CompiledPlaybook cp, long expectedVersion, PlayState next) {
        return w.memory != null ? w.memory.compareAndSet(w.fps[i], w.positions[cp.index], expectedVersion, next)
                : store.compareAndSet(w.ids[i], cp.id, expectedVersion, next);
    }

    private static PlayState state(Work w, int cell) {
        PlayState s = w.states[cell];
        return s == null ? PlayState.EMPTY : s;
    }

    /** Offers an offered play again, after claiming it (so that two evaluations racing do not both offer it). */
    private void retry(AccountBatch columns, int row, int i, CompiledPlaybook cp, PlayState st, long now, ActionSink sink,
            PlayStateStore store, Work w, Outcome out, PlaybookInput input) {
        PlayState claimed = st.withVersion(st.version() + 1);
        if (!cas(store, w, i, cp, st.version(), claimed)) {
            out.suppress(cp, (int) st.situation(), columns, row, "CONCURRENT: another evaluation of the account recorded first");
            return;
        }
        w.states[i * compiled.length + cp.index] = claimed;
        offer(columns, row, i, cp, claimed, (int) st.situation(), st.offeredAt(), PlayState.NEVER, now, sink, store, w, out, input);
    }

    /**
     * Delivers a play recorded as offered (or an open play's reminder) and, if the sink takes it,
     * records it as open. If the sink throws, the state stays as it was: offered, under the same key.
     */
    private void offer(AccountBatch columns, int row, int i, CompiledPlaybook cp, PlayState st, int code, long offeredAt, long reminderOf,
            long now, ActionSink sink, PlayStateStore store, Work w, Outcome out, PlaybookInput input) {
        Handle h = new Handle(engine, columns, input, row, cp, code, offeredAt, reminderOf, false);
        try {
            sink.deliver(h);
        } catch (Throwable t) {
            rethrowFatal(t);
            out.fail(h, t, "delivery failed; offered again next time under the same key");
            return;
        }
        PlayState open = new PlayState(st.version() + 1, Status.OPEN, code, offeredAt, now, recent(cp, st, now));
        if (cas(store, w, i, cp, st.version(), open)) {
            w.states[i * compiled.length + cp.index] = open;
        }
        out.created++;
        out.count(cp.index, EvaluationReport.Outcome.MADE);
        if (out.keep) {
            if (out.createdPlays.isEmpty()) {
                out.createdPlays = new ArrayList<>(4);
            }
            out.createdPlays.add(h);
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
    private static long[] recent(CompiledPlaybook cp, PlayState st, long now) {
        if (cp.limitCount == 0) {
            return NO_TIMES;
        }
        int keep = Math.min(inWindow(cp, st, now), cp.limitCount - 1);
        long[] r = new long[keep + 1];
        int at = 0;
        for (int j = st.recentCount() - keep; j < st.recentCount(); j++) {
            r[at++] = st.recentAt(j);
        }
        r[at] = now;
        Arrays.sort(r);
        return r;
    }

    /** Whether the playbook made {@code count} plays in {@code (now - period, now]}; false without a limit. */
    private static boolean limitReached(CompiledPlaybook cp, PlayState st, long now) {
        return cp.limitCount > 0 && inWindow(cp, st, now) >= cp.limitCount;
    }

    /** How many of the recent play times fall in the limit's window {@code (now - period, now]}. */
    private static int inWindow(CompiledPlaybook cp, PlayState st, long now) {
        long from = now - cp.limitPeriod;
        int count = 0;
        for (int j = 0; j < st.recentCount(); j++) {
            if (st.recentAt(j) > from && st.recentAt(j) <= now) {
                count++;
            }
        }
        return count;
    }

    private static boolean remindDue(CompiledPlaybook cp, PlayState st, long now) {
        return cp.remindEvery > 0 && st.status() == Status.OPEN && st.lastPlay() != PlayState.NEVER && now >= st.lastPlay() + cp.remindEvery;
    }

    /** The state after a play closed: what the cooldown, limit or cadence still looks back to, or nothing. */
    private static PlayState closed(CompiledPlaybook cp, PlayState st, long now) {
        boolean keep = cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY || cp.cooldown > 0 && st.lastPlay() != PlayState.NEVER
                && now < st.lastPlay() + cp.cooldown || cp.limitCount > 0;
        long[] recent = cp.limitCount > 0 ? st.recent() : NO_TIMES;
        return new PlayState(st.version() + 1, Status.NONE, 0, PlayState.NEVER, keep ? st.lastPlay() : PlayState.NEVER, recent);
    }

    /** Whether a state with no play out remembers nothing any rule still needs. */
    private static boolean forgettable(CompiledPlaybook cp, PlayState st, long now) {
        if (cp.kind == org.cskit.playbooks.Trigger.Kind.EVERY) {
            return false;
        }
        boolean cooling = cp.cooldown > 0 && st.lastPlay() != PlayState.NEVER && now < st.lastPlay() + cp.cooldown;
        boolean limited = cp.limitCount > 0 && st.recentCount() > 0 && st.recentAt(st.recentCount() - 1) > now - cp.limitPeriod;
        return !cooling && !limited;
    }

    /** Mutual exclusion: a more urgent (or equally urgent, earlier) member fired, or another member has a play out. */
    private String excludedBy(CompiledPlaybook cp, Work w, int base, int firedCount) {
        for (int f = 0; f < firedCount; f++) {
            CompiledPlaybook q = compiled[w.fired[f]];
            if (q != cp && q.group == cp.group && (q.urgency > cp.urgency || q.urgency == cp.urgency && q.index < cp.index)) {
                return q.id;
            }
        }
        for (int q : members[cp.group]) {
            PlayState s = w.states[base + q];
            if (q != cp.index && s != null && s.status() != Status.NONE) {
                return compiled[q].id;
            }
        }
        return null;
    }
}
