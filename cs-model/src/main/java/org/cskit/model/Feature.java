package org.cskit.model;

/**
 * One derived feature of an account: its name, its value and the number of observations it
 * rests on (a 14-day login count resting on 0 observations says something different from one
 * resting on 14). Immutable and thread-safe.
 *
 * @param name the feature name
 * @param value the value, finite
 * @param observations how many observations it rests on, not negative
 */
public record Feature(String name, double value, int observations) {

    /**
     * Checks the feature.
     *
     * @throws ValidationException if the name is blank, the value not finite or the count negative
     */
    public Feature {
        Validate.nonBlank("name", name);
        Validate.finite("value", value);
        Validate.atLeast("observations", observations, 0);
    }
}
