package org.cskit.flink.internal;

/**
 * An account's latest vector and the earlier scores its direction reads, as Flink keyed state holds
 * them: the scores (and their as-of times) within the scorecard's direction lookback, and the
 * latest vector's band, direction, velocity and coverage.
 */
public class VectorHistory {
    /** The as-of times of the scores, epoch milliseconds, oldest first; the last is the latest vector's. */
    public long[] times;
    /** The scores, one per time. */
    public double[] scores;
    /** The latest vector's band code. */
    public byte band;
    /** The latest vector's direction code. */
    public byte direction;
    /** The latest vector's velocity. */
    public double velocity;
    /** The latest vector's coverage. */
    public double coverage;

    /** For Flink. */
    public VectorHistory() {}

    /**
     * Whether two histories hold the same values (either may be null).
     *
     * @param a one
     * @param b the other
     * @return whether equal field by field (scores bit for bit)
     */
    public static boolean same(VectorHistory a, VectorHistory b) {
        if (a == null || b == null) {
            return a == b;
        }
        return java.util.Arrays.equals(a.times, b.times) && java.util.Arrays.equals(a.scores, b.scores) && a.band == b.band
                && a.direction == b.direction && Double.compare(a.velocity, b.velocity) == 0 && Double.compare(a.coverage, b.coverage) == 0;
    }
}
