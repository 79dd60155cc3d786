package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.cskit.model.MetricDirection;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * One input of a scorecard: the feature it reads, its weight within its group, how its value is
 * normalised, which way is better, and what happens when the data is missing. Immutable and
 * thread-safe.
 *
 * <p>Defaults: {@code feature} is the input's name; {@code direction} is higher-is-better;
 * {@code missing} is {@link MissingDataPolicy#REDISTRIBUTE}; {@code minObservations} is 0.
 *
 * <p>Categorical inputs: features are numbers, so an input over a category (a contract type, a
 * plan tier) lists its {@link #categories()} and the feature's value is the category's index in
 * that list (0 for the first); whoever builds the features turns a category into its index with
 * {@link #indexOfCategory(String)}, and a category not in the list counts as missing.
 *
 * <p>Interactions: an input with a {@link Normalizer.Grid} reads two features, its {@code feature}
 * and its {@link #crossFeature()}, and its goodness is the grid's cell for the pair of values; it
 * is missing when either value is; its contribution in the vector carries the feature's value,
 * not the cross feature's. A categorical feature in a grid is read as the index another
 * input of the scorecard lists for it ({@link #categories()} of the input that reads the feature
 * alone).
 *
 * <p>Rules: {@code name} and {@code feature} are not blank; {@code weight} is finite and greater
 * than 0 (weights are normalised within the group, so they need not add up to anything);
 * {@code minObservations} is not negative; {@code missingGoodness} is in [0, 1] and is given
 * exactly when {@code missing} is {@link MissingDataPolicy#FIXED}; categories are not blank and
 * unique; {@code crossFeature} is given exactly when the normaliser is a grid, and is not blank
 * nor the input's own feature.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableScorecardInput.class)
@JsonDeserialize(builder = ScorecardInput.Builder.class)
public abstract class ScorecardInput {
    // Only the generated implementation extends this type.
    ScorecardInput() {}

    /**
     * The input's name, unique in the scorecard; the vector's contribution carries it.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The feature the input reads; the input's name unless given.
     *
     * @return the feature name
     */
    @Value.Default
    @JsonProperty("feature")
    public String feature() {
        return name();
    }

    /**
     * The second feature an input with a {@link Normalizer.Grid} reads, which picks the grid's column.
     *
     * @return the cross feature; present exactly when the normaliser is a grid
     */
    @JsonProperty("crossFeature")
    public abstract Optional<String> crossFeature();

    /**
     * The input's weight within its group.
     *
     * @return the weight, greater than 0
     */
    @JsonProperty("weight")
    public abstract double weight();

    /**
     * How the raw value becomes a goodness in [0, 1].
     *
     * @return the normaliser
     */
    @JsonProperty("normalizer")
    public abstract Normalizer normalizer();

    /**
     * Which way the feature is better.
     *
     * @return the direction; higher-is-better by default
     */
    @Value.Default
    @JsonProperty("direction")
    public MetricDirection direction() {
        return MetricDirection.HIGHER_IS_BETTER;
    }

    /**
     * What happens when the feature is missing.
     *
     * @return the policy; {@link MissingDataPolicy#REDISTRIBUTE} by default
     */
    @Value.Default
    @JsonProperty("missing")
    public MissingDataPolicy missing() {
        return MissingDataPolicy.REDISTRIBUTE;
    }

    /**
     * The goodness a missing feature counts as when {@link #missing()} is
     * {@link MissingDataPolicy#FIXED}.
     *
     * @return the goodness in [0, 1]; present exactly when the policy is {@code FIXED}
     */
    @JsonProperty("missingGoodness")
    public abstract Optional<Double> missingGoodness();

    /**
     * The categories of a categorical input, in the order that gives their indexes: the feature's
     * value is the index of the account's category. Empty for a numeric input.
     *
     * @return the categories; empty by default
     */
    @JsonProperty("categories")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public abstract List<String> categories();

    /**
     * The index of a category, the feature value that stands for it.
     *
     * @param category a category
     * @return its index in {@link #categories()}, or empty if the input does not list it (it then counts as missing)
     */
    public OptionalInt indexOfCategory(String category) {
        int i = categories().indexOf(category);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /**
     * The fewest observations a feature value must rest on to count as data; below it the
     * feature counts as missing (one survey answer need not decide a score).
     *
     * @return the minimum; 0 by default
     */
    @Value.Default
    @JsonProperty("minObservations")
    public int minObservations() {
        return 0;
    }

    /**
     * The goodness of a raw value, honouring the direction.
     *
     * @param value a finite raw value
     * @return the goodness in [0, 1]
     */
    public double goodness(double value) {
        double g = normalizer().goodness(value);
        return direction() == MetricDirection.HIGHER_IS_BETTER ? g : 1.0 - g;
    }

    /**
     * The goodness of a pair of raw values, honouring the direction: for an input with a
     * {@link Normalizer.Grid}; any other input ignores {@code cross}.
     *
     * @param value a finite raw value of the feature
     * @param cross a finite raw value of the cross feature
     * @return the goodness in [0, 1]
     */
    public double goodness(double value, double cross) {
        double g = normalizer().goodness(value, cross);
        return direction() == MetricDirection.HIGHER_IS_BETTER ? g : 1.0 - g;
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("name", name());
        Validate.nonBlank("feature", feature());
        Validate.positive("weight", weight());
        if (minObservations() < 0) {
            throw Validate.invalid("minObservations", "minObservations must not be negative, but was " + minObservations());
        }
        if (missing() == MissingDataPolicy.FIXED && missingGoodness().isEmpty()) {
            throw Validate.invalid("missingGoodness", "input '" + name() + "' has missing policy FIXED, so it needs a missingGoodness in [0, 1]");
        }
        if (missing() != MissingDataPolicy.FIXED && missingGoodness().isPresent()) {
            throw Validate.invalid("missingGoodness", "input '" + name() + "' has missingGoodness " + Validate.format(missingGoodness().get())
                    + " but missing policy " + missing() + "; missingGoodness applies only to FIXED");
        }
        if (missingGoodness().isPresent()) {
            Validate.inRange("missingGoodness", missingGoodness().get(), 0.0, 1.0);
        }
        for (int i = 0; i < categories().size(); i++) {
            Validate.nonBlank("categories[" + i + "]", categories().get(i));
        }
        Validate.unique("categories", categories(), c -> c, "category");
        boolean grid = normalizer() instanceof Normalizer.Grid;
        if (grid && crossFeature().isEmpty()) {
            throw Validate.invalid("crossFeature", "input '" + name() + "' has a GRID normalizer, so it needs a crossFeature to pick the column");
        }
        if (!grid && crossFeature().isPresent()) {
            throw Validate.invalid("crossFeature", "input '" + name() + "' has crossFeature '" + crossFeature().get()
                    + "' but a normalizer that reads one value; crossFeature applies only to GRID");
        }
        if (crossFeature().isPresent()) {
            Validate.nonBlank("crossFeature", crossFeature().get());
            if (crossFeature().get().equals(feature())) {
                throw Validate.invalid("crossFeature", "input '" + name() + "' has crossFeature '" + crossFeature().get()
                        + "', its own feature; a grid crosses two different features");
            }
        }
    }

    /**
     * Starts an input.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ScorecardInput}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableScorecardInput.Builder {
        Builder() {}
    }
}
