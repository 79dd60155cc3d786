package org.cskit.model.columns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.cskit.model.AccountId;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ManualOverride;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;

/**
 * What the playbook engine reads about a batch of accounts, one row per account, all as of one
 * time: ids, segment and lifecycle stage codes, the features (contract and plan facts are the
 * {@link org.cskit.model.StandardFeatures} among them), the current vectors and the previous
 * run's, and the manual overrides people set on some accounts (held sparsely: one entry per
 * override, not per row), which scoring applies while they are active. A portfolio of millions is one batch (or {@link #slice slices} of one); one account is a
 * one-row batch of the same columns.
 *
 * <p>Missing numbers are NaN; an account without a vector has score NaN and band and direction
 * {@code -1}; without vector columns at all, no row is scored (and without previous ones, no row
 * has a previous vector). Account ids come from a function and are only asked for when a play is
 * made or explained.
 *
 * <p>Arrays are not copied: do not change them while an evaluation runs. The builder checks the
 * codes and lengths in time proportional to the rows (the feature and vector columns were checked
 * when they were built), each problem naming the column, the row and the value. Immutable apart
 * from the arrays; safe to read from many threads.
 *
 * <pre>{@code
 * AccountBatch batch = AccountBatch.builder(features).asOf(now).accountIds(i -> ids[i])
 *         .segments(List.of(enterprise, smb), segmentCodes).stage(LifecycleStage.STEADY_STATE)
 *         .vectors(today).previousVectors(yesterday)
 *         .build();
 * }</pre>
 */
public final class AccountBatch {
    private static final Direction[] DIRECTIONS = Direction.values();
    private static final LifecycleStage[] STAGES = LifecycleStage.values();

    private final FeatureColumns features;
    private final int size;
    private final int offset;
    private final Instant asOf;
    private final IntFunction<AccountId> ids;
    private final VectorColumns vectors; // null: none scored
    private final VectorColumns previous; // null: no previous vector
    private final List<Segment> segments;
    private final byte[] segmentCodes; // null = segments[0] everywhere
    private final byte[] stageCodes; // null = fixedStage everywhere
    private final LifecycleStage fixedStage;
    private final AccountEvent[] events; // null = no event on any row
    private final String[][] enrolments; // per row the manual playbooks enrolled; null = none on any row
    private final int[] overrideRows; // sorted array rows with an override; empty = none
    private final ManualOverride[] overrides; // parallel to overrideRows

    private AccountBatch(Builder b) {
        this.features = b.features;
        this.size = b.features.rows();
        this.offset = 0;
        this.asOf = b.asOf;
        this.ids = b.ids;
        this.vectors = b.vectors;
        this.previous = b.previous;
        this.segments = b.segments;
        this.segmentCodes = b.segmentCodes;
        this.stageCodes = b.stageCodes;
        this.fixedStage = b.fixedStage;
        this.events = b.events;
        this.enrolments = b.enrolments;
        int n = b.overrides.size();
        this.overrideRows = new int[n];
        this.overrides = new ManualOverride[n];
        int i = 0;
        for (java.util.Map.Entry<Integer, ManualOverride> e : b.overrides.entrySet()) {
            overrideRows[i] = e.getKey();
            overrides[i++] = e.getValue();
        }
    }

    private AccountBatch(AccountBatch whole, int from, int to) {
        this.features = whole.features;
        this.size = to - from;
        this.offset = whole.offset + from;
        this.asOf = whole.asOf;
        this.ids = whole.ids;
        this.vectors = whole.vectors;
        this.previous = whole.previous;
        this.segments = whole.segments;
        this.segmentCodes = whole.segmentCodes;
        this.stageCodes = whole.stageCodes;
        this.fixedStage = whole.fixedStage;
        this.events = whole.events;
        this.enrolments = whole.enrolments;
        this.overrideRows = whole.overrideRows;
        this.overrides = whole.overrides;
    }

    /**
     * Whether any row of the arrays has a manual override (active or not).
     *
     * @return whether there are overrides
     */
    public boolean hasOverrides() {
        return overrides.length > 0;
    }

