package org.cskit.scoring.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;

/**
 * Labelled history to fit and judge scorecards on: columns of inputs (numeric or categorical,
 * missing allowed), one outcome per row (churned or renewed), and optionally each row's id and
 * as-of time. Immutable and thread-safe.
 *
 * <p>Rules, checked by {@link Builder#build()}: at least one column; column names not blank and
 * unique; every column and the optional ids and times as long as the labels; numeric values finite
 * or {@code NaN} (missing); categories not blank ({@code null} is missing); at least one churned and
 * one renewed row; no column constant (the same value, or missing, in every row).
 */
public final class TrainingSet {
    /** Whether a column holds numbers or categories. */
    public enum Kind {
        /** Numbers; {@code NaN} is missing. */
        NUMERIC,
        /** Categories (text); {@code null} is missing. */
        CATEGORICAL
    }

    /** One column of a training set. Immutable and thread-safe. */
    public static final class Column {
        private final String name;
        private final Kind kind;
        private final double[] numbers;
        private final String[] categories;

        private Column(String name, Kind kind, double[] numbers, String[] categories) {
            this.name = name;
            this.kind = kind;
            this.numbers = numbers;
            this.categories = categories;
        }

        /** @return the column's name */
        public String name() {
            return name;
        }

        /** @return numeric or categorical */
        public Kind kind() {
            return kind;
        }

        /** @return the number of rows */
        public int size() {
            return kind == Kind.NUMERIC ? numbers.length : categories.length;
        }

        /**
         * A numeric column's value.
         *
         * @param row the row
         * @return the value, {@code NaN} if missing (or if the column is categorical)
         */
        public double number(int row) {
            return kind == Kind.NUMERIC ? numbers[row] : Double.NaN;
        }

        /**
         * A categorical column's value.
         *
         * @param row the row
         * @return the category, {@code null} if missing (or if the column is numeric)
         */
        public String category(int row) {
            return kind == Kind.CATEGORICAL ? categories[row] : null;
        }

        /**
         * Tells whether a row has no value.
         *
         * @param row the row
         * @return true if missing
         */
        public boolean isMissing(int row) {
            return kind == Kind.NUMERIC ? Double.isNaN(numbers[row]) : categories[row] == null;
        }

        /** @return a copy of the numbers ({@code NaN} for missing); empty for a categorical column */
        public double[] numbers() {
            return kind == Kind.NUMERIC ? numbers.clone() : new double[0];
        }

        /** @return a copy of the categories ({@code null} for missing); empty for a numeric column */
        public String[] categories() {
            return kind == Kind.CATEGORICAL ? categories.clone() : new String[0];
        }

