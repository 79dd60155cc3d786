package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.immutables.value.Value;

/**
 * What the customer bought: annual recurring revenue, the contract's start, its next renewal date
 * and its term. Immutable and thread-safe.
 *
 * <p>Rules: {@code arr} is not negative; {@code renewalDate} is after {@code startDate};
 * {@code termMonths} is in [1, 120]. {@code autoRenew} defaults to false.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableContract.class)
@JsonDeserialize(builder = Contract.Builder.class)
public abstract class Contract {
    // Only the generated implementation extends this type.
    Contract() {}


    /**
     * Annual recurring revenue.
     *
     * @return the ARR, not negative
     */
    @JsonProperty("arr")
    public abstract Money arr();

    /**
     * First day of the contract (UTC).
     *
     * @return the start date
     */
    @JsonProperty("startDate")
    public abstract LocalDate startDate();

    /**
     * The next date on which the customer decides to renew (UTC).
     *
     * @return the renewal date, after the start date
     */
    @JsonProperty("renewalDate")
    public abstract LocalDate renewalDate();

    /**
     * The contract's term in months, such as 12 or 36.
     *
     * @return the term, in [1, 120]
     */
    @JsonProperty("termMonths")
    public abstract int termMonths();

    /**
     * Whether the contract renews unless cancelled.
     *
     * @return true for an auto-renewing contract; false by default
     */
    @Value.Default
    @JsonProperty("autoRenew")
    public boolean autoRenew() {
        return false;
    }

    /**
     * Days from a date to the renewal date: positive before it, 0 on it, negative after it.
     *
     * @param asOf the day to count from
     * @return days to renewal
     */
    public long daysToRenewal(LocalDate asOf) {
        return ChronoUnit.DAYS.between(asOf, renewalDate());
    }

    /**
     * Days from the start of the contract to a date (negative before the start).
     *
     * @param asOf the day to count to
     * @return the contract's age in days
     */
    public long daysSinceStart(LocalDate asOf) {
        return ChronoUnit.DAYS.between(startDate(), asOf);
    }

    @Value.Check
    protected void check() {
        if (arr().isNegative()) {
            throw Validate.invalid("arr", "arr must not be negative, but was " + arr());
        }
        if (!renewalDate().isAfter(startDate())) {
            throw Validate.invalid("renewalDate", "renewalDate " + renewalDate() + " must be after startDate " + startDate());
        }
        if (termMonths() < 1 || termMonths() > 120) {
            throw Validate.invalid("termMonths", "termMonths must be in [1, 120], but was " + termMonths());
        }
    }

    /**
     * Starts a contract.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Contract}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableContract.Builder {
        Builder() {}
    }
}
