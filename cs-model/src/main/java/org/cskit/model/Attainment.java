package org.cskit.model;

/**
 * How far a metric has come from its baseline (0) toward its target (1), from one measurement.
 * Beyond the target is above 1; a regression past the baseline is below 0. Immutable and
 * thread-safe.
 *
 * @param metric the metric
 * @param ratio {@code (observed - baseline) / (target - baseline)}, unclamped
 * @param basis the measurement the ratio rests on
 */
public record Attainment(MetricId metric, double ratio, Measurement basis) {

    /**
     * Checks the attainment.
     *
     * @throws ValidationException if a component is null or the ratio is not finite
     */
    public Attainment {
        if (metric == null) {
            throw Validate.invalid("metric", "metric must not be null");
        }
        Validate.finite("ratio", ratio);
        if (basis == null) {
            throw Validate.invalid("basis", "basis must not be null");
        }
    }

    /**
     * Tells whether the target was reached.
     *
     * @return true when the ratio is at least 1
     */
    public boolean targetReached() {
        return ratio >= 1.0;
    }

    /**
     * Tells whether the metric is worse than its baseline.
     *
     * @return true when the ratio is below 0
     */
    public boolean regressed() {
        return ratio < 0.0;
    }
}
