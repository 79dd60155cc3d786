package org.cskit.model;

import java.time.Instant;

/**
 * An account's score at a past time: one point of the history that direction and velocity are
 * read from. Immutable and thread-safe.
 *
 * @param at when the score held
 * @param score the score, in [0, 100]
 */
public record ScorePoint(Instant at, double score) {

    /**
     * Checks the point.
     *
     * @throws ValidationException if the time is null or the score is outside [0, 100]
     */
    public ScorePoint {
        if (at == null) {
            throw Validate.invalid("at", "at must not be null");
        }
        Validate.inRange("score", score, 0.0, 100.0);
    }

    /**
     * Returns a point.
     *
     * @param at when the score held
     * @param score the score
     * @return the point
     */
    public static ScorePoint of(Instant at, double score) {
        return new ScorePoint(at, score);
    }
}
