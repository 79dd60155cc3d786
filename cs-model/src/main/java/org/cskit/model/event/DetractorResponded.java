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
 * <p>A playbook trigger names it as {@code DETRACTOR_RESPONDED} and can test the survey's
 * {@code kind} ({@code NPS}, {@code CSAT} or {@code CES}). The playbook engine keeps one situation per
 * response: the survey kind, the respondent ({@code anonymous} when not known) and the answer's time,
 * so a second negative answer by the same person later is a new situation, and one answer handed
 * over twice is the same one.
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
