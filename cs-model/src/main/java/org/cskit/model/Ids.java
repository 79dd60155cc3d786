package org.cskit.model;

/** The one rule every identifier follows. */
final class Ids {
    static final int MAX_LENGTH = 200;

    private Ids() {}

    /**
     * Checks an identifier's text. The exception's field path is empty: an identifier is a scalar,
     * so the path of the property that holds it already points at it.
     */
    static void check(String name, String value) {
        if (value == null) {
            throw Validate.invalid("", name + " must not be null");
        }
        if (value.isBlank()) {
            throw Validate.invalid("", name + " must not be blank, but was '" + value + "'");
        }
        if (value.length() > MAX_LENGTH) {
            throw Validate.invalid("", name + " must be at most " + MAX_LENGTH + " characters, but was "
                    + value.length() + " characters: '" + value.substring(0, 40) + "...'");
        }
    }
}
