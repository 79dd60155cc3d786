package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * A group of scorecard inputs, such as {@code usage}, {@code support} or {@code outcome}, with its
 * weight in the overall score. Immutable and thread-safe.
 *
 * <p>Rules: {@code name} is not blank; {@code weight} is finite and greater than 0 (normalised
 * across groups); at least one input.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableScorecardGroup.class)
@JsonDeserialize(builder = ScorecardGroup.Builder.class)
public abstract class ScorecardGroup {
    // Only the generated implementation extends this type.
    ScorecardGroup() {}

    /**
     * The group's name, unique in the scorecard.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The group's weight in the overall score.
     *
     * @return the weight, greater than 0
     */
    @JsonProperty("weight")
    public abstract double weight();

    /**
     * The group's inputs.
     *
     * @return the inputs, at least one
     */
    @JsonProperty("inputs")
    public abstract List<ScorecardInput> inputs();

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.positive("weight", weight());
        if (inputs().isEmpty()) {
            throw Validate.invalid("inputs", "group '" + name() + "' needs at least one input, but inputs was empty");
        }
    }

    /**
     * Returns a group.
     *
     * @param name the group's name
     * @param weight its weight
     * @param inputs its inputs
     * @return the group
     */
    public static ScorecardGroup of(String name, double weight, ScorecardInput... inputs) {
        return builder().name(name).weight(weight).addInputs(inputs).build();
    }

    /**
     * Starts a group.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ScorecardGroup}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableScorecardGroup.Builder {
        Builder() {}
    }
}
