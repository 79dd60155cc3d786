package org.cskit.model;

/**
 * What a scorecard does when an input's feature is missing (no value, or fewer observations than
 * the input requires). The vector reports it: the input's {@link Contribution} has no value and
 * names the policy applied in {@link Contribution#missing()}, and the vector's coverage falls by the
 * input's weight.
 */
public enum MissingDataPolicy {
    /** Leave the input out and share its weight among the group's other inputs (or, if the whole group is missing, among the other groups). */
    REDISTRIBUTE,
    /** Count the input as neutral: goodness 0.5. */
    NEUTRAL,
    /** Count the input as the worst value: goodness 0. */
    WORST,
    /**
     * Count the input as a fixed goodness the scorecard states (cs-scoring: {@code ScorecardInput.missingGoodness}); a fitted
     * scorecard uses it to give missing data the risk it carried in the history.
     */
    FIXED
}
