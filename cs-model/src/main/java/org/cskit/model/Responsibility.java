package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Who does what for the plan, on either side: a role (such as {@code Champion} or
 * {@code CSM}), optionally the person, and what they are responsible for. Immutable and
 * thread-safe.
 *
 * <p>Rules: {@code role} and {@code duty} are not blank.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableResponsibility.class)
@JsonDeserialize(builder = Responsibility.Builder.class)
public abstract class Responsibility {
    // Only the generated implementation extends this type.
    Responsibility() {}


    /**
     * The side the role is on.
     *
     * @return the side
     */
    @JsonProperty("side")
    public abstract Side side();

    /**
     * The role, such as {@code Executive sponsor} or {@code Customer success manager}.
     *
     * @return the role
     */
    @JsonProperty("role")
    public abstract String role();

    /**
     * The person in the role, if named.
     *
     * @return the person
     */
    @JsonProperty("person")
    public abstract Optional<PersonId> person();

    /**
     * What the role is responsible for, in words.
     *
     * @return the duty
     */
    @JsonProperty("duty")
    public abstract String duty();

    @Value.Check
    protected void check() {
        Validate.nonBlank("role", role());
        Validate.nonBlank("duty", duty());
    }

    /**
     * Returns a responsibility with no named person.
     *
     * @param side the side
     * @param role the role
     * @param duty what the role does
     * @return the responsibility
     */
    public static Responsibility of(Side side, String role, String duty) {
        return builder().side(side).role(role).duty(duty).build();
    }

    /**
     * Starts a responsibility.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Responsibility}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableResponsibility.Builder {
        Builder() {}
    }
}
