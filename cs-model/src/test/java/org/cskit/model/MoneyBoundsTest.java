package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

/**
 * Money's exponent and scale are bounded where an amount is built (issue 17, items 18 and 21): a
 * 12-character amount such as {@code -1e999999999} once expanded to 10^9 digits in a message and
 * exhausted the heap, and {@code 1e-999999999} was accepted and then broke writing and adding.
 */
class MoneyBoundsTest {

    @Test
    void of_hugeExponent_isRefusedNamingTheBoundWithoutExpandingTheNumber() {
        assertThatThrownBy(() -> Money.of("-1e999999999", "EUR"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("amount must have at most 30 digits before the decimal point, but was '-1E+999999999' with 1000000000");
    }

    @Test
    void of_tinyExponent_isRefusedNamingTheBound() {
        assertThatThrownBy(() -> Money.of("1e-999999999", "EUR"))
                .isInstanceOf(ValidationException.class)
                .hasMessage("amount must have at most 18 digits after the decimal point, but was '1E-999999999' with 999999999");
    }

    @Test
    void of_amountsAtTheBounds_areAcceptedAndTrailingZerosDoNotCount() {
        Money big = Money.of("9".repeat(30) + "." + "9".repeat(18), "EUR");
        Money zeros = Money.of("1." + "0".repeat(40), "EUR");

        assertThat(big.plus(Money.of("0", "EUR"))).isEqualTo(big);
        assertThat(zeros).isEqualTo(Money.of("1", "EUR"));
        assertThatThrownBy(() -> big.plus(big)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("amount must have at most 30 digits before the decimal point");
    }

    @Test
    void read_hugeNegativeArr_failsWithPathAndBoundedMessage() {
        String json = """
                {"amount": -1e999999999, "currency": "EUR"}""";

        assertThatThrownBy(() -> CsJson.create().read(json, Money.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.amount");
                    assertThat(e.getMessage()).hasSizeLessThan(200);
                });
    }

    @Test
    void new_amountOfManyDigits_isQuotedCutInTheMessage() {
        BigDecimal huge = new BigDecimal("1".repeat(5000));

        assertThatThrownBy(() -> new Money(huge, java.util.Currency.getInstance("EUR")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("(4,800 more characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
}
