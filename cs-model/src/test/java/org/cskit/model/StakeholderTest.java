package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class StakeholderTest {

    private static Stakeholder.Builder dana() {
        return Stakeholder.builder().id(PersonId.of("dana")).name("Dana Ruiz");
    }

    @Test
    void build_blankName_isRejected() {
        assertViolation(() -> dana().name(" ").addRoles(StakeholderRole.USER).build(), "name",
                "name must not be blank, but was ' '");
    }

    @Test
    void build_noRoles_isRejected() {
        assertViolation(() -> dana().build(), "roles",
                "stakeholder 'Dana Ruiz' must have at least one role, but roles was empty");
    }

    @Test
    void hasRole_givenAndMissingRole() {
        Stakeholder s = dana().addRoles(StakeholderRole.CHAMPION, StakeholderRole.ADMIN).build();

        assertThat(s.hasRole(StakeholderRole.CHAMPION)).isTrue();
        assertThat(s.hasRole(StakeholderRole.ADMIN)).isTrue();
        assertThat(s.hasRole(StakeholderRole.EXECUTIVE_SPONSOR)).isFalse();
    }

    @Test
    void roles_returned_isUnmodifiable() {
        Stakeholder s = dana().addRoles(StakeholderRole.USER).build();

        assertThatThrownBy(() -> s.roles().add(StakeholderRole.CHAMPION)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void titleAndEmail_notGiven_areEmpty() {
        Stakeholder s = dana().addRoles(StakeholderRole.USER).build();

        assertThat(s.title()).isEmpty();
        assertThat(s.email()).isEmpty();
    }
}
