package org.cskit.model.event;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The account moved to another lifecycle stage. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param from the stage before
 * @param to the stage now
 * @param occurredAt when the change was recorded
 */
public record LifecycleStageChanged(AccountId accountId, LifecycleStage from, LifecycleStage to, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public LifecycleStageChanged {
        Validate.present("accountId", accountId);
        Validate.present("from", from);
        Validate.present("to", to);
        Validate.present("occurredAt", occurredAt);
        if (from == to) {
            throw new ValidationException("to", "lifecycle stage 'to' " + to + " is the same as 'from': nothing changed");
        }
    }
}
