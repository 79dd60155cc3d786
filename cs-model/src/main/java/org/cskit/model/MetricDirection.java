package org.cskit.model;

/** Which way a {@link SuccessMetric} improves. */
public enum MetricDirection {
    /** Larger values are better (revenue, adoption). */
    HIGHER_IS_BETTER,

    /** Smaller values are better (cycle time, cost, error rate). */
    LOWER_IS_BETTER
}
