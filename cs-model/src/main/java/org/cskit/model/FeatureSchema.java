package org.cskit.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered set of feature names that a portfolio's {@link Features} share, such as
 * {@code logins_14d, tickets_open, outcome.attainment}. Scorecards and playbooks resolve a name to
 * its index once per schema and then read features by index, without hashing, for every account.
 * Immutable and thread-safe; equal when the names and their order are equal.
 *
 * <p>Rules: at least one name; names are not blank and are unique.
 */
public final class FeatureSchema {
    private final List<String> names;
    private final Map<String, Integer> index;
    private final int hash;

    private FeatureSchema(List<String> names) {
        this.names = List.copyOf(names);
        this.index = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            String name = Validate.nonBlank("names[" + i + "]", this.names.get(i));
            if (index.put(name, i) != null) {
                throw Validate.invalid("names[" + i + "]", "duplicate feature name '" + name + "' in schema");
            }
        }
        if (names.isEmpty()) {
            throw Validate.invalid("names", "a feature schema needs at least one name, but names was empty");
        }
        this.hash = this.names.hashCode();
    }

    /**
     * Returns a schema of the given names, in order.
     *
     * @param names the feature names
     * @return the schema
     * @throws ValidationException if there is no name, a name is blank, or a name repeats
     */
    public static FeatureSchema of(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                throw Validate.invalid("names[" + i + "]", "names[" + i + "] must not be null");
            }
        }
        return new FeatureSchema(names);
    }

    /**
     * Returns a schema of the given names, in order.
     *
     * @param names the feature names
     * @return the schema
     * @throws ValidationException if there is no name, a name is blank, or a name repeats
     */
    public static FeatureSchema of(String... names) {
        return of(java.util.Arrays.asList(names));
    }

    /**
     * The names, in order.
     *
     * @return the names, unmodifiable
     */
    public List<String> names() {
        return names;
    }

    /**
     * The number of features.
     *
     * @return the size, at least 1
     */
    public int size() {
        return names.size();
    }

    /**
     * The position of a name.
     *
     * @param name the feature name
     * @return its index, or -1 if the schema has no such feature
     */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /**
     * The position of a name that must exist.
     *
     * @param name the feature name
     * @return its index
     * @throws ValidationException naming the known features if the schema has no such feature
     */
    public int require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw Validate.invalid("feature", "unknown feature '" + name + "'; known features: " + String.join(", ", names));
        }
        return i;
    }

    /**
     * Says how another schema differs from this one, the expected one, for messages about a
     * mismatch: the names it lacks and those it has in addition, or, when both have the same
     * names, that only the order differs and where.
     *
     * @param other the schema found
     * @return the difference in words, with the other schema as the subject, such as {@code has the
     *     same names in another order: at position 0 it has 'logins' where 'nps' is expected}; empty
     *     when the schemas are equal
     */
    public String differenceFrom(FeatureSchema other) {
        if (equals(other)) {
            return "";
        }
        java.util.List<String> missing = names.stream().filter(n -> other.indexOf(n) < 0).toList();
        java.util.List<String> extra = other.names.stream().filter(n -> indexOf(n) < 0).toList();
        if (missing.isEmpty() && extra.isEmpty()) {
            int i = 0;
            while (names.get(i).equals(other.names.get(i))) {
                i++;
            }
            return "has the same names in another order: at position " + i + " it has '" + other.names.get(i)
                    + "' where '" + names.get(i) + "' is expected";
        }
        return (missing.isEmpty() ? "" : "lacks " + String.join(", ", missing))
                + (missing.isEmpty() || extra.isEmpty() ? "" : "; ")
                + (extra.isEmpty() ? "" : "has in addition " + String.join(", ", extra));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof FeatureSchema s && hash == s.hash && names.equals(s.names);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "FeatureSchema" + names;
    }
}
