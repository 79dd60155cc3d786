package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttainmentTest {
    private static final MetricId M = MetricId.of("m");
    private static final Measurement BASIS = Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), 5);

    @Test
    void constructor_nullMetric_isRejected() {
        assertViolation(() -> new Attainment(null, 0.5, BASIS), "metric", "metric must not be null");
    }

    @Test
    void constructor_nanRatio_isRejected() {
        assertViolation(() -> new Attainment(M, Double.NaN, BASIS), "ratio", "ratio must be a finite number, but was NaN");
    }

    @Test
    void constructor_nullBasis_isRejected() {
        assertViolation(() -> new Attainment(M, 0.5, null), "basis", "basis must not be null");
    }

    @Test
    void targetReached_atOneAndAbove_isTrue() {
        assertThat(new Attainment(M, 1.0, BASIS).targetReached()).isTrue();
        assertThat(new Attainment(M, 1.3, BASIS).targetReached()).isTrue();
        assertThat(new Attainment(M, 0.999, BASIS).targetReached()).isFalse();
    }

    @Test
    void regressed_belowZero_isTrue() {
        assertThat(new Attainment(M, -0.01, BASIS).regressed()).isTrue();
        assertThat(new Attainment(M, 0.0, BASIS).regressed()).isFalse();
    }
}
