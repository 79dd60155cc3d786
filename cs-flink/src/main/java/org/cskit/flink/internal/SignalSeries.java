package org.cskit.flink.internal;

/**
 * One signal's observations of one account within the definitions' lookback, as Flink keyed state
 * holds them: times (epoch milliseconds, in order) and values, 16 bytes an observation.
 */
public class SignalSeries {
    /** The times, epoch milliseconds, oldest first. */
    public long[] times;
    /** The values. */
    public double[] values;

    /** For Flink. */
    public SignalSeries() {}

    /**
     * Wraps arrays (not copied).
     *
     * @param times the times
     * @param values the values
     */
    public SignalSeries(long[] times, double[] values) {
        this.times = times;
        this.values = values;
    }

    /**
     * Merges observations into the series, in time order (a later one after earlier ones of the
     * same time), dropping those at or before {@code after}.
     *
     * @param addTimes new times, in order
     * @param addValues new values
     * @param after the oldest time to drop, exclusive bound of what is kept
     * @return the merged series
     */
    public SignalSeries merge(long[] addTimes, double[] addValues, long after) {
        long[] t = times == null ? new long[0] : times;
        double[] v = values == null ? new double[0] : values;
        long[] mt = new long[t.length + addTimes.length];
        double[] mv = new double[mt.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < t.length || j < addTimes.length) {
            boolean old = j == addTimes.length || (i < t.length && t[i] <= addTimes[j]);
            long time = old ? t[i] : addTimes[j];
            double value = old ? v[i++] : addValues[j++];
            if (time > after) {
                mt[n] = time;
                mv[n++] = value;
            }
        }
        return new SignalSeries(java.util.Arrays.copyOf(mt, n), java.util.Arrays.copyOf(mv, n));
    }

    /**
     * Drops observations at or before a time.
     *
     * @param after the bound
     * @return the series kept, or this if nothing is dropped
     */
    public SignalSeries pruned(long after) {
        int k = 0;
        while (k < times.length && times[k] <= after) {
            k++;
        }
        return k == 0 ? this : new SignalSeries(java.util.Arrays.copyOfRange(times, k, times.length),
                java.util.Arrays.copyOfRange(values, k, values.length));
    }
}
