package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something that may keep the customer from their outcome, how serious it is and how it is
 * mitigated. Immutable and thread-safe.
 *
 * <p>Rules: {@code description} is not blank, nor is {@code mitigation} when given.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableRisk.class)
@JsonDeserialize(builder = Risk.Builder.class)
public abstract class Risk {
    // Only the generated implementation extends this type.
    Risk() {}


    /**
     * The risk, in words.
     *
     * @return the description
     */
    @JsonProperty("description")
    public abstract String description();

    /**
     * How serious the risk is.
     *
     * @return the level
     */
    @JsonProperty("level")
    public abstract RiskLevel level();

    /**
     * How the risk is mitigated, if decided.
     *
     * @return the mitigation
     */
    @JsonProperty("mitigation")
    public abstract Optional<String> mitigation();

    /**
     * The side that owns the mitigation, if decided.
     *
     * @return the owning side
     */
    @JsonProperty("ownerSide")
    public abstract Optional<Side> ownerSide();

    @Value.Check
    protected void check() {
        Validate.nonBlank("description", description());
        mitigation().ifPresent(m -> Validate.nonBlank("mitigation", m));
    }

    /**
     * Starts a risk.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Risk}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableRisk.Builder {
        Builder() {}
    }
}
