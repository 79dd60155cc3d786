package org.cskit.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** The checks shared by the model's values; every message names the field, the value and the rule. */
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

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw invalid(field, field + " must be at least " + min + ", but was " + value);
        }
        return value;
    }

    /** Fails if two elements share a key; the message names both positions and the key. */
    static <T, K> void unique(String field, Collection<T> values, Function<T, K> key, String what) {
        Map<K, Integer> seen = new HashMap<>();
        int i = 0;
        for (T value : values) {
            K k = key.apply(value);
            Integer first = seen.putIfAbsent(k, i);
            if (first != null) {
                throw invalid(field + "[" + i + "]", "duplicate " + what + " '" + k + "' in " + field + "[" + first
                        + "] and " + field + "[" + i + "]");
            }
            i++;
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
