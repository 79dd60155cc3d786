package org.cskit.model.event;

import java.time.Instant;
import java.time.LocalDate;
import org.cskit.model.AccountId;
import org.cskit.model.Money;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The contract was renewed: its renewal date moved to a later day. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param previousRenewalDate the renewal date before
 * @param renewalDate the next renewal date now
 * @param arr the ARR of the renewed contract
 * @param occurredAt when the renewal was recorded
 */
public record ContractRenewed(AccountId accountId, LocalDate previousRenewalDate, LocalDate renewalDate, Money arr, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public ContractRenewed {
        Validate.present("accountId", accountId);
        Validate.present("previousRenewalDate", previousRenewalDate);
        Validate.present("renewalDate", renewalDate);
        Validate.present("arr", arr);
        Validate.present("occurredAt", occurredAt);
        if (!renewalDate.isAfter(previousRenewalDate)) {
            throw new ValidationException("renewalDate", "renewalDate " + renewalDate
                    + " must be after previousRenewalDate " + previousRenewalDate);
        }
    }
}
