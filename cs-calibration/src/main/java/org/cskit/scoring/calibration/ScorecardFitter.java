package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cskit.model.MetricDirection;
import org.cskit.model.Validate;
import org.cskit.scoring.BandScheme;
import org.cskit.model.MissingDataPolicy;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.calibration.internal.LogisticRegression;
import org.cskit.scoring.calibration.internal.WoeBinning;

/**
 * Fits an ordinary, explainable {@link Scorecard} from labelled history, by one of two methods
 * ({@link FitOptions#method()}). Immutable and thread-safe; fitting is deterministic (the same rows
 * and options give the same scorecard, byte for byte in JSON).
 *
 * <p><b>Linear</b> (the default), the way credit-risk scorecards are built:
 *
 * <ol>
 *   <li>Each column is binned by weight of evidence (WOE, {@code ln(churned share / renewed share)}
 *       per bin, positive = riskier): numeric columns into equal-frequency bins merged until the
 *       WOE is monotone in the value, categorical columns by category with rare ones pooled; every
 *       bin holds at least {@link FitOptions#minBinShare()} of the rows. Missing values get their
 *       own bin when there are enough of them, else they count as average risk (WOE 0).
 *   <li>Columns with fewer than two bins or an information value below
 *       {@link FitOptions#minInformationValue()} are left out (if none is left, the most informative
 *       column is kept).
 *   <li>An L2-regularised logistic regression of churn on the WOE values:
 *       {@code logit = b0 + sum_i b_i * woe_i(x)}.
 *   <li>The mapping back: each input's goodness is its WOE rescaled to [0, 1] across its bins
 *       (and the missing value), oriented so that higher goodness means lower churn risk, as a
 *       {@link Normalizer.Tiers} over the bin edges (over category indexes for categorical inputs,
 *       listed riskiest first in {@link ScorecardInput#categories()}); missing data gets the
 *       goodness of its WOE ({@link MissingDataPolicy#FIXED}). Input {@code i}'s weight is
 *       {@code |b_i| * (WOE range of i)}. The score is then {@code 100 * (C - logit) / S} with
 *       {@code S} the sum of the weights: it ranks accounts exactly as the regression does, and
 *       {@link FittedScorecard#churnProbability(double)} turns it back into a probability.
 *   <li>Bands from the fitted risk: the lowest {@link FitOptions#bandShares()} of the training
 *       scores (20% by default) are red, the next yellow, the rest green.
 * </ol>
 *
 * <p>Numeric inputs are always monotone (a U-shaped effect is flattened to its trend), so that
 * each is a plain "higher is better" or "lower is better" tier table.
 *
 * <p><b>Additive</b>: an explainable boosting machine (InterpretML's EBM; Nori et al. 2019), a
 * generalised additive model with a few two-way interactions, written as a scorecard:
 *
 * <ol>
 *   <li>Numeric columns are cut into up to {@link FitOptions#additiveBins()} equal-frequency bins,
 *       categorical ones keep a bin per category (categories under 10 rows pooled); missing values
 *       have a bin of their own.
 *   <li>In each of {@link FitOptions#bags()} bags, {@link FitOptions#validationShare()} of the rows
 *       (stratified, from {@link FitOptions#seed()}) are held out; cyclic boosting visits one input
 *       at a time, fits a three-leaf tree over its bins to the logistic loss and adds it at
 *       {@link FitOptions#learningRate()}, until the held-out loss has not improved for
 *       {@link FitOptions#earlyStoppingRounds()} rounds (the best round is kept). An input named in
 *       {@link FitOptions#monotone()} is kept monotone at every step.
 *   <li>FAST ranks every pair of inputs (numbers binned to {@link FitOptions#interactionBins()};
 *       a categorical input with more categories than that, or a monotone one, takes part in no pair) by the
 *       gain of the best cut on each over the main effects' residuals; the best
 *       {@link FitOptions#interactions()} are boosted the same way on each bag's residuals.
 *   <li>The bags are averaged and each term centred. The scorecard: each input's shape, rescaled to
 *       goodness in [0, 1] (1 at its safest bin), as a {@link Normalizer.Tiers} when it is monotone
 *       (categories listed riskiest first) or else a {@link Normalizer.Steps}; each pair a
 *       {@link Normalizer.Grid} over both features in the group {@code interactions}; missing data
 *       gets its bin's goodness ({@link MissingDataPolicy#FIXED}; a pair with a value missing adds
 *       nothing). Each term's weight is its log-odds range, so again
 *       {@code logit = C - S * score / 100}: the score ranks accounts exactly as the model does.
 *       Bands as for the linear method. If no input improved the held-out rows in any bag, every
 *       input stays, flat, and every account scores 50 (the evaluation then shows no lift).
 * </ol>
 */
