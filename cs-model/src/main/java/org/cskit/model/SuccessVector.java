package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An account's trajectory toward its desired outcome as of a time: a score, its band, the
 * direction and speed it is moving at, the per-input contributions that explain it, how much of
 * it rests on real data, and which scorecard (id and version) produced it. It replaces the flat
 * "health score". Immutable and thread-safe.
 *
 * <p>An account can be {@linkplain #unscored() unscored}: none of the scorecard's inputs had data
 * and none had a missing-data policy that stands in for it, so there is nothing to score (the
 * columns' NaN score and {@code -1} band and direction codes). An unscored vector has score and
 * velocity NaN, no band and no direction (null), coverage 0, every contribution 0 points with its
 * missing-data policy, no band held and no override: check {@link #unscored()} before reading
 * {@link #band()} or {@link #direction()}.
 *
 * <p>Rules: a scored vector has {@code score} in [0, 100], a band and a direction, and a finite
 * {@code velocity}; an unscored one is as above; {@code coverage} is in [0, 1];
 * {@code scorecardVersion} is at least 1; contribution inputs are unique, and a scored vector's
 * contributions' points add up to the score (within {@value #TOLERANCE} points).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSuccessVector.class)
@JsonDeserialize(builder = SuccessVector.Builder.class)
public abstract class SuccessVector {
    // Only the generated implementation extends this type.
    SuccessVector() {}


    /** How far the contributions' sum may stray from the score, in points (floating-point error). */
    public static final double TOLERANCE = 1e-6;

    /** The input name of the contribution that carries a manual override's adjustment. */
    public static final String OVERRIDE_INPUT = "manual_override";

    /**
     * The account scored.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * The time the vector describes: only data up to it was used.
     *
     * @return the as-of time
     */
    @JsonProperty("asOf")
    public abstract Instant asOf();

    /**
     * The score.
     *
     * @return the score, in [0, 100]; NaN when {@link #unscored()}
     */
    @JsonProperty("score")
    public abstract double score();

    /**
     * The band the score falls in, after the scheme's hysteresis.
     *
     * @return the band; null when {@link #unscored()}
     */
    @Nullable
    @JsonProperty("band")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public abstract Band band();

    /**
     * Which way the score is moving.
     *
     * @return the direction; null when {@link #unscored()}
     */
    @Nullable
    @JsonProperty("direction")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public abstract Direction direction();

    /**
     * Whether the account is unscored: no input had data and no missing-data policy stood in for
     * one (every input missing and set to redistribute), and no manual override set the score.
     * The score is then not 50 or any other number, but NaN, with no band and no direction, as
     * the vector columns hold an unscored row.
     *
     * @return true if unscored; false by default (and left out of the JSON form when false)
     */
    @Value.Default
    @JsonProperty("unscored")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean unscored() {
        return false;
    }

    /**
     * How fast the score is moving, in points per week; negative when falling.
     *
     * @return the velocity, finite; NaN when {@link #unscored()}
     */
    @JsonProperty("velocity")
    public abstract double velocity();

    /**
     * The share of the scorecard's weight that rested on real data rather than on a missing-data
     * policy: the vector's confidence.
     *
     * @return the coverage, in [0, 1]
     */
    @JsonProperty("coverage")
    public abstract double coverage();

    /**
     * What each input added to the score; they add up to it.
     *
     * @return the contributions
     */
    @JsonProperty("contributions")
    public abstract List<Contribution> contributions();

    /**
     * The manual override that set the score, if one was active at {@link #asOf()}. The computed
     * score is then the sum of all contributions but the override's own (input
     * {@value #OVERRIDE_INPUT}), which makes up the difference.
     *
     * @return the active override
     */
    @JsonProperty("override")
    public abstract Optional<ManualOverride> override();

    /**
     * The scorecard that produced the vector.
     *
     * @return the scorecard's id
     */
    @JsonProperty("scorecardId")
    public abstract ScorecardId scorecardId();

    /**
     * The version of that scorecard.
     *
     * @return the version, at least 1
     */
    @JsonProperty("scorecardVersion")
    public abstract int scorecardVersion();

    /**
     * Whether band hysteresis held the previous band: the band is not the one the score alone would
     * give, because the score has not left the previous band's range by more than the hysteresis.
     * With the common 2 points, an account green at 71 that now scores 69 stays green, held.
     *
     * @return true if the band was held; false by default (and left out of the JSON form when false)
     */
    @Value.Default
    @JsonProperty("bandHeld")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public boolean bandHeld() {
        return false;
    }

    @Value.Check
    protected void check() {
        Validate.inRange("coverage", coverage(), 0.0, 1.0);
        if (unscored()) {
            checkUnscored();
            return;
        }
        Validate.inRange("score", score(), 0.0, 100.0);
        Validate.present("band", band());
        Validate.present("direction", direction());
        Validate.finite("velocity", velocity());
        Validate.atLeast("scorecardVersion", scorecardVersion(), 1);
        Validate.unique("contributions", contributions(), Contribution::input, "contribution input");
        double sum = 0.0;
        for (Contribution c : contributions()) {
            sum += c.points();
        }
        if (override().isPresent()) {
            if (!override().get().isActiveAt(asOf())) {
                throw Validate.invalid("override", "override set at " + override().get().setAt() + " and expiring at "
                        + override().get().expiresAt() + " is not active at the vector's asOf " + asOf());
            }
            if (override().get().score() != score()) {
                throw Validate.invalid("score", "score " + score() + " must equal the active override's score "
                        + override().get().score());
            }
        }
        if (Math.abs(sum - score()) > TOLERANCE) {
            throw Validate.invalid("contributions", "contributions add up to " + sum + " points, but score is "
                    + score() + ": they must add up to the score");
        }
    }

    private void checkUnscored() {
        String rule = " but the vector is unscored: an unscored vector has score and velocity NaN, no band, no direction, "
                + "coverage 0, contributions of 0 points, no band held and no override";
        if (!Double.isNaN(score())) {
            throw Validate.invalid("score", "score is " + Validate.format(score()) + "," + rule);
        }
        if (band() != null) {
            throw Validate.invalid("band", "band is '" + band().label() + "'," + rule);
        }
        if (direction() != null) {
            throw Validate.invalid("direction", "direction is " + direction() + "," + rule);
        }
        if (!Double.isNaN(velocity())) {
            throw Validate.invalid("velocity", "velocity is " + Validate.format(velocity()) + "," + rule);
        }
        if (coverage() != 0.0) {
            throw Validate.invalid("coverage", "coverage is " + Validate.format(coverage()) + "," + rule);
        }
        if (bandHeld()) {
            throw Validate.invalid("bandHeld", "bandHeld is true," + rule);
        }
        if (override().isPresent()) {
            throw Validate.invalid("override", "an override is present," + rule);
        }
        Validate.unique("contributions", contributions(), Contribution::input, "contribution input");
        for (int i = 0; i < contributions().size(); i++) {
            if (contributions().get(i).points() != 0.0) {
                throw Validate.invalid("contributions[" + i + "].points", "contribution '" + contributions().get(i).input()
                        + "' has " + Validate.format(contributions().get(i).points()) + " points," + rule);
            }
        }
    }

    /**
     * Starts a success vector.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SuccessVector}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSuccessVector.Builder {
        Builder() {}
    }
}
