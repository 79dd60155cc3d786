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
