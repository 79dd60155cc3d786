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
        input.vector().ifPresent(v -> b.vectors(vector(v)));
        s.previousVector().ifPresent(p -> b.previousVectors(vector(p)));
        input.event().ifPresent(e -> b.event(0, e));
        input.enrolments().forEach(id -> b.enrol(0, id));
        return b.build();
    }

    private static VectorColumns vector(SuccessVector v) {
        return VectorColumns.builder(1).bands(v.band().label()).scores(new double[] {v.score()}).bandCodes(new byte[] {0})
                .directionCodes(new byte[] {(byte) v.direction().ordinal()}).velocities(new double[] {v.velocity()})
                .coverages(new double[] {v.coverage()}).build();
    }
}
