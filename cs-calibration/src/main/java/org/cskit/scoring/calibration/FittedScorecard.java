package org.cskit.scoring.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.calibration.internal.LogisticRegression;

/**
 * What {@link ScorecardFitter} made: an ordinary {@link Scorecard} (plain JSON, explained by its
 * contributions like any other), a naive equally weighted scorecard over the same inputs for
 * comparison, how each input was binned and weighted, and how to turn a training-set row into the
 * {@link Features} the scorecards read. Immutable and thread-safe.
 *
 * <p>Features: each input reads the feature named like its column; a numeric column's value is
 * the feature's value, a categorical column's category becomes its index in the input's
 * {@link ScorecardInput#categories()} (an unknown category is missing).
 */
public final class FittedScorecard {
    /**
     * One bin of an input, for reports.
     *
     * @param label the values in the bin ({@code 12 <= x < 30}, {@code Month-to-month}, {@code missing})
     * @param rows the training rows in it
     * @param churned the churned training rows in it
     * @param woe linear fit: its weight of evidence, {@code ln(churned share / renewed share)};
     *     additive fit: the log-odds the input's shape adds in this bin (centred on the training rows).
     *     Either way, positive is riskier
     * @param goodness the goodness the scorecard gives it, in [0, 1]
     */
    public record Bin(String label, int rows, int churned, double woe, double goodness) {}

    /**
     * One column considered by the fit.
     *
     * @param name the column (and the input and feature) name
     * @param kind numeric or categorical
     * @param informationValue how strongly its bins separate churned from renewed rows
     * @param coefficient linear fit: its logistic regression coefficient on the WOE, 0 if left out;
     *     additive fit: 1 (the bins carry their log-odds), 0 if left out
     * @param weight its share of the fitted score, in [0, 1]; 0 if left out
     * @param bins its bins, in feature order (by value; categories riskiest first), then missing
     * @param leftOutBecause why it is not in the fitted scorecard; empty if it is
     */
    public record FittedInput(String name, TrainingSet.Kind kind, double informationValue, double coefficient, double weight,
            List<Bin> bins, String leftOutBecause) {
        /** @return whether the fitted scorecard uses the input */
        public boolean used() {
            return leftOutBecause.isEmpty();
        }
    }

    /**
     * One two-way interaction of an additive fit, for reports.
     *
     * @param name the scorecard input's name ({@code tenure x Contract})
     * @param first the input picking the row
     * @param second the input picking the column
     * @param weight its share of the fitted score, in [0, 1]
     * @param rows the labels of the rows (ranges of the first input's values, or its categories)
     * @param columns the labels of the columns
     * @param logOdds the log-odds each cell adds, {@code logOdds[row][column]}; a row with either value missing adds 0
     */
    public record Interaction(String name, String first, String second, double weight, List<String> rows, List<String> columns,
            double[][] logOdds) {}

    /** The fit's log-odds of a row, computed from the fit itself, not through the scorecard. */
    interface RowLogit {
        double logit(TrainingSet rows, int row);
    }

    private static final Segment SEGMENT = Segment.of("calibration", EngagementModel.SCALED);

    private final Scorecard scorecard;
    private final Scorecard naive;
    private final FitOptions.Method method;
    private final List<FittedInput> inputs;
    private final List<Interaction> interactions;
    private final Map<String, TrainingSet.Kind> kinds;
    private final RowLogit logit;
    private final double constant;
    private final double slope;
    private final int trainingRows;
    private final int trainingChurned;
    private final FeatureSchema schema;
    private final Map<String, ScorecardInput> inputByName;
    private final WeightedScorecard fittedStrategy;
    private final WeightedScorecard naiveStrategy;

    FittedScorecard(FitOptions.Method method, Scorecard scorecard, Scorecard naive, List<FittedInput> inputs,
            List<Interaction> interactions, Map<String, TrainingSet.Kind> kinds, RowLogit logit, double constant, double slope,
            int trainingRows, int trainingChurned) {
        this.method = method;
        this.scorecard = scorecard;
        this.naive = naive;
        this.inputs = List.copyOf(inputs);
        this.interactions = List.copyOf(interactions);
        this.kinds = Map.copyOf(kinds);
        this.logit = logit;
        this.constant = constant;
        this.slope = slope;
        this.trainingRows = trainingRows;
        this.trainingChurned = trainingChurned;
        List<String> names = new ArrayList<>();
        Map<String, ScorecardInput> byName = new java.util.LinkedHashMap<>();
        for (ScorecardGroup g : naive.groups()) {
            for (ScorecardInput i : g.inputs()) {
                names.add(i.feature());
                byName.put(i.feature(), i);
            }
        }
        this.schema = FeatureSchema.of(names);
        this.inputByName = byName;
        this.fittedStrategy = WeightedScorecard.of(scorecard);
        this.naiveStrategy = WeightedScorecard.of(naive);
    }

    /** @return the fitted scorecard */
    public Scorecard scorecard() {
        return scorecard;
    }

    /** @return every usable input equally weighted after the same normalisation, for comparison */
    public Scorecard naive() {
        return naive;
    }

    /** @return every column the fit considered: used inputs first (in fitting order), then those left out and why */
    public List<FittedInput> inputs() {
        return inputs;
    }

    /** @return how the scorecard was fitted */
    public FitOptions.Method method() {
        return method;
    }

    /** @return the two-way interactions of an additive fit, strongest first; empty for a linear fit */
    public List<Interaction> interactions() {
        return interactions;
    }

    /** @return the schema of the features both scorecards read */
    public FeatureSchema schema() {
        return schema;
    }

    /** @return the number of training rows */
    public int trainingRows() {
        return trainingRows;
    }

