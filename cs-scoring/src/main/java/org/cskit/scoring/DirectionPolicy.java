package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Map;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * How a scorecard reads direction and velocity from an account's score history: the least-squares
 * slope, in points per week, of the scores within {@link #lookback()} before the as-of time plus the
 * current score. A slope smaller than {@link #flatBelow()} in size is noise: the direction is flat.
 * With fewer than {@link #minPoints()} points of history (a new account, a new scorecard), the
 * velocity is projected from the inputs' own trends instead, where {@link #inputTrends()} names a
 * feature holding an input's raw change per week: the points the score would gain in a week if
 * each such input kept moving at its trend. Without either, the direction is flat and the
 * velocity 0. Immutable and thread-safe.
 *
 * <p>Defaults: lookback 84 days (12 weeks), minPoints 3, flatBelow 0.5 points per week, no input trends.
 * Rules: lookback positive; minPoints at least 2; flatBelow finite and not negative.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableDirectionPolicy.class)
@JsonDeserialize(builder = DirectionPolicy.Builder.class)
public abstract class DirectionPolicy {
    private static final double WEEK_SECONDS = 7 * 24 * 3600.0;

    // Only the generated implementation extends this type.
    DirectionPolicy() {}

    /**
     * How far back history counts.
     *
     * @return the lookback; 84 days by default
     */
    @Value.Default
    @JsonProperty("lookback")
    public Duration lookback() {
        return Duration.ofDays(84);
    }

    /**
     * The fewest points (history within the lookback plus the current score) that give a direction.
     *
     * @return the minimum; 3 by default
     */
    @Value.Default
    @JsonProperty("minPoints")
    public int minPoints() {
        return 3;
    }

    /**
     * The slope, in points per week, below which (in size) the score counts as flat.
     *
     * @return the threshold; 0.5 by default
     */
    @Value.Default
    @JsonProperty("flatBelow")
    public double flatBelow() {
        return 0.5;
    }

    /**
     * For inputs whose trend the host derives: input name to the feature that holds the input's
     * raw change per week (for example {@code logins_14d -> logins_14d_trend}).
     *
     * @return the trend features by input; empty by default
     */
    @JsonProperty("inputTrends")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract Map<String, String> inputTrends();

    @Value.Check
    protected void check() {
        inputTrends().forEach((input, feature) -> {
            Validate.nonBlank("inputTrends", input);
            Validate.nonBlank("inputTrends." + input, feature);
        });
        if (lookback().isNegative() || lookback().isZero()) {
            throw Validate.invalid("lookback", "lookback must be positive, but was " + lookback());
        }
        if (minPoints() < 2) {
            throw Validate.invalid("minPoints", "minPoints must be at least 2, but was " + minPoints());
        }
        Validate.finite("flatBelow", flatBelow());
        if (flatBelow() < 0) {
            throw Validate.invalid("flatBelow", "flatBelow must not be negative, but was " + flatBelow());
        }
    }

    /**
     * The velocity the score history gives, in points per week: the least-squares slope of the
     * scores within {@link #lookback()} before the snapshot's as-of time plus the current score.
     * The scorecards use exactly this; a plug-in strategy calls it so that its direction means what
     * theirs does.
     *
     * @param snapshot the account, with its score history
     * @param score the score now
     * @return the slope, or empty with fewer than {@link #minPoints()} points (then project from the
     *     inputs' trends, or take 0)
     */
    public java.util.OptionalDouble historyVelocity(org.cskit.model.AccountSnapshot snapshot, double score) {
        java.util.List<org.cskit.model.ScorePoint> history = snapshot.history();
        java.time.Instant asOf = snapshot.asOf();
        double lookbackSeconds = lookback().getSeconds() + lookback().getNano() / 1e9;
        int n = 1;
        double sx = 0.0;
        double sy = score;
        double sxx = 0.0;
        double sxy = 0.0;
        for (int k = history.size() - 1; k >= 0; k--) {
            org.cskit.model.ScorePoint p = history.get(k);
            double secondsBefore = (asOf.getEpochSecond() - p.at().getEpochSecond()) + (asOf.getNano() - p.at().getNano()) / 1e9;
            if (secondsBefore > lookbackSeconds) {
                break;
            }
            double x = -secondsBefore / WEEK_SECONDS;
            n++;
            sx += x;
            sy += p.score();
            sxx += x * x;
            sxy += x * p.score();
        }
        if (n < minPoints()) {
            return java.util.OptionalDouble.empty();
        }
        double denominator = n * sxx - sx * sx;
        return java.util.OptionalDouble.of(denominator == 0.0 ? 0.0 : (n * sxy - sx * sy) / denominator);
    }

    /**
     * The direction of a velocity: flat below {@link #flatBelow()} points per week in size, else
     * improving or declining.
     *
     * @param velocity points per week
     * @return the direction
     */
    public org.cskit.model.Direction directionOf(double velocity) {
        if (Math.abs(velocity) < flatBelow() || velocity == 0.0) {
            return org.cskit.model.Direction.FLAT;
        }
        return velocity > 0 ? org.cskit.model.Direction.IMPROVING : org.cskit.model.Direction.DECLINING;
    }

    /**
     * The defaults: 12 weeks, 3 points, flat below 0.5 points per week.
     *
     * @return the default policy
     */
    public static DirectionPolicy ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a policy.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DirectionPolicy}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableDirectionPolicy.Builder {
        Builder() {}
    }
}
