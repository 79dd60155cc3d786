package org.cskit.scoring;

import org.cskit.model.ValidationException;

/** The checks shared by scoring definitions; every message names the field, the value and the rule. */
final class Checks {
    private Checks() {}

    static ValidationException invalid(String field, String message) {
        return new ValidationException(field, message);
    }

    static String nonBlank(String field, String value) {
        if (value == null) {
            throw invalid(field, field + " must not be null");
        }
        if (value.isBlank()) {
            throw invalid(field, field + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(field, field + " must be a finite number, but was " + value);
        }
        return value;
    }

    static double inRange(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw invalid(field, field + " must be in [" + fmt(min) + ", " + fmt(max) + "], but was " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw invalid(field, field + " must be greater than 0, but was " + value);
        }
        return value;
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
