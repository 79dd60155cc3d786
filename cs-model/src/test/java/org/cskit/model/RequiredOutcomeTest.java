package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RequiredOutcomeTest {

    private static RequiredOutcome.Builder outcome() {
        return RequiredOutcome.builder()
                .statement("Close the books in 3 days instead of 10")
                .metric(Fixtures.closeDays())
                .deadline(LocalDate.of(2026, 9, 30));
    }

    @Test
    void build_blankStatement_isRejected() {
        assertViolation(() -> outcome().statement("").build(), "statement", "statement must not be blank, but was ''");
    }

    @Test
    void attainmentAsOf_afterSecondMeasurement_usesIt() {
        // closeDays: baseline 10, target 3; on 2026-04-06 it measured 7: (7 - 10) / (3 - 10) = 3/7
        assertThat(outcome().build().attainmentAsOf(LocalDate.of(2026, 4, 6)).orElseThrow().ratio())
                .isCloseTo(3.0 / 7.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void attainmentAsOf_beforeAnyMeasurement_isEmpty() {
        assertThat(outcome().build().attainmentAsOf(LocalDate.of(2026, 3, 5))).isEmpty();
    }
}
