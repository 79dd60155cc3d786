package org.cskit.scoring.features;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The arithmetic of feature derivation, shared by the object path (one account's signals, times
 * in nanoseconds) and the column path (a portfolio's signal columns, times in milliseconds): a
 * kernel compiled from the definition list against one as-of time, then run over a block of accounts
 * (one for the object path), each account's observations of each signal given as a run {@code [s, e)}
 * of parallel {@code long} time and {@code double} value arrays sorted by time.
 *
 * <p>Compiled once: every window boundary of every definition, per signal, as a distinct time in
 * descending order (a slot); every distinct aggregate (signal, window, aggregate, empty rule), which
 * definitions share (a sum and its percent change, a mean and its trend); and per definition how its
 * value is made from those aggregates. Per block of accounts ({@link #block}): per signal and
 * account one backward walk finds every slot's index, each aggregate is computed once from its two
 * indexes, then each definition reads its aggregates; each stage runs over the whole block before
 * the next. No allocation per account (but for a larger scratch buffer the first time a DISTINCT
 * window is longer than any before).
 *
 * <p>A time {@code t} in units is at or before an instant {@code x} when {@code t <= floor(x)} in the
 * same units, so both paths cut the windows exactly where {@link Instant} comparisons would. Not
 * thread-safe: {@link #value}, {@link #count} and the scratch state belong to one caller.
 */
final class Windows {
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How far back a search steps before it bisects what is left. */
    private static final int LINEAR_STEPS = 16;

    private static final int PLAIN = 0;
    private static final int CHANGE = 1;
    private static final int TREND = 2;
    private static final int RATIO = 3;
    private static final int DAYS_SINCE_LAST = 4;

    private static final int COUNT = Aggregate.COUNT.ordinal();
    private static final int SUM = Aggregate.SUM.ordinal();
    private static final int LAST = Aggregate.LAST.ordinal();
    private static final int DISTINCT = Aggregate.DISTINCT.ordinal();
    private static final int MIN = Aggregate.MIN.ordinal();
    private static final int MAX = Aggregate.MAX.ordinal();

    private final long unitsPerSecond;
    private final long nanosPerUnit;
    private final long asOfSeconds;
    private final int asOfNanos;

    /** Signal c's slots are {@code [slotFrom[c], slotFrom[c + 1])}, their bounds descending; a below-all slot comes last. */
    private final int[] slotFrom;
    private final long[] slotBound;
    private final boolean[] slotBelowAll;
    /** Per slot and row of the current block: the index one past the row's last observation at or before the bound. */
    private final int[][] at;

    /** Per aggregate: its signal, its window's end and start slots, its {@link Aggregate} ordinal and empty rule. */
    private final int[] aggregateSignal;
    private final int[] aggregateEnd;
    private final int[] aggregateStart;
    private final int[] aggregateKind;
    private final boolean[] aggregateEmptyAsZero;
    /** Per aggregate and row of the current block: its value and count. */
    private final double[][] aggregateValue;
    private final int[][] aggregateCount;

    /** Per definition: its kind, change ({@link WindowChange} ordinal, -1 none), trend periods (0 none). */
    private final int[] kind;
    private final int[] changeKind;
    private final int[] trendPeriods;
    /**
     * Per definition what it reads: a plain aggregate {a}; a change {current, previous}; a trend the
     * aggregates of windows 0 (newest) to n-1; a ratio {numerator, denominator}; DAYS_SINCE_LAST the
     * slots {window end, window start} and its signal.
     */
    private final int[][] reads;
    private double[] scratch = new double[64];

    /** The most rows {@link #block} takes at once. */
    final int capacity;
    /** Per definition and row, after {@link #block}: the value (NaN: missing) and the observations it rests on (0 when missing). */
    final double[][] value;
    final int[][] count;

    /**
     * Compiles the definitions.
     *
     * @param definitions the definitions
     * @param signals the signal names, in the order {@link #block} receives their runs; contains
     *     every definition's signal and denominator
     * @param asOf the as-of time
     * @param unitsPerSecond the unit of the times {@link #block} receives
     * @param capacity the most rows {@link #block} takes at once
     */
    Windows(List<FeatureDefinition> definitions, List<String> signals, Instant asOf, long unitsPerSecond, int capacity) {
        int n = definitions.size();
        this.capacity = capacity;
        this.unitsPerSecond = unitsPerSecond;
        this.nanosPerUnit = NANOS_PER_SECOND / unitsPerSecond;
        this.asOfSeconds = asOf.getEpochSecond();
        this.asOfNanos = asOf.getNano();
        int columns = signals.size();
        // Each definition's boundaries, k = 0 (asOf) to its number of windows; Long.MIN_VALUE marks before every time.
        long[][] bounds = new long[n][];
        List<TreeSet<Long>> perSignal = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            perSignal.add(new TreeSet<>());
        }
        int[] signalOf = new int[n];
        int[] denominatorOf = new int[n];
        for (int d = 0; d < n; d++) {
            FeatureDefinition def = definitions.get(d);
            signalOf[d] = signals.indexOf(def.signal());
            denominatorOf[d] = def.denominator().map(signals::indexOf).orElse(-1);
            int windows = def.trendPeriods().orElse(def.change().isPresent() ? 2 : 1);
            bounds[d] = new long[windows + 1];
            for (int k = 0; k <= windows; k++) {
                Instant bound = k == 0 ? asOf : before(asOf, def.window().multipliedBy(k));
                bounds[d][k] = bound == null || bound.getEpochSecond() <= -(Long.MAX_VALUE / unitsPerSecond - 1) ? Long.MIN_VALUE
                        : floor(bound);
                perSignal.get(signalOf[d]).add(bounds[d][k]);
                if (denominatorOf[d] >= 0) {
                    perSignal.get(denominatorOf[d]).add(bounds[d][k]);
                }
            }
        }
        // Slots: per signal, its distinct bounds from the newest; Long.MIN_VALUE (below all) sorts last.
        slotFrom = new int[columns + 1];
        List<Long> allBounds = new ArrayList<>();
        List<Map<Long, Integer>> slotOf = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            slotFrom[c] = allBounds.size();
            slotOf.add(new HashMap<>());
            for (long b : perSignal.get(c).descendingSet()) {
                slotOf.get(c).put(b, allBounds.size());
                allBounds.add(b);
            }
        }
        slotFrom[columns] = allBounds.size();
        slotBound = new long[allBounds.size()];
        slotBelowAll = new boolean[allBounds.size()];
        for (int i = 0; i < slotBound.length; i++) {
            slotBound[i] = allBounds.get(i);
            slotBelowAll[i] = slotBound[i] == Long.MIN_VALUE;
        }
        at = new int[slotBound.length][capacity];
        // Aggregates: distinct (signal, end slot, start slot, aggregate, empty rule), grouped by signal.
        List<int[]> keys = new ArrayList<>();
        Map<List<Integer>, Integer> ids = new HashMap<>();
        int[][] windowAggregates = new int[n][];
        int[][] denominatorAggregates = new int[n][];
        for (int d = 0; d < n; d++) {
            FeatureDefinition def = definitions.get(d);
            if (def.aggregate() == Aggregate.DAYS_SINCE_LAST) {
                continue;
            }
            windowAggregates[d] = aggregates(def, signalOf[d], bounds[d], slotOf, keys, ids);
            if (denominatorOf[d] >= 0) {
                denominatorAggregates[d] = aggregates(def, denominatorOf[d], bounds[d], slotOf, keys, ids);
            }
        }
        Integer[] order = new Integer[keys.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(keys.get(a)[0], keys.get(b)[0])); // stable: by signal, then first use
        int[] renumber = new int[order.length];
        int m = keys.size();
        aggregateSignal = new int[m];
        aggregateEnd = new int[m];
        aggregateStart = new int[m];
        aggregateKind = new int[m];
        aggregateEmptyAsZero = new boolean[m];
        for (int i = 0; i < m; i++) {
            int[] key = keys.get(order[i]);
            renumber[order[i]] = i;
            aggregateSignal[i] = key[0];
            aggregateEnd[i] = key[1];
            aggregateStart[i] = key[2];
            aggregateKind[i] = key[3];
            aggregateEmptyAsZero[i] = key[4] == 1;
        }
        aggregateValue = new double[m][capacity];
        aggregateCount = new int[m][capacity];
        kind = new int[n];
        changeKind = new int[n];
        trendPeriods = new int[n];
        reads = new int[n][];
        for (int d = 0; d < n; d++) {
            FeatureDefinition def = definitions.get(d);
            changeKind[d] = def.change().map(Enum::ordinal).orElse(-1);
            trendPeriods[d] = def.trendPeriods().orElse(0);
            if (def.aggregate() == Aggregate.DAYS_SINCE_LAST) {
                kind[d] = DAYS_SINCE_LAST;
                reads[d] = new int[] {slotOf.get(signalOf[d]).get(bounds[d][0]), slotOf.get(signalOf[d]).get(bounds[d][1]), signalOf[d]};
                continue;
            }
            int[] windows = windowAggregates[d];
            for (int k = 0; k < windows.length; k++) {
                windows[k] = renumber[windows[k]];
            }
            if (denominatorOf[d] >= 0) {
                kind[d] = RATIO;
                reads[d] = new int[] {windows[0], renumber[denominatorAggregates[d][0]]};
            } else {
                kind[d] = changeKind[d] >= 0 ? CHANGE : trendPeriods[d] > 0 ? TREND : PLAIN;
                reads[d] = windows;
            }
        }
        value = new double[n][capacity];
        count = new int[n][capacity];
    }

    /** The ids of a definition's aggregates of one signal over its windows k = 0, 1, ..., adding new ones to the keys. */
    private static int[] aggregates(FeatureDefinition def, int signal, long[] bounds, List<Map<Long, Integer>> slotOf, List<int[]> keys,
            Map<List<Integer>, Integer> ids) {
        int[] out = new int[bounds.length - 1];
        for (int k = 0; k < out.length; k++) {
            int[] key = {signal, slotOf.get(signal).get(bounds[k]), slotOf.get(signal).get(bounds[k + 1]), def.aggregate().ordinal(),
                    def.emptyAsZero() ? 1 : 0};
            out[k] = ids.computeIfAbsent(Arrays.stream(key).boxed().toList(), x -> {
                keys.add(key);
                return keys.size() - 1;
            });
        }
        return out;
    }

    /** {@code asOf - span}, or null if that is before the earliest instant (an unbounded start). */
    private static Instant before(Instant asOf, Duration span) {
        try {
            return asOf.minus(span);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** The instant in units, rounded down; after the range of {@code long}, {@link Long#MAX_VALUE} (after every time). */
    private long floor(Instant x) {
        long seconds = x.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / unitsPerSecond - 1) {
            return Long.MAX_VALUE;
        }
        return seconds * unitsPerSecond + x.getNano() / nanosPerUnit;
    }

    /**
     * An instant in units, or {@link Long#MIN_VALUE} if it does not fit (the caller reports it).
     *
     * @return the time in units
     */
    static long units(Instant x, long unitsPerSecond) {
        try {
            return Math.addExact(Math.multiplyExact(x.getEpochSecond(), unitsPerSecond),
                    x.getNano() / (NANOS_PER_SECOND / unitsPerSecond));
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Computes every definition for a block of accounts (rows) into {@link #value} and {@link #count}.
     * Each stage runs over the whole block for one signal or aggregate at a time, so each load walks
     * one array forward from row to row (which the hardware prefetches), and the choice of aggregate
     * or definition kind is made once a block rather than once an account.
     *
     * @param times per signal (in the constructor's order), its times in units, sorted within each row's run
     * @param values per signal, its values
     * @param s per signal and row, the first index of the row's run
     * @param e per signal and row, one past the last index of the row's run
     * @param rows the number of rows, at most {@link #capacity}
     */
    void block(long[][] times, double[][] values, int[][] s, int[][] e, int rows) {
        int columns = slotFrom.length - 1;
        for (int c = 0; c < columns; c++) {
            long[] t = times[c];
            int[] first = s[c];
            int[] last = e[c];
            int from = slotFrom[c];
            int to = slotFrom[c + 1];
            for (int r = 0; r < rows; r++) {
                int i = last[r];
                for (int k = from; k < to; k++) {
                    i = slotBelowAll[k] ? first[r] : search(t, first[r], i, slotBound[k]);
                    at[k][r] = i;
                }
            }
        }
        for (int a = 0; a < aggregateKind.length; a++) {
            aggregate(a, values[aggregateSignal[a]], at[aggregateStart[a]], at[aggregateEnd[a]], rows);
        }
        for (int d = 0; d < kind.length; d++) {
            double[] v = value[d];
            int[] n = count[d];
            switch (kind[d]) {
                case PLAIN: {
                    int a = reads[d][0];
                    System.arraycopy(aggregateValue[a], 0, v, 0, rows);
                    System.arraycopy(aggregateCount[a], 0, n, 0, rows);
                    break;
                }
                case CHANGE:
                    for (int r = 0; r < rows; r++) {
                        change(d, r);
                    }
                    break;
                case TREND:
                    for (int r = 0; r < rows; r++) {
                        trend(d, r);
                    }
                    break;
                case RATIO:
                    for (int r = 0; r < rows; r++) {
                        ratio(d, r);
                    }
                    break;
                default:
                    for (int r = 0; r < rows; r++) {
                        daysSinceLast(d, r, times[reads[d][2]]);
                    }
            }
            for (int r = 0; r < rows; r++) {
                if (v[r] != v[r]) {
                    n[r] = 0; // missing rests on nothing, however it came about (an overflowing sum: inf - inf)
                }
            }
        }
    }

    private void daysSinceLast(int d, int r, long[] times) {
        int hi = at[reads[d][0]][r];
        int lo = at[reads[d][1]][r];
        if (hi == lo) {
            missing(d, r);
            return;
        }
        long t = times[hi - 1];
        // Duration.between(t, asOf), as seconds and a non-negative nano part.
        long seconds = asOfSeconds - Math.floorDiv(t, unitsPerSecond);
        long nanos = asOfNanos - Math.floorMod(t, unitsPerSecond) * nanosPerUnit;
        if (nanos < 0) {
            seconds--;
            nanos += NANOS_PER_SECOND;
        }
        value[d][r] = (seconds + (int) nanos / 1e9) / SECONDS_PER_DAY;
        count[d][r] = 1;
    }

    private void ratio(int d, int r) {
        int a = reads[d][0];
        int b = reads[d][1];
        double numerator = aggregateValue[a][r];
        double denominator = aggregateValue[b][r];
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0.0) {
            missing(d, r); // no ratio against nothing, never infinite
            return;
        }
        value[d][r] = numerator / denominator;
        count[d][r] = Math.min(aggregateCount[a][r], aggregateCount[b][r]);
    }

    private void change(int d, int r) {
        int a = reads[d][0];
        int b = reads[d][1];
        double current = aggregateValue[a][r];
        double previous = aggregateValue[b][r];
        if (Double.isNaN(current) || Double.isNaN(previous)) {
            missing(d, r);
            return;
        }
        double change;
        if (changeKind[d] == WindowChange.ABSOLUTE.ordinal()) {
            change = current - previous;
        } else if (previous == 0) {
            missing(d, r); // no percent change against nothing
            return;
        } else {
            change = 100.0 * (current - previous) / Math.abs(previous);
        }
        value[d][r] = change;
        count[d][r] = Math.min(aggregateCount[a][r], aggregateCount[b][r]);
    }

    private void missing(int d, int r) {
        value[d][r] = Double.NaN;
        count[d][r] = 0;
    }

    /** Least-squares slope per period over the periods that have a value; x is the period, oldest 0. */
    private void trend(int d, int r) {
        int[] windows = reads[d];
        int n = trendPeriods[d];
        int points = 0;
        int observations = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            double v = aggregateValue[windows[k]][r];
            observations += aggregateCount[windows[k]][r];
            if (Double.isNaN(v)) {
                continue;
            }
            double x = n - 1 - k;
            points++;
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
        }
        if (points < 2) {
            missing(d, r);
            return;
        }
        // Distinct x values, so the denominator is positive once there are two points.
        value[d][r] = (points * sxy - sx * sy) / (points * sxx - sx * sx);
        count[d][r] = observations;
    }

    /**
     * Aggregate {@code a} of each row over {@code [lo[r], hi[r])} into {@link #aggregateValue} (NaN if empty
     * and empty is missing) and {@link #aggregateCount}.
     */
    private void aggregate(int a, double[] values, int[] lo, int[] hi, int rows) {
        double[] out = aggregateValue[a];
        int[] count = aggregateCount[a];
        double empty = aggregateEmptyAsZero[a] ? 0.0 : Double.NaN;
        int k = aggregateKind[a];
        for (int r = 0; r < rows; r++) {
            count[r] = hi[r] - lo[r];
        }
        if (k == COUNT) {
            for (int r = 0; r < rows; r++) {
                out[r] = count[r] == 0 ? empty : count[r];
            }
        } else if (k == LAST) {
            for (int r = 0; r < rows; r++) {
                out[r] = count[r] == 0 ? empty : values[hi[r] - 1];
            }
        } else if (k == SUM) {
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int i = lo[r], end = hi[r]; i < end; i++) {
                    sum += values[i];
                }
                out[r] = count[r] == 0 ? empty : sum;
            }
        } else if (k == DISTINCT) {
            for (int r = 0; r < rows; r++) {
                out[r] = count[r] == 0 ? empty : distinct(values, lo[r], hi[r]);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                out[r] = count[r] == 0 ? empty : spread(k, values, lo[r], hi[r]);
            }
        }
    }

    /** MIN, MAX or MEAN of a non-empty run. */
    private static double spread(int k, double[] values, int lo, int hi) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            double v = values[i];
            sum += v;
            // Math.min and Math.max for finite values (-0.0 below 0.0), with branches the JIT predicts.
            if (v < min || v == 0.0 && min == 0.0 && 1 / v < 0) {
                min = v;
            }
            if (v > max || v == 0.0 && max == 0.0 && 1 / v > 0) {
                max = v;
            }
        }
        if (k == MIN) {
            return min;
        }
        if (k == MAX) {
            return max;
        }
        // sum / count can miss [min, max] by a rounding step (3 x 0.1 / 3 > 0.1); the mean cannot.
        return Math.max(min, Math.min(max, sum / (hi - lo)));
    }

    /** How many different values (equal by {@code ==}, so 0.0 and -0.0 are one) are in {@code [lo, hi)}. */
    private int distinct(double[] values, int lo, int hi) {
        int n = hi - lo;
        if (scratch.length < n) {
            scratch = new double[Math.max(n, 2 * scratch.length)];
        }
        System.arraycopy(values, lo, scratch, 0, n);
        Arrays.sort(scratch, 0, n);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            if (scratch[i] != scratch[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** The index in {@code [s, e]} one past the last time at or before {@code t}; every time in {@code [e, ...)} of the run is after it. */
    private static int search(long[] times, int s, int e, long t) {
        // Windows end near the newest observation: step back from the end (predictable branches),
        // and bisect only what is left after a few steps.
        int i = e;
        int near = Math.max(s, e - LINEAR_STEPS);
        while (i > near && times[i - 1] > t) {
            i--;
        }
        if (i > near || i == s) {
            return i;
        }
        int lo = s;
        int hi = i;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] > t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
