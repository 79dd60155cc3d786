package org.cskit.scoring.features;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Optional;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * One derived feature: which signal it reads, how a window of it is aggregated, and optionally its
 * change against the window before or its trend over several windows. Immutable and thread-safe.
 *
 * <p>Windows are half-open and end at the as-of time: {@code (asOf - window, asOf]}, so a signal
 * observed exactly at the as-of time counts and one exactly a window earlier does not. A change
 * compares {@code (asOf - window, asOf]} with {@code (asOf - 2 window, asOf - window]}. A trend is
 * the least-squares slope, per window, of the aggregate over {@code trendPeriods} consecutive
 * windows ending at the as-of time.
 *
 * <p>Rules: {@code name} and {@code signal} are not blank; {@code window} is positive and at most
 * 3650 days; {@code change} and {@code trendPeriods} are not both given; {@code trendPeriods} is in
 * [2, 52]; {@link Aggregate#DAYS_SINCE_LAST} takes neither (its window is how far back it looks).
 * {@code emptyAsZero} defaults to true for COUNT, SUM and DISTINCT (an empty window is 0 signals) and
 * false otherwise (an empty window leaves the feature missing); it may only be true for those three.
 * A ratio ({@code denominator}) takes no change, trend or DAYS_SINCE_LAST.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableFeatureDefinition.class)
@JsonDeserialize(builder = FeatureDefinition.Builder.class)
public abstract class FeatureDefinition {
    /** The longest window: ten years. */
    public static final Duration MAX_WINDOW = Duration.ofDays(3650);

    // Only the generated implementation extends this type.
    FeatureDefinition() {}

    /**
     * The feature's name, as scorecards and playbooks read it.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The signal it reads ({@link org.cskit.model.Signal#name()}).
     *
     * @return the signal's name
     */
    @JsonProperty("signal")
    public abstract String signal();

    /**
     * How a window is aggregated.
     *
     * @return the aggregate
     */
    @JsonProperty("aggregate")
    public abstract Aggregate aggregate();

    /**
     * The window's length.
     *
     * @return the window
     */
    @JsonProperty("window")
    public abstract Duration window();

    /**
     * The change against the window before, if the feature is a change.
     *
     * @return the change
     */
    @JsonProperty("change")
    public abstract Optional<WindowChange> change();

    /**
     * For a ratio: the signal whose aggregate over the same window divides this signal's (licence
     * utilisation: {@code LAST} of {@code seats_active} over {@code LAST} of {@code seats_purchased}).
     * The ratio is missing when either side is missing or the denominator is 0 (never infinite), and
     * rests on the smaller of the two sides' observation counts.
     *
     * @return the denominator's signal name
     */
    @JsonProperty("denominator")
    public abstract Optional<String> denominator();

    /**
     * The number of windows a trend is read over, if the feature is a trend.
     *
     * @return the number of periods
     */
    @JsonProperty("trendPeriods")
    public abstract Optional<Integer> trendPeriods();

    /**
     * Whether an empty window counts as 0 rather than as missing.
     *
     * @return true by default for COUNT, SUM and DISTINCT, false otherwise
     */
    @Value.Default
    @JsonProperty("emptyAsZero")
    public boolean emptyAsZero() {
        return aggregate().countsEmptyAsZero();
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.nonBlank("signal", signal());
        if (window().isZero() || window().isNegative() || window().compareTo(MAX_WINDOW) > 0) {
            throw Validate.invalid("window", "feature '" + name() + "' window must be positive and at most 3650 days, but was " + window());
        }
        if (change().isPresent() && trendPeriods().isPresent()) {
            throw Validate.invalid("trendPeriods", "feature '" + name() + "' is either a change or a trend, not both");
        }
        if (aggregate() == Aggregate.DAYS_SINCE_LAST && (change().isPresent() || trendPeriods().isPresent())) {
            throw Validate.invalid(change().isPresent() ? "change" : "trendPeriods", "feature '" + name()
                    + "' aggregates DAYS_SINCE_LAST, which has no change or trend");
        }
        if (denominator().isPresent()) {
            Validate.nonBlank("denominator", denominator().get());
            if (change().isPresent() || trendPeriods().isPresent() || aggregate() == Aggregate.DAYS_SINCE_LAST) {
                throw Validate.invalid("denominator", "feature '" + name() + "' is a ratio, which takes no change or trend and "
                        + "no DAYS_SINCE_LAST, but has " + (change().isPresent() ? "change " + change().get()
                        : trendPeriods().isPresent() ? "trendPeriods " + trendPeriods().get() : "aggregate DAYS_SINCE_LAST"));
            }
        }
        if (trendPeriods().isPresent() && (trendPeriods().get() < 2 || trendPeriods().get() > 52)) {
            throw Validate.invalid("trendPeriods", "feature '" + name() + "' trendPeriods must be in [2, 52], but was "
                    + trendPeriods().get());
        }
        if (emptyAsZero() && !aggregate().countsEmptyAsZero()) {
            throw Validate.invalid("emptyAsZero", "feature '" + name() + "' cannot count an empty window as 0 for "
                    + aggregate() + ": only COUNT, SUM and DISTINCT have a value without signals");
        }
    }

    /**
     * A windowed aggregate.
     *
     * @param name the feature's name
     * @param signal the signal it reads
     * @param aggregate how a window is aggregated
     * @param window the window
     * @return the definition
     */
    public static FeatureDefinition of(String name, String signal, Aggregate aggregate, Duration window) {
        return builder().name(name).signal(signal).aggregate(aggregate).window(window).build();
    }

    /**
     * Starts a definition.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link FeatureDefinition}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableFeatureDefinition.Builder {
        Builder() {}
    }
}
