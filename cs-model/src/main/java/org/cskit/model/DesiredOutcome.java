package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * What the customer must achieve ({@link RequiredOutcome}) and how they need to get there
 * ({@link AppropriateExperience}): the reason they bought the product. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDesiredOutcome.class)
@JsonDeserialize(builder = DesiredOutcome.Builder.class)
public abstract class DesiredOutcome {
    // Only the generated implementation extends this type.
    DesiredOutcome() {}


    /**
     * The measurable result.
     *
     * @return the required outcome
     */
    @JsonProperty("requiredOutcome")
    public abstract RequiredOutcome requiredOutcome();

    /**
     * How the customer needs to be engaged on the way.
     *
     * @return the appropriate experience
     */
    @JsonProperty("appropriateExperience")
    public abstract AppropriateExperience appropriateExperience();

    /**
     * Returns a desired outcome.
     *
     * @param requiredOutcome the measurable result
     * @param appropriateExperience how to get there
     * @return the desired outcome
     */
    public static DesiredOutcome of(RequiredOutcome requiredOutcome, AppropriateExperience appropriateExperience) {
        return builder().requiredOutcome(requiredOutcome).appropriateExperience(appropriateExperience).build();
    }

    /**
     * Starts a desired outcome.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DesiredOutcome}. Not thread-safe. */
    public static final class Builder extends ImmutableDesiredOutcome.Builder {
        Builder() {}
    }
}
