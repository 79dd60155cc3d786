package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class RiskTest {

    private static Risk.Builder risk() {
        return Risk.builder().description("Controller leaves").level(RiskLevel.HIGH);
    }

    @Test
    void build_blankDescription_isRejected() {
        assertViolation(() -> risk().description(" ").build(), "description", "description must not be blank, but was ' '");
    }

    @Test
    void build_blankMitigation_isRejected() {
        assertViolation(() -> risk().mitigation("").build(), "mitigation", "mitigation must not be blank, but was ''");
    }

    @Test
    void build_withoutMitigation_isAccepted() {
        Risk r = risk().build();

        assertThat(r.mitigation()).isEmpty();
        assertThat(r.ownerSide()).isEmpty();
    }
}
