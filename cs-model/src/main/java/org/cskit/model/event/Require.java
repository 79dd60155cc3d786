package org.cskit.model.event;

import org.cskit.model.ValidationException;

/** Checks shared by the events. */
final class Require {
    private Require() {}

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, field + " must not be null");
        }
        return value;
    }
}