    /** @return the number of churned training rows */
    public int trainingChurned() {
        return trainingChurned;
    }

    /**
     * The features of one row of a training set (its columns named like the inputs).
     *
     * @param rows the rows
     * @param row the row
     * @return the features
     * @throws org.cskit.model.ValidationException if the rows lack a column an input reads, or its kind differs
     */
    public Features features(TrainingSet rows, int row) {
        Features.Builder f = Features.builder(schema);
        for (int i = 0; i < schema.size(); i++) {
            String name = schema.names().get(i);
            TrainingSet.Column column = column(rows, name);
            if (column.isMissing(row)) {
                continue;
            }
            if (column.kind() == TrainingSet.Kind.NUMERIC) {
                f.setAt(i, column.number(row), 1);
            } else {
                OptionalInt index = inputByName.get(name).indexOfCategory(column.category(row));
                if (index.isPresent()) {
                    f.setAt(i, index.getAsInt(), 1);
                }
            }
        }
        return f.build();
    }

    /**
     * The snapshot of one row, to score with any strategy: its id (or {@code row-N}), its as-of
     * time (or the epoch) and its {@link #features}.
     *
     * @param rows the rows
     * @param row the row
     * @return the snapshot
     */
    public AccountSnapshot snapshot(TrainingSet rows, int row) {
        return AccountSnapshot.builder().accountId(AccountId.of(rows.id(row).orElse("row-" + (row + 1))))
                .asOf(rows.asOf(row).orElse(Instant.EPOCH)).segment(SEGMENT).lifecycleStage(LifecycleStage.STEADY_STATE)
                .features(features(rows, row)).build();
    }

    /**
     * Scores every row with the fitted scorecard, through {@link WeightedScorecard}.
     *
     * @param rows the rows
     * @return one score in [0, 100] per row
     */
    public double[] scores(TrainingSet rows) {
        return scores(rows, fittedStrategy);
    }

    /**
     * Scores every row with the naive scorecard.
     *
     * @param rows the rows
     * @return one score in [0, 100] per row
     */
    public double[] naiveScores(TrainingSet rows) {
        return scores(rows, naiveStrategy);
    }

    private double[] scores(TrainingSet rows, WeightedScorecard strategy) {
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = strategy.summarize(snapshot(rows, r)).score();
        }
        return out;
    }

    /**
     * The fit's churn log-odds of a row, computed from the fit itself (binning and coefficients, or
     * the additive model's shapes and tables), not through the scorecard; {@code 100 * (C - logit) / S}
     * is the row's score.
     *
     * @param rows the rows
     * @param row the row
     * @return {@code b0 + sum_i b_i * woe_i} (linear), {@code b0 + sum_i f_i(x_i) + sum_ij f_ij(x_i, x_j)} (additive)
     * @throws org.cskit.model.ValidationException if the rows lack a column the fit reads, or its kind differs
     */
    public double logit(TrainingSet rows, int row) {
        for (String name : kinds.keySet()) {
            column(rows, name);
        }
        return logit.logit(rows, row);
    }

    /**
     * The churn probability the fit gives a score of the fitted scorecard.
     *
     * @param score a score in [0, 100]
     * @return {@code 1 / (1 + exp(-(C - S * score / 100)))}
     */
    public double churnProbability(double score) {
        return LogisticRegression.sigmoid(constant - slope * score / 100.0);
    }

    /** @return {@code C} in {@code logit = C - S * score / 100} */
    public double logitAtZero() {
        return constant;
    }

    /** @return {@code S} in {@code logit = C - S * score / 100}: the sum of the inputs' raw weights */
    public double logitSpan() {
        return slope;
    }

    /**
     * Judges the fitted scorecard on labelled rows (use rows the fit never saw).
     *
     * @param rows the rows
     * @param resamples bootstrap resamples for the AUC interval
     * @param seed the bootstrap's seed
     * @return the evaluation, with probabilities (so a Brier score) and the scorecard's bands
     */
    public Evaluation evaluate(TrainingSet rows, int resamples, long seed) {
        double[] scores = scores(rows);
        double[] p = new double[scores.length];
        for (int r = 0; r < p.length; r++) {
            p[r] = churnProbability(scores[r]);
        }
        return Evaluation.builder().scores(scores).outcomes(rows.outcomes()).probabilities(p).bands(scorecard.bands())
                .resamples(resamples).seed(seed).build();
    }

    /**
     * Judges the naive scorecard on labelled rows, the same way but without probabilities.
     *
     * @param rows the rows
     * @param resamples bootstrap resamples for the AUC interval
     * @param seed the bootstrap's seed
     * @return the evaluation
     */
    public Evaluation evaluateNaive(TrainingSet rows, int resamples, long seed) {
        return Evaluation.builder().scores(naiveScores(rows)).outcomes(rows.outcomes()).bands(naive.bands())
                .resamples(resamples).seed(seed).build();
    }

    private TrainingSet.Column column(TrainingSet rows, String name) {
        TrainingSet.Column column = rows.column(name).orElseThrow(() -> Validate.invalid("columns", "the rows have no column '" + name
                + "', which the fitted scorecard reads"));
        boolean categorical = kinds.get(name) == TrainingSet.Kind.CATEGORICAL;
        if (categorical != (column.kind() == TrainingSet.Kind.CATEGORICAL)) {
            throw Validate.invalid("columns", "column '" + name + "' is " + column.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + ", but the fitted scorecard reads it as " + (categorical ? "categorical" : "numeric"));
        }
        return column;
    }

    @Override
    public String toString() {
        return "FittedScorecard[" + scorecard.id() + ", " + method.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + inputs.stream().filter(FittedInput::used).count() + " inputs, " + interactions.size() + " interactions, "
                + trainingRows + " training rows]";
    }
}
