package org.cskit.scoring.portfolio;

import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * An account's segment with its success vector: the input of a {@link VectorDistribution}.
 * Immutable and thread-safe.
 *
 * @param accountId the account
 * @param segment the account's segment
 * @param vector the account's vector; its {@link SuccessVector#accountId()} is {@code accountId}
 */
public record ScoredAccount(AccountId accountId, Segment segment, SuccessVector vector) {

    /**
     * Checks that the parts belong together.
     *
     * @throws ValidationException if a part is null, or the vector is another account's or
     *     {@linkplain SuccessVector#unscored() unscored}
     */
    public ScoredAccount {
        Validate.present("accountId", accountId);
        Validate.present("segment", segment);
        Validate.present("vector", vector);
        if (!vector.accountId().equals(accountId)) {
            throw Validate.invalid("vector.accountId", "vector.accountId '" + vector.accountId()
                    + "' does not match accountId '" + accountId + "': a vector counts for the account it scored");
        }
        if (vector.unscored()) {
            throw Validate.invalid("vector", "vector of account '" + accountId + "' is unscored (no input had data): "
                    + "a distribution counts scores and bands, so leave unscored accounts out and count them apart");
        }
    }

    /**
     * Pairs an account with its vector.
     *
     * @param account the account, which gives its id and segment
     * @param vector the account's vector
     * @return the pair
     * @throws ValidationException if the vector is another account's
     */
    public static ScoredAccount of(Account account, SuccessVector vector) {
        Validate.present("account", account);
        return new ScoredAccount(account.id(), account.segment(), vector);
    }
}
