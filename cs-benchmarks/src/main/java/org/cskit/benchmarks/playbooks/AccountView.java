package org.cskit.benchmarks.playbooks;

/**
 * One account as the peers' rules see it: {@link RuleSet#tests} are written once against these
 * getters and run unchanged over the cskit objects ({@link AccountFact}, a view over a
 * {@code PlaybookInput}) or over a row of the portfolio's primitive columns ({@link RowFact}).
 * {@link #index} and {@link #now} are for the engines' {@link Cooldowns}, not for the rules.
 */
public interface AccountView {
    /** The feature at {@code index} of {@link Portfolio#SCHEMA}. */
    double feature(int index);

    /** The current score. */
    double score();

    /** The current band's label. */
    String band();

    /** The previous band's label, or null if there is no previous vector. */
    String previousBand();

    /** The current direction's name: {@code IMPROVING}, {@code FLAT} or {@code DECLINING}. */
    String direction();

    /** The segment's name. */
    String segment();

    /** The account's index in the portfolio. */
    int index();

    /** The evaluation time, epoch milliseconds. */
    long now();
}
