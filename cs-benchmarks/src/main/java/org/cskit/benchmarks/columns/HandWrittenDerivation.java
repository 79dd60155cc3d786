package org.cskit.benchmarks.columns;

import java.time.Duration;
import java.time.Instant;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.datagen.PortfolioGenerator;

/**
 * The floor for deriving the generator's eight features ({@link PortfolioGenerator#featureDefinitions()}):
 * the same numbers written as a plain loop over the same signal columns, with the definitions known in
 * advance. For each account it finds the account's run in each column with a cursor, finds each
 * window's first index by scanning back from the newest observation, and sums forward (so sums round
 * as cskit's do). Writes into the same {@link FeatureColumns}; allocates nothing per account. Not
 * thread-safe.
 */
public final class HandWrittenDerivation {
    private static final long DAY = 86_400_000L;
    private final long b0;
    private final long b14;
    private final long b28;
    private final long b56;
    private final long b84;
    private final long b180;

    public HandWrittenDerivation(Instant asOf) {
        if (asOf.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("the floor handles whole-millisecond as-of times only");
        }
        b0 = asOf.toEpochMilli();
        b14 = b0 - 14 * DAY;
        b28 = b0 - 28 * DAY;
        b56 = b0 - 56 * DAY;
        b84 = b0 - 84 * DAY;
        b180 = b0 - 180 * DAY;
        if (!Duration.ofDays(14).equals(PortfolioGenerator.featureDefinitions().get(0).window())) {
            throw new IllegalStateException("the generator's features changed; update the floor");
        }
    }

    /** Derives every row; the features are in the generator's order: see {@link PortfolioGenerator#featureDefinitions()}. */
    public void derive(SignalColumns signals, FeatureColumns into) {
        SignalColumn seats = signals.column(PortfolioGenerator.SEAT_UTILISATION);
        SignalColumn users = signals.column(PortfolioGenerator.ACTIVE_USERS);
        SignalColumn logins = signals.column(PortfolioGenerator.LOGINS);
        SignalColumn tickets = signals.column(PortfolioGenerator.SUPPORT_TICKETS);
        SignalColumn nps = signals.column(PortfolioGenerator.NPS);
        int cs = 0;
        int cu = 0;
        int cl = 0;
        int ct = 0;
        int cn = 0;
        double[][] v = new double[8][];
        int[][] o = new int[8][];
        for (int f = 0; f < 8; f++) {
            v[f] = into.doubles(f);
            o[f] = into.observations(f);
        }
        for (int row = 0; row < signals.rows(); row++) {
            int s = cs;
            cs = end(seats, cs, row);
            last(seats, s, cs, b14, v[0], o[0], row);
            meanTrend(seats, s, cs, v[1], o[1], row);
            s = cu;
            cu = end(users, cu, row);
            last(users, s, cu, b14, v[2], o[2], row);
            s = cl;
            cl = end(logins, cl, row);
            sumAndChange(logins, s, cl, v[3], o[3], v[4], o[4], row);
            s = ct;
            ct = end(tickets, ct, row);
            sumAndChange(tickets, s, ct, v[5], o[5], v[6], o[6], row);
            s = cn;
            cn = end(nps, cn, row);
            last(nps, s, cn, b180, v[7], o[7], row);
        }
    }

    private static int end(SignalColumn c, int i, int row) {
        int[] rows = c.rows();
        int n = c.count();
        while (i < n && rows[i] == row) {
            i++;
        }
        return i;
    }

    /** The first index in [s, e) after {@code bound}, scanning back from {@code hi} (all of [hi, e) are after it). */
    private static int after(long[] t, int s, int hi, long bound) {
        int i = hi;
        while (i > s && t[i - 1] > bound) {
            i--;
        }
        return i;
    }

    private void last(SignalColumn c, int s, int e, long from, double[] v, int[] o, int row) {
        long[] t = c.times();
        int hi = after(t, s, e, b0);
        int lo = after(t, s, hi, from);
        if (hi == lo) {
            v[row] = Double.NaN;
            o[row] = 0;
        } else {
            v[row] = c.values()[hi - 1];
            o[row] = hi - lo;
        }
    }

    private void sumAndChange(SignalColumn c, int s, int e, double[] sum, int[] sumObs, double[] change, int[] changeObs, int row) {
        long[] t = c.times();
        double[] x = c.values();
        int hi = after(t, s, e, b0);
        int mid = after(t, s, hi, b14);
        int lo = after(t, s, mid, b28);
        double current = 0;
        for (int i = mid; i < hi; i++) {
            current += x[i];
        }
        double previous = 0;
        for (int i = lo; i < mid; i++) {
            previous += x[i];
        }
        sum[row] = current;
        sumObs[row] = hi - mid;
        if (previous == 0) {
            change[row] = Double.NaN;
            changeObs[row] = 0;
        } else {
            change[row] = 100.0 * (current - previous) / Math.abs(previous);
            changeObs[row] = Math.min(hi - mid, mid - lo);
        }
    }

    /** The mean of {@code [lo, hi)}, kept within its min and max; NaN when empty. */
    private static double mean(double[] x, int lo, int hi) {
        if (hi == lo) {
            return Double.NaN;
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = lo; i < hi; i++) {
            sum += x[i];
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        return Math.max(min, Math.min(max, sum / (hi - lo)));
    }

    /** The slope, per 28 days, of the 28-day mean over the three 28-day windows; x = 2 for the newest. */
    private void meanTrend(SignalColumn c, int s, int e, double[] v, int[] o, int row) {
        long[] t = c.times();
        double[] x = c.values();
        int i0 = after(t, s, e, b0);
        int i1 = after(t, s, i0, b28);
        int i2 = after(t, s, i1, b56);
        int i3 = after(t, s, i2, b84);
        double m0 = mean(x, i1, i0);
        double m1 = mean(x, i2, i1);
        double m2 = mean(x, i3, i2);
        int points = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        if (m0 == m0) {
            points++;
            sx += 2;
            sy += m0;
            sxx += 4;
            sxy += 2 * m0;
        }
        if (m1 == m1) {
            points++;
            sx += 1;
            sy += m1;
            sxx += 1;
            sxy += m1;
        }
        if (m2 == m2) {
            points++;
            sx += 0.0;
            sy += m2;
            sxx += 0.0;
            sxy += 0.0 * m2; // as the general fit adds it, so the bits agree
        }
        if (points < 2) {
            v[row] = Double.NaN;
            o[row] = 0;
        } else {
            v[row] = (points * sxy - sx * sy) / (points * sxx - sx * sx);
            o[row] = i0 - i3;
        }
    }
}
