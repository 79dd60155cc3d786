package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an account (a customer organisation). Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * @param value the identifier's text
 */
public record AccountId(@JsonValue String value) implements Comparable<AccountId> {

    /**
     * Checks the identifier.
     *
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public AccountId {
        Ids.check("accountId", value);
    }

    /**
     * Returns the identifier with the given text.
     *
     * @param value the identifier's text
     * @return the identifier
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
