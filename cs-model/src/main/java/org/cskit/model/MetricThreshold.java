package org.cskit.model;

/**
 * Completes a milestone when a plan metric meets a threshold, honouring the metric's direction
 * ({@link SuccessMetric#meets(double, double)}). Immutable and thread-safe.
 *
 * @param metric the plan metric, which must exist in the plan
 * @param threshold the value to meet, finite
 */
public record MetricThreshold(MetricId metric, double threshold) implements CompletionCriterion {

    /**
     * Checks the criterion.
     *
     * @throws ValidationException if the metric is null or the threshold is not finite
     */
    public MetricThreshold {
        if (metric == null) {
            throw Validate.invalid("metric", "metric must not be null");
        }
        Validate.finite("threshold", threshold);
    }

    /**
     * Returns the criterion.
     *
     * @param metric the plan metric
     * @param threshold the value to meet
     * @return the criterion
     */
    public static MetricThreshold of(MetricId metric, double threshold) {
        return new MetricThreshold(metric, threshold);
    }
}
