package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeasurementTest {
    private static final Instant AT = Instant.parse("2026-03-06T09:00:00Z");

    @Test
    void of_nullTime_isRejected() {
        assertViolation(() -> Measurement.of(null, 1), "at", "at must not be null");
    }

    @Test
    void of_nan_isRejected() {
        assertViolation(() -> Measurement.of(AT, Double.NaN), "value", "value must be a finite number, but was NaN");
    }

    @Test
    void of_infinite_isRejected() {
        assertViolation(() -> Measurement.of(AT, Double.NEGATIVE_INFINITY), "value",
                "value must be a finite number, but was -Infinity");
    }

    @Test
    void of_negativeValue_isAccepted() {
        assertThat(Measurement.of(AT, -3.5).value()).isEqualTo(-3.5);
    }
}
