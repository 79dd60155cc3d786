package org.cskit.scoring.features;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The arithmetic of feature derivation, shared by the object path (one account's signals, times
 * in nanoseconds) and the column path (a portfolio's signal columns, times in milliseconds): the
 * definitions compiled against one as-of time, with every window boundary worked out once, then
 * applied to one account's observations of each signal, given as a run {@code [s, e)} of parallel
 * {@code long} time and {@code double} value arrays sorted by time.
 *
 * <p>A time {@code t} in units is at or before an instant {@code x} when {@code t <= floor(x)} in the
 * same units, so both paths cut the windows exactly where {@link Instant} comparisons would. Not
 * thread-safe: {@link #value}, {@link #count} and the scratch buffer belong to one caller.
 */
final class Windows {
    private static final double SECONDS_PER_DAY = 86_400.0;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** How far back from the newest observation a search steps before it bisects. */
    private static final int LINEAR_STEPS = 16;

    // Each definition unpacked once: its Optional attributes are made anew on every call.
    private final Aggregate[] aggregate;
    private final int[] changeKind; // -1 none, else a WindowChange ordinal
    private final int[] trendPeriods; // 0 none
    private final boolean[] emptyAsZero;
    private static final int PLAIN = 0;
    private static final int CHANGE = 1;
    private static final int TREND = 2;
    private static final int RATIO = 3;
    private static final int DAYS_SINCE_LAST = 4;
    private final int[] kind;
    private final long unitsPerSecond;
    private final long nanosPerUnit;
    private final long asOfSeconds;
    private final int asOfNanos;
    /** Per definition, per k: floor(asOf - k window) in units; {@link #belowAll} where it is before every time. */
    private final long[][] bounds;
    private final boolean[][] belowAll;
    private double[] scratch = new double[64];
    /**
     * Per definition, per k: the slot of its signal's boundary k (and, for a ratio, of its
     * denominator's), shared by every definition that cuts the same signal at the same instant, so
     * that each account's search for it runs once: the cache holds the index found, valid while
     * {@link #account} is unchanged.
     */
    private final int[][] slot;
    private final int[][] denominatorSlot;
    private final int[] cached;
    private final int[] cachedFor;
    /**
     * Per definition, per k: the id of its aggregate over the k-th window (and, for a ratio, of its
     * denominator's), shared by every definition that aggregates the same signal over the same
     * window in the same way (a sum and its percent change, a mean and its trend), so that it is
     * computed once per account; -1 where no other definition reads it. The value and count are
     * held while {@link #account} is unchanged.
     */
    private final int[][] shared;
    private final int[][] denominatorShared;
    private final double[] sharedValue;
    private final int[] sharedCount;
    private final int[] sharedFor;
    /** Per slot: its boundary in units, or before every time. */
    private final long[] slotBound;
    private final boolean[] slotBelowAll;
    private int account = 1;

    /** The result of the last {@link #compute}: the value (NaN: missing) and what it rests on. */
    double value;
    int count;

    Windows(List<FeatureDefinition> definitions, Instant asOf, long unitsPerSecond) {
        int count = definitions.size();
        this.aggregate = new Aggregate[count];
        this.changeKind = new int[count];
        this.trendPeriods = new int[count];
        this.emptyAsZero = new boolean[count];
        this.kind = new int[count];
        for (int d = 0; d < count; d++) {
            FeatureDefinition def = definitions.get(d);
            aggregate[d] = def.aggregate();
            changeKind[d] = def.change().map(Enum::ordinal).orElse(-1);
            trendPeriods[d] = def.trendPeriods().orElse(0);
            emptyAsZero[d] = def.emptyAsZero();
            kind[d] = aggregate[d] == Aggregate.DAYS_SINCE_LAST ? DAYS_SINCE_LAST : def.denominator().isPresent() ? RATIO : changeKind[d] >= 0 ? CHANGE
                    : trendPeriods[d] > 0 ? TREND : PLAIN;
        }
        this.unitsPerSecond = unitsPerSecond;
        this.nanosPerUnit = NANOS_PER_SECOND / unitsPerSecond;
        this.asOfSeconds = asOf.getEpochSecond();
        this.asOfNanos = asOf.getNano();
        this.bounds = new long[count][];
        this.belowAll = new boolean[count][];
        for (int d = 0; d < count; d++) {
            FeatureDefinition def = definitions.get(d);
            int windows = def.trendPeriods().orElse(def.change().isPresent() ? 2 : 1);
            bounds[d] = new long[windows + 1];
            belowAll[d] = new boolean[windows + 1];
            for (int k = 0; k <= windows; k++) {
                Instant bound = k == 0 ? asOf : before(asOf, def.window().multipliedBy(k));
                if (bound == null || bound.getEpochSecond() <= -(Long.MAX_VALUE / unitsPerSecond - 1)) {
                    belowAll[d][k] = true; // before every time a long holds
                } else {
                    bounds[d][k] = floor(bound);
                }
            }
        }
        java.util.Map<String, Integer> slots = new java.util.HashMap<>();
        slot = new int[count][];
        denominatorSlot = new int[count][];
        for (int d = 0; d < count; d++) {
            FeatureDefinition def = definitions.get(d);
            slot[d] = slots(slots, def.signal(), d);
            denominatorSlot[d] = def.denominator().isPresent() ? slots(slots, def.denominator().get(), d) : slot[d];
        }
        java.util.Map<String, Integer> aggregates = new java.util.HashMap<>();
        java.util.Map<String, Integer> uses = new java.util.HashMap<>();
        String[][] keys = new String[count][];
        String[][] denominatorKeys = new String[count][];
        for (int d = 0; d < count; d++) {
            keys[d] = aggregateKeys(d, slot[d], uses);
            denominatorKeys[d] = denominatorSlot[d] == slot[d] ? keys[d] : aggregateKeys(d, denominatorSlot[d], uses);
        }
        shared = new int[count][];
        denominatorShared = new int[count][];
        for (int d = 0; d < count; d++) {
            shared[d] = sharedIds(keys[d], uses, aggregates);
            denominatorShared[d] = denominatorKeys[d] == keys[d] ? shared[d] : sharedIds(denominatorKeys[d], uses, aggregates);
        }
        sharedValue = new double[aggregates.size()];
        sharedCount = new int[aggregates.size()];
        sharedFor = new int[aggregates.size()];
        cached = new int[slots.size()];
        cachedFor = new int[slots.size()];
        slotBound = new long[slots.size()];
        slotBelowAll = new boolean[slots.size()];
        for (int d = 0; d < count; d++) {
            for (int k = 0; k < bounds[d].length; k++) {
                for (int id : new int[] {slot[d][k], denominatorSlot[d][k]}) {
                    slotBound[id] = bounds[d][k];
                    slotBelowAll[id] = belowAll[d][k];
                }
            }
        }
    }

    private int[] slots(java.util.Map<String, Integer> slots, String signal, int d) {
        int[] out = new int[bounds[d].length];
        for (int k = 0; k < out.length; k++) {
            String key = signal + '|' + (belowAll[d][k] ? "all" : Long.toString(bounds[d][k]));
            Integer known = slots.putIfAbsent(key, slots.size());
            out[k] = known == null ? slots.size() - 1 : known;
        }
        return out;
    }

    /** Per k, a key naming what the k-th window's aggregate of definition d computes; counts each key's uses. */
    private String[] aggregateKeys(int d, int[] slots, java.util.Map<String, Integer> uses) {
        String[] out = new String[slots.length - 1];
        for (int k = 0; k < out.length; k++) {
            out[k] = slots[k] + "|" + slots[k + 1] + "|" + aggregate[d] + "|" + emptyAsZero[d];
            uses.merge(out[k], 1, Integer::sum);
        }
        return out;
    }

    private static int[] sharedIds(String[] keys, java.util.Map<String, Integer> uses, java.util.Map<String, Integer> ids) {
        int[] out = new int[keys.length + 1]; // one more, never read: the arrays follow the slots' shape
        java.util.Arrays.fill(out, -1);
        for (int k = 0; k < keys.length; k++) {
            if (uses.get(keys[k]) > 1) {
                out[k] = ids.computeIfAbsent(keys[k], key -> ids.size());
            }
        }
        return out;
    }

    /** Starts another account: the boundary indexes found for the last one no longer hold. */
    void nextAccount() {
        account++;
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
     * Computes definition {@code d} for one account into {@link #value} and {@link #count}.
     *
     * @param times the signal's times, sorted, in units; {@code [s, e)} is the account's run
     * @param dTimes the denominator signal's times (for a ratio), {@code [ds, de)} the account's run
     * @return whether the feature has a value
     */
    boolean compute(int d, long[] times, double[] values, int s, int e, long[] dTimes, double[] dValues, int ds, int de) {
        // Small enough to be inlined into the callers' loops; each kind in its own method.
        switch (kind[d]) {
            case PLAIN:
                aggregate(d, times, values, s, e, 0, slot[d], shared[d]);
                return value == value;
            case CHANGE:
                return change(d, times, values, s, e);
            case TREND:
                return trend(d, times, values, s, e);
            case RATIO:
                return ratio(d, times, values, s, e, dTimes, dValues, ds, de);
            default:
                return daysSinceLast(d, times, s, e);
        }
    }

    private boolean daysSinceLast(int d, long[] times, int s, int e) {
        int hi = upTo(times, s, e, slot[d][0]);
        int lo = upTo(times, s, e, slot[d][1]);
        if (hi == lo) {
            return missing();
        }
        long t = times[hi - 1];
        // Duration.between(t, asOf), as seconds and a non-negative nano part.
        long seconds = asOfSeconds - Math.floorDiv(t, unitsPerSecond);
        long nanos = asOfNanos - Math.floorMod(t, unitsPerSecond) * nanosPerUnit;
        if (nanos < 0) {
            seconds--;
            nanos += NANOS_PER_SECOND;
        }
        value = (seconds + (int) nanos / 1e9) / SECONDS_PER_DAY;
        count = 1;
        return true;
    }

    private boolean ratio(int d, long[] times, double[] values, int s, int e, long[] dTimes, double[] dValues, int ds, int de) {
        aggregate(d, times, values, s, e, 0, slot[d], shared[d]);
        double numerator = value;
        int numeratorCount = count;
        aggregate(d, dTimes, dValues, ds, de, 0, denominatorSlot[d], denominatorShared[d]);
        if (Double.isNaN(numerator) || Double.isNaN(value) || value == 0.0) {
            return missing(); // no ratio against nothing, never infinite
        }
        value = numerator / value;
        count = Math.min(numeratorCount, count);
        return true;
    }

    private boolean change(int d, long[] times, double[] values, int s, int e) {
        aggregate(d, times, values, s, e, 0, slot[d], shared[d]);
        double current = value;
        int currentCount = count;
        aggregate(d, times, values, s, e, 1, slot[d], shared[d]);
        double previous = value;
        if (Double.isNaN(current) || Double.isNaN(previous)) {
            return missing();
        }
        double change;
        if (changeKind[d] == WindowChange.ABSOLUTE.ordinal()) {
            change = current - previous;
        } else if (previous == 0) {
            return missing(); // no percent change against nothing
        } else {
            change = 100.0 * (current - previous) / Math.abs(previous);
        }
        value = change;
        count = Math.min(currentCount, count);
        return true;
    }

    private boolean missing() {
        value = Double.NaN;
        count = 0;
        return false;
    }

    /** Least-squares slope per period over the periods that have a value; x is the period, oldest 0. */
    private boolean trend(int d, long[] times, double[] values, int s, int e) {
        int n = trendPeriods[d];
        int points = 0;
        int observations = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            aggregate(d, times, values, s, e, k, slot[d], shared[d]);
            observations += count;
            if (Double.isNaN(value)) {
                continue;
            }
            double x = n - 1 - k;
            points++;
            sx += x;
            sy += value;
            sxx += x * x;
            sxy += x * value;
        }
        if (points < 2) {
            return missing();
        }
        // Distinct x values, so the denominator is positive once there are two points.
        value = (points * sxy - sx * sy) / (points * sxx - sx * sx);
        count = observations;
        return true;
    }

    /**
     * The definition's aggregate over the k-th window back, {@code (asOf - (k+1) window, asOf - k window]},
     * into {@link #value} (NaN if the window is empty and empty windows are missing) and {@link #count}.
     */
    private void aggregate(int d, long[] times, double[] values, int s, int e, int k, int[] slots, int[] sharedIds) {
        int id = sharedIds[k];
        if (id >= 0 && sharedFor[id] == account) {
            value = sharedValue[id];
            count = sharedCount[id];
            return;
        }
        aggregate(d, times, values, s, e, k, slots);
        if (id >= 0) {
            sharedValue[id] = value;
            sharedCount[id] = count;
            sharedFor[id] = account;
        }
    }

    private void aggregate(int d, long[] times, double[] values, int s, int e, int k, int[] slots) {
        int hi = upTo(times, s, e, slots[k]);
        // The window's start is at or before its end, so its search need not look past hi.
        int lo = upTo(times, s, hi, slots[k + 1]);
        int n = hi - lo;
        count = n;
        if (n == 0) {
            value = emptyAsZero[d] ? 0.0 : Double.NaN;
            return;
        }
        switch (aggregate[d]) {
            case COUNT:
                value = n;
                return;
            case LAST:
                value = values[hi - 1];
                return;
            case DISTINCT:
                value = distinct(values, lo, hi);
                return;
            case SUM: {
                double sum = 0; // the same order as below, without the min and max a sum does not need
                for (int i = lo; i < hi; i++) {
                    sum += values[i];
                }
                value = sum;
                return;
            }
            default:
                break;
        }
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
        switch (aggregate[d]) {
            case MIN:
                value = min;
                break;
            case MAX:
                value = max;
                break;
            default:
                // sum / count can miss [min, max] by a rounding step (3 x 0.1 / 3 > 0.1); the mean cannot.
                value = Math.max(min, Math.min(max, sum / n));
        }
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

    /** The index one past the account's last observation at or before the boundary of a slot. */
    private int upTo(long[] times, int s, int e, int id) {
        if (cachedFor[id] == account) {
            return cached[id];
        }
        int found = slotBelowAll[id] ? s : search(times, s, e, slotBound[id]);
        cached[id] = found;
        cachedFor[id] = account;
        return found;
    }

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
