package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A member of the vendor's account team and their role. Immutable and thread-safe.
 *
 * <p>Rules: {@code name} is not blank.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTeamMember.class)
@JsonDeserialize(builder = TeamMember.Builder.class)
public abstract class TeamMember {
    // Only the generated implementation extends this type.
    TeamMember() {}


    /**
     * Identifies the person.
     *
     * @return the person's id, unique within the account
     */
    @JsonProperty("id")
    public abstract PersonId id();

    /**
     * The person's name.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The person's role on the account team.
     *
     * @return the role
     */
    @JsonProperty("role")
    public abstract AccountTeamRole role();

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
    }

    /**
     * Returns a team member.
     *
     * @param id the person's id
     * @param name the person's name
     * @param role the person's role
     * @return the team member
     * @throws ValidationException if the name is blank
     */
    public static TeamMember of(PersonId id, String name, AccountTeamRole role) {
        return builder().id(id).name(name).role(role).build();
    }

    /**
     * Starts a team member.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TeamMember}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableTeamMember.Builder {
        Builder() {}
    }
}
