package org.cskit.playbooks;

import java.util.List;

/**
 * The names conditions, triggers and templates may read besides the snapshot's features. Numeric
 * fields compare with {@link Condition.Compare}; text fields with {@link Condition.Is} and
 * {@link Condition.In}. Any other name is a feature of the account's snapshot, checked against the
 * feature schema when a playbook set is compiled.
 */
public final class Fields {
    /** The current vector's score (number). */
    public static final String SCORE = "vector.score";
    /** The current vector's velocity in points per week (number). */
    public static final String VELOCITY = "vector.velocity";
    /** The current vector's coverage (number). */
    public static final String COVERAGE = "vector.coverage";
    /** The current vector's band label (text). */
    public static final String BAND = "vector.band";
    /** The current vector's direction: IMPROVING, FLAT or DECLINING (text). */
    public static final String DIRECTION = "vector.direction";
    /** The previous vector's score (number). */
    public static final String PREVIOUS_SCORE = "previous.score";
    /** The previous vector's band label (text). */
    public static final String PREVIOUS_BAND = "previous.band";
    /** The account's segment name (text). */
    public static final String SEGMENT = "account.segment";
    /** The account's lifecycle stage (text). */
    public static final String STAGE = "account.stage";
    /** The account's id (text; for templates). */
    public static final String ACCOUNT_ID = "account.id";

    /** The built-in numeric fields. */
    public static final List<String> NUMERIC = List.of(SCORE, VELOCITY, COVERAGE, PREVIOUS_SCORE);
    /** The built-in text fields. */
    public static final List<String> TEXT = List.of(BAND, DIRECTION, PREVIOUS_BAND, SEGMENT, STAGE, ACCOUNT_ID);

    private Fields() {}

    /**
     * Tells whether a name is a built-in field rather than a feature.
     *
     * @param name a field name
     * @return true for the names listed here
     */
    public static boolean isBuiltIn(String name) {
        return NUMERIC.contains(name) || TEXT.contains(name);
    }
}
