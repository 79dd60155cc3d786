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
 * their thresholds once these are sorted, so one count of the thresholds below the value gives the
 * bit mask of all those that hold, instead of one comparison and one bit each (the range index of
 * a rule engine's alpha network).
 *
 * <p>Each comparison gets a bit position ({@link #position}); a group's thresholds, in ascending
 * order, take consecutive positions within one 64-bit word (a group that would cross a word starts
 * the next one; the skipped bits are never set), at most {@link #MAX_GROUP} per group (a longer one
 * is split). {@link #test} sets exactly the bits of the comparisons {@code value op threshold} that
 * hold, with the engine's semantics: a missing value (NaN) fails every comparison, {@code !=}
 * included; {@code -0.0} equals {@code +0.0}; equal thresholds answer alike; infinite values
 * compare as numbers.
 *
 * <p>How: for {@code >=} and {@code <} a threshold {@code t} is kept as {@code nextDown(t)} (for a
 * finite {@code t} and a number {@code v}, {@code t <= v} exactly when {@code nextDown(t) < v}), so
 * every group of {@code <, <=, >, >=} counts {@code c}, its thresholds strictly below the value, and
 * its mask is the lowest {@code c} bits ({@code >, >=}) or the others ({@code <, <=}), without a
 * branch on the operator. A group of up to {@link #LINEAR} thresholds counts each of them, in
 * one jump into a run of independent comparisons by its size (no loop exit to predict, and no
 * padding: the comparisons are most of the work, so a group of 5 does 5, not 8); longer groups
 * search in fixed steps. {@code ==} and {@code !=} count both sides
 * ({@code [below, at or below)} is the equal run).
 */
final class RangeIndex {
    /** The most thresholds in a group: a group's mask is built with {@code (1L << k) - 1}, so k stays below 64. */
    static final int MAX_GROUP = 63;
    /** Groups up to this size count every threshold; larger ones search. */
    static final int LINEAR = 8;

    /** Groups of {@code <, <=, >, >=} with up to {@link #LINEAR} thresholds, then more; then groups of {@code ==, !=}: where each kind ends. */
    private final int endCounted, endSearch;
    /** Per group: the source (an index into the values), its first threshold, its size, its first bit. */
    private final int[] source, start, size, bit;
    /** Per group: the bits to flip in the count's mask ({@code <, <=}: all the group's; {@code >, >=}: none); for {@code ==, !=}: 0 or all. */
    private final long[] flip;
    /** The groups' thresholds (as counted: {@code nextDown(t)} for {@code >=} and {@code <}), each group's ascending. */
    private final double[] thresholds;
    /** Per comparison as given: its bit position. */
    private final int[] position;
    private final int bits;

    /**
     * Indexes comparisons {@code k}: {@code values[sources[k]] ops[k] thresholds[k]}.
     *
     * @throws IllegalArgumentException if a threshold is NaN or infinite (definitions' thresholds are finite by their validation)
     */
    RangeIndex(int[] sources, Operator[] ops, double[] thresholds) {
        int n = sources.length;
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(thresholds[k])) {
                throw new IllegalArgumentException("comparison " + k + ": the threshold is " + thresholds[k]
                        + "; thresholds must be finite numbers");
            }
        }
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            groups.computeIfAbsent(((long) sources[k] << 3) | ops[k].ordinal(), key -> new ArrayList<>()).add(k);
        }
        // Kinds: 0 ordered and counted, 1 ordered and searched, 2 equality.
        List<List<int[]>> kinds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (List<Integer> g : groups.values()) {
            g.sort(Comparator.comparingDouble(k -> thresholds[k]));
            for (int from = 0; from < g.size(); from += MAX_GROUP) {
                int[] members = g.subList(from, Math.min(g.size(), from + MAX_GROUP)).stream().mapToInt(Integer::intValue).toArray();
                int kind = switch (ops[members[0]]) {
                    case LT, LE, GT, GE -> members.length <= LINEAR ? 0 : 1;
                    case EQ, NE -> 2;
                };
                kinds.get(kind).add(members);
            }
        }
        List<int[]> all = new ArrayList<>();
        int[] ends = new int[3];
        for (int kind = 0; kind < 3; kind++) {
            all.addAll(kinds.get(kind));
            ends[kind] = all.size();
        }
        endCounted = ends[0];
        endSearch = ends[1];
        int groupCount = all.size();
        source = new int[groupCount];
        start = new int[groupCount];
        size = new int[groupCount];
        bit = new int[groupCount];
        flip = new long[groupCount];
        List<Double> counted = new ArrayList<>();
        position = new int[n];
        int next = 0;
        for (int g = 0; g < groupCount; g++) {
            int[] members = all.get(g);
            int k = members.length;
            if ((next & 63) + k > 64) {
                next = (next + 63) & ~63;
            }
            Operator op = ops[members[0]];
            source[g] = sources[members[0]];
            start[g] = counted.size();
            size[g] = k;
            bit[g] = next;
            flip[g] = op == Operator.LT || op == Operator.LE || op == Operator.NE ? (1L << k) - 1 : 0L;
            for (int m : members) {
                double t = thresholds[m];
                counted.add(op == Operator.GE || op == Operator.LT ? Math.nextDown(t) : t);
                position[m] = next++;
            }
        }
        this.thresholds = counted.stream().mapToDouble(Double::doubleValue).toArray();
        bits = next;
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
        int[] source = this.source, start = this.start, size = this.size, bit = this.bit;
        long[] flip = this.flip;
        double[] t = thresholds;
        // The bits of the current word are gathered in a register (positions ascend with the groups)
        // and stored when the word changes, rather than read and written in memory per group.
        int w = 0;
        long word = 0;
        int g = 0;
        for (; g < endCounted; g++) {
            double v = values[source[g]];
            int i = start[g], at = bit[g];
            if (at >>> 6 != w) {
                truth[w] |= word;
                word = 0;
                w = at >>> 6;
            }
            word |= ((low(counted(t, i, size[g], v)) ^ flip[g]) & present(v)) << at;
        }
        for (; g < endSearch; g++) {
            double v = values[source[g]];
            int at = bit[g];
            if (at >>> 6 != w) {
                truth[w] |= word;
                word = 0;
                w = at >>> 6;
            }
            word |= ((low(below(t, start[g], size[g], v)) ^ flip[g]) & present(v)) << at;
        }
        for (; g < source.length; g++) {
            // == and !=: the equal thresholds are those below nextUp(v) and not below v (for a number v).
            double v = values[source[g]];
            int from = start[g], k = size[g], at = bit[g];
            if (at >>> 6 != w) {
                truth[w] |= word;
                word = 0;
                w = at >>> 6;
            }
            long equal = low(below(t, from, k, Math.nextUp(v))) & ~low(below(t, from, k, v));
            word |= ((equal ^ flip[g]) & present(v)) << at;
        }
        if (source.length > 0) {
            truth[w] |= word;
        }
    }

    /**
     * {@link #test} for an index whose positions all lie in the first word ({@code bits() <= 64}):
     * the word of the comparisons that hold, in a register, never stored (the one-row pass then adds
     * its other tests to it before it stores the word once).
     */
    long word(double[] values) {
        int[] source = this.source, start = this.start, size = this.size, bit = this.bit;
        long[] flip = this.flip;
        double[] t = thresholds;
        long word = 0;
        int g = 0;
        for (; g < endCounted; g++) {
            double v = values[source[g]];
            word |= ((low(counted(t, start[g], size[g], v)) ^ flip[g]) & present(v)) << bit[g];
        }
        for (; g < endSearch; g++) {
            double v = values[source[g]];
            word |= ((low(below(t, start[g], size[g], v)) ^ flip[g]) & present(v)) << bit[g];
        }
        for (; g < source.length; g++) {
            double v = values[source[g]];
            int from = start[g], k = size[g];
            long equal = low(below(t, from, k, Math.nextUp(v))) & ~low(below(t, from, k, v));
            word |= ((equal ^ flip[g]) & present(v)) << bit[g];
        }
        return word;
    }

    /** The lowest {@code c} bits, {@code c <= 63}. */
    private static long low(int c) {
        return (1L << c) - 1;
    }

    /**
     * How many of the {@code k} (1 to {@link #LINEAR}) ascending thresholds from {@code i} are below {@code v}: a jump by
     * the group's size into its comparisons (8 down to 1), each counted without a branch.
     */
    @SuppressWarnings("fallthrough") // the count of a group falls through its comparisons
    private static int counted(double[] t, int i, int k, double v) {
        int c = 0;
        switch (k) {
            case 8: c += t[i + 7] < v ? 1 : 0;
            case 7: c += t[i + 6] < v ? 1 : 0;
            case 6: c += t[i + 5] < v ? 1 : 0;
            case 5: c += t[i + 4] < v ? 1 : 0;
            case 4: c += t[i + 3] < v ? 1 : 0;
            case 3: c += t[i + 2] < v ? 1 : 0;
            case 2: c += t[i + 1] < v ? 1 : 0;
            default: c += t[i] < v ? 1 : 0;
        }
        return c;
    }

    /** All bits when the value is a number, none when it is missing (NaN). */
    private static long present(double v) {
        return v == v ? -1L : 0L;
    }

    /** How many of the {@code k >= 1} ascending thresholds from {@code from} are below {@code v}: a search of fixed steps. */
    private static int below(double[] t, int from, int k, double v) {
        // The length halves whatever the comparisons say; base ends at the last threshold below v, if any.
        int base = from;
        for (int n = k; n > 1; ) {
            int half = n >>> 1;
            base = t[base + half - 1] < v ? base + half : base;
            n -= half;
        }
        return base - from + (t[base] < v ? 1 : 0);
    }

    @Override
    public String toString() {
        return "RangeIndex[" + source.length + " groups, " + position.length + " comparisons: " + Arrays.toString(size) + "]";
    }
}