public final class ScorecardFitter {
    private static final int MAX_ITERATIONS = 100;

    private final FitOptions options;

    private ScorecardFitter(FitOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Returns a fitter.
     *
     * @param options how to fit
     * @return the fitter
     */
    public static ScorecardFitter of(FitOptions options) {
        return new ScorecardFitter(options);
    }

    /** @return a fitter with {@link FitOptions#ofDefaults()} */
    public static ScorecardFitter ofDefaults() {
        return of(FitOptions.ofDefaults());
    }

    /** @return the options */
    public FitOptions config() {
        return options;
    }

    /**
     * Fits a scorecard.
     *
     * @param training the labelled rows to fit on
     * @return the fitted scorecard, with a naive equally weighted one for comparison
     * @throws org.cskit.model.ValidationException if no column has at least two bins (nothing can be fitted); additive: also
     *     if {@code monotone} names a column the rows lack or a categorical one, or the held-out part of a bag would have no
     *     churned (or no renewed) row
     */
    public FittedScorecard fit(TrainingSet training) {
        if (options.method() == FitOptions.Method.ADDITIVE) {
            return AdditiveFit.fit(training, options);
        }
        int n = training.size();
        boolean[] y = training.outcomes();
        int minRows = Math.max(1, (int) Math.ceil(options.minBinShare() * n));
        List<Candidate> candidates = new ArrayList<>();
        List<FittedScorecard.FittedInput> left = new ArrayList<>();
        for (TrainingSet.Column column : training.columns()) {
            WoeBinning binning = column.kind() == TrainingSet.Kind.NUMERIC
                    ? WoeBinning.numeric(column.numbers(), y, options.initialBins(), options.maxBins(), minRows)
                    : WoeBinning.categorical(column.categories(), y, options.maxBins(), minRows);
            Candidate c = new Candidate(column.name(), column.kind(), binning);
            if (binning.bins() < 2 || c.range() < 1e-12) {
                left.add(c.summary(0.0, 0.0, 1, "no split holds " + Validate.format(100 * options.minBinShare())
                        + "% of the rows with a different churn rate"));
            } else {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            throw Validate.invalid("columns", "no column of the " + training.columns().size()
                    + " splits the rows into bins of different churn rate; nothing to fit");
        }
        List<Candidate> selected = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.binning.informationValue() >= options.minInformationValue()) {
                selected.add(c);
            }
        }
        if (selected.isEmpty()) {
            Candidate best = candidates.get(0);
            for (Candidate c : candidates) {
                if (c.binning.informationValue() > best.binning.informationValue()) {
                    best = c;
                }
            }
            selected.add(best);
        }
        double[][] x = new double[n][selected.size()];
        for (int j = 0; j < selected.size(); j++) {
            TrainingSet.Column column = training.column(selected.get(j).name).orElseThrow();
            for (int r = 0; r < n; r++) {
                x[r][j] = selected.get(j).woe(column, r);
            }
        }
        double[] beta = LogisticRegression.fit(x, y, options.l2(), MAX_ITERATIONS);

        // map back
        double constant = beta[0];
        double total = 0.0;
        double[] weight = new double[selected.size()];
        for (int j = 0; j < selected.size(); j++) {
            Candidate c = selected.get(j);
            double b = beta[j + 1];
            constant += b >= 0 ? b * c.hi : b * c.lo;
            weight[j] = Math.abs(b) * c.range();
            total += weight[j];
        }
        if (total <= 0) {
            throw Validate.invalid("columns", "the regression gave every input a zero coefficient; nothing to fit");
        }
        Map<String, List<ScorecardInput>> groups = new LinkedHashMap<>();
        List<FittedScorecard.FittedInput> summaries = new ArrayList<>();
        for (int j = 0; j < selected.size(); j++) {
            Candidate c = selected.get(j);
            double b = beta[j + 1];
            summaries.add(c.summary(b, weight[j] / total, b >= 0 ? 1 : -1, ""));
            if (weight[j] > 0) {
                String group = options.groups().getOrDefault(c.name, "fitted");
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(c.input(b >= 0 ? 1 : -1, weight[j] / total));
            }
        }
        for (Candidate c : candidates) {
            if (!selected.contains(c)) {
                summaries.add(c.summary(0.0, 0.0, 1, "information value " + String.format(java.util.Locale.ROOT, "%.4f",
                        c.binning.informationValue()) + " is below " + Validate.format(options.minInformationValue())));
            }
        }
        summaries.addAll(left);
        double slope = total; // logit = constant - slope * score / 100

        List<ScorecardGroup> scorecardGroups = new ArrayList<>();
        // one group: weight 1 exactly (a sum of shares would be 0.9999999999999998)
        groups.forEach((name, inputs) -> scorecardGroups.add(ScorecardGroup.builder().name(name)
                .weight(groups.size() == 1 ? 1.0 : inputs.stream().mapToDouble(ScorecardInput::weight).sum()).inputs(inputs).build()));
        int positives = training.churnedCount();
        double[] trainingScores = new double[n];
        for (int r = 0; r < n; r++) {
            double logit = LogisticRegression.eta(x[r], beta);
            trainingScores[r] = 100 * (constant - logit) / slope;
        }
        BandScheme bands = bands(options, trainingScores);
        Scorecard scorecard = Scorecard.builder().id(options.id()).groups(scorecardGroups).bands(bands)
                .description(String.format(java.util.Locale.ROOT, "Fitted by cskit calibration on %d rows (%d churned): "
                        + "weight-of-evidence tiers and L2 logistic regression (l2 %s). Churn log-odds = %.6f - %.6f * score / 100.",
                        n, positives, Validate.format(options.l2()), constant, slope))
                .build();

        // naive: every candidate input, equally weighted, after the same normalisation
        List<ScorecardInput> naiveInputs = new ArrayList<>();
        double[] naiveScores = new double[n];
        for (Candidate c : candidates) {
            naiveInputs.add(c.input(1, 1.0));
            TrainingSet.Column column = training.column(c.name).orElseThrow();
            for (int r = 0; r < n; r++) {
                naiveScores[r] += 100.0 * c.goodness(c.woe(column, r), 1) / candidates.size();
            }
        }
        Scorecard naive = Scorecard.builder().id(org.cskit.model.ScorecardId.of(options.id().value() + "-naive"))
                .description("Every input equally weighted after the same weight-of-evidence normalisation, for comparison.")
                .addGroups(ScorecardGroup.builder().name("naive").weight(1).inputs(naiveInputs).build())
                .bands(bands(options, naiveScores)).build();

        List<Candidate> all = new ArrayList<>(candidates);
        Map<String, WoeBinning> binnings = new LinkedHashMap<>();
        for (Candidate c : all) {
            binnings.put(c.name, c.binning);
        }
        List<String> selectedNames = new ArrayList<>();
        for (Candidate c : selected) {
            selectedNames.add(c.name);
        }
        Map<String, TrainingSet.Kind> kinds = new LinkedHashMap<>();
        for (Candidate c : all) {
            kinds.put(c.name, c.kind);
        }
        FittedScorecard.RowLogit logit = (rows, row) -> {
            double[] xr = new double[selectedNames.size()];
            for (int j = 0; j < xr.length; j++) {
                TrainingSet.Column column = rows.column(selectedNames.get(j)).orElseThrow();
                WoeBinning b = binnings.get(selectedNames.get(j));
                xr[j] = column.kind() == TrainingSet.Kind.NUMERIC ? b.woeOf(column.number(row)) : b.woeOf(column.category(row));
            }
            return LogisticRegression.eta(xr, beta);
        };
        return new FittedScorecard(FitOptions.Method.LINEAR, scorecard, naive, summaries, List.of(), kinds, logit, constant, slope,
                training.size(), positives);
    }

