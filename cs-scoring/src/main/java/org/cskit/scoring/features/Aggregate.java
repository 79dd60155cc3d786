package org.cskit.scoring.features;

/** How a window's signal values become one number. */
public enum Aggregate {
    /** How many signals. */
    COUNT,
    /** The sum of their values. */
    SUM,
    /** The mean of their values. */
    MEAN,
    /** The smallest value. */
    MIN,
    /** The largest value. */
    MAX,
    /** The value of the latest signal; of several at the same instant, the one with the greatest id. */
    LAST,
    /**
     * Days, with fractions, from the latest signal to the as-of time (a signal 36 hours old gives
     * 1.5); the window is how far back it looks, and without a signal in it the feature is missing.
     */
    DAYS_SINCE_LAST,
    /**
     * How many different values the window's signals have (adoption breadth: a signal whose value
     * codes the feature or workflow used, counted once each). Values are equal by {@code ==}.
     */
    DISTINCT;

    /** Whether an empty window has a natural value (0 signals, sum 0) rather than none. */
    boolean countsEmptyAsZero() {
        return this == COUNT || this == SUM || this == DISTINCT;
    }
}
