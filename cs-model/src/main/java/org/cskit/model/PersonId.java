package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies a person: a stakeholder on the customer's side or a member of the account team. Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * @param value the identifier's text
 */
public record PersonId(@JsonValue String value) implements Comparable<PersonId> {

    /**
     * Checks the identifier.
     *
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public PersonId {
        Ids.check("personId", value);
    }

    /**
     * Returns the identifier with the given text.
     *
     * @param value the identifier's text
     * @return the identifier
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PersonId of(String value) {
        return new PersonId(value);
    }

    @Override
    public int compareTo(PersonId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
