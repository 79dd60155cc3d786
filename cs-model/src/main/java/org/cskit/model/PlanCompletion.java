package org.cskit.model;

import java.util.List;

/**
 * What {@link SuccessPlan#completeByEvidence} made of a plan as of a day: the plan with its
 * milestones completed by evidence, and the milestones that became achieved.
 * {@link org.cskit.model.event.AccountEvents#milestonesAchieved(PlanCompletion)} turns those into
 * events. Immutable and thread-safe.
 *
 * @param plan the completed plan
 * @param newlyAchieved the milestones (as achieved) that were not achieved before, in the plan's order
 */
public record PlanCompletion(SuccessPlan plan, List<Milestone> newlyAchieved) {

    /**
     * Checks and copies the components.
     *
     * @throws ValidationException if a component is missing
     */
    public PlanCompletion {
        Validate.present("plan", plan);
        newlyAchieved = List.copyOf(Validate.present("newlyAchieved", newlyAchieved));
    }
}
