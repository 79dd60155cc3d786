package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A dated step on a success plan: what it is ({@link MilestoneKind}), which side owns it, when it
 * is due, what completes it, where it stands, which milestones must come first, and the expansion
 * it may open. Immutable and thread-safe.
 *
 * <p>Rules: {@code name} is not blank; {@code achievedOn} is given exactly when the status is
 * {@link MilestoneStatus#ACHIEVED}; a milestone does not depend on itself. The plan checks the
 * rest (due dates, dependencies and metrics that exist, no dependency cycles).
 *
 * <p>Status is what people recorded; the {@code ...AsOf(date)} methods give the view as of a day,
 * so that history can be replayed: a milestone achieved on 10 March was not achieved as of 9 March.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableMilestone.class)
@JsonDeserialize(builder = Milestone.Builder.class)
public abstract class Milestone {
    // Only the generated implementation extends this type.
    Milestone() {}


    /**
     * Identifies the milestone within its plan.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract MilestoneId id();

    /**
     * The milestone's name, such as {@code Go live}.
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
     * @return the owning side
     */
    @JsonProperty("ownerSide")
    public abstract Side ownerSide();

    /**
     * The person who owns the milestone, if named.
     *
     * @return the owner
     */
    @JsonProperty("owner")
    public abstract Optional<PersonId> owner();

    /**
     * The day the milestone is due (UTC).
     *
     * @return the due date
     */
    @JsonProperty("dueDate")
    public abstract LocalDate dueDate();

    /**
     * What completes the milestone.
     *
     * @return the completion criterion
     */
    @JsonProperty("completion")
    public abstract CompletionCriterion completion();

    /**
     * Where the milestone stands; {@link MilestoneStatus#PLANNED} by default.
     *
     * @return the status
     */
    @Value.Default
    @JsonProperty("status")
    public MilestoneStatus status() {
        return MilestoneStatus.PLANNED;
    }

    /**
     * The day the milestone was achieved; present exactly when the status is
     * {@link MilestoneStatus#ACHIEVED}.
     *
     * @return the day achieved
     */
    @JsonProperty("achievedOn")
    public abstract Optional<LocalDate> achievedOn();

    /**
     * The measurement that achieved the milestone, when evidence did rather than a person: see
     * {@link SuccessPlan#completeByEvidence(LocalDate)}. Present only on an {@code ACHIEVED}
     * milestone completed by a {@link MetricThreshold}, and taken no later than {@code achievedOn}.
     *
     * @return the measurement
     */
    @JsonProperty("evidence")
    public abstract Optional<Measurement> evidence();

    /**
     * The milestones that must be achieved before this one.
     *
     * @return the ids of its dependencies, which must exist in the same plan
     */
    @JsonProperty("dependsOn")
    public abstract Set<MilestoneId> dependsOn();

    /**
     * The expansion this milestone opens, if any.
     *
     * @return the opportunity
     */
    @JsonProperty("expansionOpportunity")
    public abstract Optional<ExpansionOpportunity> expansionOpportunity();

    /**
     * Tells whether the milestone had been achieved by the end of a day.
     *
     * @param asOf the day
     * @return true if achieved on or before that day
     */
    public boolean isAchievedAsOf(LocalDate asOf) {
        return achievedOn().isPresent() && !achievedOn().get().isAfter(asOf);
    }

    /**
     * Tells whether the milestone was achieved by its due date.
     *
     * @return true if achieved on or before the due date
     */
    public boolean isAchievedOnTime() {
        return isAchievedAsOf(dueDate());
    }

    /**
     * Tells whether the milestone was still to be done at the end of a day: neither cancelled nor
     * achieved by then.
     *
     * @param asOf the day
     * @return true if open
     */
    public boolean isOpenAsOf(LocalDate asOf) {
        return status() != MilestoneStatus.CANCELLED && !isAchievedAsOf(asOf);
    }

    /**
     * Tells whether the milestone was overdue at the end of a day: open and due before that day.
     *
     * @param asOf the day
     * @return true if overdue
     */
    public boolean isOverdueAsOf(LocalDate asOf) {
        return isOpenAsOf(asOf) && dueDate().isBefore(asOf);
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        boolean achieved = status() == MilestoneStatus.ACHIEVED;
        if (achieved && achievedOn().isEmpty()) {
            throw Validate.invalid("achievedOn", "milestone '" + name() + "' is ACHIEVED but has no achievedOn date");
        }
        if (!achieved && achievedOn().isPresent()) {
            throw Validate.invalid("achievedOn", "milestone '" + name() + "' has achievedOn " + achievedOn().get()
                    + " but its status is " + status() + ", not ACHIEVED");
        }
        if (evidence().isPresent()) {
            if (!achieved || !(completion() instanceof MetricThreshold)) {
                throw Validate.invalid("evidence", "milestone '" + name() + "' has evidence but is " + status()
                        + " with a " + (completion() instanceof MetricThreshold ? "metric threshold" : "sign-off")
                        + ": only an ACHIEVED milestone completed by a metric threshold has evidence");
            }
            LocalDate measured = LocalDate.ofInstant(evidence().get().at(), ZoneOffset.UTC);
            if (measured.isAfter(achievedOn().get())) {
                throw Validate.invalid("evidence", "milestone '" + name() + "' was achieved on " + achievedOn().get()
                        + " but its evidence was measured later, at " + evidence().get().at());
            }
        }
        if (dependsOn().contains(id())) {
            throw Validate.invalid("dependsOn", "milestone '" + name() + "' depends on itself ('" + id() + "')");
        }
    }

    /**
     * Starts a milestone.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Milestone}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableMilestone.Builder {
        Builder() {}
    }
}
