package org.cskit.scoring.portfolio;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Attainment;
import org.cskit.model.ExpansionOpportunity;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.SuccessPlan;
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
        /** Derived from the account's success vector ({@link #fromVectorAndPlans}). */
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
     * The forecast a score and the plans make, as of the vector's day {@code D}, for the contract's
     * renewal. The rule, in this order:
     * <ol>
     *   <li><b>The band's call</b>: churn when the vector's band is one of {@code churnBands}, else a renewal.</li>
     *   <li><b>An outcome reached overrules a churn band</b>: the call becomes a renewal when the
     *       account has at least one plan and every plan's required outcome is at or past its target
     *       by {@code D} ({@link SuccessPlan#outcomeAttainment} at least 1): the customer has what it
     *       bought.</li>
     *   <li><b>A plan going backwards overrules a renewal band</b>: the call becomes a churn when a plan's
     *       required outcome is worse than its baseline by {@code D} (attainment below 0) and that plan
     *       has a milestone overdue on {@code D} ({@link Milestone#isOverdueAsOf}).</li>
     *   <li><b>Expected ARR</b>: 0 for a churn; for a renewal, the contract's ARR plus the estimated
     *       ARR of every expansion opportunity proven in this term: carried by a milestone achieved
     *       on or after the contract's start and by {@code D} (a milestone without an estimate adds
     *       nothing).</li>
     * </ol>
     * An account without plans gets the band's call at its contract's ARR.
     *
     * @param account the account as of the vector's day, with its plans
     * @param vector its vector
     * @param churnBands the labels of the bands that forecast a churn, such as {@code red}
     * @return the forecast, {@link Source#SCORE}
     * @throws ValidationException if the vector is another account's or unscored, was made on or after the
     *     renewal, or an opportunity's estimate is in another currency than the contract's
     */
    public static RenewalForecast fromVectorAndPlans(Account account, SuccessVector vector, Set<String> churnBands) {
        Validate.present("account", account);
        Validate.present("vector", vector);
        Validate.present("churnBands", churnBands);
        if (!vector.accountId().equals(account.id())) {
            throw Validate.invalid("vector.accountId", "vector.accountId '" + vector.accountId() + "' does not match account '"
                    + account.id() + "'");
        }
        if (vector.unscored()) {
            throw Validate.invalid("vector", "vector of account '" + account.id() + "' is unscored (no input had data): "
                    + "a band's call needs a band, so forecast an unscored account another way");
        }
        LocalDate day = vector.asOf().atZone(ZoneOffset.UTC).toLocalDate();
        List<SuccessPlan> plans = account.plans();
        boolean churn = churnBands.contains(vector.band().label());
        if (churn && !plans.isEmpty()
                && plans.stream().allMatch(p -> p.outcomeAttainment(day).filter(Attainment::targetReached).isPresent())) {
            churn = false;
        } else if (!churn && plans.stream().anyMatch(p -> p.outcomeAttainment(day).filter(Attainment::regressed).isPresent()
                && p.milestones().stream().anyMatch(m -> m.isOverdueAsOf(day)))) {
            churn = true;
        }
        Money contractArr = account.contract().arr();
        Money arr = Money.zero(contractArr.currency());
        if (!churn) {
            arr = contractArr;
            LocalDate termStart = account.contract().startDate();
            for (SuccessPlan p : plans) {
                for (Milestone m : p.milestones()) {
                    if (m.status() == MilestoneStatus.CANCELLED || !m.isAchievedAsOf(day) || m.achievedOn().get().isBefore(termStart)) {
                        continue;
                    }
                    Optional<Money> estimate = m.expansionOpportunity().flatMap(ExpansionOpportunity::estimatedArr);
                    if (estimate.isPresent()) {
                        if (!estimate.get().currency().equals(contractArr.currency())) {
                            throw Validate.invalid("expansionOpportunity.estimatedArr", "account '" + account.id() + "', plan '" + p.id()
                                    + "', milestone '" + m.id() + "': expansion estimate " + estimate.get() + " is not in the contract's currency "
                                    + contractArr.currency() + "; convert it before forecasting");
                        }
                        arr = arr.plus(estimate.get());
                    }
                }
            }
        }
        return new RenewalForecast(account.id(), account.contract().renewalDate(), day, churn, arr, Source.SCORE);
    }
}
