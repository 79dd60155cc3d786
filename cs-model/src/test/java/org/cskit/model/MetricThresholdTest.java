package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class MetricThresholdTest {

    @Test
    void of_nullMetric_isRejected() {
        assertViolation(() -> MetricThreshold.of(null, 5), "metric", "metric must not be null");
    }

    @Test
    void of_infiniteThreshold_isRejected() {
        assertViolation(() -> MetricThreshold.of(MetricId.of("m"), Double.POSITIVE_INFINITY), "threshold",
                "threshold must be a finite number, but was Infinity");
    }

    @Test
    void of_valid_isACompletionCriterion() {
        CompletionCriterion c = MetricThreshold.of(MetricId.of("m"), -2.5);

        assertThat(c).isEqualTo(new MetricThreshold(MetricId.of("m"), -2.5));
    }
}
