package org.cskit.playbooks.engine;

import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.SuccessVector;
import org.cskit.model.event.AccountEvent;

/**
 * The arrays of a one-row batch: a per-account evaluation fills them from its {@link PlaybookInput}
 * and evaluates them as any batch. One per thread, reused from call to call.
 */
final class OneRow {
    private final double[][] features;
    private final double[] score = new double[1], velocity = new double[1], coverage = new double[1], previousScore = new double[1];
    private final byte[] band = new byte[1], previousBand = new byte[1], direction = new byte[1], previousDirection = new byte[1];
    private final byte[] stage = new byte[1];
    private final AccountEvent[] events = new AccountEvent[1];
    private final String[][] enrolments = new String[1][];

    OneRow(FeatureSchema schema) {
        features = new double[schema.size()][];
        for (int i = 0; i < features.length; i++) {
            features[i] = new double[1];
        }
    }

    /** Columns over new arrays, for a play built after the call (the thread's arrays change on the next call). */
    static AccountColumns fresh(PlaybookInput input, FeatureSchema schema) {
        return new OneRow(schema).fill(input, schema);
    }

    /** Fills this thread's arrays from an input and wraps them. */
    AccountColumns fill(PlaybookInput input, FeatureSchema schema) {
        AccountSnapshot s = input.snapshot();
        Features f = s.features();
        for (int i = 0; i < features.length; i++) {
            features[i][0] = f.valueAt(i);
        }
        SuccessVector v = input.vector().orElse(null);
        SuccessVector p = s.previousVector().orElse(null);
        String[] labels = new String[] {v == null ? null : v.band().label(), p == null ? null : p.band().label()};
        score[0] = v == null ? Double.NaN : v.score();
        velocity[0] = v == null ? Double.NaN : v.velocity();
        coverage[0] = v == null ? Double.NaN : v.coverage();
        band[0] = (byte) (v == null ? -1 : 0);
        direction[0] = (byte) (v == null ? -1 : v.direction().ordinal());
        previousScore[0] = p == null ? Double.NaN : p.score();
        previousBand[0] = (byte) (p == null ? -1 : 1);
        previousDirection[0] = (byte) (p == null ? -1 : p.direction().ordinal());
        stage[0] = (byte) s.lifecycleStage().ordinal();
        events[0] = input.event().orElse(null);
        enrolments[0] = input.enrolments().isEmpty() ? null : input.enrolments().toArray(new String[0]);
        return new AccountColumns(schema, s.asOf(), s.accountId(), features, score, velocity, coverage, previousScore, band, previousBand,
                direction, previousDirection, labels, s.segment(), stage, events[0] == null ? null : events,
                enrolments[0] == null ? null : enrolments);
    }
}
