package org.cskit.playbooks;

/** A numeric comparison in a {@link Condition} or a threshold {@link Trigger}. */
public enum Operator {
    /** Less than. */
    LT("<"),
    /** Less than or equal. */
    LE("<="),
    /** Greater than. */
    GT(">"),
    /** Greater than or equal. */
    GE(">="),
    /** Equal. */
    EQ("=="),
    /** Not equal. */
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Compares an actual value with a threshold.
     *
     * @param actual the value seen
     * @param threshold the value in the definition
     * @return whether {@code actual <op> threshold} holds
     */
    public boolean test(double actual, double threshold) {
        switch (this) {
            case LT:
                return actual < threshold;
            case LE:
                return actual <= threshold;
            case GT:
                return actual > threshold;
            case GE:
                return actual >= threshold;
            case EQ:
                return actual == threshold;
            default:
                return actual != threshold;
        }
    }

    /**
     * The operator as written in explanations, such as {@code <=}.
     *
     * @return the symbol
     */
    public String symbol() {
        return symbol;
    }
}
