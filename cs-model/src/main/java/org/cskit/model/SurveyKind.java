package org.cskit.model;

/**
 * The three customer surveys teams run, each with its scale and the convention that splits its
 * answers into {@link Sentiment#POSITIVE positive}, {@link Sentiment#NEUTRAL neutral} and
 * {@link Sentiment#NEGATIVE negative}:
 * <ul>
 *   <li>{@link #NPS}: "how likely are you to recommend us", 0 to 10; promoters 9-10, passives 7-8,
 *       detractors 0-6;</li>
 *   <li>{@link #CSAT}: "how satisfied were you", 1 to 5; satisfied 4-5, neutral 3, dissatisfied 1-2;</li>
 *   <li>{@link #CES}: customer effort, "the company made it easy for me", 1 (strongly disagree) to 7
 *       (strongly agree); easy 5-7, neutral 4, hard 1-3.</li>
 * </ul>
 */
public enum SurveyKind {
    /** Net promoter: 0 to 10. */
    NPS(0, 10, 9, 6),
    /** Customer satisfaction: 1 to 5. */
    CSAT(1, 5, 4, 2),
    /** Customer effort (agreement that it was easy): 1 to 7. */
    CES(1, 7, 5, 3);

    private final int min;
    private final int max;
    private final int positiveFrom;
    private final int negativeTo;

    SurveyKind(int min, int max, int positiveFrom, int negativeTo) {
        this.min = min;
        this.max = max;
        this.positiveFrom = positiveFrom;
        this.negativeTo = negativeTo;
    }

    /**
     * The lowest answer on the scale.
     *
     * @return the minimum
     */
    public int min() {
        return min;
    }

    /**
     * The highest answer on the scale.
     *
     * @return the maximum
     */
    public int max() {
        return max;
    }

    /**
     * Where an answer falls under the survey's convention.
     *
     * @param score an answer on the scale
     * @return positive, neutral or negative
     * @throws ValidationException if the answer is off the scale
     */
    public Sentiment sentimentOf(int score) {
        check(score);
        if (score >= positiveFrom) {
            return Sentiment.POSITIVE;
        }
        return score <= negativeTo ? Sentiment.NEGATIVE : Sentiment.NEUTRAL;
    }

    /**
     * Checks that an answer is on the scale.
     *
     * @param score the answer
     * @return the answer
     * @throws ValidationException naming the survey, the answer and the scale if it is off it
     */
    public int check(int score) {
        if (score < min || score > max) {
            throw Validate.invalid("score", this + " score must be in [" + min + ", " + max + "], but was " + score);
        }
        return score;
    }

    /** Where a survey answer falls: promoter, satisfied or easy; passive or neutral; detractor, dissatisfied or hard. */
    public enum Sentiment {
        /** NPS promoter (9-10), CSAT satisfied (4-5), CES easy (5-7). */
        POSITIVE,
        /** NPS passive (7-8), CSAT neutral (3), CES neutral (4). */
        NEUTRAL,
        /** NPS detractor (0-6), CSAT dissatisfied (1-2), CES hard (1-3). */
        NEGATIVE
    }
}
