package org.cskit.model.event;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.PlanId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * A success plan was revised to a new version. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param planId the plan
 * @param fromVersion the version before, at least 1
 * @param toVersion the version after, greater than {@code fromVersion}
 * @param reason why the plan was revised
 * @param occurredAt when the revision took effect
 */
public record PlanRevised(AccountId accountId, PlanId planId, int fromVersion, int toVersion, String reason, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public PlanRevised {
        Validate.present("accountId", accountId);
        Validate.present("planId", planId);
        Validate.present("reason", reason);
        if (reason.isBlank()) {
            throw new ValidationException("reason", "reason must not be blank, but was '" + reason + "'");
        }
        Validate.present("occurredAt", occurredAt);
        if (fromVersion < 1 || toVersion <= fromVersion) {
            throw new ValidationException(fromVersion < 1 ? "fromVersion" : "toVersion", "a revision goes from a version of at least 1 to a later one, but went from "
                    + fromVersion + " to " + toVersion);
        }
    }
}
