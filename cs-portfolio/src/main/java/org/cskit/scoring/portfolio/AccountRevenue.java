package org.cskit.scoring.portfolio;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cskit.model.AccountId;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * One account's recurring revenue over a {@link ReportingPeriod}: its ARR on the period's first day
 * and on its last, whether and when it churned, and what decides whether it <em>could</em> have
 * churned in the period. The input of a {@link RetentionReport}. Immutable and thread-safe.
 *
 * <p>An account with ARR at the start is in the period's <b>starting cohort</b>; its change to the
 * end is expansion (up), contraction (down) or churn (to 0, with {@code churnedOn}). An account
 * with no ARR at the start (a new logo, or one that came back) is outside the cohort: its ending
 * ARR is new ARR.
 *
 * <p>An account could churn in a period when its contract is month-to-month, when its
 * {@code renewalDate} (the renewal or end of its contract) falls in the period, or when it did
 * churn (an early termination is a churn the renewal calendar did not announce).
 *
 * <p>Rules: {@code startArr} and {@code endArr} are not negative and in the same currency; an
 * account that churned ends with an ARR of 0, and one that ends with 0 churned ({@code churnedOn}
 * is set); a {@code reason} is a code, given only for a churn or a contraction. {@code monthToMonth}
 * defaults to false.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAccountRevenue.class)
@JsonDeserialize(builder = AccountRevenue.Builder.class)
public abstract class AccountRevenue {
    private static final Pattern REASON_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    // Only the generated implementation extends this type.
    AccountRevenue() {}

    /**
     * The account.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * The account's segment, for reports per segment.
     *
     * @return the segment
     */
    @JsonProperty("segment")
    public abstract Segment segment();

    /**
     * The account's ARR on the period's first day; 0 for an account that was not yet a customer.
     *
     * @return the starting ARR, not negative
     */
    @JsonProperty("startArr")
    public abstract Money startArr();

    /**
     * The account's ARR on the period's last day; 0 when it churned.
     *
     * @return the ending ARR, not negative, in the currency of {@link #startArr()}
     */
    @JsonProperty("endArr")
    public abstract Money endArr();

    /**
     * The day the account churned (its revenue stopped), if it did in the period.
     *
     * @return the churn day
     */
    @JsonProperty("churnedOn")
    public abstract Optional<LocalDate> churnedOn();

    /**
     * The day the account's contract came up for renewal or ended, if one matters to the period;
     * an account whose renewal falls in the period could churn in it.
     *
     * @return the renewal (or end) day
     */
    @JsonProperty("renewalDate")
    public abstract Optional<LocalDate> renewalDate();

    /**
     * Whether the contract can be cancelled at any month's end, so that the account could churn in
     * any period.
     *
     * @return true for a month-to-month contract; false by default
     */
    @Value.Default
    @JsonProperty("monthToMonth")
    public boolean monthToMonth() {
        return false;
    }

    /**
     * Why the account churned or contracted, as a code the team keeps (such as {@code budget},
     * {@code competitor}, {@code product-fit}, {@code champion-left}): lower-case letters, digits,
     * {@code -} and {@code _}, starting with a letter or digit. {@link ChurnReasons} reports ARR and
     * accounts per code.
     *
     * @return the reason code; only for an account that churned, or that was in the starting cohort
     *     and ended with less ARR
     */
    @JsonProperty("reason")
    public abstract Optional<String> reason();

    /**
     * Tells whether the account's ARR fell in the period without reaching 0: a contraction of the
     * starting cohort.
     *
     * @return true for a cohort account that did not churn and ended below its starting ARR
     */
    public boolean contracted() {
        return inStartingCohort() && churnedOn().isEmpty() && endArr().amount().compareTo(startArr().amount()) < 0;
    }

    /**
     * Tells whether the account is in the starting cohort of its period: it had ARR on the first day.
     *
     * @return true when {@link #startArr()} is above 0
     */
    public boolean inStartingCohort() {
        return startArr().amount().signum() > 0;
    }

    /**
     * Tells whether the account could churn in a period: a month-to-month contract, a renewal date
     * in the period, or a churn in it.
     *
     * @param period the period
     * @return true if the account could churn in it
     */
    public boolean couldChurnIn(ReportingPeriod period) {
        return monthToMonth() || churnedOn().isPresent() || renewalDate().map(period::contains).orElse(false);
    }

    @Value.Check
    protected void check() {
        if (startArr().isNegative()) {
            throw Validate.invalid("startArr", prefix() + "startArr must not be negative, but was " + startArr());
        }
        if (endArr().isNegative()) {
            throw Validate.invalid("endArr", prefix() + "endArr must not be negative, but was " + endArr());
        }
        if (!endArr().currency().equals(startArr().currency())) {
            throw Validate.invalid("endArr", prefix() + "endArr " + endArr() + " must be in the currency of startArr "
                    + startArr() + ": cskit never converts");
        }
        boolean endsAtZero = endArr().amount().signum() == 0;
        if (churnedOn().isPresent() && !endsAtZero) {
            throw Validate.invalid("endArr", prefix() + "endArr must be 0 for an account that churned on "
                    + churnedOn().get() + ", but was " + endArr());
        }
        if (churnedOn().isEmpty() && endsAtZero) {
            throw Validate.invalid("churnedOn", prefix() + "churnedOn must be set when endArr is " + endArr()
                    + ": an account without ARR at the period's end churned");
        }
        if (reason().isPresent()) {
            String code = reason().get();
            if (!REASON_CODE.matcher(code).matches()) {
                throw Validate.invalid("reason", prefix() + "reason must be a code of lower-case letters, digits, '-' and '_' "
                        + "starting with a letter or digit, such as 'product-fit', but was '" + code + "'");
            }
            if (churnedOn().isEmpty() && !contracted()) {
                throw Validate.invalid("reason", prefix() + "reason '" + code + "' is for a churn or a contraction, but the "
                        + "account went from " + startArr() + " to " + endArr() + " without churning");
            }
        }
    }

    private String prefix() {
        return "account '" + accountId() + "': ";
    }

    /**
     * Starts an account's revenue.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AccountRevenue}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableAccountRevenue.Builder {
        Builder() {}
    }
}
