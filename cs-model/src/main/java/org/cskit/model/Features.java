package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One account's feature values as of a time, over a {@link FeatureSchema}: for each feature a value
 * and the number of observations it rests on. A feature with no value is missing (it rests on no
 * data); scorecards then apply their missing-data policy. Immutable and thread-safe.
 *
 * <p>Rules: a present value is finite; observation counts are not negative.
 *
 * <p>JSON: an object from feature name to {@code {"value": 212.0, "observations": 14}}, in the
 * schema's order; a missing feature is {@code null} ({@code "nps": null}), so the schema and the
 * missing values survive a round trip.
 */
public final class Features {
    private final FeatureSchema schema;
    private final double[] values;
    private final int[] observations;

    private Features(FeatureSchema schema, double[] values, int[] observations) {
        this.schema = schema;
        this.values = values;
        this.observations = observations;
    }

    /**
     * Starts the features of one account.
     *
     * @param schema the schema they follow
     * @return a builder with every feature missing
     */
    public static Builder builder(FeatureSchema schema) {
        return new Builder(schema);
    }

    /**
     * The schema.
     *
     * @return the schema
     */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * A feature's value.
     *
     * @param name the feature name
     * @return the value, or empty if the feature is missing
     * @throws ValidationException if the schema has no such feature
     */
    public OptionalDouble value(String name) {
        int i = schema.require(name);
        return isPresentAt(i) ? OptionalDouble.of(values[i]) : OptionalDouble.empty();
    }

    /**
     * A feature with its observation count.
     *
     * @param name the feature name
     * @return the feature, or empty if it is missing
     * @throws ValidationException if the schema has no such feature
     */
    public Optional<Feature> get(String name) {
        int i = schema.require(name);
        return isPresentAt(i) ? Optional.of(new Feature(name, values[i], observations[i])) : Optional.empty();
    }

    /**
     * The value at an index of the schema; the fast path for compiled evaluators.
     *
     * @param index the feature's index in the schema
     * @return the value, or {@code NaN} if the feature is missing
     */
    public double valueAt(int index) {
        return values[index];
    }

    /**
     * The number of observations behind the value at an index.
     *
     * @param index the feature's index in the schema
     * @return the count, 0 for a missing feature
     */
    public int observationsAt(int index) {
        return observations[index];
    }

    /**
     * Tells whether the feature at an index has a value.
     *
     * @param index the feature's index in the schema
     * @return true if present
     */
    public boolean isPresentAt(int index) {
        return !Double.isNaN(values[index]);
    }

    @JsonValue
    Map<String, Object> toJson() {
        // NullNode, not null: the host's inclusion rules leave null map values out, and a missing
        // feature must stay in the JSON to stay in the schema.
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(schema.names().get(i), isPresentAt(i) ? new FeatureValue(values[i], observations[i]) : NullNode.getInstance());
        }
        return map;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Features fromJson(Map<String, FeatureValue> json) {
        if (json.isEmpty()) {
            throw Validate.invalid("", "features must name at least one feature, but was empty");
        }
        Builder b = builder(FeatureSchema.of(java.util.List.copyOf(json.keySet())));
        json.forEach((name, v) -> {
            if (v != null) {
                b.set(name, v.value(), v.observations());
            }
        });
        return b.build();
    }

    /** A feature's JSON form. */
    record FeatureValue(double value, int observations) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && schema.equals(f.schema) && Arrays.equals(values, f.values)
                && Arrays.equals(observations, f.observations);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * schema.hashCode() + Arrays.hashCode(values)) + Arrays.hashCode(observations);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Features{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(schema.names().get(i)).append('=')
                    .append(isPresentAt(i) ? values[i] + " (" + observations[i] + ")" : "missing");
        }
        return sb.append('}').toString();
    }

    /** Builds {@link Features}; not thread-safe. */
    public static final class Builder {
        private final FeatureSchema schema;
        private final double[] values;
        private final int[] observations;

        private Builder(FeatureSchema schema) {
            this.schema = java.util.Objects.requireNonNull(schema, "schema");
            this.values = new double[schema.size()];
            this.observations = new int[schema.size()];
            Arrays.fill(values, Double.NaN);
        }

        /**
         * Sets a feature.
         *
         * @param name the feature name
         * @param value the value, finite
         * @param observations how many observations it rests on, not negative
         * @return this builder
         * @throws ValidationException if the name is unknown, the value is not finite or the count is negative
         */
        public Builder set(String name, double value, int observations) {
            return setAt(schema.require(name), value, observations);
        }

        /**
         * Sets the feature at an index of the schema.
         *
         * @param index the feature's index
         * @param value the value, finite
         * @param observations how many observations it rests on, not negative
         * @return this builder
         * @throws ValidationException if the value is not finite or the count is negative
         */
        public Builder setAt(int index, double value, int observations) {
            String name = schema.names().get(index);
            if (!Double.isFinite(value)) {
                throw Validate.invalid(name, "feature '" + name + "' must be a finite number, but was " + value);
            }
            if (observations < 0) {
                throw Validate.invalid(name, "feature '" + name + "' observations must not be negative, but was " + observations);
            }
            values[index] = value;
            this.observations[index] = observations;
            return this;
        }

        /**
         * Marks a feature missing again.
         *
         * @param name the feature name
         * @return this builder
         */
        public Builder clear(String name) {
            int i = schema.require(name);
            values[i] = Double.NaN;
            observations[i] = 0;
            return this;
        }

        /**
         * Builds the features; the builder may be reused afterwards without changing them.
         *
         * @return the features
         */
        public Features build() {
            return new Features(schema, values.clone(), observations.clone());
        }
    }
}
