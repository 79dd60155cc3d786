package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractTest {
    private static final LocalDate START = LocalDate.of(2026, 1, 15);
    private static final LocalDate RENEWAL = LocalDate.of(2027, 1, 15);

    private static Contract.Builder contract() {
        return Contract.builder().arr(Money.of("120000.00", "EUR")).startDate(START).renewalDate(RENEWAL).termMonths(12);
    }

    @Test
    void build_negativeArr_isRejected() {
        assertViolation(() -> contract().arr(Money.of("-0.01", "EUR")).build(), "arr",
                "arr must not be negative, but was -0.01 EUR");
    }

    @Test
    void build_zeroArr_isAccepted() {
        assertThat(contract().arr(Money.of("0", "EUR")).build().arr().isNegative()).isFalse();
    }

    @Test
    void build_renewalOnStartDate_isRejected() {
        assertViolation(() -> contract().renewalDate(START).build(), "renewalDate",
                "renewalDate 2026-01-15 must be after startDate 2026-01-15");
    }

    @Test
    void build_renewalBeforeStartDate_isRejected() {
        assertViolation(() -> contract().renewalDate(LocalDate.of(2025, 12, 31)).build(), "renewalDate",
                "renewalDate 2025-12-31 must be after startDate 2026-01-15");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -12, 121})
    void build_termOutOfRange_isRejected(int term) {
        assertViolation(() -> contract().termMonths(term).build(), "termMonths",
                "termMonths must be in [1, 120], but was " + term);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 120})
    void build_termAtBounds_isAccepted(int term) {
        assertThat(contract().termMonths(term).build().termMonths()).isEqualTo(term);
    }

    @Test
    void autoRenew_notGiven_isFalse() {
        assertThat(contract().build().autoRenew()).isFalse();
    }

    @Test
    void daysToRenewal_before_isPositive() {
        // 2026-12-16 -> 2026-12-31 is 15 days, then 15 more to 2027-01-15
        assertThat(contract().build().daysToRenewal(LocalDate.of(2026, 12, 16))).isEqualTo(30);
    }

    @Test
    void daysToRenewal_onRenewalDate_isZero() {
        assertThat(contract().build().daysToRenewal(RENEWAL)).isZero();
    }

    @Test
    void daysToRenewal_after_isNegative() {
        assertThat(contract().build().daysToRenewal(LocalDate.of(2027, 1, 20))).isEqualTo(-5);
    }

    @Test
    void daysToRenewal_fromStart_isTheYear() {
        // 2026 is not a leap year
        assertThat(contract().build().daysToRenewal(START)).isEqualTo(365);
    }

    @Test
    void daysSinceStart_afterAndBefore_isSigned() {
        // 2026-01-15 -> 2026-01-31 is 16 days, then 14 more to 2026-02-14
        assertThat(contract().build().daysSinceStart(LocalDate.of(2026, 2, 14))).isEqualTo(30);
        assertThat(contract().build().daysSinceStart(LocalDate.of(2026, 1, 10))).isEqualTo(-5);
    }
}