    static BandScheme bands(FitOptions options, double[] scores) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        List<String> labels = options.bandLabels();
        double[] starts = new double[labels.size() - 1];
        double cumulative = 0.0;
        double previous = 0.0;
        for (int b = 0; b < starts.length; b++) {
            cumulative += options.bandShares().get(b);
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.round(cumulative * sorted.length)));
            double start = Math.round(sorted[index] * 100) / 100.0;
            // keep the starts strictly increasing inside (0, 100)
            double lowest = previous + 0.01;
            double highest = 100.0 - 0.01 * (starts.length - b);
            start = Math.max(lowest, Math.min(highest, start));
            starts[b] = Math.round(start * 100) / 100.0;
            previous = starts[b];
        }
        return BandScheme.of(labels, starts);
    }

    /** One column's binning and how its WOE maps to goodness. */
    private static final class Candidate {
        final String name;
        final TrainingSet.Kind kind;
        final WoeBinning binning;
        final double lo;
        final double hi;

        Candidate(String name, TrainingSet.Kind kind, WoeBinning binning) {
            this.name = name;
            this.kind = kind;
            this.binning = binning;
            double l = binning.missingWoe();
            double h = binning.missingWoe();
            for (int b = 0; b < binning.bins(); b++) {
                l = Math.min(l, binning.woe(b));
                h = Math.max(h, binning.woe(b));
            }
            this.lo = l;
            this.hi = h;
        }

        double range() {
            return hi - lo;
        }

        double woe(TrainingSet.Column column, int row) {
            return kind == TrainingSet.Kind.NUMERIC ? binning.woeOf(column.number(row)) : binning.woeOf(column.category(row));
        }

        /** Goodness of a WOE; sign +1 when risk rises with WOE (a non-negative coefficient). */
        double goodness(double woe, int sign) {
            double g = sign > 0 ? (hi - woe) / range() : (woe - lo) / range();
            return Math.max(0.0, Math.min(1.0, g));
        }

        /** Bins in feature order: by value for numbers, riskiest category first for categories. */
        int[] featureOrder() {
            int k = binning.bins();
            int[] order = new int[k];
            for (int i = 0; i < k; i++) {
                order[i] = kind == TrainingSet.Kind.NUMERIC ? i : k - 1 - i;
            }
            return order;
        }

        List<String> categories() {
            List<String> out = new ArrayList<>();
            if (kind == TrainingSet.Kind.CATEGORICAL) {
                for (int b : featureOrder()) {
                    out.addAll(binning.categories().get(b));
                }
            }
            return out;
        }

        ScorecardInput input(int sign, double weight) {
            int[] order = featureOrder();
            double[] g = new double[order.length];
            for (int i = 0; i < order.length; i++) {
                g[i] = goodness(binning.woe(order[i]), sign);
            }
            boolean higherIsBetter = g[0] <= g[g.length - 1];
            List<Double> scores = new ArrayList<>();
            for (double v : g) {
                scores.add(higherIsBetter ? v : 1.0 - v);
            }
            List<Double> bounds = new ArrayList<>();
            if (kind == TrainingSet.Kind.NUMERIC) {
                for (double cut : binning.cuts()) {
                    bounds.add(cut);
                }
            } else {
                int index = 0;
                for (int i = 0; i < order.length - 1; i++) {
                    index += binning.categories().get(order[i]).size();
                    bounds.add((double) index);
                }
            }
            return ScorecardInput.builder().name(name).weight(weight)
                    .normalizer(new Normalizer.Tiers(bounds, scores))
                    .direction(higherIsBetter ? MetricDirection.HIGHER_IS_BETTER : MetricDirection.LOWER_IS_BETTER)
                    .missing(MissingDataPolicy.FIXED).missingGoodness(goodness(binning.missingWoe(), sign))
                    .categories(categories())
                    .build();
        }

        FittedScorecard.FittedInput summary(double coefficient, double weight, int sign, String leftOutBecause) {
            List<FittedScorecard.Bin> bins = new ArrayList<>();
            boolean ranged = range() > 1e-12;
            int[] order = featureOrder();
            double[] cuts = binning.cuts();
            for (int b : order) {
                String label;
                if (kind == TrainingSet.Kind.NUMERIC) {
                    String from = b == 0 ? "" : Validate.format(cuts[b - 1]) + " <= ";
                    String to = b == cuts.length ? "" : " < " + Validate.format(cuts[b]);
                    label = b == 0 && b == cuts.length ? "all" : (from + "x" + to).trim();
                } else {
                    label = String.join(", ", binning.categories().get(b));
                }
                bins.add(new FittedScorecard.Bin(label, binning.rows(b), binning.positives(b), binning.woe(b),
                        ranged ? goodness(binning.woe(b), sign) : 0.5));
            }
            if (binning.missingRows() > 0) {
                bins.add(new FittedScorecard.Bin(binning.missingBin() ? "missing" : "missing (too few: average risk)",
                        binning.missingRows(), binning.missingPositives(), binning.missingWoe(),
                        ranged ? goodness(binning.missingWoe(), sign) : 0.5));
            }
            return new FittedScorecard.FittedInput(name, kind, binning.informationValue(), coefficient, weight, List.copyOf(bins),
                    leftOutBecause);
        }
    }
}
