package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.playbooks.Operator;

/**
 * The comparisons of numbers with thresholds, answered a group at a time: the comparisons of one
 * source with one operator (tiers such as ARR &gt;= 100k / 500k / 1M) hold for a contiguous run of
 * their thresholds once these are sorted, so one count of the thresholds below the value (or at or
 * below it) gives the bit mask of all those that hold, instead of one comparison and one bit each
 * (the range index of a rule engine's alpha network).
 *
 * <p>Each comparison gets a bit position ({@link #position}); a group's thresholds, in ascending
 * order, take consecutive positions within one 64-bit word (a group that would cross a word starts
 * the next one; the skipped bits are never set), at most {@link #MAX_GROUP} per group (a longer one
 * is split). {@link #test} sets exactly the bits of the comparisons {@code value op threshold} that
 * hold, with the engine's semantics: a missing value (NaN) fails every comparison, {@code !=}
 * included; {@code -0.0} equals {@code +0.0}; equal thresholds answer alike. A group's count is
 * branch-free: a linear count up to {@link #LINEAR} thresholds, a binary search of fixed steps
 * beyond.
 */
final class RangeIndex {
    /** The most thresholds in a group: a group's mask is built with {@code (1L << k) - 1}, so k stays below 64. */
    static final int MAX_GROUP = 63;
    /** Groups up to this size count by comparing with every threshold (independent comparisons); larger ones search. */
    static final int LINEAR = 8;

    /** Per group: the source (an index into the values), the operator's code, its first threshold, its size, its first bit. */
    private final int[] source, op, start, size, bit;
    /** The groups' thresholds, each group's ascending. */
    private final double[] thresholds;
    /** Per comparison as given: its bit position. */
    private final int[] position;
    private final int bits;

    /**
     * Indexes comparisons {@code k}: {@code values[sources[k]] ops[k] thresholds[k]}.
     *
     * @throws IllegalArgumentException if a threshold is NaN (thresholds are finite by the definitions' validation)
     */
    RangeIndex(int[] sources, Operator[] ops, double[] thresholds) {
        int n = sources.length;
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            if (Double.isNaN(thresholds[k])) {
                throw new IllegalArgumentException("comparison " + k + ": the threshold is NaN; thresholds must be numbers");
            }
            groups.computeIfAbsent(((long) sources[k] << 3) | code(ops[k]), key -> new ArrayList<>()).add(k);
        }
        List<int[]> split = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            g.sort(Comparator.comparingDouble(k -> thresholds[k]));
            for (int from = 0; from < g.size(); from += MAX_GROUP) {
                split.add(g.subList(from, Math.min(g.size(), from + MAX_GROUP)).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        int groupCount = split.size();
        source = new int[groupCount];
        op = new int[groupCount];
        start = new int[groupCount];
        size = new int[groupCount];
        bit = new int[groupCount];
        this.thresholds = new double[n];
        position = new int[n];
        int next = 0, at = 0;
        for (int g = 0; g < groupCount; g++) {
            int[] members = split.get(g);
            if ((next & 63) + members.length > 64) {
                next = (next + 63) & ~63;
            }
            source[g] = sources[members[0]];
            op[g] = code(ops[members[0]]);
            start[g] = at;
            size[g] = members.length;
            bit[g] = next;
            for (int k : members) {
                this.thresholds[at++] = thresholds[k];
                position[k] = next++;
            }
        }
        bits = next;
    }

    /** An operator's code; exhaustive, so a new operator does not compile unplaced. */
    private static int code(Operator op) {
        return switch (op) {
            case LT -> 0;
            case LE -> 1;
            case GT -> 2;
            case GE -> 3;
            case EQ -> 4;
            case NE -> 5;
        };
    }

    /** The bit position of comparison {@code k}. */
    int position(int k) {
        return position[k];
    }

    /** The positions used, skipped ones included: the first position after them all. */
    int bits() {
        return bits;
    }

    /**
     * Sets, in {@code truth} (at least {@code (bits() + 63) / 64} words), the bit of every
     * comparison that holds for the values; leaves the other bits as they are.
     */
    void test(double[] values, long[] truth) {
        int[] source = this.source, op = this.op, start = this.start, size = this.size, bit = this.bit;
        double[] t = thresholds;
        for (int g = 0; g < source.length; g++) {
            double v = values[source[g]];
            int from = start[g], k = size[g];
            long all = (1L << k) - 1;
            // below: thresholds < v; atOrBelow: thresholds <= v (both 0 for NaN, which then fails the rest by its mask).
            long mask;
            switch (op[g]) {
                case 0 -> mask = all & ~low(atOrBelow(t, from, k, v)) & present(v);
                case 1 -> mask = all & ~low(below(t, from, k, v)) & present(v);
                case 2 -> mask = low(below(t, from, k, v));
                case 3 -> mask = low(atOrBelow(t, from, k, v));
                case 4 -> mask = low(atOrBelow(t, from, k, v)) & ~low(below(t, from, k, v));
                default -> mask = all & ~(low(atOrBelow(t, from, k, v)) & ~low(below(t, from, k, v))) & present(v);
            }
            truth[bit[g] >>> 6] |= mask << bit[g];
        }
    }

    /** The lowest {@code c} bits, {@code c <= 63}. */
    private static long low(int c) {
        return (1L << c) - 1;
    }

    /** All bits when the value is a number, none when it is missing (NaN). */
    private static long present(double v) {
        return v == v ? -1L : 0L;
    }

    /** How many of the {@code k} ascending thresholds from {@code from} are below {@code v}. */
    private static int below(double[] t, int from, int k, double v) {
        if (k <= LINEAR) {
            int c = 0;
            for (int i = from, end = from + k; i < end; i++) {
                c += t[i] < v ? 1 : 0;
            }
            return c;
        }
        // Fixed steps (the length halves whatever the comparisons say): base ends at the last threshold below v, if any.
        int base = from;
        for (int n = k; n > 1; ) {
            int half = n >>> 1;
            base = t[base + half - 1] < v ? base + half : base;
            n -= half;
        }
        return base - from + (t[base] < v ? 1 : 0);
    }

    /** How many of the {@code k} ascending thresholds from {@code from} are at or below {@code v}. */
    private static int atOrBelow(double[] t, int from, int k, double v) {
        if (k <= LINEAR) {
            int c = 0;
            for (int i = from, end = from + k; i < end; i++) {
                c += t[i] <= v ? 1 : 0;
            }
            return c;
        }
        int base = from;
        for (int n = k; n > 1; ) {
            int half = n >>> 1;
            base = t[base + half - 1] <= v ? base + half : base;
            n -= half;
        }
        return base - from + (t[base] <= v ? 1 : 0);
    }

    @Override
    public String toString() {
        return "RangeIndex[" + source.length + " groups, " + thresholds.length + " comparisons: " + Arrays.toString(size) + "]";
    }
}
