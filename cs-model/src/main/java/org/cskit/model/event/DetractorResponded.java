package org.cskit.model.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.SurveyResponse;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * A person at the customer gave a negative survey answer: an NPS detractor (0-6), a dissatisfied
 * CSAT (1-2) or a hard CES (1-3) ({@link SurveyResponse#isNegative()}). It happened when the answer
 * was given. Immutable and thread-safe.
 *
 * <p>Playbook triggers cannot name this event yet: it is not in {@link AccountEvents#TYPES}, which
 * the playbook engine checks triggers against, because the engine does not yet key its situation
 * (one open play per response). A host can record it and hand it to the engine, which finds no
 * playbook for it.
 *
 * @param response the negative answer
 */
public record DetractorResponded(SurveyResponse response) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws ValidationException if the response is missing or not negative
     */
    public DetractorResponded {
        Validate.present("response", response);
        if (!response.isNegative()) {
            throw new ValidationException("response.score", response.kind() + " score " + response.score() + " is "
                    + response.sentiment() + ", not negative: only a negative answer is a detractor response");
        }
    }

    @JsonIgnore
    @Override
    public AccountId accountId() {
        return response.accountId();
    }

    @JsonIgnore
    @Override
    public Instant occurredAt() {
        return response.respondedAt();
    }
}
