package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class TeamMemberTest {

    @Test
    void of_blankName_isRejected() {
        assertViolation(() -> TeamMember.of(PersonId.of("csm-1"), "", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER), "name",
                "name must not be blank, but was ''");
    }

    @Test
    void of_valid_keepsAllParts() {
        TeamMember m = TeamMember.of(PersonId.of("csm-1"), "Sam Okafor", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER);

        assertThat(m.id()).isEqualTo(PersonId.of("csm-1"));
        assertThat(m.name()).isEqualTo("Sam Okafor");
        assertThat(m.role()).isEqualTo(AccountTeamRole.CUSTOMER_SUCCESS_MANAGER);
    }
}
