package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies one observed signal. Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * @param value the identifier's text
 */
public record SignalId(@JsonValue String value) implements Comparable<SignalId> {

    /**
     * Checks the identifier.
     *
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public SignalId {
        Ids.check("signalId", value);
    }

    /**
     * Returns the identifier with the given text.
     *
     * @param value the identifier's text
     * @return the identifier
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SignalId of(String value) {
        return new SignalId(value);
    }

    @Override
    public int compareTo(SignalId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
