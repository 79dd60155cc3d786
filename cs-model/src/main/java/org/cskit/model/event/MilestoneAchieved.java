package org.cskit.model.event;

import java.time.Instant;
import java.time.LocalDate;
import org.cskit.model.AccountId;
import org.cskit.model.MilestoneId;
import org.cskit.model.PlanId;
import org.cskit.model.Validate;

/**
 * A success-plan milestone was achieved. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param planId the plan
 * @param milestoneId the milestone
 * @param achievedOn the day it was achieved (UTC)
 * @param occurredAt when the achievement was recorded
 */
public record MilestoneAchieved(AccountId accountId, PlanId planId, MilestoneId milestoneId, LocalDate achievedOn, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public MilestoneAchieved {
        Validate.present("accountId", accountId);
        Validate.present("planId", planId);
        Validate.present("milestoneId", milestoneId);
        Validate.present("achievedOn", achievedOn);
        Validate.present("occurredAt", occurredAt);
    }
}
