package org.cskit.playbooks.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;

/**
 * The columnar evaluation of a range of rows: the same steps as the object path, in the same order
 * per account (close the plays whose situation cleared, collect the playbooks that fire, apply
 * mutual exclusion, admit by the repeat policy, deliver, record), over {@link RowProgram}'s bits.
 */
final class RowEvaluator {
    private final CompiledPlaybook[] compiled;
    private final RowProgram program;
    private final int[] group; // exclusion group id per playbook, -1 for none
    private final int[] urgency; // priority ordinal: higher is more urgent
    private final int[][] members; // per group id, its playbooks
    private final boolean[] cadence; // per playbook: fires on a cadence (checked against the history)
    private final boolean[] fixedSituation; // per playbook: the trigger's situation is the same for every row (code 0)
    private final long[] closes; // a bit per playbook whose open plays close when the situation clears

    RowEvaluator(CompiledPlaybook[] compiled, RowProgram program) {
        this.compiled = compiled;
        this.program = program;
        int n = compiled.length;
        group = new int[n];
        urgency = new int[n];
        cadence = new boolean[n];
        fixedSituation = new boolean[n];
        closes = new long[Math.max(1, (n + 63) >>> 6)];
        Map<String, List<Integer>> groups = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            urgency[p] = compiled[p].playbook.priority().ordinal();
            cadence[p] = compiled[p].trigger.isCadence();
            fixedSituation[p] = compiled[p].trigger.fixedSituation();
            if (compiled[p].closes) {
                closes[p >>> 6] |= 1L << p;
            }
            String g = compiled[p].playbook.repeat().exclusionGroup().orElse(null);
            if (g == null) {
                group[p] = -1;
            } else {
                if (!groups.containsKey(g)) {
                    names.add(g);
                }
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(p);
                group[p] = names.indexOf(g);
            }
        }
        members = new int[names.size()][];
        for (int g = 0; g < names.size(); g++) {
            members[g] = groups.get(names.get(g)).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    BatchResult evaluate(AccountBatch columns, int from, int to, RowPlayHistory history, RowSink sink) {
        Instant asOf = columns.asOf();
        long now;
        try {
            now = Math.addExact(Math.multiplyExact(asOf.getEpochSecond(), 1_000_000_000L), asOf.getNano());
        } catch (ArithmeticException e) {
            throw Validate.invalid("asOf", "columns as of " + asOf + " are outside the years 1678 to 2261 that a columnar history can hold");
        }
        long day = asOf.atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay();
        int pw = history.playbookWords;
        RowProgram.Chunk chunk = program.newChunk();
        long[] fires = new long[RowProgram.CHUNK * pw];
        int[] fired = new int[compiled.length];
        long created = 0, closed = 0, suppressed = 0;
        List<BatchResult.Failure> failures = new ArrayList<>(0);
        for (int start = from; start < to; start += RowProgram.CHUNK) {
            int rows = Math.min(RowProgram.CHUNK, to - start);
            java.util.Arrays.fill(fires, 0, rows * pw, 0L);
            chunk.start(columns, start, rows);
            chunk.fires(fires, pw);
            for (int i = 0; i < rows; i++) {
                int row = start + i;
                int cellBase = row * compiled.length;
                int firedCount = 0;
                for (int w = 0; w < pw; w++) {
                    long firing = fires[i * pw + w];
                    long open = history.openBits[row * pw + w] & closes[w];
                    long candidates = firing | open;
                    while (candidates != 0) {
                        int p = (w << 6) + Long.numberOfTrailingZeros(candidates);
                        long pbit = candidates & -candidates;
                        candidates ^= pbit;
                        CompiledPlaybook cp = compiled[p];
                        boolean firesNow = (firing & pbit) != 0;
                        if (firesNow && cadence[p]) {
                            long last = history.last[cellBase + p];
                            firesNow = last == RowPlayHistory.NONE || cp.trigger.due(Instant.ofEpochSecond(0, last), asOf);
                        }
                        if ((open & pbit) != 0) {
                            long situation = chunk.holds(i, p)
                                    ? cp.trigger.situationCode(columns, row, day) : RowPlayHistory.NONE;
                            if (history.open[cellBase + p] != situation) {
                                history.close(row, p);
                                sink.closed(row, p);
                                closed++;
                            }
                        }
                        if (firesNow) {
                            fired[firedCount++] = p;
                        }
                    }
                }
                for (int f = 0; f < firedCount; f++) {
                    int p = fired[f];
                    int cell = cellBase + p;
                    if (group[p] >= 0 && excluded(p, fired, firedCount, history, cellBase)) {
                        suppressed++;
                        continue;
                    }
                    long situation = fixedSituation[p] ? 0 : compiled[p].trigger.situationCode(columns, row, day);
                    long last = history.last[cell];
                    if (history.open[cell] == situation
                            || last != RowPlayHistory.NONE && history.cooldownNanos[p] != 0 && now < last + history.cooldownNanos[p]
                            || history.limitReached(row, p, now)) {
                        suppressed++;
                        continue;
                    }
                    try {
                        sink.created(row, p);
                    } catch (RuntimeException e) {
                        failures.add(new BatchResult.Failure(row, compiled[p].id, String.valueOf(e.getMessage())));
                        continue;
                    }
                    history.record(row, p, now, situation);
                    created++;
                }
            }
        }
        return new BatchResult(to - from, created, closed, suppressed, failures);
    }

    /** Mutual exclusion, as in the object path: a more urgent (or equally urgent, earlier) member fired, or another member's play is open. */
    private boolean excluded(int p, int[] fired, int firedCount, RowPlayHistory history, int cellBase) {
        int g = group[p];
        for (int f = 0; f < firedCount; f++) {
            int q = fired[f];
            if (q != p && group[q] == g && (urgency[q] > urgency[p] || urgency[q] == urgency[p] && q < p)) {
                return true;
            }
        }
        for (int q : members[g]) {
            if (q != p && history.open[cellBase + q] != RowPlayHistory.NONE) {
                return true;
            }
        }
        return false;
    }
}
