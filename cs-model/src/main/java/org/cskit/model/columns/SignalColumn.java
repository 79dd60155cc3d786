package org.cskit.model.columns;

import java.util.Objects;
import org.cskit.model.Validate;

/**
 * The observations of one signal name (such as {@code logins}) for a portfolio, as three parallel
 * arrays: the account's row, the observation time in epoch milliseconds, and the value. The
 * columnar form of the {@link org.cskit.model.Signal}s of one name, without an object per
 * observation.
 *
 * <p>Sorted by row, then by time (non-decreasing): a row's observations are one run, oldest first.
 * Observations of one row at the same millisecond keep the given order, which stands where the
 * object path orders by signal id (the last of them is {@code LAST}). Values are finite.
 * Times are kept to the millisecond; a host whose signals carry finer times truncates them.
 *
 * <p>Checked when built (time proportional to the count), the first problem named by column, index
 * and value: arrays too short, a negative row, a value NaN or infinite, an observation out of
 * order. Rows beyond the portfolio and times after the as-of time are checked by
 * {@link SignalColumns} and by the stage that reads them. Immutable apart from the wrapped arrays.
 */
public final class SignalColumn {
    private final String name;
    private final int count;
    private final int[] rows;
    private final long[] times;
    private final double[] values;
    private final long latest;

    private SignalColumn(String name, int count, int[] rows, long[] times, double[] values, long latest) {
        this.name = name;
        this.count = count;
        this.rows = rows;
        this.times = times;
        this.values = values;
        this.latest = latest;
    }

    /**
     * Wraps arrays of equal length.
     *
     * @param name the signal's name
     * @param rows each observation's account row
     * @param times each observation's time, epoch milliseconds
     * @param values each observation's value
     * @return the column
     * @throws org.cskit.model.ValidationException naming the array, index and value of the first problem
     */
    public static SignalColumn of(String name, int[] rows, long[] times, double[] values) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (times.length != rows.length || values.length != rows.length) {
            throw Validate.invalid(name, "signal '" + name + "' has " + rows.length + " rows, " + times.length + " times and "
                    + values.length + " values; give one of each per observation");
        }
        return of(name, rows, times, values, rows.length);
    }

    /**
     * Wraps the first {@code count} entries of arrays that may be longer (buffers reused between runs).
     *
     * @param name the signal's name
     * @param rows each observation's account row
     * @param times each observation's time, epoch milliseconds
     * @param values each observation's value
     * @param count how many observations, at most each array's length
     * @return the column
     * @throws org.cskit.model.ValidationException naming the array, index and value of the first problem
     */
    public static SignalColumn of(String name, int[] rows, long[] times, double[] values, int count) {
        Validate.nonBlank("name", name);
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        Validate.atLeast("count", count, 0);
        if (rows.length < count || times.length < count || values.length < count) {
            throw Validate.invalid(name, "signal '" + name + "' has " + count + " observations but " + rows.length + " rows, "
                    + times.length + " times and " + values.length + " values");
        }
        long latest = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            latest = Math.max(latest, times[i]);
            if (rows[i] < 0) {
                throw Validate.invalid(name + ".rows[" + i + "]", "signal '" + name + "' observation " + i + " has row " + rows[i]
                        + "; rows are not negative");
            }
            if (!Double.isFinite(values[i])) {
                throw Validate.invalid(name + ".values[" + i + "]", "signal '" + name + "' observation " + i + " (row " + rows[i]
                        + ") has value " + values[i] + "; values must be finite");
            }
            if (i > 0 && (rows[i] < rows[i - 1] || rows[i] == rows[i - 1] && times[i] < times[i - 1])) {
                throw Validate.invalid(name + ".rows[" + i + "]", "signal '" + name + "' observation " + i + " (row " + rows[i]
                        + ", time " + times[i] + ") comes after observation " + (i - 1) + " (row " + rows[i - 1] + ", time "
                        + times[i - 1] + "); sort by row, then by time");
            }
        }
        return new SignalColumn(name, count, rows, times, values, latest);
    }

    /** @return the signal's name */
    public String name() {
        return name;
    }

    /** @return the number of observations */
    public int count() {
        return count;
    }

    /** @return each observation's row (not a copy; read the first {@link #count()}) */
    public int[] rows() {
        return rows;
    }

    /** @return each observation's time in epoch milliseconds (not a copy; read the first {@link #count()}) */
    public long[] times() {
        return times;
    }

    /**
     * The latest observation time, found when the column was built, so that a stage can check that
     * no observation is after its as-of time without reading every time again.
     *
     * @return the greatest time in epoch milliseconds, or {@link Long#MIN_VALUE} without observations
     */
    public long latestTime() {
        return latest;
    }

    /** @return each observation's value (not a copy; read the first {@link #count()}) */
    public double[] values() {
        return values;
    }

    @Override
    public String toString() {
        return "SignalColumn[" + name + ", " + count + " observations]";
    }
}
