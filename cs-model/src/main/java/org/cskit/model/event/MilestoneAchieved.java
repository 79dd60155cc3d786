package org.cskit.model.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.ExpansionOpportunity;
import org.cskit.model.Measurement;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.PlanId;
import org.cskit.model.Validate;

/**
 * A success-plan milestone was achieved. When the event comes from the plan itself
 * ({@link AccountEvents#changes} or {@link org.cskit.model.SuccessPlan#completeByEvidence}) it
 * carries the milestone as achieved, so that a reader sees its kind, owner and
 * {@link #expansionOpportunity() expansion opportunity} without looking the plan up, and, when a
 * measurement completed it, that measurement ({@link Milestone#evidence()}). Immutable and
 * thread-safe.
 *
 * <p>In JSON the milestone is the optional property {@code milestone}; an event without it reads
 * as before.
 *
 * @param accountId the account
 * @param planId the plan
 * @param milestoneId the milestone
 * @param achievedOn the day it was achieved (UTC)
 * @param occurredAt when the achievement was recorded
 * @param milestone the milestone as achieved, if known: its id is {@code milestoneId}, its status
 *     {@code ACHIEVED} on {@code achievedOn}
 */
public record MilestoneAchieved(AccountId accountId, PlanId planId, MilestoneId milestoneId, LocalDate achievedOn,
        Instant occurredAt, Optional<Milestone> milestone) implements AccountEvent {

    /**
     * Checks the event. An absent {@code milestone} ({@code null}, as when JSON leaves it out) is
     * empty.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or the milestone
     *     contradicts the event
     */
    @JsonCreator
    public MilestoneAchieved {
        Validate.present("accountId", accountId);
        Validate.present("planId", planId);
        Validate.present("milestoneId", milestoneId);
        Validate.present("achievedOn", achievedOn);
        Validate.present("occurredAt", occurredAt);
        milestone = milestone == null ? Optional.empty() : milestone;
        if (milestone.isPresent()) {
            Milestone m = milestone.get();
            if (!m.id().equals(milestoneId)) {
                throw Validate.invalid("milestone.id", "the event is about milestone '" + milestoneId
                        + "' but carries milestone '" + m.id() + "'");
            }
            if (m.status() != MilestoneStatus.ACHIEVED || !m.achievedOn().orElseThrow().equals(achievedOn)) {
                throw Validate.invalid("milestone.status", "milestone '" + m.name() + "' carried by the event is "
                        + m.status() + m.achievedOn().map(d -> " on " + d).orElse("") + ", not ACHIEVED on " + achievedOn);
            }
        }
    }

    /**
     * An event that names the milestone without carrying it.
     *
     * @param accountId the account
     * @param planId the plan
     * @param milestoneId the milestone
     * @param achievedOn the day it was achieved (UTC)
     * @param occurredAt when the achievement was recorded
     * @throws org.cskit.model.ValidationException if a component is missing
     */
    public MilestoneAchieved(AccountId accountId, PlanId planId, MilestoneId milestoneId, LocalDate achievedOn, Instant occurredAt) {
        this(accountId, planId, milestoneId, achievedOn, occurredAt, Optional.empty());
    }

    /**
     * The expansion the achieved milestone opens: the carried milestone's
     * {@link Milestone#expansionOpportunity() opportunity}. An expansion playbook fires on this.
     *
     * @return the opportunity; empty if the milestone opens none or is not carried
     */
    public Optional<ExpansionOpportunity> expansionOpportunity() {
        return milestone.flatMap(Milestone::expansionOpportunity);
    }

    /**
     * The measurement that completed the milestone: the carried milestone's
     * {@link Milestone#evidence() evidence}.
     *
     * @return the measurement; empty if people recorded the achievement or the milestone is not carried
     */
    public Optional<Measurement> evidence() {
        return milestone.flatMap(Milestone::evidence);
    }
}
