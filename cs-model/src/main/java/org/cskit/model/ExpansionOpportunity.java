package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The logical expansion a milestone opens, such as more seats once a rollout succeeds.
 * Immutable and thread-safe.
 *
 * <p>Rules: {@code description} is not blank; {@code estimatedArr}, when given, is not negative.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableExpansionOpportunity.class)
@JsonDeserialize(builder = ExpansionOpportunity.Builder.class)
public abstract class ExpansionOpportunity {
    // Only the generated implementation extends this type.
    ExpansionOpportunity() {}


    /**
     * What could be sold, in words.
     *
     * @return the description
     */
    @JsonProperty("description")
    public abstract String description();

    /**
     * The additional ARR the opportunity is estimated at, if estimated.
     *
     * @return the estimate
     */
    @JsonProperty("estimatedArr")
    public abstract Optional<Money> estimatedArr();

    @Value.Check
    protected void check() {
        Validate.nonBlank("description", description());
        if (estimatedArr().isPresent() && estimatedArr().get().isNegative()) {
            throw Validate.invalid("estimatedArr", "estimatedArr must not be negative, but was " + estimatedArr().get());
        }
    }

    /**
     * Starts an expansion opportunity.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link ExpansionOpportunity}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableExpansionOpportunity.Builder {
        Builder() {}
    }
}
