package org.cskit.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.Validate;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;

/**
 * A portfolio's signals, handed to the {@link NightlyRun} a slice of accounts at a time, so that a
 * portfolio too large to hold its signals in memory at once (ten million accounts' half-year of
 * weekly signals is tens of gigabytes) can be read from the host's store slice by slice. Row
 * {@code r} of the portfolio is row {@code r} of the run's account batch.
 *
 * <p>Implementations are called from the run's worker threads, one slice per call and each slice
 * once, so they must be thread-safe.
 */
public interface SignalSource {

    /**
     * How many accounts (rows) the portfolio has.
     *
     * @return the rows, at least 0
     */
    int rows();

    /**
     * The signals of accounts {@code [from, to)}, row {@code r} being account {@code from + r}, sorted
     * as {@link SignalColumns} requires.
     *
     * @param from the first account
     * @param to the account after the last
     * @return the slice's signals, over {@code to - from} rows
     */
    SignalColumns slice(int from, int to);

    /**
     * Checks, before the run does any work, what can be checked of the signals as a whole; the
     * default checks nothing (a lazily read source is checked slice by slice as it is derived).
     *
     * @param asOf the night's as-of time
     * @throws org.cskit.model.ValidationException if a signal is known to be wrong
     */
    default void check(Instant asOf) {}

    /**
     * A source whose slices a function makes, such as a query per range of accounts or a generator.
     *
     * @param rows how many accounts
     * @param slices makes the signals of {@code [from, to)}
     * @return the source
     * @throws org.cskit.model.ValidationException if rows is negative or the function is null
     */
    static SignalSource of(int rows, Slices slices) {
        Validate.atLeast("rows", rows, 0);
        Validate.present("slices", slices);
        return new SignalSource() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public SignalColumns slice(int from, int to) {
                SignalColumns s = slices.slice(from, to);
                if (s == null || s.rows() != to - from) {
                    throw Validate.invalid("signals", "the signal source's slice [" + from + ", " + to + ") has "
                            + (s == null ? "no columns" : s.rows() + " rows") + ", but must have " + (to - from));
                }
                return s;
            }
        };
    }

    /**
     * A source over signal columns held whole: each slice is cut from them (a copy of the slice's
     * observations, about 20 bytes each, made when the run reaches it). {@link #check} scans every
     * observation's time once, so signals after the as-of time are refused before anything is written.
     *
     * @param signals the portfolio's signals
     * @return the source
     */
    static SignalSource of(SignalColumns signals) {
        Validate.present("signals", signals);
        return new SignalSource() {
            @Override
            public int rows() {
                return signals.rows();
            }

            @Override
            public SignalColumns slice(int from, int to) {
                List<SignalColumn> cut = new ArrayList<>(signals.columns().size());
                for (SignalColumn c : signals.columns()) {
                    int[] rows = c.rows();
                    int lo = firstAtLeast(rows, c.count(), from);
                    int hi = firstAtLeast(rows, c.count(), to);
                    int n = hi - lo;
                    int[] r = new int[n];
                    long[] t = new long[n];
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = rows[lo + i] - from;
                    }
                    System.arraycopy(c.times(), lo, t, 0, n);
                    System.arraycopy(c.values(), lo, v, 0, n);
                    cut.add(SignalColumn.of(c.name(), r, t, v));
                }
                return SignalColumns.of(to - from, cut);
            }

            @Override
            public void check(Instant asOf) {
                long last = asOf.toEpochMilli();
                for (SignalColumn c : signals.columns()) {
                    long[] times = c.times();
                    for (int i = 0; i < c.count(); i++) {
                        if (times[i] > last) {
                            throw Validate.invalid("signals." + c.name() + "[" + i + "]", "signal '" + c.name() + "' observation " + i
                                    + " of row " + c.rows()[i] + " is at " + Instant.ofEpochMilli(times[i]) + ", after the night's as-of time "
                                    + asOf);
                        }
                    }
                }
            }
        };
    }

    /** The first index in {@code rows[0, count)} (sorted) whose row is at least {@code row}. */
    private static int firstAtLeast(int[] rows, int count, int row) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows[mid] < row) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Makes the signals of a range of accounts. */
    @FunctionalInterface
    interface Slices {
        /**
         * The signals of accounts {@code [from, to)}, row {@code r} being account {@code from + r}.
         *
         * @param from the first account
         * @param to the account after the last
         * @return the signals, over {@code to - from} rows
         */
        SignalColumns slice(int from, int to);
    }
}
