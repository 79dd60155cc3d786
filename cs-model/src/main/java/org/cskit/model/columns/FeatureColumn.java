package org.cskit.model.columns;

import java.util.Objects;

/**
 * One feature's values for a portfolio, one per row, held as the host holds them: {@code double[]},
 * {@code float[]} or {@code int[]}, wrapped without copying. Missing values are {@code NaN} in
 * {@code double} and {@code float} columns and {@link #MISSING_INT} ({@link Integer#MIN_VALUE}, as R's
 * {@code NA_integer_}) in {@code int} columns.
 *
 * <p>Readers that want one type read through {@link #get(int)} or, for a run of rows, {@link #read},
 * which widens to {@code double} exactly (every {@code float} and {@code int} is a {@code double});
 * readers that loop over {@code double} columns may take the array itself from {@link #doubles()}.
 * Values are checked by {@link FeatureColumns.Builder}, which knows the feature's name. Thread-safe
 * for reading while nobody writes the array.
 */
public final class FeatureColumn {
    /** The missing value of an {@code int} column: {@link Integer#MIN_VALUE}. */
    public static final int MISSING_INT = Integer.MIN_VALUE;

    /** The primitive type a column holds. */
    public enum Type {
        /** {@code double[]}; NaN is missing. */
        DOUBLE,
        /** {@code float[]}; NaN is missing. */
        FLOAT,
        /** {@code int[]}; {@link #MISSING_INT} is missing. */
        INT
    }

    private final Type type;
    private final double[] doubles;
    private final float[] floats;
    private final int[] ints;

    private FeatureColumn(Type type, double[] doubles, float[] floats, int[] ints) {
        this.type = type;
        this.doubles = doubles;
        this.floats = floats;
        this.ints = ints;
    }

    /**
     * Wraps a {@code double} column.
     *
     * @param values one per row, NaN where missing
     * @return the column
     */
    public static FeatureColumn of(double[] values) {
        return new FeatureColumn(Type.DOUBLE, Objects.requireNonNull(values, "values"), null, null);
    }

    /**
     * Wraps a {@code float} column.
     *
     * @param values one per row, NaN where missing
     * @return the column
     */
    public static FeatureColumn of(float[] values) {
        return new FeatureColumn(Type.FLOAT, null, Objects.requireNonNull(values, "values"), null);
    }

    /**
     * Wraps an {@code int} column.
     *
     * @param values one per row, {@link #MISSING_INT} where missing
     * @return the column
     */
    public static FeatureColumn of(int[] values) {
        return new FeatureColumn(Type.INT, null, null, Objects.requireNonNull(values, "values"));
    }

    /** @return the type of the wrapped array */
    public Type type() {
        return type;
    }

    /** @return the length of the wrapped array */
    public int length() {
        switch (type) {
            case DOUBLE: return doubles.length;
            case FLOAT: return floats.length;
            default: return ints.length;
        }
    }

    /**
     * The wrapped array, if this is a {@code double} column: for loops that read it directly.
     *
     * @return the array (not a copy), or null for a {@code float} or {@code int} column
     */
    public double[] doubles() {
        return doubles;
    }

    /**
     * The wrapped array, if this is a {@code float} column.
     *
     * @return the array (not a copy), or null otherwise
     */
    public float[] floats() {
        return floats;
    }

    /**
     * The wrapped array, if this is an {@code int} column.
     *
     * @return the array (not a copy), or null otherwise
     */
    public int[] ints() {
        return ints;
    }

    /**
     * One value, widened to {@code double}.
     *
     * @param index the array index
     * @return the value, NaN when missing
     */
    public double get(int index) {
        switch (type) {
            case DOUBLE:
                return doubles[index];
            case FLOAT:
                return floats[index];
            default:
                int v = ints[index];
                return v == MISSING_INT ? Double.NaN : v;
        }
    }

    /**
     * Whether the value at an index is missing.
     *
     * @param index the array index
     * @return true when missing
     */
    public boolean isMissing(int index) {
        return type == Type.INT ? ints[index] == MISSING_INT : Double.isNaN(get(index));
    }

    /**
     * Copies a run of values, widened to {@code double} (exactly) with missing values as NaN, into
     * {@code into[0, n)}: the per-chunk accessor for loops over {@code double}s.
     *
     * @param from the first array index
     * @param n how many values
     * @param into where to write, at least {@code n} long
     */
    public void read(int from, int n, double[] into) {
        switch (type) {
            case DOUBLE:
                System.arraycopy(doubles, from, into, 0, n);
                break;
            case FLOAT:
                for (int j = 0; j < n; j++) {
                    into[j] = floats[from + j];
                }
                break;
            default:
                for (int j = 0; j < n; j++) {
                    int v = ints[from + j];
                    into[j] = v == MISSING_INT ? Double.NaN : v;
                }
        }
    }

    @Override
    public String toString() {
        return "FeatureColumn[" + type + " x " + length() + "]";
    }
}
