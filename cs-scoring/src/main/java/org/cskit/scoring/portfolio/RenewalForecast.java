package org.cskit.scoring.portfolio;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Money;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * What was expected of one renewal, recorded before it: whether the account will churn at it, the
 * ARR expected after it, and who made the call. {@link ForecastAccuracy} compares it with what
 * happened once the renewal closed. Immutable and thread-safe.
 *
 * <p>Rules: {@code madeOn} is before {@code renewalDate}; a forecast churn expects an ARR of 0, a
 * forecast renewal an ARR that is not negative.
 *
 * @param accountId the account
 * @param renewalDate the renewal the forecast is for
 * @param madeOn the day the forecast was recorded, before the renewal
 * @param churn whether the account is expected to churn at the renewal
 * @param expectedArr the ARR expected after the renewal
 * @param source who made the call
 */
public record RenewalForecast(AccountId accountId, LocalDate renewalDate, LocalDate madeOn, boolean churn, Money expectedArr,
        Source source) {

    /** Who made a forecast. */
    public enum Source {
        /** Derived from the account's success vector ({@link #fromVector}). */
        SCORE,
        /** Set by a person, such as the CSM in a forecast call. */
        PERSON
    }

    /**
     * Checks the forecast.
     *
     * @throws ValidationException if a part is missing or a rule is broken
     */
    public RenewalForecast {
        Validate.present("accountId", accountId);
        Validate.present("renewalDate", renewalDate);
        Validate.present("madeOn", madeOn);
        Validate.present("expectedArr", expectedArr);
        Validate.present("source", source);
        String what = "account '" + accountId + "': ";
        if (!madeOn.isBefore(renewalDate)) {
            throw Validate.invalid("madeOn", what + "forecast made on " + madeOn + " must be before the renewal on " + renewalDate);
        }
        if (churn && expectedArr.amount().signum() != 0) {
            throw Validate.invalid("expectedArr", what + "a forecast churn expects an ARR of 0, but expectedArr was " + expectedArr);
        }
        if (expectedArr.isNegative()) {
            throw Validate.invalid("expectedArr", what + "expectedArr must not be negative, but was " + expectedArr);
        }
    }

    /**
     * The forecast a score makes: churn when the vector's band is one of the churn bands, else a
     * renewal at the contract's current ARR; made on the vector's day, for the contract's renewal.
     *
     * @param account the account as of the vector's day
     * @param vector its vector
     * @param churnBands the labels of the bands that forecast a churn, such as {@code red}
     * @return the forecast
     * @throws ValidationException if the vector is another account's, or was made on or after the renewal
     */
    public static RenewalForecast fromVector(Account account, SuccessVector vector, Set<String> churnBands) {
        Validate.present("account", account);
        Validate.present("vector", vector);
        if (!vector.accountId().equals(account.id())) {
            throw Validate.invalid("vector.accountId", "vector.accountId '" + vector.accountId() + "' does not match account '"
                    + account.id() + "'");
        }
        boolean churn = churnBands.contains(vector.band().label());
        Money arr = churn ? Money.zero(account.contract().arr().currency()) : account.contract().arr();
        return new RenewalForecast(account.id(), account.contract().renewalDate(), vector.asOf().atZone(ZoneOffset.UTC).toLocalDate(),
                churn, arr, Source.SCORE);
    }
}
