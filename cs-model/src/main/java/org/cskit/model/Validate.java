package org.cskit.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks every cskit value uses, public so that plug-ins (scoring strategies, playbook
 * actions, host types) report broken rules the same way: a {@link ValidationException} whose
 * message names the field, the value and the rule ({@code weight must be greater than 0, but was
 * -1.0}) and whose {@link ValidationException#field()} is the field's path. Stateless and
 * thread-safe.
 */
public final class Validate {
    private static final int SMALL = 16;

    /**
     * The most characters of one value that a message quotes; the rest is cut and the message says
     * how many characters were cut.
     */
    public static final int MAX_QUOTED = 200;

    private Validate() {}

    /**
     * Creates the exception for a broken rule.
     *
     * @param field the field's path relative to the value being built
     * @param message the rule that was broken, naming the field and the value
     * @return the exception, to throw
     */
    public static ValidationException invalid(String field, String message) {
        return new ValidationException(field, message);
    }

    /**
     * Requires a value to be present.
     *
     * @param field the field's name
     * @param value the value
     * @param <T> the value's type
     * @return the value
     * @throws ValidationException if the value is null
     */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw invalid(field, field + " must not be null");
        }
        return value;
    }

    /**
     * Requires text that is not blank.
     *
     * @param field the field's name
     * @param value the text
     * @return the text
     * @throws ValidationException if the text is null or blank
     */
    public static String nonBlank(String field, String value) {
        present(field, value);
        if (value.isBlank()) {
            throw invalid(field, field + " must not be blank, but was '" + value + "'");
        }
        return value;
    }

    /**
     * Requires a finite number.
     *
     * @param field the field's name
     * @param value the number
     * @return the number
     * @throws ValidationException if the number is NaN or infinite
     */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw invalid(field, field + " must be a finite number, but was " + value);
        }
        return value;
    }

    /**
     * Requires a finite number within bounds.
     *
     * @param field the field's name
     * @param value the number
     * @param min the lowest allowed value
     * @param max the highest allowed value
     * @return the number
     * @throws ValidationException if the number is not finite or outside [min, max]
     */
    public static double inRange(String field, double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw invalid(field, field + " must be in [" + format(min) + ", " + format(max) + "], but was " + value);
        }
        return value;
    }

    /**
     * Requires a finite number greater than 0.
     *
     * @param field the field's name
     * @param value the number
     * @return the number
     * @throws ValidationException if the number is not finite or not greater than 0
     */
    public static double positive(String field, double value) {
        finite(field, value);
        if (value <= 0) {
            throw invalid(field, field + " must be greater than 0, but was " + value);
        }
        return value;
    }

    /**
     * Requires a whole number of at least a minimum.
     *
     * @param field the field's name
     * @param value the number
     * @param min the lowest allowed value
     * @return the number
     * @throws ValidationException if the number is below the minimum
     */
    public static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw invalid(field, field + " must be at least " + min + ", but was " + value);
        }
        return value;
    }

    /**
     * Requires the elements of a collection to have distinct keys; the message names both positions.
     *
     * @param field the collection's field name
     * @param values the elements
     * @param key the key of an element
     * @param what what the key is, for the message (such as {@code contribution input})
     * @param <T> the elements' type
     * @param <K> the keys' type
     * @throws ValidationException at the second element sharing a key with an earlier one
     */
    public static <T, K> void unique(String field, Collection<T> values, Function<T, K> key, String what) {
        List<K> keys = new ArrayList<>(values.size());
        for (T value : values) {
            keys.add(key.apply(value));
        }
        if (keys.size() <= SMALL) {
            // Few elements (a vector's contributions): compare pairwise, no hashing, no map.
            for (int i = 1; i < keys.size(); i++) {
                for (int first = 0; first < i; first++) {
                    if (keys.get(first).equals(keys.get(i))) {
                        throw duplicate(field, what, keys.get(i), first, i);
                    }
                }
            }
            return;
        }
        Map<K, Integer> seen = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            Integer first = seen.putIfAbsent(keys.get(i), i);
            if (first != null) {
                throw duplicate(field, what, keys.get(i), first, i);
            }
        }
    }

    private static ValidationException duplicate(String field, String what, Object key, int first, int i) {
        return invalid(field + "[" + i + "]", "duplicate " + what + " '" + key + "' in " + field + "[" + first + "] and "
                + field + "[" + i + "]");
    }

    /**
     * Quotes a value for a message: in single quotes, with control characters escaped (so the
     * message stays one line) and at most {@value #MAX_QUOTED} characters of it, followed by how
     * many were cut: {@code 'aaaa... (4,194,104 more characters)'}.
     *
     * @param value the value, may be null
     * @return the quoted text
     */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        // The whole value is one piece: oneLine would cut only its words, so a value of many short
        // words would come back whole.
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 4 * MAX_QUOTED) + 64).append('\'');
        appendCut(sb, text, 0, text.length());
        return sb.append('\'').toString();
    }

    /**
     * Makes a message safe to print on one line: control characters (line breaks, tabs, escapes)
     * are written as backslash escapes ({@code \n}, {@code \t}; others as a backslash, {@code u} and four hex
     * digits), and every quoted value or word
     * longer than {@value #MAX_QUOTED} characters is cut to that length, followed by how many
     * characters were cut. Every cskit exception applies it to its message, so a value of
     * megabytes or with a line break cannot flood or split a log line.
     *
     * @param message the message
     * @return the safe message; the same string when nothing needed changing
     */
    public static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        boolean clean = message.length() <= MAX_QUOTED;
        for (int i = 0; i < message.length() && clean; i++) {
            char c = message.charAt(i);
            clean = !Character.isISOControl(c) && c != '\u2028' && c != '\u2029';
        }
        if (clean) {
            return message;
        }
        StringBuilder sb = new StringBuilder(Math.min(message.length(), 4 * MAX_QUOTED) + 64);
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= message.length(); i++) {
            char c = i < message.length() ? message.charAt(i) : '\'';
            // A quoted value runs to the next quote; outside quotes, a word runs to the next space.
            if (c == '\'' || (!quoted && c == ' ') || i == message.length()) {
                appendCut(sb, message, start, i);
                if (i < message.length()) {
                    sb.append(c);
                }
                if (c == '\'') {
                    quoted = !quoted;
                }
                start = i + 1;
            }
        }
        return sb.toString();
    }

    private static void appendCut(StringBuilder sb, String message, int from, int to) {
        int marker = message.lastIndexOf("... (", to);
        if (marker >= from && marker - from <= 6 * MAX_QUOTED && message.startsWith(" more characters)", to - 17)) {
            sb.append(message, from, to); // quoted by quote(): already cut and escaped
            return;
        }
        int end = to - from > MAX_QUOTED ? from + MAX_QUOTED : to;
        if (end < to && Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        for (int i = from; i < end; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (end < to) {
            sb.append("... (").append(String.format(java.util.Locale.ROOT, "%,d", to - end)).append(" more characters)");
        }
    }

    /**
     * Formats a number for a message: whole numbers without a fraction ({@code 10}, not {@code 10.0}),
     * others with the shortest decimal digits that read back as the same double; plain digits below
     * 10<sup>21</sup> in magnitude ({@code 100000000000000000}, not {@code 1.0E17}), scientific
     * notation beyond it and for magnitudes below 10<sup>-6</sup>.
     *
     * @param value the number
     * @return the text
     */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Double.isFinite(value) && Math.abs(value) < 1e21 && Math.abs(value) >= 1e-6) {
            return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
        return Double.toString(value);
    }
}
