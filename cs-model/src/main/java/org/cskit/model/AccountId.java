package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Identifies an account (a customer organisation). Any non-blank string of at most 200 characters; compared exactly (case and
 * spaces matter). Written to JSON as a plain string. Immutable and thread-safe.
 *
 * <p>Not a record (unlike the other identifiers) only because it keeps its {@link #fingerprint()}, worked out once when it is
 * made, as a {@link String} keeps its hash code: a store that looks accounts up by it (the in-memory play-state store, per row
 * of every batch) then reads a field instead of hashing the text again. Equal, hashed and ordered by {@link #value()} alone.
 */
public final class AccountId implements Comparable<AccountId> {
    private final String value;
    private final long fingerprint;

    /**
     * Checks the identifier.
     *
     * @param value the identifier's text
     * @throws ValidationException if the value is null, blank or longer than 200 characters
     */
    public AccountId(String value) {
        Ids.check("accountId", value);
        this.value = value;
        this.fingerprint = fingerprint(value);
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

    /**
     * The identifier's text.
     *
     * @return the text, as given
     */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * A 64-bit hash of the identifier's text, the same in every JVM and every version of cskit (stores keep it: the in-memory
     * play-state store's snapshots hold it instead of the text): FNV-1a over the text's length and its UTF-16 characters two at
     * a time, then MurmurHash3's 64-bit finaliser; never 0. Worked out once, when the identifier is made. Two of ten million
     * distinct identifiers share one with a chance of about 3 in a million.
     *
     * @return the fingerprint, never 0
     */
    public long fingerprint() {
        return fingerprint;
    }

    private static long fingerprint(String id) {
        long h = FNV_BASIS ^ id.length();
        int i = 0;
        for (int n = id.length() - 1; i < n; i += 2) {
            h = (h ^ (id.charAt(i) | (long) id.charAt(i + 1) << 16)) * FNV_PRIME;
        }
        if (i < id.length()) {
            h = (h ^ id.charAt(i)) * FNV_PRIME;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static final long FNV_BASIS = 0xcbf29ce484222325L, FNV_PRIME = 0x100000001b3L;

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof AccountId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
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
