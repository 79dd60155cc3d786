package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class ExpansionOpportunityTest {

    @Test
    void build_blankDescription_isRejected() {
        assertViolation(() -> ExpansionOpportunity.builder().description(" ").build(), "description",
                "description must not be blank, but was ' '");
    }

    @Test
    void build_negativeEstimate_isRejected() {
        assertViolation(() -> ExpansionOpportunity.builder().description("More seats")
                        .estimatedArr(Money.of("-100", "EUR")).build(),
                "estimatedArr", "estimatedArr must not be negative, but was -100 EUR");
    }

    @Test
    void build_zeroOrNoEstimate_isAccepted() {
        assertThat(ExpansionOpportunity.builder().description("More seats").estimatedArr(Money.of("0", "EUR")).build()
                .estimatedArr()).contains(Money.of("0.00", "EUR"));
        assertThat(ExpansionOpportunity.builder().description("More seats").build().estimatedArr()).isEmpty();
    }
}
