package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class BandTest {

    @Test
    void of_blankLabel_isRejected() {
        assertViolation(() -> Band.of("", 0), "label", "label must not be blank, but was ''");
    }

    @Test
    void of_nullLabel_isRejected() {
        assertViolation(() -> Band.of(null, 0), "label", "label must not be null");
    }

    @Test
    void of_negativeRank_isRejected() {
        assertViolation(() -> Band.of("red", -1), "rank", "rank must be at least 0, but was -1");
    }

    @Test
    void of_rankZero_isTheRiskiestAndAccepted() {
        assertThat(Band.of("red", 0).rank()).isZero();
    }
}
