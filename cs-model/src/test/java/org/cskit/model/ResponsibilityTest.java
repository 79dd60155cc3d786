package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class ResponsibilityTest {

    @Test
    void of_blankRole_isRejected() {
        assertViolation(() -> Responsibility.of(Side.VENDOR, " ", "Coaches the team"), "role",
                "role must not be blank, but was ' '");
    }

    @Test
    void of_blankDuty_isRejected() {
        assertViolation(() -> Responsibility.of(Side.VENDOR, "CSM", ""), "duty", "duty must not be blank, but was ''");
    }

    @Test
    void of_valid_namesNoPerson() {
        Responsibility r = Responsibility.of(Side.CUSTOMER, "Champion", "Runs the close");

        assertThat(r.person()).isEmpty();
        assertThat(r.side()).isEqualTo(Side.CUSTOMER);
    }
}
