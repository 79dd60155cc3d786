package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a success metric within its success plan. Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * @param value the identifier's text
 */
public record MetricId(@JsonValue String value) implements Comparable<MetricId> {

    /**
     * Checks the identifier.
     *
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public MetricId {
        Ids.check("metricId", value);
    }

    /**
     * Returns the identifier with the given text.
     *
     * @param value the identifier's text
     * @return the identifier
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MetricId of(String value) {
        return new MetricId(value);
    }

    @Override
    public int compareTo(MetricId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
