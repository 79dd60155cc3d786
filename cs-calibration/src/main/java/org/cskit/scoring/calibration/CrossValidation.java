package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stratified k-fold cross-validation of a {@link ScorecardFitter}: fit on k-1 folds, judge on the
 * one left out, k times. Every AUC is measured on rows its fit never saw. Immutable and
 * thread-safe.
 *
 * @param folds the evaluation of each fold, in fold order
 */
public record CrossValidation(List<Evaluation> folds) {
    /**
     * Copies the folds.
     *
     * @param folds the evaluation of each fold
     */
    public CrossValidation {
        folds = List.copyOf(folds);
    }

    /**
     * Runs the cross-validation.
     *
     * @param rows the labelled rows
     * @param fitter the fitter
     * @param k the number of folds, at least 2
     * @param resamples bootstrap resamples per fold (0 for none)
     * @param seed the seed of the folds and of the bootstrap
     * @return the result
     */
    public static CrossValidation run(TrainingSet rows, ScorecardFitter fitter, int k, int resamples, long seed) {
        List<Evaluation> out = new ArrayList<>();
        for (Splits.Split split : Splits.kFold(rows.outcomes(), k, seed)) {
            FittedScorecard fitted = fitter.fit(rows.subset(split.train()));
            out.add(fitted.evaluate(rows.subset(split.test()), resamples, seed));
        }
        return new CrossValidation(out);
    }

    /** @return the mean AUC over the folds */
    public double meanAuc() {
        return folds.stream().mapToDouble(Evaluation::auc).average().orElse(Double.NaN);
    }

    /** @return the sample standard deviation of the folds' AUCs */
    public double sdAuc() {
        double mean = meanAuc();
        double ss = folds.stream().mapToDouble(e -> (e.auc() - mean) * (e.auc() - mean)).sum();
        return Math.sqrt(ss / Math.max(1, folds.size() - 1));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CrossValidation[%d folds, AUC %.4f +/- %.4f]", folds.size(), meanAuc(), sdAuc());
    }
}
