package org.cskit.playbooks.engine;

import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.VectorColumns;

/**
 * The arrays of a one-row batch: a per-account evaluation fills them from its {@link PlaybookInput}
 * and evaluates them as any batch. One per thread, reused from call to call (the feature columns
 * are; the small vector and batch objects around them are made per call).
 */
final class OneRow {
    private final FeatureColumns features;
    private final double[][] values;
    private final byte[] stage = new byte[1];
    private final Vector current = new Vector(), previous = new Vector();

    OneRow(FeatureSchema schema) {
        features = FeatureColumns.allocate(schema, 1);
        values = new double[schema.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = features.doubles(i);
        }
    }

    /** A batch over new arrays, for a play built after the call (the thread's arrays change on the next call). */
    static AccountBatch fresh(PlaybookInput input, FeatureSchema schema) {
        return new OneRow(schema).fill(input);
    }

    /** Fills this thread's arrays from an input and wraps them. */
    AccountBatch fill(PlaybookInput input) {
        AccountSnapshot s = input.snapshot();
        Features f = s.features();
        for (int i = 0; i < values.length; i++) {
            values[i][0] = f.valueAt(i);
        }
        stage[0] = (byte) s.lifecycleStage().ordinal();
        AccountBatch.Builder b = AccountBatch.builder(features).asOf(s.asOf()).accountIds(row -> s.accountId())
                .segments(List.of(s.segment()), null).stages(stage);
        // An unscored vector is a row without a vector: score NaN, no band, no direction.
        input.vector().filter(v -> !v.unscored()).ifPresent(v -> b.vectors(current.of(v)));
        s.previousVector().filter(p -> !p.unscored()).ifPresent(p -> b.previousVectors(previous.of(p)));
        input.event().ifPresent(e -> b.event(0, e));
        input.enrolments().forEach(id -> b.enrol(0, id));
        return b.build();
    }

    /**
     * A one-row vector column per band label, built (and checked) once, whose arrays are refilled
     * on each call: a scored vector's values are already within the columns' rules.
     */
    private static final class Vector {
        private final double[] score = new double[1], velocity = new double[1], coverage = new double[1];
        private final byte[] band = {0}, direction = new byte[1];
        private final java.util.Map<String, VectorColumns> byLabel = new java.util.HashMap<>();

        VectorColumns of(SuccessVector v) {
            VectorColumns columns = byLabel.get(v.band().label());
            score[0] = v.score();
            velocity[0] = v.velocity();
            coverage[0] = v.coverage();
            direction[0] = (byte) v.direction().ordinal();
            if (columns == null) {
                columns = VectorColumns.builder(1).bands(v.band().label()).scores(score).bandCodes(band).directionCodes(direction)
                        .velocities(velocity).coverages(coverage).build();
                if (byLabel.size() < 64) {
                    byLabel.put(v.band().label(), columns);
                }
            }
            return columns;
        }
    }
}
