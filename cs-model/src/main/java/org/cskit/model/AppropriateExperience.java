package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.immutables.value.Value;

/**
 * How the customer needs to reach their outcome: the engagement model, the channels, the cadence
 * of contact and any constraints (security reviews, languages, time zones). Immutable and
 * thread-safe.
 *
 * <p>Rules: {@code channels} is not empty; {@code cadence} is positive; no constraint is blank.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAppropriateExperience.class)
@JsonDeserialize(builder = AppropriateExperience.Builder.class)
public abstract class AppropriateExperience {
    // Only the generated implementation extends this type.
    AppropriateExperience() {}


    /**
     * How the vendor engages the customer.
     *
     * @return the engagement model
     */
    @JsonProperty("engagementModel")
    public abstract EngagementModel engagementModel();

    /**
     * The channels the customer wants to be engaged through.
     *
     * @return the channels, not empty
     */
    @JsonProperty("channels")
    public abstract Set<Channel> channels();

    /**
     * How often the vendor and the customer meet or talk, such as {@code P14D} or {@code P1M}.
     *
     * @return the cadence, positive
     */
    @JsonProperty("cadence")
    public abstract Period cadence();

    /**
     * Constraints on the journey, in words.
     *
     * @return the constraints; may be empty
     */
    @JsonProperty("constraints")
    public abstract List<String> constraints();

    @Value.Check
    protected void check() {
        if (channels().isEmpty()) {
            throw Validate.invalid("channels", "channels must name at least one channel, but was empty");
        }
        Periods.requirePositive("cadence", cadence());
        for (int i = 0; i < constraints().size(); i++) {
            Validate.nonBlank("constraints[" + i + "]", constraints().get(i));
        }
    }

    /**
     * Starts an appropriate experience.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AppropriateExperience}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableAppropriateExperience.Builder {
        Builder() {}
    }
}
