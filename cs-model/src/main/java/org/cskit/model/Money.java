package org.cskit.model;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount of money in one currency, such as an ARR of {@code 120000.00 EUR}. Amounts are exact
 * decimals and may be negative (a refund); arithmetic across currencies is refused, never
 * converted. Two amounts are equal when their currencies are the same and their values compare
 * equal, whatever their scale ({@code 100} equals {@code 100.00}). Immutable and thread-safe.
 *
 * <p>Amounts are bounded, so that every amount can be written out, added up and read back: at most
 * {@value #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_DECIMALS} after it
 * (trailing zeros do not count). {@code 1e999999999} or {@code 1e-999999999} is refused when the
 * amount is built, naming the bound; a sum past the bound is refused the same way.
 *
 * <p>JSON: {@code {"amount": 120000.00, "currency": "EUR"}}.
 *
 * @param amount the exact amount
 * @param currency the ISO 4217 currency
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
    /** The most digits an amount may have before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 30;
    /** The most digits an amount may have after the decimal point, trailing zeros not counted. */
    public static final int MAX_DECIMALS = 18;

    /**
     * Checks the amount.
     *
     * @throws ValidationException if the amount or the currency is null, or the amount has more than
     *     {@value #MAX_INTEGER_DIGITS} digits before the decimal point or more than {@value #MAX_DECIMALS} after it
     */
    public Money {
        if (amount == null) {
            throw Validate.invalid("amount", "amount must not be null");
        }
        // Checked on the stripped form without ever expanding the number: 1e999999999 has one digit.
        BigDecimal stripped = amount.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw Validate.invalid("amount", "amount must have at most " + MAX_INTEGER_DIGITS
                    + " digits before the decimal point, but was " + Validate.quote(amount) + " with " + integerDigits);
        }
        if (stripped.scale() > MAX_DECIMALS) {
            throw Validate.invalid("amount", "amount must have at most " + MAX_DECIMALS
                    + " digits after the decimal point, but was " + Validate.quote(amount) + " with " + stripped.scale());
        }
        if (currency == null) {
            throw Validate.invalid("currency", "currency must not be null");
        }
    }

    /**
     * Returns an amount.
     *
     * @param amount the amount as a decimal string, such as {@code "120000.00"}
     * @param currencyCode the ISO 4217 code, such as {@code "EUR"}
     * @return the amount
     * @throws ValidationException if the amount is not a decimal number or the code is no ISO 4217 currency
     */
    public static Money of(String amount, String currencyCode) {
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException | NullPointerException e) {
            throw Validate.invalid("amount", "amount must be a decimal number, but was " + Validate.quote(amount));
        }
        return new Money(value, currency(currencyCode));
    }

    /**
     * Returns an amount.
     *
     * @param amount the amount
     * @param currencyCode the ISO 4217 code, such as {@code "EUR"}
     * @return the amount
     * @throws ValidationException if the code is no ISO 4217 currency
     */
    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    /**
     * Returns zero in the given currency.
     *
     * @param currency the currency
     * @return a zero amount
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    private static Currency currency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Validate.invalid("currency", "currency must be an ISO 4217 code such as 'EUR', but was '" + code + "'");
        }
    }

    /**
     * Adds an amount in the same currency.
     *
     * @param other the amount to add
     * @return the sum
     * @throws ValidationException if the currencies differ or the sum is past the bounds
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * Subtracts an amount in the same currency.
     *
     * @param other the amount to subtract
     * @return the difference
     * @throws ValidationException if the currencies differ or the difference is past the bounds
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /**
     * Tells whether the amount is below zero.
     *
     * @return true for a negative amount
     */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Compares two amounts in the same currency.
     *
     * @throws ValidationException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw Validate.invalid("currency", "cannot combine " + this + " with " + other
                    + ": currencies differ and cskit never converts");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && currency.equals(m.currency) && amount.compareTo(m.amount) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * currency.hashCode() + amount.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
