package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies the scorecard (or other scoring strategy configuration) that produced a vector. Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * @param value the identifier's text
 */
public record ScorecardId(@JsonValue String value) implements Comparable<ScorecardId> {

    /**
     * Checks the identifier.
     *
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public ScorecardId {
        Ids.check("scorecardId", value);
    }

    /**
     * Returns the identifier with the given text.
     *
     * @param value the identifier's text
     * @return the identifier
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ScorecardId of(String value) {
        return new ScorecardId(value);
    }

    @Override
    public int compareTo(ScorecardId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
