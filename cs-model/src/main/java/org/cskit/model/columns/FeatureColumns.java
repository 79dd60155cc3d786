package org.cskit.model.columns;

import java.util.Arrays;
import java.util.Objects;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;

/**
 * A portfolio's features as columns over one {@link FeatureSchema}: per feature a
 * {@link FeatureColumn} ({@code double}, {@code float} or {@code int}, wrapped without copying) and,
 * optionally, how many observations each value rests on. The columnar form of
 * {@link org.cskit.model.Features}: row {@code r} of feature {@code i} is what
 * {@code features.valueAt(i)} and {@code features.observationsAt(i)} are for one account.
 *
 * <p>A feature without a column is missing for every row. Without an observations column, a
 * present value rests on 1 observation and a missing one on 0. Checked when built: every column
 * has one value per row, no value is infinite, no count is negative; the first problem is reported
 * naming the feature, the row and the value.
 *
 * <p>{@link #allocate} makes columns for a stage to write (feature derivation): {@code double}
 * columns, all missing, with observation counts. Immutable apart from the wrapped arrays; safe to
 * read from many threads while nobody writes them.
 *
 * <pre>{@code
 * FeatureColumns features = FeatureColumns.builder(schema, n)
 *         .feature("logins_14d", loginsAsInts).feature("seat_utilisation", seatsAsFloats)
 *         .build();
 * }</pre>
 */
public final class FeatureColumns {
    private final FeatureSchema schema;
    private final int rows;
    private final FeatureColumn[] columns; // by schema index; null = missing everywhere
    private final double[][] doubles; // columns[i].doubles(), for the hot paths
    private final int[][] observations; // by schema index; null = 1 where present

    private FeatureColumns(FeatureSchema schema, int rows, FeatureColumn[] columns, int[][] observations) {
        this.schema = schema;
        this.rows = rows;
        this.columns = columns;
        this.observations = observations;
        this.doubles = new double[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            doubles[i] = columns[i] == null ? null : columns[i].doubles();
        }
    }

    /**
     * Starts feature columns.
     *
     * @param schema the features
     * @param rows the number of rows, at least 0
     * @return a builder with every feature missing
     */
    public static Builder builder(FeatureSchema schema, int rows) {
        return new Builder(schema, rows);
    }

    /**
     * Feature columns to be written: a {@code double} column (all NaN) and an observations column
     * (all 0) for every feature of the schema.
     *
     * @param schema the features
     * @param rows the number of rows, at least 0
     * @return the columns
     */
    public static FeatureColumns allocate(FeatureSchema schema, int rows) {
        Validate.present("schema", schema);
        Validate.atLeast("rows", rows, 0);
        FeatureColumn[] columns = new FeatureColumn[schema.size()];
        int[][] observations = new int[schema.size()][];
        for (int i = 0; i < columns.length; i++) {
            double[] values = new double[rows];
            Arrays.fill(values, Double.NaN);
            columns[i] = FeatureColumn.of(values);
            observations[i] = new int[rows];
        }
        return new FeatureColumns(schema, rows, columns, observations);
    }

    /**
     * Two sets of columns over the same rows side by side: the first's features, then the second's,
     * such as a host's facts beside the features a stage derives into its own columns. Nothing is
     * copied and no value is checked again (each set was checked when it was built, and
     * {@link #allocate}d columns stay writable through the result), so this costs the number of
     * features, not of rows.
     *
     * @param first the first features
     * @param second the features after them
     * @return columns over {@code first}'s and {@code second}'s arrays, with their observation counts
     * @throws org.cskit.model.ValidationException if the two have different numbers of rows or share a feature
     */
    public static FeatureColumns concat(FeatureColumns first, FeatureColumns second) {
        Validate.present("first", first);
        Validate.present("second", second);
        if (first.rows != second.rows) {
            throw Validate.invalid("second", "second has " + second.rows + " rows, but first has " + first.rows
                    + "; give both the same rows");
        }
        java.util.List<String> names = new java.util.ArrayList<>(first.schema.size() + second.schema.size());
        names.addAll(first.schema.names());
        for (String name : second.schema.names()) {
            if (first.schema.indexOf(name) >= 0) {
                throw Validate.invalid("second." + name, "feature '" + name + "' is in both first and second; give each feature once");
            }
            names.add(name);
        }
        int a = first.columns.length;
        FeatureColumn[] columns = Arrays.copyOf(first.columns, a + second.columns.length);
        System.arraycopy(second.columns, 0, columns, a, second.columns.length);
        int[][] observations = Arrays.copyOf(first.observations, a + second.observations.length);
        System.arraycopy(second.observations, 0, observations, a, second.observations.length);
        return new FeatureColumns(FeatureSchema.of(names), first.rows, columns, observations);
    }

    /** @return the schema */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /**
     * A feature's column.
     *
     * @param index the feature's index in the schema
     * @return the column, or null when the feature is missing for every row
     */
    public FeatureColumn column(int index) {
        return columns[index];
    }

