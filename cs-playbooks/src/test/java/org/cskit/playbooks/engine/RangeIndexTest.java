package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.cskit.playbooks.Operator;
import org.junit.jupiter.api.Test;

/**
 * The range index answers every comparison exactly as comparing one by one does ({@code v == v &&
 * op.test(v, t)}: NaN fails every operator, {@code !=} included): random comparisons over a few
 * sources (every operator, thresholds drawn from a small pool so that many are equal, with the
 * largest and smallest doubles, {@code -0.0} and {@code +0.0}; groups from 1 to over {@link
 * RangeIndex#MAX_GROUP} thresholds, so the counts of every size up to 8, the search, and split
 * groups are all tested) against values equal to thresholds, next to them ({@link Math#nextUp}/{@link
 * Math#nextDown}), NaN, infinities and zeros of either sign. Thresholds are finite (the
 * definitions' validation refuses others; so does the index). An index whose positions fit one
 * word answers {@link RangeIndex#word} with the same word (the one-row pass's register path).
 */
class RangeIndexTest {
    private static final double[] POOL = {-Double.MAX_VALUE, -1e9, -40, -20, -20, -1.5, -0.0, 0.0, Double.MIN_VALUE, 0.3, 0.5,
        1, 2, 60, 90_000, 1e12, Double.MAX_VALUE};
    private static final double[] SPECIAL = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    private static final Operator[] OPS = Operator.values();
    private static final AtomicLong HELD = new AtomicLong(), FAILED = new AtomicLong(), ONE_WORD = new AtomicLong();

    @Property(tries = 300)
    void test_setsExactlyTheComparisonsThatHold(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int sources = 1 + r.nextInt(4);
        int n = 1 + r.nextInt(r.nextInt(8) == 0 ? 200 : 40);
        int[] source = new int[n];
        Operator[] op = new Operator[n];
        double[] threshold = new double[n];
        // Few operators per draw, so that groups grow long enough to be searched and split.
        Operator[] ops = {OPS[r.nextInt(OPS.length)], OPS[r.nextInt(OPS.length)]};
        for (int k = 0; k < n; k++) {
            source[k] = r.nextInt(sources);
            op[k] = r.nextInt(6) == 0 ? OPS[r.nextInt(OPS.length)] : ops[r.nextInt(2)];
            threshold[k] = r.nextBoolean() ? POOL[r.nextInt(POOL.length)] : Math.rint(r.nextDouble() * 200 - 100) / 4;
        }
        RangeIndex index = new RangeIndex(source, op, threshold);
        Set<Integer> positions = new HashSet<>();
        for (int k = 0; k < n; k++) {
            assertThat(positions.add(index.position(k))).as("position of %d is its own", k).isTrue();
            assertThat(index.position(k)).isBetween(0, index.bits() - 1);
        }
        for (int round = 0; round < 30; round++) {
            double[] values = new double[sources];
            for (int s = 0; s < sources; s++) {
                values[s] = value(r, threshold);
            }
            long[] truth = new long[(index.bits() + 63) >>> 6];
            index.test(values, truth);
            for (int k = 0; k < n; k++) {
                double v = values[source[k]];
                boolean expected = v == v && op[k].test(v, threshold[k]);
                int p = index.position(k);
                assertThat((truth[p >>> 6] >>> p & 1L) != 0).as("%s %s %s (comparison %d of %d)", v, op[k].symbol(), threshold[k], k, n)
                        .isEqualTo(expected);
                (expected ? HELD : FAILED).incrementAndGet();
            }
            int set = 0;
            for (long word : truth) {
                set += Long.bitCount(word);
            }
            int holding = 0;
            for (int k = 0; k < n; k++) {
                double v = values[source[k]];
                holding += v == v && op[k].test(v, threshold[k]) ? 1 : 0;
            }
            assertThat(set).as("no bit is set but those of comparisons that hold").isEqualTo(holding);
            if (index.bits() <= 64) {
                assertThat(index.word(values)).as("the one word, in a register, is the word test sets").isEqualTo(truth[0]);
                ONE_WORD.incrementAndGet();
            }
        }
    }

