package org.cskit.scoring.calibration;

import java.util.List;
import java.util.Map;
import org.cskit.model.ScorecardId;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * How {@link ScorecardFitter} fits a scorecard. Immutable and thread-safe.
 *
 * <p>Defaults: id {@code fitted}; 20 initial bins merged to at most 6; a bin holds at least 5% of
 * the training rows; L2 penalty 1.0; inputs whose information value is below 0.02 are left out;
 * bands {@code red}, {@code yellow}, {@code green} holding the riskiest 20%, the next 30% and the
 * rest of the training rows; every input in one group named {@code fitted}.
 *
 * <p>Two methods ({@link #method()}): {@link Method#LINEAR}, the default, bins by weight of
 * evidence and weighs the bins by logistic regression (the options above apply); {@link Method#ADDITIVE}
 * fits an explainable boosting machine (a shape per input and up to {@link #interactions()}
 * two-way tables), with these defaults: at most 32 bins per input and 8 per input in a pair; 10
 * interactions; learning rate 0.05; at most 2,000 rounds, stopping after 50 without improvement on
 * 15% of the rows held out in each of 8 bags; 4 rows at least in a leaf; seed 42; no monotone
 * constraint. See {@link ScorecardFitter} for how each works.
 *
 * <p>Rules: {@code initialBins} at least 2 and {@code maxBins} in [2, initialBins];
 * {@code minBinShare} in (0, 0.5]; {@code l2} and {@code minInformationValue} finite and not
 * negative; one band share per band label (2 to 12), each in (0, 1), adding up to 1;
 * {@code additiveBins} and {@code interactionBins} in [2, 255]; {@code interactions} in [0, 100];
 * {@code learningRate} in (0, 1]; {@code maxRounds}, {@code earlyStoppingRounds}, {@code bags}
 * and {@code minLeafRows} at least 1 ({@code bags} at most 64); {@code validationShare} in (0, 0.5].
 */
@Value.Immutable
public abstract class FitOptions {
    // Only the generated implementation extends this type.
    FitOptions() {}

    /** How a scorecard is fitted. */
    public enum Method {
        /** Weight-of-evidence bins and an L2 logistic regression: one weight per input, monotone tiers. */
        LINEAR,
        /** An explainable boosting machine: a shape per input (any form) and two-way interaction tables. */
        ADDITIVE
    }

    /** @return how to fit; {@link Method#LINEAR} by default */
    @Value.Default
    public Method method() {
        return Method.LINEAR;
    }

    /** @return additive: the most bins an input's shape has (not counting missing); 32 by default */
    @Value.Default
    public int additiveBins() {
        return 32;
    }

    /** @return additive: the most bins per input in an interaction table; 8 by default */
    @Value.Default
    public int interactionBins() {
        return 8;
    }

    /** @return additive: the most two-way interaction tables; 10 by default, 0 for main effects only */
    @Value.Default
    public int interactions() {
        return 10;
    }

    /** @return additive: the boosting step size; 0.05 by default */
    @Value.Default
    public double learningRate() {
        return 0.05;
    }

    /** @return additive: the most boosting rounds per bag and stage (a round visits every term once); 2,000 by default */
    @Value.Default
    public int maxRounds() {
        return 2000;
    }

    /** @return additive: a bag stops after this many rounds without a better held-out loss; 50 by default */
    @Value.Default
    public int earlyStoppingRounds() {
        return 50;
    }

    /** @return additive: the number of outer bags, whose shapes are averaged; 8 by default */
    @Value.Default
    public int bags() {
        return 8;
    }

    /** @return additive: the share of the training rows each bag holds out for early stopping; 0.15 by default */
    @Value.Default
    public double validationShare() {
        return 0.15;
    }

    /** @return additive: the fewest training rows in a leaf of a boosting step; 4 by default */
    @Value.Default
    public int minLeafRows() {
        return 4;
    }

    /** @return additive: the seed of the bags' held-out rows; 42 by default */
    @Value.Default
    public long seed() {
        return 42;
    }

    /**
     * Additive: monotone constraints by numeric column name. {@code HIGHER_IS_BETTER} means churn
     * risk may only fall as the value rises, {@code LOWER_IS_BETTER} that it may only rise; the
     * input's shape is kept so at every boosting step (and the input takes part in no interaction,
     * which could break the promise).
     *
     * @return the constraints; none by default
     */
    public abstract Map<String, org.cskit.model.MetricDirection> monotone();

    /** @return the fitted scorecard's id; {@code fitted} by default */
    @Value.Default
    public ScorecardId id() {
        return ScorecardId.of("fitted");
    }

    /** @return how many equal-frequency bins a numeric input starts from; 20 by default */
    @Value.Default
    public int initialBins() {
        return 20;
    }

    /** @return the most bins an input keeps (not counting the missing bin); 6 by default */
    @Value.Default
    public int maxBins() {
        return 6;
    }

    /** @return the smallest share of the training rows a bin holds; rarer categories are pooled; 0.05 by default */
    @Value.Default
    public double minBinShare() {
        return 0.05;
    }

    /** @return the L2 penalty on the regression's coefficients (the intercept is not penalised); 1.0 by default */
    @Value.Default
    public double l2() {
        return 1.0;
    }

    /** @return inputs with a lower information value are left out of the fit; 0.02 by default */
    @Value.Default
    public double minInformationValue() {
        return 0.02;
    }

    /** @return the band labels, riskiest first; red, yellow, green by default */
    @Value.Default
    public List<String> bandLabels() {
        return List.of("red", "yellow", "green");
    }

    /** @return the share of training rows in each band, riskiest first; 0.2, 0.3, 0.5 by default */
    @Value.Default
    public List<Double> bandShares() {
        return List.of(0.2, 0.3, 0.5);
    }

    /** @return the group of each input by column name; inputs not named go to the group {@code fitted} */
    public abstract Map<String, String> groups();

    @Value.Check
    protected void check() {
        boundedInt("additiveBins", additiveBins(), 2, 255);
        boundedInt("interactionBins", interactionBins(), 2, 255);
        boundedInt("interactions", interactions(), 0, 100);
        boundedInt("maxRounds", maxRounds(), 1, Integer.MAX_VALUE);
        boundedInt("earlyStoppingRounds", earlyStoppingRounds(), 1, Integer.MAX_VALUE);
        boundedInt("bags", bags(), 1, 64);
        boundedInt("minLeafRows", minLeafRows(), 1, Integer.MAX_VALUE);
        Validate.finite("learningRate", learningRate());
        if (learningRate() <= 0 || learningRate() > 1) {
            throw Validate.invalid("learningRate", "learningRate must be in (0, 1], but was " + learningRate());
        }
        Validate.finite("validationShare", validationShare());
        if (validationShare() <= 0 || validationShare() > 0.5) {
            throw Validate.invalid("validationShare", "validationShare must be in (0, 0.5], but was " + validationShare());
        }
        Validate.atLeast("initialBins", initialBins(), 2);
        Validate.atLeast("maxBins", maxBins(), 2);
        if (maxBins() > initialBins()) {
            throw Validate.invalid("maxBins", "maxBins must be at most initialBins " + initialBins() + ", but was " + maxBins());
        }
        Validate.finite("minBinShare", minBinShare());
        if (minBinShare() <= 0 || minBinShare() > 0.5) {
            throw Validate.invalid("minBinShare", "minBinShare must be in (0, 0.5], but was " + minBinShare());
        }
        notNegative("l2", l2());
        notNegative("minInformationValue", minInformationValue());
        if (bandLabels().size() < 2 || bandLabels().size() > 12) {
            throw Validate.invalid("bandLabels", "bandLabels needs 2 to 12 labels, but has " + bandLabels().size());
        }
        if (bandShares().size() != bandLabels().size()) {
            throw Validate.invalid("bandShares", "bandShares needs one share per band label (" + bandLabels().size() + "), but has "
                    + bandShares().size());
        }
        double total = 0.0;
        for (int i = 0; i < bandShares().size(); i++) {
            double share = bandShares().get(i);
            Validate.finite("bandShares[" + i + "]", share);
            if (share <= 0 || share >= 1) {
                throw Validate.invalid("bandShares[" + i + "]", "bandShares[" + i + "] must be in (0, 1), but was " + share);
            }
            total += share;
        }
        if (Math.abs(total - 1.0) > 1e-9) {
            throw Validate.invalid("bandShares", "bandShares must add up to 1, but add up to " + total);
        }
    }

    private static void boundedInt(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw Validate.invalid(field, field + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }

    private static void notNegative(String field, double value) {
        Validate.finite(field, value);
        if (value < 0) {
            throw Validate.invalid(field, field + " must not be negative, but was " + value);
        }
    }

    /** @return the default options */
    public static FitOptions ofDefaults() {
        return builder().build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link FitOptions}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableFitOptions.Builder {
        Builder() {}
    }
}
