package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NextPhaseTest {

    @Test
    void of_blankDescription_isRejected() {
        assertViolation(() -> NextPhase.of("\t"), "description", "description must not be blank, but was '\\t'");
    }

    @Test
    void of_description_hasNoPlannedStart() {
        assertThat(NextPhase.of("Subsidiaries").plannedStart()).isEmpty();
    }

    @Test
    void builder_plannedStart_isKept() {
        NextPhase p = NextPhase.builder().description("Subsidiaries").plannedStart(LocalDate.of(2026, 10, 1)).build();

        assertThat(p.plannedStart()).contains(LocalDate.of(2026, 10, 1));
    }
}
