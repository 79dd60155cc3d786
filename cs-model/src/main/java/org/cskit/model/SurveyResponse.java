package org.cskit.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One answer of one person at a customer to a survey (NPS, CSAT or CES). Immutable and
 * thread-safe.
 *
 * <p>JSON: {@code {"accountId": "acme", "kind": "NPS", "score": 4, "respondedAt": "2026-05-01T10:00:00Z",
 * "respondent": "p-7"}}; {@code respondent} may be left out.
 *
 * @param accountId the customer
 * @param kind which survey
 * @param score the answer, on the survey's scale ({@link SurveyKind#min()} to {@link SurveyKind#max()})
 * @param respondedAt when the answer was given
 * @param respondent who answered, if known
 */
public record SurveyResponse(AccountId accountId, SurveyKind kind, int score, Instant respondedAt, Optional<PersonId> respondent) {

    /**
     * Checks the response.
     *
     * @throws ValidationException if a component is null or the score is off the survey's scale
     */
    public SurveyResponse {
        Validate.present("accountId", accountId);
        Validate.present("kind", kind);
        Validate.present("respondedAt", respondedAt);
        Validate.present("respondent", respondent);
        kind.check(score);
    }

    /**
     * Returns an anonymous response.
     *
     * @param accountId the customer
     * @param kind which survey
     * @param score the answer
     * @param respondedAt when
     * @return the response
     * @throws ValidationException if the score is off the survey's scale
     */
    public static SurveyResponse of(AccountId accountId, SurveyKind kind, int score, Instant respondedAt) {
        return new SurveyResponse(accountId, kind, score, respondedAt, Optional.empty());
    }

    /**
     * Where the answer falls under its survey's convention.
     *
     * @return positive, neutral or negative
     */
    public SurveyKind.Sentiment sentiment() {
        return kind.sentimentOf(score);
    }

    /**
     * Tells whether the answer is negative: an NPS detractor (0-6), a dissatisfied CSAT (1-2) or a
     * hard CES (1-3).
     *
     * @return true for a negative answer
     */
    public boolean isNegative() {
        return sentiment() == SurveyKind.Sentiment.NEGATIVE;
    }
}
