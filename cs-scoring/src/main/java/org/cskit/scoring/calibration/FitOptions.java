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
 * <p>Rules: {@code initialBins} at least 2 and {@code maxBins} in [2, initialBins];
 * {@code minBinShare} in (0, 0.5]; {@code l2} and {@code minInformationValue} finite and not
 * negative; one band share per band label (2 to 12), each in (0, 1), adding up to 1.
 */
@Value.Immutable
public abstract class FitOptions {
    // Only the generated implementation extends this type.
    FitOptions() {}

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
