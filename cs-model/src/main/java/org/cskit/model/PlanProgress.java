package org.cskit.model;

/**
 * How far a plan's milestones had come as of a day. Cancelled milestones are not counted.
 * Immutable and thread-safe.
 *
 * @param total milestones that count (all but cancelled ones)
 * @param achieved of those, achieved by the day
 * @param achievedOnTime of those achieved, achieved by their due date
 * @param overdue open milestones due before the day
 */
public record PlanProgress(int total, int achieved, int achievedOnTime, int overdue) {

    /**
     * Checks the counts.
     *
     * @throws ValidationException if a count is negative or the counts contradict each other
     */
    public PlanProgress {
        Validate.atLeast("total", total, 0);
        Validate.atLeast("achieved", achieved, 0);
        Validate.atLeast("achievedOnTime", achievedOnTime, 0);
        Validate.atLeast("overdue", overdue, 0);
        if (achieved > total || achievedOnTime > achieved || overdue > total - achieved) {
            throw Validate.invalid("total", "progress counts contradict each other: total " + total + ", achieved "
                    + achieved + ", achievedOnTime " + achievedOnTime + ", overdue " + overdue);
        }
    }

    /**
     * The share of milestones achieved.
     *
     * @return {@code achieved / total} in [0, 1]; 0 for a plan without milestones
     */
    public double achievedShare() {
        return share(achieved);
    }

    /**
     * The share of milestones achieved by their due date.
     *
     * @return {@code achievedOnTime / total} in [0, 1]; 0 for a plan without milestones
     */
    public double onTimeShare() {
        return share(achievedOnTime);
    }

    /**
     * The share of milestones overdue.
     *
     * @return {@code overdue / total} in [0, 1]; 0 for a plan without milestones
     */
    public double overdueShare() {
        return share(overdue);
    }

    private double share(int count) {
        return total == 0 ? 0.0 : (double) count / total;
    }
}
