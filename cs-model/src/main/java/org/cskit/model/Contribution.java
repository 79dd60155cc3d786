package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * What one input added to a {@link SuccessVector}'s score: its points, its share of the weight,
 * the raw value it rested on, and, when that data was missing, the missing-data policy that
 * applied. Immutable and thread-safe.
 *
 * <p>Rules: {@code input} and {@code group} are not blank; {@code points} and {@code value} are
 * finite; {@code weight} is in [0, 1].
 */
@Value.Immutable
@JsonSerialize(as = ImmutableContribution.class)
@JsonDeserialize(builder = Contribution.Builder.class)
public abstract class Contribution {
    // Only the generated implementation extends this type.
    Contribution() {}


    /**
     * The input's name, such as {@code logins_14d}.
     *
     * @return the input
     */
    @JsonProperty("input")
    public abstract String input();

    /**
     * The group the input rolls up into, such as {@code usage} or {@code outcome}.
     *
     * @return the group
     */
    @JsonProperty("group")
    public abstract String group();

    /**
     * The points this input added to the score; the contributions of a vector add up to its score.
     *
     * @return the points, finite
     */
    @JsonProperty("points")
    public abstract double points();

    /**
     * The input's share of the scorecard's total weight.
     *
     * @return the weight, in [0, 1]
     */
    @JsonProperty("weight")
    public abstract double weight();

    /**
     * The raw value the input rested on; empty when the data was missing and the scorecard's
     * missing-data policy applied.
     *
     * @return the raw value
     */
    @JsonProperty("value")
    public abstract OptionalDouble value();

    /**
     * The missing-data policy that applied, when the input's data was missing: its contribution
     * then rests on the policy, not on data.
     *
     * @return the policy applied; empty when the input had data
     */
    @JsonProperty("missing")
    public abstract Optional<MissingDataPolicy> missing();

    @Value.Check
    protected void check() {
        if (missing().isPresent() && value().isPresent()) {
            throw Validate.invalid("missing", "contribution '" + input() + "' has a value " + value().getAsDouble()
                    + " and says its data was missing (" + missing().get() + "): it cannot be both");
        }
        Validate.nonBlank("input", input());
        Validate.nonBlank("group", group());
        Validate.finite("points", points());
        Validate.inRange("weight", weight(), 0.0, 1.0);
        if (value().isPresent()) {
            Validate.finite("value", value().getAsDouble());
        }
    }

    /**
     * Starts a contribution.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Contribution}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableContribution.Builder {
        Builder() {}
    }
}
