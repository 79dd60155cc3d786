package org.cskit.model.event;

import java.time.Instant;
import java.time.LocalDate;
import org.cskit.model.AccountId;
import org.cskit.model.MilestoneId;
import org.cskit.model.PlanId;
import org.cskit.model.Validate;

/**
 * A success-plan milestone was recorded as missed. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param planId the plan
 * @param milestoneId the milestone
 * @param dueDate the day it was due (UTC)
 * @param occurredAt when the miss was recorded
 */
public record MilestoneMissed(AccountId accountId, PlanId planId, MilestoneId milestoneId, LocalDate dueDate, Instant occurredAt) implements AccountEvent {

    /**
     * Checks the event.
     *
     * @throws org.cskit.model.ValidationException if a component is missing or breaks a rule
     */
    public MilestoneMissed {
        Validate.present("accountId", accountId);
        Validate.present("planId", planId);
        Validate.present("milestoneId", milestoneId);
        Validate.present("dueDate", dueDate);
        Validate.present("occurredAt", occurredAt);
    }
}
