package org.cskit.playbooks.engine;

import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.VectorColumns;

/**
 * The arrays of a one-row batch: a per-account evaluation fills them from its {@link PlaybookInput}
 * and evaluates them as any batch. Only the features the engine reads while it evaluates (its
 * tests, and the renewal or start day a situation is named by) are filled; the others stay missing,
 * and a play built later reads a batch of its own with every feature ({@link #fresh}). One per thread, reused from call to call: the feature, stage and
 * vector arrays are refilled in place, and the batch around them is kept while what it fixes (as-of
 * time, segment, which vector columns) stays the same and the input brings no event and no
 * enrolment, as in a night's per-account calls; otherwise a new batch is made over the same arrays.
 * Never used by two calls at once (a call made from inside a sink gets another).
 */
final class OneRow {
    private final FeatureColumns features;
    /** The features filled (those the engine reads during a call), and their one-row arrays. */
    private final int[] read;
    private final double[][] values;
    private final byte[] stage = new byte[1];
    private final Vector current = new Vector(), previous = new Vector();
    /** The account of the row: read by the kept batch's id function. */
    private AccountId id;
    /** The segments seen (at most 64, then it starts again) and the row's code among them. */
    private final List<Segment> segments = new java.util.ArrayList<>();
    private final byte[] segment = new byte[1];
    private AccountBatch kept;
    private java.time.Instant keptAsOf;
    private VectorColumns keptCurrent, keptPrevious;
    /** Counts the changes to {@link #segments}: the kept batch holds a copy of the list as it was. */
    private int segmentsChanged, keptSegments;

    /**
     * @param read the indexes of the features to fill on each call: those the engine reads while it
     *     evaluates (the others stay missing, NaN)
     */
    OneRow(FeatureSchema schema, int[] read) {
        features = FeatureColumns.allocate(schema, 1);
        this.read = read.clone();
        values = new double[read.length][];
        for (int k = 0; k < read.length; k++) {
            values[k] = features.doubles(read[k]);
        }
    }

    /**
     * A batch over new arrays with every feature filled, for a play built after the call (its reason
     * and actions may show any feature; the thread's arrays change on the next call).
     */
    static AccountBatch fresh(PlaybookInput input, FeatureSchema schema) {
        return new OneRow(schema, java.util.stream.IntStream.range(0, schema.size()).toArray()).fill(input);
    }

    /** Fills this thread's arrays from an input and wraps them. */
    AccountBatch fill(PlaybookInput input) {
        AccountSnapshot s = input.snapshot();
        // The account's objects are read first, each by one field: their cache misses (most of a
        // per-account call's wait, on a large portfolio) then overlap instead of coming one by one.
        Features f = s.features();
        SuccessVector v = input.vector().orElse(null);
        SuccessVector p = s.previousVector().orElse(null);
        Segment segmentOf = s.segment();
        id = s.accountId();
        // An unscored vector is a row without a vector: score NaN, no band, no direction.
        boolean scored = v != null && !v.unscored(), previousScored = p != null && !p.unscored();
        int[] read = this.read;
        for (int k = 0; k < read.length; k++) {
            values[k][0] = f.valueAt(read[k]);
        }
        stage[0] = (byte) s.lifecycleStage().ordinal();
        VectorColumns vectors = scored ? current.of(v) : null;
        VectorColumns previousVectors = previousScored ? previous.of(p) : null;
        segment[0] = (byte) segmentCode(segmentOf);
        boolean plain = input.event().isEmpty() && input.enrolments().isEmpty();
        if (plain && kept != null && vectors == keptCurrent && previousVectors == keptPrevious && segmentsChanged == keptSegments
                && s.asOf().equals(keptAsOf)) {
            return kept;
        }
        AccountId account = id;
        AccountBatch.Builder b = AccountBatch.builder(features).asOf(s.asOf()).stages(stage);
        if (vectors != null) {
            b.vectors(vectors);
        }
        if (previousVectors != null) {
            b.previousVectors(previousVectors);
        }
        if (!plain) {
            // A batch for this call only: its one segment needs no codes (nor the check that the list's names differ).
            b.segments(List.of(s.segment()), null).accountIds(row -> account);
            input.event().ifPresent(e -> b.event(0, e));
            input.enrolments().forEach(e -> b.enrol(0, e));
            return b.build();
        }
        kept = b.segments(segments, segment).accountIds(row -> id).build();
        keptAsOf = s.asOf();
        keptSegments = segmentsChanged;
        keptCurrent = vectors;
        keptPrevious = previousVectors;
        return kept;
    }

    /** The segment's code among those seen; a new one is added (a new name, or a name seen with another engagement model starts again). */
    private int segmentCode(Segment s) {
        // References first: a host's accounts usually share a few segment objects, and equals on
        // each segment before the row's own costs more than the whole identity pass.
        for (int c = 0; c < segments.size(); c++) {
            if (segments.get(c) == s) {
                return c;
            }
        }
        for (int c = 0; c < segments.size(); c++) {
            Segment known = segments.get(c);
            if (known == s || known.equals(s)) {
                return c;
            }
            if (known.name().equals(s.name())) {
                segments.clear();
                break;
            }
        }
        if (segments.size() == 64) {
            segments.clear();
        }
        segments.add(s);
        segmentsChanged++;
        return segments.size() - 1;
    }

    /**
     * A one-row vector column over every band label seen so far (at most 64, then it starts again),
     * built (and checked) when a new label comes, whose arrays are refilled on each call: a scored
     * vector's values are already within the columns' rules.
     */
    private static final class Vector {
        private final double[] score = new double[1], velocity = new double[1], coverage = new double[1];
        private final byte[] band = {0}, direction = new byte[1];
        private final List<String> labels = new java.util.ArrayList<>();
        private VectorColumns columns;

        VectorColumns of(SuccessVector v) {
            String label = v.band().label();
            int code = indexOf(labels, label);
            score[0] = v.score();
            velocity[0] = v.velocity();
            coverage[0] = v.coverage();
            direction[0] = (byte) v.direction().ordinal();
            if (code < 0) {
                if (labels.size() == 64) {
                    labels.clear();
                }
                code = labels.size();
                labels.add(label);
                band[0] = (byte) code;
                columns = VectorColumns.builder(1).bands(labels).scores(score).bandCodes(band).directionCodes(direction)
                        .velocities(velocity).coverages(coverage).build();
            }
            band[0] = (byte) code;
            return columns;
        }
    }

    /** The index of a text in a short list, comparing references first (labels are usually the same strings), else -1. */
    private static int indexOf(List<String> list, String text) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == text) {
                return i;
            }
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals(text)) {
                return i;
            }
        }
        return -1;
    }
}
