package org.cskit.flink.internal;

import java.util.Arrays;

/**
 * An account's profiles (segment and lifecycle stage from a time on) as Flink keyed state holds
 * them: times in order, one segment code and stage ordinal each. A Flink POJO.
 */
public class Profiles {
    /** From when each profile holds, epoch milliseconds, oldest first. */
    public long[] times;
    /** The segments, as indexes into the definitions' segments. */
    public byte[] segments;
    /** The stages, as {@code LifecycleStage} ordinals. */
    public byte[] stages;

    /** For Flink. */
    public Profiles() {}

    /**
     * Adds a profile in time order (after those of the same time).
     *
     * @param p the profiles so far, or null
     * @param at from when
     * @param segment the segment code
     * @param stage the stage ordinal
     * @return the profiles with it
     */
    public static Profiles with(Profiles p, long at, byte segment, byte stage) {
        int n = p == null ? 0 : p.times.length;
        int i = n;
        while (i > 0 && p.times[i - 1] > at) {
            i--;
        }
        Profiles out = new Profiles();
        out.times = new long[n + 1];
        out.segments = new byte[n + 1];
        out.stages = new byte[n + 1];
        if (p != null) {
            System.arraycopy(p.times, 0, out.times, 0, i);
            System.arraycopy(p.segments, 0, out.segments, 0, i);
            System.arraycopy(p.stages, 0, out.stages, 0, i);
            System.arraycopy(p.times, i, out.times, i + 1, n - i);
            System.arraycopy(p.segments, i, out.segments, i + 1, n - i);
            System.arraycopy(p.stages, i, out.stages, i + 1, n - i);
        }
        out.times[i] = at;
        out.segments[i] = segment;
        out.stages[i] = stage;
        return out;
    }

    /**
     * The profile in effect at a time.
     *
     * @param p the profiles, or null
     * @param at the time
     * @return its index, or -1 if none is in effect yet
     */
    public static int at(Profiles p, long at) {
        int i = p == null ? 0 : p.times.length;
        while (i > 0 && p.times[i - 1] > at) {
            i--;
        }
        return i - 1;
    }

    /**
     * Drops the profiles no evaluation at or after {@code at} can use.
     *
     * @param p the profiles
     * @param at the time evaluations have reached
     * @return the profiles kept, or this if none is dropped
     */
    public static Profiles prunedBefore(Profiles p, long at) {
        int k = at(p, at);
        if (k <= 0) {
            return p;
        }
        Profiles out = new Profiles();
        out.times = Arrays.copyOfRange(p.times, k, p.times.length);
        out.segments = Arrays.copyOfRange(p.segments, k, p.segments.length);
        out.stages = Arrays.copyOfRange(p.stages, k, p.stages.length);
        return out;
    }
}
