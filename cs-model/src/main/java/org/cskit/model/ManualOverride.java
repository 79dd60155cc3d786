package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * A person's override of an account's score: the score they set, who they are, why, and when the
 * override expires. While active it replaces the computed score, and the vector shows both (see
 * {@link SuccessVector#override()}). Overrides always expire. Immutable and thread-safe.
 *
 * <p>Rules: {@code score} is in [0, 100]; {@code reason} is not blank; {@code expiresAt} is after
 * {@code setAt}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableManualOverride.class)
@JsonDeserialize(builder = ManualOverride.Builder.class)
public abstract class ManualOverride {
    // Only the generated implementation extends this type.
    ManualOverride() {}

    /**
     * The score the person set.
     *
     * @return the score, in [0, 100]
     */
    @JsonProperty("score")
    public abstract double score();

    /**
     * Who set the override.
     *
     * @return the person
     */
    @JsonProperty("by")
    public abstract PersonId by();

    /**
     * Why, in words.
     *
     * @return the reason
     */
    @JsonProperty("reason")
    public abstract String reason();

    /**
     * When the override was set.
     *
     * @return the time
     */
    @JsonProperty("setAt")
    public abstract Instant setAt();

    /**
     * When the override stops applying.
     *
     * @return the expiry, after {@link #setAt()}
     */
    @JsonProperty("expiresAt")
    public abstract Instant expiresAt();

    /**
     * Tells whether the override applies at a time: from {@link #setAt()} (inclusive) to
     * {@link #expiresAt()} (exclusive).
     *
     * @param at the time
     * @return true if active
     */
    public boolean isActiveAt(Instant at) {
        return !at.isBefore(setAt()) && at.isBefore(expiresAt());
    }

    @Value.Check
    protected void check() {
        Validate.inRange("score", score(), 0.0, 100.0);
        Validate.nonBlank("reason", reason());
        if (!expiresAt().isAfter(setAt())) {
            throw Validate.invalid("expiresAt", "override expiresAt " + expiresAt() + " must be after setAt " + setAt());
        }
    }

    /**
     * Starts an override.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ManualOverride}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableManualOverride.Builder {
        Builder() {}
    }
}
