package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlanRevisionTest {
    private static final Instant AT = Instant.parse("2026-04-20T10:00:00Z");

    @Test
    void build_blankReason_isRejected() {
        assertViolation(() -> PlanRevision.builder().plan(Fixtures.plan()).supersededAt(AT).reason(" ").build(), "reason",
                "reason must not be blank, but was ' '");
    }

    @Test
    void build_keptPlanWithRevisions_isRejected() {
        SuccessPlan revised = Fixtures.plan().revise(AT, "QBR moved", b -> b);

        assertViolation(() -> PlanRevision.builder().plan(revised).supersededAt(AT.plusSeconds(60)).reason("again").build(),
                "plan.revisions", "a kept plan version must not carry revisions of its own, but version 2 carries 1");
    }

    @Test
    void build_valid_keepsAllParts() {
        PlanRevision r = PlanRevision.builder().plan(Fixtures.plan()).supersededAt(AT).reason("QBR moved").build();

        assertThat(r.plan()).isEqualTo(Fixtures.plan());
        assertThat(r.supersededAt()).isEqualTo(AT);
        assertThat(r.reason()).isEqualTo("QBR moved");
    }
}
