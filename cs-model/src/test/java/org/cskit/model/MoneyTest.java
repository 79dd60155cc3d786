package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void equals_differentScale_isEqualWithSameHashCode() {
        Money hundred = Money.of("100", "EUR");
        Money hundredWithCents = Money.of("100.00", "EUR");

        assertThat(hundred).isEqualTo(hundredWithCents);
        assertThat(hundredWithCents).isEqualTo(hundred);
        assertThat(hundred.hashCode()).isEqualTo(hundredWithCents.hashCode());
    }

    @Test
    void equals_zeroInDifferentScales_isEqualWithSameHashCode() {
        assertThat(Money.of("0.000", "EUR")).isEqualTo(Money.zero(EUR));
        assertThat(Money.of("0.000", "EUR").hashCode()).isEqualTo(Money.zero(EUR).hashCode());
    }

    @Test
    void equals_differentCurrency_isNotEqual() {
        assertThat(Money.of("100", "EUR")).isNotEqualTo(Money.of("100", "USD"));
    }

    @Test
    void equals_differentAmount_isNotEqual() {
        assertThat(Money.of("100.00", "EUR")).isNotEqualTo(Money.of("100.01", "EUR"));
    }

    @Test
    void plus_sameCurrency_addsExactly() {
        assertThat(Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
    }

    @Test
    void minus_belowZero_isNegative() {
        Money refund = Money.of("5.00", "EUR").minus(Money.of("7.50", "EUR"));

        assertThat(refund).isEqualTo(Money.of("-2.50", "EUR"));
        assertThat(refund.isNegative()).isTrue();
    }

    @Test
    void isNegative_zeroAndPositive_areNot() {
        assertThat(Money.zero(EUR).isNegative()).isFalse();
        assertThat(Money.of("0.01", "EUR").isNegative()).isFalse();
    }

    @Test
    void plus_otherCurrency_isRefused() {
        assertViolation(() -> Money.of("100.00", "EUR").plus(Money.of("5", "USD")), "currency",
                "cannot combine 100.00 EUR with 5 USD: currencies differ and cskit never converts");
    }

    @Test
    void minus_otherCurrency_isRefused() {
        assertViolation(() -> Money.of("1", "GBP").minus(Money.of("1", "EUR")), "currency",
                "cannot combine 1 GBP with 1 EUR: currencies differ and cskit never converts");
    }

    @Test
    void compareTo_otherCurrency_isRefused() {
        assertViolation(() -> Money.of("1", "EUR").compareTo(Money.of("2", "USD")), "currency",
                "cannot combine 1 EUR with 2 USD: currencies differ and cskit never converts");
    }

    @Test
    void compareTo_sameCurrency_comparesAmountsIgnoringScale() {
        assertThat(Money.of("9.99", "EUR")).isLessThan(Money.of("10", "EUR"));
        assertThat(Money.of("10", "EUR")).isEqualByComparingTo(Money.of("10.000", "EUR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "12,50", "1.2.3", " 100"})
    void of_amountNotDecimal_isRejected(String amount) {
        assertViolation(() -> Money.of(amount, "EUR"), "amount", "amount must be a decimal number, but was '" + amount + "'");
    }

    @Test
    void of_nullAmountText_isRejected() {
        assertViolation(() -> Money.of((String) null, "EUR"), "amount", "amount must be a decimal number, but was 'null'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EURO", "eur", "", "XYZ"})
    void of_currencyNotIso4217_isRejected(String code) {
        assertViolation(() -> Money.of("1", code), "currency",
                "currency must be an ISO 4217 code such as 'EUR', but was '" + code + "'");
    }

    @Test
    void of_nullCurrencyCode_isRejected() {
        assertViolation(() -> Money.of(BigDecimal.ONE, null), "currency",
                "currency must be an ISO 4217 code such as 'EUR', but was 'null'");
    }

    @Test
    void constructor_nullAmount_isRejected() {
        assertViolation(() -> new Money(null, EUR), "amount", "amount must not be null");
    }

    @Test
    void constructor_nullCurrency_isRejected() {
        assertViolation(() -> new Money(BigDecimal.TEN, null), "currency", "currency must not be null");
    }

    @Test
    void of_bigDecimal_keepsTheAmount() {
        Money m = Money.of(new BigDecimal("120000.00"), "EUR");

        assertThat(m.amount()).isEqualByComparingTo("120000");
        assertThat(m.currency()).isEqualTo(EUR);
        assertThat(m).hasToString("120000.00 EUR");
    }

    @Test
    void toString_largeAmount_isPlain() {
        assertThat(Money.of("1E+6", "USD")).hasToString("1000000 USD");
    }
}
