package org.cskit.model;

import java.time.Instant;

/**
 * One observation of a {@link SuccessMetric}: its value at a time. Immutable and thread-safe.
 *
 * @param at when the value was observed
 * @param value the observed value, finite
 */
public record Measurement(Instant at, double value) {

    /**
     * Checks the observation.
     *
     * @throws ValidationException if the time is null or the value is NaN or infinite
     */
    public Measurement {
        if (at == null) {
            throw Validate.invalid("at", "at must not be null");
        }
        Validate.finite("value", value);
    }

    /**
     * Returns an observation.
     *
     * @param at when the value was observed
     * @param value the observed value
     * @return the observation
     * @throws ValidationException if the time is null or the value is NaN or infinite
     */
    public static Measurement of(Instant at, double value) {
        return new Measurement(at, value);
    }
}
