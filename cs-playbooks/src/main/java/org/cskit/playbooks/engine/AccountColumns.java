package org.cskit.playbooks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.cskit.model.AccountId;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;

/**
 * A portfolio as columns, one row per account, all as of one time: the form for evaluating
 * millions of accounts with {@link PlaybookEngine#evaluate(AccountColumns, org.cskit.playbooks.spi.ActionSink)}.
 * It holds the same facts a {@link PlaybookInput} does (features, the current and previous vector's
 * score, band and direction, segment, lifecycle stage, and the event and manual enrolments a row
 * brings), as primitive arrays instead of objects, so a
 * million accounts take tens of megabytes and the engine reads them without allocating.
 *
 * <p>Missing numbers are {@code NaN}; a missing band or direction is code {@code -1}; an account
 * that has no vector has a {@code NaN} score and band {@code -1}. Feature columns not given are
 * missing for every row. Account ids are produced by a function and only asked for when a play is
 * made or explained.
 *
 * <p>The arrays are not copied (a copy would double the memory of a large portfolio): do not change
 * them while an evaluation runs. Everything else is checked when the columns are built, each
 * problem naming the column, the row and the value.
 *
 * <pre>{@code
 * AccountColumns columns = AccountColumns.builder(schema, n).asOf(now).accountIds(i -> ids[i])
 *         .segments(List.of(enterprise, smb), segmentCodes).stage(LifecycleStage.STEADY_STATE)
 *         .feature("logins_14d", logins).bands("red", "yellow", "green").vector(scores, bandCodes, directionCodes)
 *         .build();
 * }</pre>
 */
public final class AccountColumns {
    private static final Direction[] DIRECTIONS = Direction.values();
    private static final LifecycleStage[] STAGES = LifecycleStage.values();

    private final FeatureSchema schema;
    private final int size;
    /** The first row of the arrays this view shows (0 unless a {@link #slice}). */
    final int offset;
    private final Instant asOf;
    private final IntFunction<AccountId> ids;
    final double[][] features; // by schema index; null = missing everywhere
    final double[] score, velocity, coverage, previousScore; // null = missing everywhere
    final byte[] band, previousBand, direction, previousDirection; // null = -1 everywhere
    final String[] bandLabels;
    final Segment[] segments;
    final String[] segmentNames; // segments' names, by code
    final byte[] segment; // null = segments[0] everywhere
    final byte[] stage; // null = fixedStage everywhere
    final LifecycleStage fixedStage;
    final AccountEvent[] events; // null = no event on any row
    final String[][] enrolments; // per row the manual playbooks enrolled; null = none on any row

    /** The one-row columns of a per-account evaluation, over a thread's reused arrays (see {@link OneRow}). */
    AccountColumns(FeatureSchema schema, Instant asOf, AccountId id, double[][] features, double[] score, double[] velocity,
            double[] coverage, double[] previousScore, byte[] band, byte[] previousBand, byte[] direction, byte[] previousDirection,
            String[] bandLabels, Segment segment, byte[] stage, AccountEvent[] events, String[][] enrolments) {
        this.schema = schema;
        this.size = 1;
        this.offset = 0;
        this.asOf = asOf;
        this.ids = row -> id;
        this.features = features;
        this.score = score;
        this.velocity = velocity;
        this.coverage = coverage;
        this.previousScore = previousScore;
        this.band = band;
        this.previousBand = previousBand;
        this.direction = direction;
        this.previousDirection = previousDirection;
        this.bandLabels = bandLabels;
        this.segments = new Segment[] {segment};
        this.segmentNames = new String[] {segment.name()};
        this.segment = null;
        this.stage = stage;
        this.fixedStage = null;
        this.events = events;
        this.enrolments = enrolments;
    }

