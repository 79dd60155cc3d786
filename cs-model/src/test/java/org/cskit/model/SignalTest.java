package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignalTest {

    private static Signal.Builder logins() {
        return Signal.builder()
                .id(SignalId.of("s-1"))
                .accountId(AccountId.of("acme"))
                .family(SignalFamily.USAGE)
                .name("logins")
                .value(42)
                .unit(Signal.COUNT)
                .observedAt(Instant.parse("2026-03-01T00:00:00Z"))
                .source("product-analytics");
    }

    @Test
    void build_blankName_isRejected() {
        assertViolation(() -> logins().name(" ").build(), "name", "name must not be blank, but was ' '");
    }

    @Test
    void build_blankUnit_isRejected() {
        assertViolation(() -> logins().unit("").build(), "unit", "unit must not be blank, but was ''");
    }

    @Test
    void build_blankSource_isRejected() {
        assertViolation(() -> logins().source("  ").build(), "source", "source must not be blank, but was '  '");
    }

    @Test
    void build_nanValue_isRejected() {
        assertViolation(() -> logins().value(Double.NaN).build(), "value", "value must be a finite number, but was NaN");
    }

    @Test
    void build_negativeCount_isRejected() {
        assertViolation(() -> logins().value(-1).build(), "value",
                "signal 'logins' value -1.0 is negative, but a count cannot be");
    }

    @Test
    void build_zeroCount_isAccepted() {
        assertThat(logins().value(0).build().value()).isZero();
    }

    @Test
    void build_negativeValueOfAnotherUnit_isAccepted() {
        Signal nps = logins().name("nps").family(SignalFamily.SENTIMENT).unit("score").value(-1).source("survey").build();

        assertThat(nps.value()).isEqualTo(-1.0);
    }
}