    /** A value: a threshold, a neighbour of one, or a special value (NaN, infinities, zeros, extremes). */
    private static double value(SplittableRandom r, double[] threshold) {
        double t = threshold[r.nextInt(threshold.length)];
        return switch (r.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> Math.nextUp(t);
            case 2 -> Math.nextDown(t);
            case 3 -> SPECIAL[r.nextInt(SPECIAL.length)];
            case 4 -> r.nextDouble() * 300 - 150;
            default -> t;
        };
    }

    @Test
    void test_tiersOfOneField_setTheTiersReached() {
        // ARR >= 100k / 500k / 1M, given out of order.
        RangeIndex index = new RangeIndex(new int[] {0, 0, 0}, new Operator[] {Operator.GE, Operator.GE, Operator.GE},
                new double[] {500_000, 100_000, 1_000_000});
        long[] truth = new long[1];
        index.test(new double[] {600_000}, truth);
        assertThat(truth[0]).isEqualTo(1L << index.position(0) | 1L << index.position(1));
        truth[0] = 0;
        index.test(new double[] {Double.NaN}, truth);
        assertThat(truth[0]).isZero();
    }

    @Test
    void test_everyOperatorOnOneSource_atJustBelowAndJustAboveItsThreshold() {
        // One source, every operator on 10, twice on 10 (equal thresholds), and on its neighbour
        // nextUp(10) (no number lies between the two) and on -0.0 / +0.0.
        Operator[] op = {Operator.LT, Operator.LE, Operator.GT, Operator.GE, Operator.EQ, Operator.NE, Operator.GE, Operator.LT,
            Operator.EQ, Operator.GE};
        double up = Math.nextUp(10.0);
        double[] threshold = {10, 10, 10, 10, 10, 10, 10, up, -0.0, 0.0};
        RangeIndex index = new RangeIndex(new int[op.length], op, threshold);
        double[] values = {10, Math.nextDown(10.0), up, Math.nextUp(up), 0.0, -0.0, -1, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY};
        for (double v : values) {
            long[] truth = {0};
            index.test(new double[] {v}, truth);
            for (int k = 0; k < op.length; k++) {
                int p = index.position(k);
                assertThat((truth[0] >>> p & 1L) != 0).as("%s %s %s", v, op[k].symbol(), threshold[k])
                        .isEqualTo(v == v && op[k].test(v, threshold[k]));
            }
        }
    }

    @Test
    void test_leavesOtherBitsAsTheyAre_andSetsNoneForAMissingValue() {
        RangeIndex index = new RangeIndex(new int[] {0, 0}, new Operator[] {Operator.NE, Operator.LT}, new double[] {1, 5});
        long[] truth = {1L << 63};
        index.test(new double[] {Double.NaN}, truth);
        assertThat(truth[0]).isEqualTo(1L << 63);
    }

