package org.cskit.model;

/**
 * Completes a milestone when a person on one side signs it off. Immutable and thread-safe.
 *
 * @param by the side that signs off
 * @param criteria what they check before signing, in words; not blank
 */
public record SignOff(Side by, String criteria) implements CompletionCriterion {

    /**
     * Checks the criterion.
     *
     * @throws ValidationException if the side is null or the criteria are blank
     */
    public SignOff {
        if (by == null) {
            throw Validate.invalid("by", "by must not be null");
        }
        Validate.nonBlank("criteria", criteria);
    }

    /**
     * Returns the criterion.
     *
     * @param by the side that signs off
     * @param criteria what they check
     * @return the criterion
     */
    public static SignOff of(Side by, String criteria) {
        return new SignOff(by, criteria);
    }
}
