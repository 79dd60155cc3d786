package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What comes after a success plan is met: the next outcome to pursue, so that reaching a target
 * opens the next conversation instead of ending one. Immutable and thread-safe.
 *
 * <p>Rules: {@code description} is not blank.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNextPhase.class)
@JsonDeserialize(builder = NextPhase.Builder.class)
public abstract class NextPhase {
    // Only the generated implementation extends this type.
    NextPhase() {}


    /**
     * The next phase, in words.
     *
     * @return the description
     */
    @JsonProperty("description")
    public abstract String description();

    /**
     * When the next phase is planned to start, if agreed.
     *
     * @return the planned start (UTC)
     */
    @JsonProperty("plannedStart")
    public abstract Optional<LocalDate> plannedStart();

    @Value.Check
    protected void check() {
        Validate.nonBlank("description", description());
    }

    /**
     * Returns a next phase with no planned start.
     *
     * @param description the next phase, in words
     * @return the next phase
     */
    public static NextPhase of(String description) {
        return builder().description(description).build();
    }

    /**
     * Starts a next phase.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NextPhase}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableNextPhase.Builder {
        Builder() {}
    }
}