    @Test
    void constructor_nanOrInfiniteThreshold_isRefusedNamingTheComparison() {
        assertThatThrownBy(() -> new RangeIndex(new int[] {0, 0}, new Operator[] {Operator.LT, Operator.NE}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comparison 1: the threshold is NaN; thresholds must be finite numbers");
        assertThatThrownBy(() -> new RangeIndex(new int[] {0}, new Operator[] {Operator.GE}, new double[] {Double.NEGATIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("comparison 0: the threshold is -Infinity; thresholds must be finite numbers");
    }

    @Test
    void constructor_groupCrossingAWord_startsTheNextWord() {
        int n = 70;
        int[] source = new int[n];
        Operator[] op = new Operator[n];
        double[] threshold = new double[n];
        for (int k = 0; k < n; k++) {
            source[k] = k < 40 ? 0 : 1;
            op[k] = Operator.LE;
            threshold[k] = k;
        }
        RangeIndex index = new RangeIndex(source, op, threshold);
        assertThat(index.position(40)).isEqualTo(64);
        assertThat(index.bits()).isEqualTo(94);
        long[] truth = new long[2];
        index.test(new double[] {39, 41}, truth);
        // source 0: 39 <= t for t = 39 only; source 1: 41 <= t for t = 41..69 (29 comparisons).
        assertThat(Long.bitCount(truth[0])).isEqualTo(1);
        assertThat(Long.bitCount(truth[1])).isEqualTo(29);
    }

    /**
     * The property means something only if comparisons both held and failed and one-word indexes were drawn
     * (searched and split groups are tested by {@link #test_searchedAndSplitGroups_setExactlyTheComparisonsThatHold},
     * whatever the draws give).
     */
    @AfterContainer
    static void everyShapeWasSeen() {
        assertThat(HELD.get()).isPositive();
        assertThat(FAILED.get()).isPositive();
        assertThat(ONE_WORD.get()).as("indexes of one word were drawn (RangeIndex.word)").isPositive();
    }

    /**
     * Every size of a counted group ({@code <, <=, >, >=}, 1 to {@link RangeIndex#LINEAR} thresholds of one
     * source) for every operator, against values at, just below and just above each threshold: each size
     * has its own run of comparisons, so each is tested here whatever the random draws above give.
     */
    @Test
    void test_everyCountedGroupSize_setsExactlyTheComparisonsThatHold() {
        for (Operator o : new Operator[] {Operator.LT, Operator.LE, Operator.GT, Operator.GE}) {
            for (int size = 1; size <= RangeIndex.LINEAR; size++) {
                int[] source = new int[size];
                Operator[] op = new Operator[size];
                double[] threshold = new double[size];
                for (int k = 0; k < size; k++) {
                    op[k] = o;
                    threshold[k] = (k * 7 + 3) % 11 * 10 - 20; // distinct, given out of order
                }
                RangeIndex index = new RangeIndex(source, op, threshold);
                for (double t : threshold) {
                    for (double v : new double[] {t, Math.nextDown(t), Math.nextUp(t), Double.NaN}) {
                        long[] truth = new long[(index.bits() + 63) >>> 6];
                        index.test(new double[] {v}, truth);
                        assertThat(index.word(new double[] {v})).as("size %d: %s, one word", size, v).isEqualTo(truth[0]);
                        for (int k = 0; k < size; k++) {
                            int p = index.position(k);
                            assertThat((truth[p >>> 6] >>> p & 1L) != 0).as("size %d: %s %s %s", size, v, o.symbol(), threshold[k])
                                    .isEqualTo(v == v && o.test(v, threshold[k]));
                        }
                    }
                }
            }
        }
    }

    /**
     * Groups longer than {@link RangeIndex#LINEAR} (searched) and than {@link RangeIndex#MAX_GROUP} (split) for every
     * counted operator, against values at, just below and just above each threshold: fixed sizes, so these shapes are
     * tested whatever the random draws of the property give (its count of them once came out zero).
     */
    @Test
    void test_searchedAndSplitGroups_setExactlyTheComparisonsThatHold() {
        for (Operator o : new Operator[] {Operator.LT, Operator.LE, Operator.GT, Operator.GE}) {
            for (int size : new int[] {RangeIndex.LINEAR + 1, 16, 33, RangeIndex.MAX_GROUP, RangeIndex.MAX_GROUP + 1, 100}) {
                int[] source = new int[size];
                Operator[] op = new Operator[size];
                double[] threshold = new double[size];
                for (int k = 0; k < size; k++) {
                    op[k] = o;
                    threshold[k] = (k * 37 + 11) % 101 * 2.5 - 60; // distinct (37 and 101 are coprime), given out of order
                }
                RangeIndex index = new RangeIndex(source, op, threshold);
                for (double t : threshold) {
                    for (double v : new double[] {t, Math.nextDown(t), Math.nextUp(t), Double.NaN}) {
                        long[] truth = new long[(index.bits() + 63) >>> 6];
                        index.test(new double[] {v}, truth);
                        int set = 0;
                        for (long word : truth) {
                            set += Long.bitCount(word);
                        }
                        int holding = 0;
                        for (int k = 0; k < size; k++) {
                            int p = index.position(k);
                            boolean expected = v == v && o.test(v, threshold[k]);
                            holding += expected ? 1 : 0;
                            if (((truth[p >>> 6] >>> p & 1L) != 0) != expected) {
                                throw new AssertionError("size " + size + ": " + v + " " + o.symbol() + " " + threshold[k] + " should be "
                                        + expected);
                            }
                        }
                        assertThat(set).as("size %d, %s %s: no other bit set", size, o.symbol(), v).isEqualTo(holding);
                        if (index.bits() <= 64) {
                            assertThat(index.word(new double[] {v})).as("size %d: %s, one word", size, v).isEqualTo(truth[0]);
                        }
                    }
                }
            }
        }
    }
}
