package org.cskit.model;

/** Where a {@link Milestone} stands, as recorded by people; see {@link Milestone#isAchievedAsOf} for the view as of a date. */
public enum MilestoneStatus {
    /** Not started. */
    PLANNED,

    /** Work has started. */
    IN_PROGRESS,

    /** Completed; {@link Milestone#achievedOn()} says when. */
    ACHIEVED,

    /** Recorded as missed: the due date passed without completion. */
    MISSED,

    /** No longer part of the plan; ignored by progress. */
    CANCELLED
}