    /**
     * The manual override set on a row's account, if any, whether or not it is active at
     * {@link #asOf()} (scoring applies it only while active, as
     * {@link ManualOverride#isActiveAt} says).
     *
     * @param row the row of this batch
     * @return the override, or null
     */
    public ManualOverride override(int row) {
        if (overrides.length == 0) {
            return null;
        }
        int at = java.util.Arrays.binarySearch(overrideRows, offset + Objects.checkIndex(row, size));
        return at < 0 ? null : overrides[at];
    }

    /**
     * The event a row's account is handling, if any (for playbooks with an event trigger).
     *
     * @param row the row
     * @return the event, or null
     */
    public AccountEvent event(int row) {
        return events == null ? null : events[offset + Objects.checkIndex(row, size)];
    }

    /**
     * Whether any row carries an event.
     *
     * @return whether there are events
     */
    public boolean hasEvents() {
        return events != null;
    }

    /**
     * Whether any row carries a manual enrolment.
     *
     * @return whether there are enrolments
     */
    public boolean hasEnrolments() {
        return enrolments != null;
    }

    /**
     * Whether a row's account was enrolled by hand in a playbook.
     *
     * @param row the row
     * @param playbookId the playbook
     * @return whether it was
     */
    public boolean enrolled(int row, String playbookId) {
        String[] ids = enrolments == null ? null : enrolments[offset + Objects.checkIndex(row, size)];
        if (ids != null) {
            for (String id : ids) {
                if (id.equals(playbookId)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Starts a batch over feature columns: their rows are the batch's rows.
     *
     * @param features the features, over the schema the engine was built with
     * @return a builder
     */
    public static Builder builder(FeatureColumns features) {
        return new Builder(features);
    }

    /**
     * A view of rows {@code [from, to)}, without copying: its row 0 is this one's row {@code from}.
     * Useful to evaluate a large portfolio in slices.
     *
     * @param from the first row
     * @param to the row after the last
     * @return the view
     */
    public AccountBatch slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size);
        return new AccountBatch(this, from, to);
    }

    /** @return the feature schema */
    public FeatureSchema schema() {
        return features.schema();
    }

    /** @return the number of rows */
    public int size() {
        return size;
    }

    /**
     * Where this batch's row 0 is in the arrays it reads: 0, unless it is a {@link #slice}. Loops
     * over the arrays read rows {@code [offset(), offset() + size())}.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /** @return the time every row is as of */
    public Instant asOf() {
        return asOf;
    }

    /** @return the feature columns (all rows of the arrays; add {@link #offset()}) */
    public FeatureColumns features() {
        return features;
    }

    /** @return the current vectors (all rows of the arrays; add {@link #offset()}), or null when no row is scored */
    public VectorColumns vectors() {
        return vectors;
    }

    /** @return the previous run's vectors (all rows of the arrays; add {@link #offset()}), or null when there are none */
    public VectorColumns previousVectors() {
        return previous;
    }

    /** @return the segments that segment codes index */
    public List<Segment> segments() {
        return segments;
    }

    /** @return each array row's segment code (not a copy), or null when every row is in the one segment */
    public byte[] segmentCodes() {
        return segmentCodes;
    }

    /** @return each array row's {@link LifecycleStage} ordinal (not a copy), or null when every row is in {@link #fixedStage()} */
    public byte[] stageCodes() {
        return stageCodes;
    }

    /** @return the stage of every row when {@link #stageCodes()} is null, else null */
    public LifecycleStage fixedStage() {
        return fixedStage;
    }

    /**
     * The account of a row, from the id function.
     *
     * @param row the row of this batch
     * @return its id
     */
    public AccountId accountId(int row) {
        AccountId id = ids.apply(offset + Objects.checkIndex(row, size));
        if (id == null) { // not requireNonNull with a message supplier: its lambda captures the row, on every call
            throw new NullPointerException("accountIds returned null for row " + row);
        }
        return id;
    }

    /**
     * A feature of a row.
     *
     * @param index the feature's index in the schema
     * @param row the row of this batch
     * @return the value, NaN when missing
     */
    public double feature(int index, int row) {
        return features.value(index, offset + row);
    }

    /**
     * @param row the row of this batch
     * @return its score, NaN when unscored
     */
    public double score(int row) {
        return vectors == null ? Double.NaN : vectors.scores()[offset + row];
    }

    /**
     * @param row the row of this batch
     * @return its velocity, NaN when unknown
     */
    public double velocity(int row) {
        return vectors == null || vectors.velocities() == null ? Double.NaN : vectors.velocities()[offset + row];
    }

    /**
     * @param row the row of this batch
     * @return its coverage, NaN when unknown
     */
    public double coverage(int row) {
        return vectors == null || vectors.coverages() == null ? Double.NaN : vectors.coverages()[offset + row];
    }

    /**
     * @param row the row of this batch
     * @return its previous score, NaN when none
     */
    public double previousScore(int row) {
        return previous == null ? Double.NaN : previous.scores()[offset + row];
    }

    /**
     * @param row the row of this batch
     * @return its band label, null when unscored
     */
    public String band(int row) {
        return vectors == null ? null : vectors.band(offset + row);
    }

    /**
     * @param row the row of this batch
     * @return its previous band label, null when none
     */
    public String previousBand(int row) {
        return previous == null ? null : previous.band(offset + row);
    }

    /**
     * @param row the row of this batch
     * @return its direction's name, null when unscored
     */
    public String direction(int row) {
        return vectors == null ? null : name(vectors.directionCodes()[offset + row]);
    }

    /**
     * @param row the row of this batch
     * @return its previous direction's name, null when none
     */
    public String previousDirection(int row) {
        return previous == null ? null : name(previous.directionCodes()[offset + row]);
    }

    private static String name(byte code) {
        return code < 0 ? null : DIRECTIONS[code].name();
    }

    /**
     * @param row the row of this batch
     * @return its segment
     */
    public Segment segment(int row) {
        return segments.get(segmentCodes == null ? 0 : segmentCodes[offset + row]);
    }

    /**
     * @param row the row of this batch
     * @return its lifecycle stage
     */
    public LifecycleStage stage(int row) {
        return stageCodes == null ? fixedStage : STAGES[stageCodes[offset + row]];
    }

    @Override
    public String toString() {
        return "AccountBatch[" + size + " rows as of " + asOf + ", features " + schema().names() + "]";
    }

    /** Builds an {@link AccountBatch}; cheap enough to build one per account. Not thread-safe. */
    public static final class Builder {
        private final FeatureColumns features;
        private Instant asOf;
        private IntFunction<AccountId> ids;
        private VectorColumns vectors;
        private VectorColumns previous;
        private List<Segment> segments;
        private byte[] segmentCodes;
        private byte[] stageCodes;
        private LifecycleStage fixedStage;
        private AccountEvent[] events;
        private String[][] enrolments;
        private final java.util.TreeMap<Integer, ManualOverride> overrides = new java.util.TreeMap<>();

        private Builder(FeatureColumns features) {
            this.features = Validate.present("features", features);
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
         * The current vectors, such as a scoring strategy wrote them. Optional: without them no
         * row is scored.
         *
         * @param vectors one per row
         * @return this builder
         */
        public Builder vectors(VectorColumns vectors) {
            this.vectors = Objects.requireNonNull(vectors, "vectors");
            return this;
        }

        /**
         * The previous run's vectors: needed by band and direction transitions. Optional.
         *
         * @param previous one per row
         * @return this builder
         */
        public Builder previousVectors(VectorColumns previous) {
            this.previous = Objects.requireNonNull(previous, "previousVectors");
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
            List<Segment> copy = List.copyOf(Objects.requireNonNull(segments, "segments"));
            if (copy.isEmpty() || copy.size() > Byte.MAX_VALUE) {
                throw Validate.invalid("segments", copy.size() + " segments; give 1 to " + Byte.MAX_VALUE);
            }
            if (copy.size() > 1) {
                Validate.unique("segments", copy, Segment::name, "segment");
            }
            this.segments = copy;
            this.segmentCodes = codes;
            return this;
        }

        /**
         * Each row's lifecycle stage, as a {@link LifecycleStage} ordinal.
         *
         * @param ordinals one per row
         * @return this builder
         */
        public Builder stages(byte[] ordinals) {
            this.stageCodes = Objects.requireNonNull(ordinals, "stages");
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
            this.stageCodes = null;
            return this;
        }

        /**
         * The event a row's account is handling, for playbooks with an event trigger; one per row
         * (evaluate again for a second event of one account).
         *
         * @param row the row
         * @param event its event, of the row's account
         * @return this builder
         */
        public Builder event(int row, AccountEvent event) {
            Objects.checkIndex(row, features.rows());
            Objects.requireNonNull(event, "event");
            if (events == null) {
                events = new AccountEvent[features.rows()];
            }
            if (events[row] != null) {
                throw Validate.invalid("events[" + row + "]", "row " + row + " has an event already; give one event per row and evaluate again for the next");
            }
            events[row] = event;
            return this;
        }

        /**
         * Enrols a row's account by hand in a playbook with a manual trigger.
         *
         * @param row the row
         * @param playbookId the playbook
         * @return this builder
         */
        public Builder enrol(int row, String playbookId) {
            Objects.checkIndex(row, features.rows());
            Validate.nonBlank("playbookId", playbookId);
            if (enrolments == null) {
                enrolments = new String[features.rows()][];
            }
            String[] before = enrolments[row] == null ? new String[0] : enrolments[row];
            String[] after = java.util.Arrays.copyOf(before, before.length + 1);
            after[before.length] = playbookId;
            enrolments[row] = after;
            return this;
        }

        /**
         * A manual override set on a row's account. Scoring applies it while it is active at the
         * batch's as-of time, as {@link org.cskit.model.AccountSnapshot#override()} does for one
         * account: the row's score is then the override's, and the vector columns keep the
         * computed score. At most one per row.
         *
         * @param row the row
         * @param override the override
         * @return this builder
         * @throws org.cskit.model.ValidationException naming the row if it is outside the batch or has an
         *     override already
         */
        public Builder override(int row, ManualOverride override) {
            Objects.requireNonNull(override, "override");
            if (row < 0 || row >= features.rows()) {
                throw Validate.invalid("overrides[" + row + "]", "override for row " + row + ", but the batch has rows 0 to "
                        + (features.rows() - 1));
            }
            if (overrides.putIfAbsent(row, override) != null) {
                throw Validate.invalid("overrides[" + row + "]", "row " + row + " has an override already (score "
                        + Validate.format(overrides.get(row).score()) + "); give at most one per row");
            }
            return this;
        }

        /**
         * Checks the codes and lengths and builds.
         *
         * @return the batch
         * @throws org.cskit.model.ValidationException naming the column, row and value of the first problem
         */
        public AccountBatch build() {
            Validate.present("asOf", asOf);
            Validate.present("accountIds", ids);
            Validate.present("segments", segments);
            int rows = features.rows();
            if (segmentCodes == null && segments.size() > 1) {
                throw Validate.invalid("segments", segments.size() + " segments but no codes saying which row is in which");
            }
            if (stageCodes == null && fixedStage == null) {
                throw Validate.invalid("stages", "give each row's lifecycle stage, or one stage for all rows");
            }
            if (vectors != null) {
                Columns.length("vectors", vectors.rows(), rows);
            }
            if (previous != null) {
                Columns.length("previousVectors", previous.rows(), rows);
            }
            if (segmentCodes != null) {
                Columns.length("segment", segmentCodes.length, rows);
                Columns.codes("segment", segmentCodes, 0, segments.size());
            }
            if (stageCodes != null) {
                Columns.length("stages", stageCodes.length, rows);
                Columns.codes("stages", stageCodes, 0, STAGES.length);
            }
            if (events != null) {
                for (int r = 0; r < rows; r++) {
                    if (events[r] != null && !events[r].accountId().equals(ids.apply(r))) {
                        throw Validate.invalid("events[" + r + "]", "the event of row " + r + " is of account '" + events[r].accountId()
                                + "', not of the row's account '" + ids.apply(r) + "'");
                    }
                }
            }
            return new AccountBatch(this);
        }
    }
}
