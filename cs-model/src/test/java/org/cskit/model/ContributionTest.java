package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContributionTest {

    private static Contribution.Builder logins() {
        return Contribution.builder().input("logins_14d").group("usage").points(12.5).weight(0.25).value(42);
    }

    @Test
    void build_blankInput_isRejected() {
        assertViolation(() -> logins().input("").build(), "input", "input must not be blank, but was ''");
    }

    @Test
    void build_blankGroup_isRejected() {
        assertViolation(() -> logins().group(" ").build(), "group", "group must not be blank, but was ' '");
    }

    @Test
    void build_infinitePoints_isRejected() {
        assertViolation(() -> logins().points(Double.NEGATIVE_INFINITY).build(), "points",
                "points must be a finite number, but was -Infinity");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.5})
    void build_weightOutOfRange_isRejected(double weight) {
        assertViolation(() -> logins().weight(weight).build(), "weight", "weight must be in [0, 1], but was " + weight);
    }

    @Test
    void build_nanWeight_isRejected() {
        assertViolation(() -> logins().weight(Double.NaN).build(), "weight", "weight must be a finite number, but was NaN");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void build_weightAtBounds_isAccepted(double weight) {
        assertThat(logins().weight(weight).build().weight()).isEqualTo(weight);
    }

    @Test
    void build_infiniteValue_isRejected() {
        assertViolation(() -> logins().value(Double.POSITIVE_INFINITY).build(), "value",
                "value must be a finite number, but was Infinity");
    }

    @Test
    void build_missingValue_isAccepted() {
        Contribution c = Contribution.builder().input("nps").group("sentiment").points(0).weight(0.1).build();

        assertThat(c.value()).isEmpty();
    }
}
