package org.cskit.model;

/**
 * A named range of scores, such as {@code red}, {@code C} or {@code 3}, with its rank in the band
 * scheme that defined it: rank 0 is the riskiest band. Immutable and thread-safe.
 *
 * @param label the band's label, non-blank
 * @param rank the band's position in its scheme, 0 for the riskiest
 */
public record Band(String label, int rank) {

    /**
     * Checks the band.
     *
     * @throws ValidationException if the label is blank or the rank is negative
     */
    public Band {
        Validate.nonBlank("label", label);
        Validate.atLeast("rank", rank, 0);
    }

    /**
     * Returns a band.
     *
     * @param label the band's label
     * @param rank its position in the scheme, 0 for the riskiest
     * @return the band
     * @throws ValidationException if the label is blank or the rank is negative
     */
    public static Band of(String label, int rank) {
        return new Band(label, rank);
    }
}
