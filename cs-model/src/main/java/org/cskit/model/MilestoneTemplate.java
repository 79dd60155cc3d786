package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One step of a {@link PlanTemplate}: a milestone with its due date as days after the contract's
 * start and its owner as a role, which {@link PlanTemplate#instantiate} resolves to a person of
 * the account. Immutable and thread-safe.
 *
 * <p>Rules: {@code name} is not blank; {@code dueAfterDays} is at least 0; {@code ownerRole}, when
 * given, is a role of the owning side (an {@link AccountTeamRole} for the vendor, a
 * {@link StakeholderRole} for the customer; see {@link RoleHolder} for how it may be written); a
 * step does not depend on itself. The template checks the rest.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMilestoneTemplate.class)
@JsonDeserialize(builder = MilestoneTemplate.Builder.class)
public abstract class MilestoneTemplate {
    // Only the generated implementation extends this type.
    MilestoneTemplate() {}

    /**
     * Identifies the step; becomes the milestone's id.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract MilestoneId id();

    /**
     * The milestone's name.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * What the milestone marks.
     *
     * @return the kind
     */
    @JsonProperty("kind")
    public abstract MilestoneKind kind();

    /**
     * The side that owns the milestone.
     *
     * @return the side
     */
    @JsonProperty("ownerSide")
    public abstract Side ownerSide();

    /**
     * The role on the owning side whose holder owns the milestone, if any.
     *
     * @return the role, such as {@code CUSTOMER_SUCCESS_MANAGER} or {@code CHAMPION}
     */
    @JsonProperty("ownerRole")
    public abstract Optional<String> ownerRole();

    /**
     * When the milestone is due, in days after the contract's start.
     *
     * @return the days, at least 0
     */
    @JsonProperty("dueAfterDays")
    public abstract int dueAfterDays();

    /**
     * What completes the milestone; a threshold names a metric of the template.
     *
     * @return the criterion
     */
    @JsonProperty("completion")
    public abstract CompletionCriterion completion();

    /**
     * The steps that must be achieved first.
     *
     * @return their ids
     */
    @JsonProperty("dependsOn")
    public abstract Set<MilestoneId> dependsOn();

    /**
     * The expansion the milestone opens, if any.
     *
     * @return the opportunity
     */
    @JsonProperty("expansionOpportunity")
    public abstract Optional<ExpansionOpportunity> expansionOpportunity();

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.atLeast("dueAfterDays", dueAfterDays(), 0);
        if (ownerRole().isPresent()) {
            String role = ownerRole().get();
            if (!RoleHolder.isRoleOf(ownerSide(), role)) {
                throw Validate.invalid("ownerRole", "milestone '" + name() + "' is owned by role '" + role + "', which is not a "
                        + RoleHolder.rolesOf(ownerSide()));
            }
        }
        if (dependsOn().contains(id())) {
            throw Validate.invalid("dependsOn", "milestone '" + name() + "' depends on itself ('" + id() + "')");
        }
    }

    /**
     * Starts a milestone template.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MilestoneTemplate}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableMilestoneTemplate.Builder {
        Builder() {}
    }
}
