package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class SuccessGapTest {

    private static SuccessGap.Builder gap() {
        return SuccessGap.builder().description("No one can map the chart of accounts").milestone(MilestoneId.of("setup"));
    }

    @Test
    void build_blankDescription_isRejected() {
        assertViolation(() -> gap().description("").build(), "description", "description must not be blank, but was ''");
    }

    @Test
    void build_blankBridge_isRejected() {
        assertViolation(() -> gap().bridge(" ").build(), "bridge", "bridge must not be blank, but was ' '");
    }

    @Test
    void closed_notGiven_isFalse() {
        assertThat(gap().build().closed()).isFalse();
        assertThat(gap().build().bridge()).isEmpty();
    }
}
