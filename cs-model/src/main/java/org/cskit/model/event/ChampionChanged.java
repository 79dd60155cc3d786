package org.cskit.model.event;

import java.time.Instant;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.PersonId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The account's champion changed: a new one, none any more, or a first one. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param previous the champion before, if there was one
 * @param current the champion now, if there is one
 * @param occurredAt when the change was recorded
 */
public record ChampionChanged(AccountId accountId, Optional<PersonId> previous, Optional<PersonId> current, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public ChampionChanged {
        Validate.present("accountId", accountId);
        Validate.present("previous", previous);
        Validate.present("current", current);
        Validate.present("occurredAt", occurredAt);
        if (previous.equals(current)) {
            throw new ValidationException("current", "current champion '" + current.map(Object::toString).orElse("none")
                    + "' is the same as the previous one: nothing changed");
        }
    }
}
