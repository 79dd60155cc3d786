package org.cskit.scoring.spi;

import org.cskit.model.Band;
import org.cskit.model.Direction;

/**
 * A score without its explanation: what {@link ScoringStrategy#summarize}
 * returns when a caller needs only the level and the trajectory, at a fraction of the cost of a
 * full {@link org.cskit.model.SuccessVector}. It equals the corresponding fields of the vector that
 * {@code score} returns for the same snapshot. Immutable and thread-safe.
 *
 * <p>An {@linkplain org.cskit.model.SuccessVector#unscored() unscored} account's summary has score
 * and velocity NaN, band and direction null, coverage 0 and no band held; {@link #scored()} tells
 * the two apart.
 *
 * @param score the score, in [0, 100]; NaN when unscored
 * @param band the band; null when unscored
 * @param direction the direction; null when unscored
 * @param velocity points per week; NaN when unscored
 * @param coverage share of weight on real data, in [0, 1]
 * @param bandHeld whether band hysteresis held the previous band ({@link org.cskit.model.SuccessVector#bandHeld()})
 */
public record ScoreSummary(double score, Band band, Direction direction, double velocity, double coverage, boolean bandHeld) {

    /**
     * A summary whose band was not held by hysteresis.
     *
     * @param score the score, in [0, 100]
     * @param band the band
     * @param direction the direction
     * @param velocity points per week
     * @param coverage share of weight on real data, in [0, 1]
     */
    public ScoreSummary(double score, Band band, Direction direction, double velocity, double coverage) {
        this(score, band, direction, velocity, coverage, false);
    }

    /**
     * Whether the account was scored.
     *
     * @return false when the summary is of an unscored account (score NaN, no band)
     */
    public boolean scored() {
        return band != null;
    }
}
