package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A success metric the customer and the vendor agreed to move: its unit, which way is better, the
 * baseline it starts from, the target it must reach, how it is measured, and the series of
 * measurements so far. Immutable and thread-safe.
 *
 * <p>Rules: {@code name}, {@code unit} and {@code measurementMethod} are not blank;
 * {@code baseline} and {@code target} are finite and differ, and the target lies on the better
 * side of the baseline ({@code direction}); measurements are in strictly increasing time order.
 *
 * <p>{@link #attainmentOf(double)} is the domain's arithmetic: 0 at the baseline, 1 at the target,
 * above 1 beyond the target and below 0 when the metric regressed past its baseline. Nothing is
 * clamped.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSuccessMetric.class)
@JsonDeserialize(builder = SuccessMetric.Builder.class)
public abstract class SuccessMetric {
    // Only the generated implementation extends this type.
    SuccessMetric() {}


    /**
     * Identifies the metric within its plan.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract MetricId id();

    /**
     * The metric's name, such as {@code Invoice processing time}.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The unit of every value, such as {@code hours}, {@code %} or {@code EUR}.
     *
     * @return the unit
     */
    @JsonProperty("unit")
    public abstract String unit();

    /**
     * Which way the metric improves.
     *
     * @return the direction
     */
    @JsonProperty("direction")
    public abstract MetricDirection direction();

    /**
     * The value before the plan started.
     *
     * @return the baseline, finite
     */
    @JsonProperty("baseline")
    public abstract double baseline();

    /**
     * The agreed target.
     *
     * @return the target, finite, on the better side of the baseline
     */
    @JsonProperty("target")
    public abstract double target();

    /**
     * How the metric is measured: source, query, frequency.
     *
     * @return the measurement method
     */
    @JsonProperty("measurementMethod")
    public abstract String measurementMethod();

    /**
     * The measurements so far, oldest first.
     *
     * @return the series, in strictly increasing time order; may be empty
     */
    @JsonProperty("measurements")
    public abstract List<Measurement> measurements();

    /**
     * The latest measurement taken on or before a day (UTC).
     *
     * @param asOf the day
     * @return the measurement, or empty if none was taken by the end of that day
     */
    public Optional<Measurement> latestAsOf(LocalDate asOf) {
        var endOfDay = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Measurement> series = measurements();
        for (int i = series.size() - 1; i >= 0; i--) {
            if (series.get(i).at().isBefore(endOfDay)) {
                return Optional.of(series.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Where a value stands between the baseline (0) and the target (1), honouring the direction.
     * Beyond the target gives more than 1; worse than the baseline gives less than 0.
     *
     * @param value an observed value
     * @return {@code (value - baseline) / (target - baseline)}
     * @throws ValidationException if the value is NaN or infinite, or so far from the baseline that
     *     the ratio overflows
     */
    public double attainmentOf(double value) {
        Validate.finite("value", value);
        double ratio = (value - baseline()) / (target() - baseline());
        if (!Double.isFinite(ratio)) {
            throw Validate.invalid("value", "metric '" + name() + "' value " + value + " is too far from its baseline "
                    + Validate.format(baseline()) + " to express as attainment toward target " + Validate.format(target()));
        }
        return ratio;
    }

    /**
     * The metric's attainment as of a day: {@link #attainmentOf(double)} of the latest measurement
     * taken by the end of that day.
     *
     * @param asOf the day (UTC)
     * @return the attainment, or empty when nothing had been measured yet
     */
    public Optional<Attainment> attainmentAsOf(LocalDate asOf) {
        return latestAsOf(asOf).map(m -> new Attainment(id(), attainmentOf(m.value()), m));
    }

    /**
     * Tells whether a value meets a threshold, honouring the direction: at or above it when
     * higher is better, at or below it when lower is better.
     *
     * @param value the observed value
     * @param threshold the threshold
     * @return true if the value meets the threshold
     */
    public boolean meets(double value, double threshold) {
        return direction() == MetricDirection.HIGHER_IS_BETTER ? value >= threshold : value <= threshold;
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.nonBlank("unit", unit());
        Validate.nonBlank("measurementMethod", measurementMethod());
        Validate.finite("baseline", baseline());
        Validate.finite("target", target());
        String what = "metric '" + name() + "'";
        if (!Double.isFinite(target() - baseline())) {
            throw Validate.invalid("target", what + " target " + Validate.format(target()) + " is too far from its baseline "
                    + Validate.format(baseline()) + ": their difference must be a finite number");
        }
        if (target() == baseline()) {
            throw Validate.invalid("target", what + " target " + Validate.format(target()) + " must differ from its baseline");
        }
        boolean higher = direction() == MetricDirection.HIGHER_IS_BETTER;
        if (higher != target() > baseline()) {
            throw Validate.invalid("target", what + " is " + direction() + " but its target " + Validate.format(target())
                    + " is " + (higher ? "below" : "above") + " its baseline " + Validate.format(baseline()));
        }
        List<Measurement> series = measurements();
        for (int i = 1; i < series.size(); i++) {
            if (!series.get(i).at().isAfter(series.get(i - 1).at())) {
                throw Validate.invalid("measurements[" + i + "]", what + " measurements[" + i + "] at " + series.get(i).at()
                        + " is not after measurements[" + (i - 1) + "] at " + series.get(i - 1).at()
                        + ": measurements must be in strictly increasing time order");
            }
        }
    }

    /**
     * Starts a metric.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SuccessMetric}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSuccessMetric.Builder {
        Builder() {}
    }
}
