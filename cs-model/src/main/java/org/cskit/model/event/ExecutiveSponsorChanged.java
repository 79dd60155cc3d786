package org.cskit.model.event;

import java.time.Instant;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.PersonId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The account's executive sponsor changed: a new one, none any more, or a first one. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param previous the executive sponsor before, if there was one
 * @param current the executive sponsor now, if there is one
 * @param occurredAt when the change was recorded
 */
public record ExecutiveSponsorChanged(AccountId accountId, Optional<PersonId> previous, Optional<PersonId> current, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public ExecutiveSponsorChanged {
        Validate.present("accountId", accountId);
        Validate.present("previous", previous);
        Validate.present("current", current);
        Validate.present("occurredAt", occurredAt);
        if (previous.equals(current)) {
            throw new ValidationException("current", "current executive sponsor '" + current.map(Object::toString).orElse("none")
                    + "' is the same as the previous one: nothing changed");
        }
    }
}