    /**
     * A feature's column if it holds {@code double}s: for loops that read the array directly.
     *
     * @param index the feature's index in the schema
     * @return the array (not a copy), or null when the feature is missing everywhere or not a
     *     {@code double} column (read those through {@link #column(int)})
     */
    public double[] doubles(int index) {
        return doubles[index];
    }

    /**
     * A feature's observation counts.
     *
     * @param index the feature's index in the schema
     * @return the array (not a copy), or null when none was given (1 where present)
     */
    public int[] observations(int index) {
        return observations[index];
    }

    /**
     * One value.
     *
     * @param index the feature's index in the schema
     * @param row the row
     * @return the value widened to {@code double}, NaN when missing
     */
    public double value(int index, int row) {
        FeatureColumn c = columns[index];
        return c == null ? Double.NaN : c.get(row);
    }

    /**
     * The number of observations one value rests on.
     *
     * @param index the feature's index in the schema
     * @param row the row
     * @return the count; 0 when the value is missing and no counts were given
     */
    public int observations(int index, int row) {
        int[] counts = observations[index];
        if (counts != null) {
            return counts[row];
        }
        return columns[index] == null || columns[index].isMissing(row) ? 0 : 1;
    }

    @Override
    public String toString() {
        return "FeatureColumns[" + rows + " rows, " + schema + "]";
    }

    /** Builds {@link FeatureColumns}; not thread-safe. */
    public static final class Builder {
        private final FeatureSchema schema;
        private final int rows;
        private final FeatureColumn[] columns;
        private final int[][] observations;

        private Builder(FeatureSchema schema, int rows) {
            this.schema = Validate.present("schema", schema);
            this.rows = Validate.atLeast("rows", rows, 0);
            this.columns = new FeatureColumn[schema.size()];
            this.observations = new int[schema.size()][];
        }

        /**
         * One feature's {@code double} values.
         *
         * @param name a feature of the schema
         * @param values one per row, NaN where missing
         * @return this builder
         */
        public Builder feature(String name, double[] values) {
            return feature(name, FeatureColumn.of(values));
        }

        /**
         * One feature's {@code float} values.
         *
         * @param name a feature of the schema
         * @param values one per row, NaN where missing
         * @return this builder
         */
        public Builder feature(String name, float[] values) {
            return feature(name, FeatureColumn.of(values));
        }

        /**
         * One feature's {@code int} values.
         *
         * @param name a feature of the schema
         * @param values one per row, {@link FeatureColumn#MISSING_INT} where missing
         * @return this builder
         */
        public Builder feature(String name, int[] values) {
            return feature(name, FeatureColumn.of(values));
        }

        /**
         * One feature's column.
         *
         * @param name a feature of the schema
         * @param column its values
         * @return this builder
         */
        public Builder feature(String name, FeatureColumn column) {
            int index = index(name);
            if (columns[index] != null) {
                throw Validate.invalid("features." + name, "feature '" + name + "' is given twice");
            }
            columns[index] = Objects.requireNonNull(column, name);
            return this;
        }

        /**
         * How many observations each of a feature's values rests on.
         *
         * @param name a feature of the schema
         * @param counts one per row, not negative
         * @return this builder
         */
        public Builder observations(String name, int[] counts) {
            observations[index(name)] = Objects.requireNonNull(counts, name);
            return this;
        }

        private int index(String name) {
            int index = schema.indexOf(Objects.requireNonNull(name, "name"));
            if (index < 0) {
                throw Validate.invalid("features", "unknown feature '" + name + "'; the schema has " + String.join(", ", schema.names()));
            }
            return index;
        }

        /**
         * Checks every column and builds.
         *
         * @return the columns
         * @throws org.cskit.model.ValidationException naming the feature, row and value of the first problem
         */
        public FeatureColumns build() {
            for (int f = 0; f < columns.length; f++) {
                String name = schema.names().get(f);
                FeatureColumn c = columns[f];
                if (c != null) {
                    Columns.length(name, c.length(), rows);
                    if (c.type() != FeatureColumn.Type.INT) {
                        for (int r = 0; r < rows; r++) {
                            double v = c.get(r);
                            if (Double.isInfinite(v)) {
                                throw Validate.invalid(name + "[" + r + "]", "feature '" + name + "' is " + v + " in row " + r
                                        + "; give a finite number, or NaN for missing");
                            }
                        }
                    }
                }
                int[] counts = observations[f];
                if (counts != null) {
                    Columns.length(name + ".observations", counts.length, rows);
                    for (int r = 0; r < rows; r++) {
                        if (counts[r] < 0) {
                            throw Validate.invalid(name + ".observations[" + r + "]", "feature '" + name + "' observations is "
                                    + counts[r] + " in row " + r + "; counts must not be negative");
                        }
                    }
                }
            }
            return new FeatureColumns(schema, rows, columns.clone(), observations.clone());
        }
    }
}