        Column subset(int[] rows) {
            if (kind == Kind.NUMERIC) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = numbers[rows[i]];
                }
                return new Column(name, kind, v, null);
            }
            String[] v = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                v[i] = categories[rows[i]];
            }
            return new Column(name, kind, null, v);
        }

        @Override
        public String toString() {
            return name + " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    private final List<Column> columns;
    private final boolean[] churned;
    private final String[] ids;
    private final Instant[] asOf;
    private final int positives;

    private TrainingSet(List<Column> columns, boolean[] churned, String[] ids, Instant[] asOf) {
        this.columns = List.copyOf(columns);
        this.churned = churned;
        this.ids = ids;
        this.asOf = asOf;
        int p = 0;
        for (boolean b : churned) {
            p += b ? 1 : 0;
        }
        this.positives = p;
    }

    /**
     * Starts a training set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Labelled rows straight from account snapshots (as of the day each account was judged) and
     * what each account then did: one numeric column per feature of the snapshots' schema, in its
     * order. See {@link #fromSnapshots(List, boolean[], List)}.
     *
     * @param snapshots one per row, all with the same feature schema
     * @param churned one per snapshot: true if the account churned after it, false if it renewed
     * @return the training set
     * @throws org.cskit.model.ValidationException as {@link #fromSnapshots(List, boolean[], List)}
     */
    public static TrainingSet fromSnapshots(List<AccountSnapshot> snapshots, boolean[] churned) {
        Validate.present("snapshots", snapshots);
        if (snapshots.isEmpty()) {
            throw Validate.invalid("snapshots", "a training set needs at least one snapshot, but snapshots was empty");
        }
        return fromSnapshots(snapshots, churned, snapshots.get(0).features().schema().names());
    }

    /**
     * Labelled rows straight from account snapshots: one numeric column per named feature, in the
     * order given (a categorical scorecard input's feature holds the category's index, as
     * scorecards read it), missing where a snapshot has no value for it; each row's id is its
     * account's and its as-of time the snapshot's. Every rule of {@link Builder#build()} applies: a
     * feature constant across the snapshots is refused by name, not dropped.
     *
     * @param snapshots one per row, all with the same feature schema
     * @param churned one per snapshot: true if the account churned after it, false if it renewed
     * @param features the features to use as columns
     * @return the training set
     * @throws org.cskit.model.ValidationException if the counts differ, a snapshot's schema differs from the first's
     *     ({@code snapshots[i]}), a feature is not in the schema ({@code features[i]}), or a rule of the builder is broken
     */
    public static TrainingSet fromSnapshots(List<AccountSnapshot> snapshots, boolean[] churned, List<String> features) {
        Validate.present("snapshots", snapshots);
        Validate.present("churned", churned);
        Validate.present("features", features);
        if (snapshots.size() != churned.length) {
            throw Validate.invalid("churned", "there are " + snapshots.size() + " snapshots but " + churned.length + " outcomes");
        }
        if (snapshots.isEmpty()) {
            throw Validate.invalid("snapshots", "a training set needs at least one snapshot, but snapshots was empty");
        }
        FeatureSchema schema = snapshots.get(0).features().schema();
        for (int i = 1; i < snapshots.size(); i++) {
            FeatureSchema other = snapshots.get(i).features().schema();
            if (!other.names().equals(schema.names())) {
                throw Validate.invalid("snapshots[" + i + "]", "snapshot " + i + " (account '" + snapshots.get(i).accountId()
                        + "') has features " + other.names() + ", but the first has " + schema.names() + "; all must share one schema");
            }
        }
        Builder b = builder().outcomes(churned);
        for (int j = 0; j < features.size(); j++) {
            int index = schema.indexOf(features.get(j));
            if (index < 0) {
                throw Validate.invalid("features[" + j + "]", "feature '" + features.get(j) + "' is not in the snapshots' schema; known features: "
                        + String.join(", ", schema.names()));
            }
            double[] values = new double[snapshots.size()];
            for (int r = 0; r < values.length; r++) {
                Features f = snapshots.get(r).features();
                values[r] = f.isPresentAt(index) ? f.valueAt(index) : Double.NaN;
            }
            b.numeric(features.get(j), values);
        }
        List<String> ids = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (AccountSnapshot snapshot : snapshots) {
            ids.add(snapshot.accountId().value());
            times.add(snapshot.asOf());
        }
        return b.ids(ids).asOf(times).build();
    }

    /**
     * Labelled rows straight from an account batch (a portfolio as columns, as of the day its
     * accounts were judged) and what each account then did: one numeric column per feature of the
     * batch's schema, in its order. See {@link #fromColumns(AccountBatch, boolean[], List)}.
     *
     * @param batch the accounts, one row each
     * @param churned one per row: true if the account churned after it, false if it renewed
     * @return the training set
     * @throws org.cskit.model.ValidationException as {@link #fromColumns(AccountBatch, boolean[], List)}
     */
    public static TrainingSet fromColumns(AccountBatch batch, boolean[] churned) {
        Validate.present("batch", batch);
        return fromColumns(batch, churned, batch.schema().names());
    }

    /**
     * Labelled rows straight from an account batch: one numeric column per named feature, in the
     * order given, copied out of the batch's feature columns (whatever their primitive type),
     * missing where the batch has no value; each row's id is its account's and its as-of time the
     * batch's. The same rows as {@link #fromSnapshots(List, boolean[], List)} gives for the
     * accounts' snapshots. Every rule of {@link Builder#build()} applies: a feature constant across
     * the rows is refused by name, not dropped.
     *
     * @param batch the accounts, one row each
     * @param churned one per row: true if the account churned after it, false if it renewed
     * @param features the features to use as columns
     * @return the training set
     * @throws org.cskit.model.ValidationException if the counts differ, the batch is empty, a feature is not in
     *     the schema ({@code features[i]}), or a rule of the builder is broken
     */
    public static TrainingSet fromColumns(AccountBatch batch, boolean[] churned, List<String> features) {
        Validate.present("batch", batch);
        Validate.present("churned", churned);
        Validate.present("features", features);
        int n = batch.size();
        if (n != churned.length) {
            throw Validate.invalid("churned", "the batch has " + n + " rows but there are " + churned.length + " outcomes");
        }
        if (n == 0) {
            throw Validate.invalid("batch", "a training set needs at least one row, but the batch was empty");
        }
        FeatureSchema schema = batch.schema();
        Builder b = builder().outcomes(churned);
        for (int j = 0; j < features.size(); j++) {
            int index = schema.indexOf(features.get(j));
            if (index < 0) {
                throw Validate.invalid("features[" + j + "]", "feature '" + features.get(j) + "' is not in the batch's schema; known features: "
                        + String.join(", ", schema.names()));
            }
            double[] values = new double[n];
            for (int r = 0; r < n; r++) {
                values[r] = batch.feature(index, r);
            }
            b.numeric(features.get(j), values);
        }
        List<String> ids = new ArrayList<>(n);
        List<Instant> times = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            ids.add(batch.accountId(r).value());
            times.add(batch.asOf());
        }
        return b.ids(ids).asOf(times).build();
    }

    /** @return the columns, in the order they were added */
    public List<Column> columns() {
        return columns;
    }

    /**
     * A column by name.
     *
     * @param name the column's name
     * @return the column, or empty if there is none
     */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** @return the number of rows */
    public int size() {
        return churned.length;
    }

    /**
     * A row's outcome.
     *
     * @param row the row
     * @return true if the account churned, false if it renewed
     */
    public boolean churned(int row) {
        return churned[row];
    }

    /** @return a copy of the outcomes, one per row */
    public boolean[] outcomes() {
        return churned.clone();
    }

    /** @return the number of churned rows */
    public int churnedCount() {
        return positives;
    }

    /**
     * A row's id.
     *
     * @param row the row
     * @return the id, if the set has ids
     */
    public Optional<String> id(int row) {
        return ids == null ? Optional.empty() : Optional.of(ids[row]);
    }

    /**
     * A row's as-of time: when its inputs were observed.
     *
     * @param row the row
     * @return the time, if the set is dated
     */
    public Optional<Instant> asOf(int row) {
        return asOf == null ? Optional.empty() : Optional.of(asOf[row]);
    }

    /**
     * The rows at some positions, in that order; the rules are not checked again (a fold may, for
     * example, hold a column that is constant within it).
     *
     * @param rows row positions in this set
     * @return the subset
     */
    public TrainingSet subset(int[] rows) {
        List<Column> cs = new ArrayList<>();
        for (Column c : columns) {
            cs.add(c.subset(rows));
        }
        boolean[] y = new boolean[rows.length];
        String[] i = ids == null ? null : new String[rows.length];
        Instant[] t = asOf == null ? null : new Instant[rows.length];
        for (int r = 0; r < rows.length; r++) {
            y[r] = churned[rows[r]];
            if (i != null) {
                i[r] = ids[rows[r]];
            }
            if (t != null) {
                t[r] = asOf[rows[r]];
            }
        }
        return new TrainingSet(cs, y, i, t);
    }

    @Override
    public String toString() {
        return "TrainingSet[" + size() + " rows, " + positives + " churned, columns " + columns + "]";
    }

    /** Builds a {@link TrainingSet}; not thread-safe. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private boolean[] churned;
        private String[] ids;
        private Instant[] asOf;

        private Builder() {}

        /**
         * Adds a numeric column.
         *
         * @param name the column's name
         * @param values one value per row, {@code NaN} for missing
         * @return this builder
         */
        public Builder numeric(String name, double[] values) {
            columns.add(new Column(name, Kind.NUMERIC, values.clone(), null));
            return this;
        }

        /**
         * Adds a categorical column.
         *
         * @param name the column's name
         * @param values one category per row, {@code null} for missing
         * @return this builder
         */
        public Builder categorical(String name, String[] values) {
            columns.add(new Column(name, Kind.CATEGORICAL, null, values.clone()));
            return this;
        }

        /**
         * Adds a column of text cells, numeric if every non-blank cell is a number, else
         * categorical; blank cells and {@code NaN} (in any case, as pandas and spreadsheets write a
         * missing number) are missing and cells are trimmed. One {@code NaN} no longer turns a
         * numeric column categorical.
         *
         * @param name the column's name
         * @param cells one cell per row
         * @return this builder
         * @throws org.cskit.model.ValidationException if a cell is an infinite number such as {@code Infinity} or {@code 1e999}
         */
        public Builder inferred(String name, List<String> cells) {
            boolean numeric = true;
            double[] numbers = new double[cells.size()];
            String[] text = new String[cells.size()];
            for (int i = 0; i < cells.size(); i++) {
                String cell = cells.get(i) == null ? "" : cells.get(i).trim();
                if (cell.isEmpty() || cell.equalsIgnoreCase("nan")) {
                    numbers[i] = Double.NaN;
                    continue;
                }
                text[i] = cell;
                if (numeric) {
                    try {
                        numbers[i] = Double.parseDouble(cell);
                        if (Double.isInfinite(numbers[i])) {
                            throw Validate.invalid(name, "column '" + name + "' row " + (i + 1) + ": " + Validate.quote(cell)
                                    + " is not a finite number");
                        }
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
            }
            return numeric ? numeric(name, numbers) : categorical(name, text);
        }

        /**
         * Sets the outcomes.
         *
         * @param churned one per row: true if the account churned, false if it renewed
         * @return this builder
         */
        public Builder outcomes(boolean[] churned) {
            this.churned = churned.clone();
            return this;
        }

        /**
         * Sets the rows' ids (optional).
         *
         * @param ids one per row
         * @return this builder
         */
        public Builder ids(List<String> ids) {
            this.ids = ids.toArray(new String[0]);
            return this;
        }

        /**
         * Sets the rows' as-of times (optional): when each row's inputs were observed.
         *
         * @param asOf one per row
         * @return this builder
         */
        public Builder asOf(List<Instant> asOf) {
            this.asOf = asOf.toArray(new Instant[0]);
            return this;
        }

        /**
         * Builds the training set.
         *
         * @return the training set
         * @throws org.cskit.model.ValidationException if a rule in {@link TrainingSet} is broken
         */
        public TrainingSet build() {
            Validate.present("outcomes", churned);
            if (columns.isEmpty()) {
                throw Validate.invalid("columns", "a training set needs at least one column, but has none");
            }
            int n = churned.length;
            Set<String> names = new HashSet<>();
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                String field = "columns[" + c + "]";
                Validate.nonBlank(field + ".name", col.name());
                if (!names.add(col.name())) {
                    throw Validate.invalid(field + ".name", "duplicate column name '" + col.name() + "'");
                }
                if (col.size() != n) {
                    throw Validate.invalid(field, "column '" + col.name() + "' has " + col.size() + " rows, but there are " + n + " outcomes");
                }
                checkValues(field, col);
            }
            if (ids != null && ids.length != n) {
                throw Validate.invalid("ids", "there are " + ids.length + " ids, but " + n + " outcomes");
            }
            if (asOf != null) {
                if (asOf.length != n) {
                    throw Validate.invalid("asOf", "there are " + asOf.length + " as-of times, but " + n + " outcomes");
                }
                for (int i = 0; i < n; i++) {
                    Validate.present("asOf[" + i + "]", asOf[i]);
                }
            }
            int positives = 0;
            for (boolean b : churned) {
                positives += b ? 1 : 0;
            }
            if (positives == 0) {
                throw Validate.invalid("outcomes", "outcomes need at least one churned row, but all " + n + " rows renewed");
            }
            if (positives == n) {
                throw Validate.invalid("outcomes", "outcomes need at least one renewed row, but all " + n + " rows churned");
            }
            return new TrainingSet(columns, churned.clone(), ids == null ? null : ids.clone(), asOf == null ? null : asOf.clone());
        }

        private static void checkValues(String field, Column col) {
            String first = null;
            boolean varies = false;
            for (int i = 0; i < col.size(); i++) {
                String value;
                if (col.kind() == Kind.NUMERIC) {
                    double v = col.number(i);
                    if (Double.isInfinite(v)) {
                        throw Validate.invalid(field + "[" + i + "]", "column '" + col.name() + "' row " + i
                                + " must be a finite number or NaN (missing), but was " + v);
                    }
                    value = Double.isNaN(v) ? null : Validate.format(v);
                } else {
                    value = col.category(i);
                    if (value != null && value.isBlank()) {
                        throw Validate.invalid(field + "[" + i + "]", "column '" + col.name() + "' row " + i
                                + " must not be a blank category (use null for missing), but was '" + value + "'");
                    }
                }
                if (value != null) {
                    if (first == null) {
                        first = value;
                    } else if (!varies && !first.equals(value)) {
                        varies = true;
                    }
                }
            }
            if (first == null) {
                throw Validate.invalid(field, "column '" + col.name() + "' is constant: it has no value in any row");
            }
            if (!varies) {
                throw Validate.invalid(field, "column '" + col.name() + "' is constant: every row is '" + first + "' or missing");
            }
        }
    }
}
