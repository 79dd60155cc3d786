package org.cskit.scoring;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.cskit.model.Validate;

/**
 * Turns a raw feature value into a goodness in [0, 1], read as "higher is better": 0 is the worst,
 * 1 the best. An input whose feature is better when lower ({@link ScorecardInput#direction()})
 * uses {@code 1 - goodness}. Every normaliser is monotone non-decreasing in the value.
 * Implementations are immutable and thread-safe.
 *
 * <p>JSON: {@code {"type": "LINEAR", "min": 0, "max": 40}}, {@code {"type": "TIERS", "bounds": [5,
 * 20], "scores": [0, 0.5, 1]}} (with {@code "atBound": "LOWER_TIER"} to put a value equal to a bound
 * in the tier below it) or {@code {"type": "LOGISTIC", "midpoint": 10, "steepness": 0.5}}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Normalizer.Linear.class, name = "LINEAR"),
    @JsonSubTypes.Type(value = Normalizer.Tiers.class, name = "TIERS"),
    @JsonSubTypes.Type(value = Normalizer.Logistic.class, name = "LOGISTIC")
})
public sealed interface Normalizer permits Normalizer.Linear, Normalizer.Tiers, Normalizer.Logistic {

    /**
     * The goodness of a value, higher is better.
     *
     * @param value a finite raw value
     * @return the goodness, in [0, 1]
     */
    double goodness(double value);

    /**
     * Straight line between two bounds: {@code min} and below give 0, {@code max} and above give 1.
     * The bounds are the definition's saturation points, not a clamp on data: the raw value is kept
     * in the vector's contribution.
     *
     * @param min the value that scores 0
     * @param max the value that scores 1, greater than {@code min}
     */
    record Linear(double min, double max) implements Normalizer {

        /**
         * Checks the bounds.
         *
         * @throws org.cskit.model.ValidationException if a bound is not finite or {@code max <= min}
         */
        public Linear {
            Validate.finite("min", min);
            Validate.finite("max", max);
            if (max <= min) {
                throw Validate.invalid("max", "linear max " + Validate.format(max) + " must be greater than min " + Validate.format(min));
            }
        }

        @Override
        public double goodness(double value) {
            if (value <= min) {
                return 0.0;
            }
            if (value >= max) {
                return 1.0;
            }
            double width = max - min;
            if (Double.isFinite(width)) {
                return (value - min) / width;
            }
            // Bounds so far apart that their distance overflows: halve everything, which keeps the ratio.
            return (value / 2 - min / 2) / (max / 2 - min / 2);
        }
    }

    /**
     * Steps: tier 0 is the values below {@code bounds[0]}, tier {@code i} those between
     * {@code bounds[i-1]} and {@code bounds[i]}, the last tier those above the last bound; tier
     * {@code i} scores {@code scores[i]}. A value equal to a bound is in the tier above it by default
     * ({@link AtBound#HIGHER_TIER}: tiers are [from, to)), or in the tier below it with
     * {@link AtBound#LOWER_TIER} (tiers are (from, to]). So "good if at most 7 days" on a
     * lower-is-better input is {@code bounds [7, 30], scores [0, 0.5, 1], atBound LOWER_TIER}: 7 days
     * is in tier 0, whose goodness 0 turns into 1 for lower is better; no one-ulp nudge of the bound.
     *
     * @param bounds the tier boundaries, strictly increasing, at least one
     * @param scores one more than the bounds, each in [0, 1], non-decreasing
     * @param atBound which tier a value equal to a bound is in; {@link AtBound#HIGHER_TIER} if null
     */
    record Tiers(java.util.List<Double> bounds, java.util.List<Double> scores,
            @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
                    valueFilter = DefaultAtBound.class) AtBound atBound) implements Normalizer {

        /** Which tier a value exactly equal to a bound is in. */
        public enum AtBound {
            /** In the tier above the bound: tiers are [from, to). */
            HIGHER_TIER,
            /** In the tier below the bound: tiers are (from, to]. */
            LOWER_TIER
        }

        /** Leaves the default out of the JSON form. */
        static final class DefaultAtBound {
            @Override
            public boolean equals(Object value) {
                return value == AtBound.HIGHER_TIER;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }

        /**
         * Tiers where a value equal to a bound is in the tier above it.
         *
         * @param bounds the tier boundaries, strictly increasing, at least one
         * @param scores one more than the bounds, each in [0, 1], non-decreasing
         * @throws org.cskit.model.ValidationException as the canonical constructor does
         */
        public Tiers(java.util.List<Double> bounds, java.util.List<Double> scores) {
            this(bounds, scores, AtBound.HIGHER_TIER);
        }

        /**
         * Checks the tiers.
         *
         * @throws org.cskit.model.ValidationException if the bounds are not strictly increasing, the
         *     counts do not match, or a score is outside [0, 1] or lower than the one before
         */
        public Tiers {
            if (bounds == null || bounds.isEmpty()) {
                throw Validate.invalid("bounds", "tiers need at least one bound, but bounds was " + (bounds == null ? "null" : "empty"));
            }
            if (scores == null || scores.size() != bounds.size() + 1) {
                throw Validate.invalid("scores", "tiers need one more score than bounds (" + (bounds.size() + 1) + "), but scores had "
                        + (scores == null ? "none" : String.valueOf(scores.size())));
            }
            bounds = java.util.List.copyOf(bounds);
            scores = java.util.List.copyOf(scores);
            atBound = atBound == null ? AtBound.HIGHER_TIER : atBound;
            for (int i = 0; i < bounds.size(); i++) {
                Validate.finite("bounds[" + i + "]", bounds.get(i));
                if (i > 0 && bounds.get(i) <= bounds.get(i - 1)) {
                    throw Validate.invalid("bounds[" + i + "]", "tier bounds[" + i + "] " + Validate.format(bounds.get(i))
                            + " must be greater than bounds[" + (i - 1) + "] " + Validate.format(bounds.get(i - 1)));
                }
            }
            for (int i = 0; i < scores.size(); i++) {
                Validate.inRange("scores[" + i + "]", scores.get(i), 0.0, 1.0);
                if (i > 0 && scores.get(i) < scores.get(i - 1)) {
                    throw Validate.invalid("scores[" + i + "]", "tier scores[" + i + "] " + Validate.format(scores.get(i))
                            + " is lower than scores[" + (i - 1) + "] " + Validate.format(scores.get(i - 1))
                            + ": scores rise with the value; use the input's direction for lower-is-better");
                }
            }
        }

        @Override
        public double goodness(double value) {
            boolean lowerTier = atBound == AtBound.LOWER_TIER;
            int i = 0;
            while (i < bounds.size() && (value > bounds.get(i) || !lowerTier && value == bounds.get(i))) {
                i++;
            }
            return scores.get(i);
        }
    }

    /**
     * An S-curve: {@code 1 / (1 + exp(-steepness * (value - midpoint)))}; the midpoint scores 0.5.
     *
     * @param midpoint the value that scores 0.5
     * @param steepness how fast the curve rises, greater than 0
     */
    record Logistic(double midpoint, double steepness) implements Normalizer {

        /**
         * Checks the curve.
         *
         * @throws org.cskit.model.ValidationException if the midpoint is not finite or the steepness is not positive
         */
        public Logistic {
            Validate.finite("midpoint", midpoint);
            Validate.positive("steepness", steepness);
        }

        @Override
        public double goodness(double value) {
            return 1.0 / (1.0 + Math.exp(-steepness * (value - midpoint)));
        }
    }
}
