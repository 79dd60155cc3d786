package org.cskit.scoring.portfolio;

import java.util.List;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.SuccessVector;
import org.cskit.model.SurveyResponse;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * Everything the {@link Dashboard} reads of one account: its revenue over the dashboard's period,
 * the account as of the as-of day if it was still a customer, its vector on that day and a week
 * before, its survey answers, the forecast recorded for its renewal and the plays open on it.
 * Immutable and thread-safe.
 *
 * <p>Rules: every part belongs to the revenue's account; {@code openPlays} is not negative.
 * {@code responses} default to none and {@code openPlays} to 0.
 */
@Value.Immutable
public abstract class DashboardAccount {
    // Only the generated implementation extends this type.
    DashboardAccount() {}

    /**
     * The account's revenue over the dashboard's period: for retention, churn reasons and closed
     * renewals.
     *
     * @return the revenue
     */
    public abstract AccountRevenue revenue();

    /**
     * The account as of the as-of day; empty when it was no longer a customer then (it churned in
     * the period), so that it counts in retention only.
     *
     * @return the account
     */
    public abstract Optional<Account> account();

    /**
     * The account's vector on the as-of day, if it was scored.
     *
     * @return the vector
     */
    public abstract Optional<SuccessVector> vector();

    /**
     * The account's vector a week before the as-of day, if it was scored then: what the band moved from.
     *
     * @return the earlier vector
     */
    public abstract Optional<SuccessVector> weekBefore();

    /**
     * The account's survey answers; those outside the period are not counted.
     *
     * @return the answers
     */
    public abstract List<SurveyResponse> responses();

    /**
     * The forecast recorded before the account's renewal, if any: judged once the renewal closed in
     * the period.
     *
     * @return the forecast
     */
    public abstract Optional<RenewalForecast> forecast();

    /**
     * The plays open on the account on the as-of day.
     *
     * @return the count, not negative; 0 by default
     */
    @Value.Default
    public int openPlays() {
        return 0;
    }

    /**
     * The account's id.
     *
     * @return the revenue's account id
     */
    public AccountId accountId() {
        return revenue().accountId();
    }

    @Value.Check
    protected void check() {
        AccountId id = accountId();
        account().ifPresent(a -> same("account.id", a.id(), id));
        vector().ifPresent(v -> same("vector.accountId", v.accountId(), id));
        weekBefore().ifPresent(v -> same("weekBefore.accountId", v.accountId(), id));
        vector().filter(SuccessVector::unscored).ifPresent(v -> {
            throw Validate.invalid("vector", "vector of account '" + id + "' is unscored (no input had data): "
                    + "give no vector for an account that was not scored");
        });
        weekBefore().filter(SuccessVector::unscored).ifPresent(v -> {
            throw Validate.invalid("weekBefore", "weekBefore of account '" + id + "' is unscored (no input had data): "
                    + "give no vector for an account that was not scored");
        });
        forecast().ifPresent(f -> same("forecast.accountId", f.accountId(), id));
        for (int i = 0; i < responses().size(); i++) {
            same("responses[" + i + "].accountId", responses().get(i).accountId(), id);
        }
        Validate.atLeast("openPlays", openPlays(), 0);
    }

    private static void same(String field, AccountId got, AccountId id) {
        if (!got.equals(id)) {
            throw Validate.invalid(field, field + " '" + got + "' does not match the revenue's account '" + id + "'");
        }
    }

    /**
     * Starts an account's dashboard entry.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DashboardAccount}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableDashboardAccount.Builder {
        Builder() {}
    }
}
