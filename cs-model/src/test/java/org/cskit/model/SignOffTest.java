package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class SignOffTest {

    @Test
    void of_nullSide_isRejected() {
        assertViolation(() -> SignOff.of(null, "Controller confirms"), "by", "by must not be null");
    }

    @Test
    void of_blankCriteria_isRejected() {
        assertViolation(() -> SignOff.of(Side.CUSTOMER, " "), "criteria", "criteria must not be blank, but was ' '");
    }

    @Test
    void of_nullCriteria_isRejected() {
        assertViolation(() -> SignOff.of(Side.CUSTOMER, null), "criteria", "criteria must not be null");
    }

    @Test
    void of_valid_keepsBoth() {
        SignOff s = SignOff.of(Side.VENDOR, "CSM confirms");

        assertThat(s.by()).isEqualTo(Side.VENDOR);
        assertThat(s.criteria()).isEqualTo("CSM confirms");
    }
}
