package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A person on the customer's side and the roles they play (champion, executive sponsor, admin,
 * user). Immutable and thread-safe.
 *
 * <p>Rules: {@code name} is not blank; {@code roles} is not empty.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableStakeholder.class)
@JsonDeserialize(builder = Stakeholder.Builder.class)
public abstract class Stakeholder {
    // Only the generated implementation extends this type.
    Stakeholder() {}


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
     * The person's job title, if known.
     *
     * @return the title
     */
    @JsonProperty("title")
    public abstract Optional<String> title();

    /**
     * The person's email address, if known.
     *
     * @return the email address
     */
    @JsonProperty("email")
    public abstract Optional<String> email();

    /**
     * The roles this person plays for the account.
     *
     * @return the roles, not empty
     */
    @JsonProperty("roles")
    public abstract Set<StakeholderRole> roles();

    /**
     * Tells whether this person plays a role.
     *
     * @param role the role
     * @return true if {@link #roles()} contains it
     */
    public boolean hasRole(StakeholderRole role) {
        return roles().contains(role);
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        if (roles().isEmpty()) {
            throw Validate.invalid("roles", "stakeholder '" + name() + "' must have at least one role, but roles was empty");
        }
    }

    /**
     * Starts a stakeholder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Stakeholder}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableStakeholder.Builder {
        Builder() {}
    }
}