    private AccountColumns(Builder b) {
        this.schema = b.schema;
        this.size = b.size;
        this.offset = 0;
        this.asOf = b.asOf;
        this.ids = b.ids;
        this.features = b.features;
        this.score = b.score;
        this.velocity = b.velocity;
        this.coverage = b.coverage;
        this.previousScore = b.previousScore;
        this.band = b.band;
        this.previousBand = b.previousBand;
        this.direction = b.direction;
        this.previousDirection = b.previousDirection;
        this.bandLabels = b.bandLabels;
        this.segments = b.segments;
        this.segmentNames = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            segmentNames[i] = segments[i].name();
        }
        this.segment = b.segment;
        this.stage = b.stage;
        this.fixedStage = b.fixedStage;
        this.events = b.events;
        this.enrolments = b.enrolments;
    }

    private AccountColumns(AccountColumns whole, int from, int to) {
        this.schema = whole.schema;
        this.size = to - from;
        this.offset = whole.offset + from;
        this.asOf = whole.asOf;
        this.ids = whole.ids;
        this.features = whole.features;
        this.score = whole.score;
        this.velocity = whole.velocity;
        this.coverage = whole.coverage;
        this.previousScore = whole.previousScore;
        this.band = whole.band;
        this.previousBand = whole.previousBand;
        this.direction = whole.direction;
        this.previousDirection = whole.previousDirection;
        this.bandLabels = whole.bandLabels;
        this.segments = whole.segments;
        this.segmentNames = whole.segmentNames;
        this.segment = whole.segment;
        this.stage = whole.stage;
        this.fixedStage = whole.fixedStage;
        this.events = whole.events;
        this.enrolments = whole.enrolments;
    }

    /**
     * A view of rows {@code [from, to)}, without copying: its row 0 is this one's row {@code from}.
     * Useful to evaluate a large portfolio in slices, for example one per thread.
     *
     * @param from the first row
     * @param to the row after the last
     * @return the view
     */
    public AccountColumns slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new AccountColumns(this, from, to);
    }

    /**
     * Starts columns for {@code size} accounts whose features follow {@code schema}.
     *
     * @param schema the features, the same schema the engine was built with
     * @param size the number of rows, at least 0
     * @return a builder
     */
    public static Builder builder(FeatureSchema schema, int size) {
        return new Builder(schema, size);
    }

    /** @return the feature schema */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of rows */
    public int size() {
        return size;
    }

    /** @return the time every row is as of */
    public Instant asOf() {
        return asOf;
    }

    /**
     * The account of a row, from the id function.
     *
     * @param row the row
     * @return its id
     */
    public AccountId accountId(int row) {
        return Objects.requireNonNull(ids.apply(offset + Objects.checkIndex(row, size)), () -> "accountIds returned null for row " + row);
    }

    /** The event of a row, or null. */
    AccountEvent event(int row) {
        return events == null ? null : events[offset + row];
    }

    /** Whether a row was enrolled by hand in a playbook. */
    boolean enrolled(int row, String playbookId) {
        String[] ids = enrolments == null ? null : enrolments[offset + row];
        if (ids != null) {
            for (String id : ids) {
                if (id.equals(playbookId)) {
                    return true;
                }
            }
        }
        return false;
    }

    double feature(int index, int row) {
        double[] column = features[index];
        return column == null ? Double.NaN : column[offset + row];
    }

    double score(int row) {
        return score == null ? Double.NaN : score[offset + row];
    }

    double velocity(int row) {
        return velocity == null ? Double.NaN : velocity[offset + row];
    }

    double coverage(int row) {
        return coverage == null ? Double.NaN : coverage[offset + row];
    }

    double previousScore(int row) {
        return previousScore == null ? Double.NaN : previousScore[offset + row];
    }

    String band(int row) {
        return label(band, row);
    }

    String previousBand(int row) {
        return label(previousBand, row);
    }

    private String label(byte[] codes, int row) {
        int code = codes == null ? -1 : codes[offset + row];
        return code < 0 ? null : bandLabels[code];
    }

    String direction(int row) {
        return direction == null || direction[offset + row] < 0 ? null : DIRECTIONS[direction[offset + row]].name();
    }

    String previousDirection(int row) {
        return previousDirection == null || previousDirection[offset + row] < 0 ? null
                : DIRECTIONS[previousDirection[offset + row]].name();
    }

    Segment segment(int row) {
        return segments[segment == null ? 0 : segment[offset + row]];
    }

    LifecycleStage stage(int row) {
        return stage == null ? fixedStage : STAGES[stage[offset + row]];
    }

    /** Builds {@link AccountColumns}; not thread-safe. */
    public static final class Builder {
        private final FeatureSchema schema;
        private final int size;
        private Instant asOf;
        private IntFunction<AccountId> ids;
        private final double[][] features;
        private double[] score, velocity, coverage, previousScore;
        private byte[] band, previousBand, direction, previousDirection;
        private String[] bandLabels = new String[0];
        private Segment[] segments;
        private byte[] segment;
        private byte[] stage;
        private LifecycleStage fixedStage;
        private AccountEvent[] events;
        private String[][] enrolments;

        private Builder(FeatureSchema schema, int size) {
            this.schema = Validate.present("schema", schema);
            this.size = Validate.atLeast("size", size, 0);
            this.features = new double[schema.size()][];
        }

        /**
         * The time every row is as of. Required.
         *
         * @param asOf the time
         * @return this builder
         */
        public Builder asOf(Instant asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            return this;
        }

        /**
         * How to name the account of a row; called for plays made or explained and for tests on
         * {@code account.id}, from every evaluating thread, so it must be thread-safe (an array
         * lookup is). Required.
         *
         * @param ids row to account id
         * @return this builder
         */
        public Builder accountIds(IntFunction<AccountId> ids) {
            this.ids = Objects.requireNonNull(ids, "accountIds");
            return this;
        }

        /**
         * One feature's values, {@code NaN} where missing.
         *
         * @param name a feature of the schema
         * @param values one per row
         * @return this builder
         */
        public Builder feature(String name, double[] values) {
            int index = schema.indexOf(Objects.requireNonNull(name, "name"));
            if (index < 0) {
                throw Validate.invalid("features", "unknown feature '" + name + "'; the schema has " + String.join(", ", schema.names()));
            }
            if (features[index] != null) {
                throw Validate.invalid("features." + name, "feature '" + name + "' is given twice");
            }
            features[index] = Objects.requireNonNull(values, name);
            return this;
        }

        /**
         * The band labels that band codes index, such as {@code "red", "yellow", "green"}.
         *
         * @param labels distinct, non-blank labels; at most 127
         * @return this builder
         */
        public Builder bands(String... labels) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < labels.length; i++) {
                Validate.nonBlank("bands[" + i + "]", labels[i]);
                if (!seen.add(labels[i])) {
                    throw Validate.invalid("bands[" + i + "]", "band '" + labels[i] + "' is listed twice");
                }
            }
            if (labels.length > Byte.MAX_VALUE) {
                throw Validate.invalid("bands", labels.length + " bands, but at most " + Byte.MAX_VALUE + " fit a byte code");
            }
            this.bandLabels = labels.clone();
            return this;
        }

        /**
         * The current vector: score ({@code NaN} when the account is not scored), band code (an
         * index into {@link #bands}, {@code -1} when not scored) and direction code (a
         * {@link Direction} ordinal, {@code -1} when not scored).
         *
         * @param score one per row
         * @param band one per row
         * @param direction one per row
         * @return this builder
         */
        public Builder vector(double[] score, byte[] band, byte[] direction) {
            this.score = Objects.requireNonNull(score, "score");
            this.band = Objects.requireNonNull(band, "band");
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /**
         * The current vector's velocity (points per week), {@code NaN} when not scored. Optional:
         * without it, playbooks reading {@code vector.velocity} see it missing.
         *
         * @param velocity one per row
         * @return this builder
         */
        public Builder velocity(double[] velocity) {
            this.velocity = Objects.requireNonNull(velocity, "velocity");
            return this;
        }

        /**
         * The current vector's coverage (0 to 1), {@code NaN} when not scored. Optional: without it,
         * playbooks reading {@code vector.coverage} see it missing.
         *
         * @param coverage one per row
         * @return this builder
         */
        public Builder coverage(double[] coverage) {
            this.coverage = Objects.requireNonNull(coverage, "coverage");
            return this;
        }

        /**
         * The previous vector, as {@link #vector}: needed by band and direction transitions.
         *
         * @param score one per row
         * @param band one per row
         * @param direction one per row
         * @return this builder
         */
        public Builder previousVector(double[] score, byte[] band, byte[] direction) {
            this.previousScore = Objects.requireNonNull(score, "previousScore");
            this.previousBand = Objects.requireNonNull(band, "previousBand");
            this.previousDirection = Objects.requireNonNull(direction, "previousDirection");
            return this;
        }

        /**
         * The segments and each row's segment (an index into {@code segments}). Required, unless
         * there is a single segment: then {@code codes} may be null.
         *
         * @param segments distinct segments, at most 127
         * @param codes one per row, or null for one segment
         * @return this builder
         */
        public Builder segments(List<Segment> segments, byte[] codes) {
            List<Segment> copy = new ArrayList<>(Objects.requireNonNull(segments, "segments"));
            if (copy.isEmpty() || copy.size() > Byte.MAX_VALUE) {
                throw Validate.invalid("segments", copy.size() + " segments; give 1 to " + Byte.MAX_VALUE);
            }
            Validate.unique("segments", copy, Segment::name, "segment");
            this.segments = copy.toArray(new Segment[0]);
            this.segment = codes;
            return this;
        }

        /**
         * Each row's lifecycle stage, as a {@link LifecycleStage} ordinal.
         *
         * @param ordinals one per row
         * @return this builder
         */
        public Builder stages(byte[] ordinals) {
            this.stage = Objects.requireNonNull(ordinals, "stages");
            this.fixedStage = null;
            return this;
        }

        /**
         * One lifecycle stage for every row.
         *
         * @param stage the stage
         * @return this builder
         */
        public Builder stage(LifecycleStage stage) {
            this.fixedStage = Objects.requireNonNull(stage, "stage");
            this.stage = null;
            return this;
        }

        /**
         * The event a row's account is handling, for playbooks with an {@code EVENT} trigger; one
         * per row (evaluate the batch again for a second event of one account).
         *
         * @param row the row
         * @param event its event, of the row's account
         * @return this builder
         */
        public Builder event(int row, AccountEvent event) {
            Objects.checkIndex(row, size);
            Objects.requireNonNull(event, "event");
            if (events == null) {
                events = new AccountEvent[size];
            }
            if (events[row] != null) {
                throw Validate.invalid("events[" + row + "]", "row " + row + " has an event already; give one event per row and evaluate again for the next");
            }
            events[row] = event;
            return this;
        }

        /**
         * Enrols a row's account by hand in a playbook with a {@code MANUAL} trigger.
         *
         * @param row the row
         * @param playbookId the playbook
         * @return this builder
         */
        public Builder enrol(int row, String playbookId) {
            Objects.checkIndex(row, size);
            Validate.nonBlank("playbookId", playbookId);
            if (enrolments == null) {
                enrolments = new String[size][];
            }
            String[] before = enrolments[row] == null ? new String[0] : enrolments[row];
            String[] after = Arrays.copyOf(before, before.length + 1);
            after[before.length] = playbookId;
            enrolments[row] = after;
            return this;
        }

        /**
         * Checks every column and builds.
         *
         * @return the columns
         * @throws org.cskit.model.ValidationException naming the column, row and value of the first problem
         */
        public AccountColumns build() {
            Validate.present("asOf", asOf);
            Validate.present("accountIds", ids);
            Validate.present("segments", segments);
            if (segment == null && segments.length > 1) {
                throw Validate.invalid("segments", segments.length + " segments but no codes saying which row is in which");
            }
            if (stage == null && fixedStage == null) {
                throw Validate.invalid("stages", "give each row's lifecycle stage, or one stage for all rows");
            }
            for (int f = 0; f < features.length; f++) {
                String name = schema.names().get(f);
                if (features[f] != null) {
                    length(name, features[f].length);
                    for (int r = 0; r < size; r++) {
                        if (Double.isInfinite(features[f][r])) {
                            throw Validate.invalid(name + "[" + r + "]", "feature '" + name + "' is " + features[f][r]
                                    + " in row " + r + "; give a finite number, or NaN for missing");
                        }
                    }
                }
            }
            vector("score", "band", "direction", score, band, direction);
            vector("previousScore", "previousBand", "previousDirection", previousScore, previousBand, previousDirection);
            finiteOrNaN("velocity", velocity);
            finiteOrNaN("coverage", coverage);
            codes("segment", segment, 0, segments.length);
            codes("stages", stage, 0, STAGES.length);
            if (events != null) {
                for (int r = 0; r < size; r++) {
                    if (events[r] != null && !events[r].accountId().equals(ids.apply(r))) {
                        throw Validate.invalid("events[" + r + "]", "the event of row " + r + " is of account '" + events[r].accountId()
                                + "', not of the row's account '" + ids.apply(r) + "'");
                    }
                }
            }
            return new AccountColumns(this);
        }

        private void vector(String scoreName, String bandName, String directionName, double[] s, byte[] b, byte[] d) {
            if (s == null) {
                return;
            }
            length(scoreName, s.length);
            codes(bandName, b, -1, bandLabels.length);
            codes(directionName, d, -1, DIRECTIONS.length);
            for (int r = 0; r < size; r++) {
                boolean scored = !Double.isNaN(s[r]);
                if (Double.isInfinite(s[r])) {
                    throw Validate.invalid(scoreName + "[" + r + "]", scoreName + " is " + s[r] + " in row " + r);
                }
                if (scored != (b[r] >= 0) || scored != (d[r] >= 0)) {
                    throw Validate.invalid(scoreName + "[" + r + "]", "row " + r + " has " + scoreName + " " + s[r] + ", "
                            + bandName + " code " + b[r] + " and " + directionName + " code " + d[r]
                            + ": a scored row has all three, an unscored row NaN and -1, -1");
                }
            }
        }

        private void finiteOrNaN(String name, double[] values) {
            if (values == null) {
                return;
            }
            length(name, values.length);
            for (int r = 0; r < size; r++) {
                if (Double.isInfinite(values[r])) {
                    throw Validate.invalid(name + "[" + r + "]", name + " is " + values[r] + " in row " + r);
                }
            }
        }

        private void codes(String name, byte[] codes, int min, int limit) {
            if (codes == null) {
                return;
            }
            length(name, codes.length);
            for (int r = 0; r < size; r++) {
                if (codes[r] < min || codes[r] >= limit) {
                    throw Validate.invalid(name + "[" + r + "]", name + " code " + codes[r] + " in row " + r + " is outside "
                            + min + ".." + (limit - 1));
                }
            }
        }

        private void length(String name, int length) {
            if (length != size) {
                throw Validate.invalid(name, "column '" + name + "' has " + length + " values for " + size + " rows");
            }
        }
    }

    @Override
    public String toString() {
        return "AccountColumns[" + size + " rows as of " + asOf + ", features " + Arrays.toString(schema.names().toArray()) + "]";
    }
}
