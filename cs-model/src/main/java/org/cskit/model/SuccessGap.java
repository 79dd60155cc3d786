package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something the customer cannot do alone on the way to a milestone, which the vendor must bridge
 * (a missing skill, an integration, a data migration). Immutable and thread-safe.
 *
 * <p>Rules: {@code description} is not blank, nor is {@code bridge} when given; the plan checks
 * that {@code milestone} exists.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSuccessGap.class)
@JsonDeserialize(builder = SuccessGap.Builder.class)
public abstract class SuccessGap {
    // Only the generated implementation extends this type.
    SuccessGap() {}


    /**
     * The gap, in words.
     *
     * @return the description
     */
    @JsonProperty("description")
    public abstract String description();

    /**
     * The milestone the gap stands in front of.
     *
     * @return the milestone's id
     */
    @JsonProperty("milestone")
    public abstract MilestoneId milestone();

    /**
     * How the vendor bridges the gap, if decided.
     *
     * @return the bridge
     */
    @JsonProperty("bridge")
    public abstract Optional<String> bridge();

    /**
     * Whether the gap has been closed; false by default.
     *
     * @return true once bridged
     */
    @Value.Default
    @JsonProperty("closed")
    public boolean closed() {
        return false;
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("description", description());
        bridge().ifPresent(b -> Validate.nonBlank("bridge", b));
    }

    /**
     * Starts a success gap.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SuccessGap}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSuccessGap.Builder {
        Builder() {}
    }
}
