package org.cskit.benchmarks;

import java.util.List;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.MetricDirection;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.DirectionPolicy;
import org.cskit.model.MissingDataPolicy;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;

/**
 * The floor: the arithmetic of cskit's weighted scorecard written as a plain loop over the primitive
 * arrays of a {@link PortfolioData}, with the scorecard flattened into primitive tables once.
 * Weights normalised within and across groups, missing-data policies with redistribution, goodness
 * through the normaliser and direction, 100 times the weighted goodness, the band with hysteresis
 * from the previous band, the least-squares velocity in points per week over the history within the
 * lookback plus the current score, and the direction. The sums run in the same order as cskit's,
 * so the results are the same to the last bit or nearly.
 *
 * <p>Not covered: manual overrides (the generated portfolio has none). Not thread-safe (one
 * scratch array); allocates nothing per account.
 */
public final class HandWrittenScorer {
    private static final double WEEK_SECONDS = 7 * 24 * 3600.0;
    private static final int LINEAR = 0;
    private static final int TIERS = 1;
    private static final int LOGISTIC = 2;
    private static final int REDISTRIBUTE = 0;
    private static final int NEUTRAL = 1;
    private static final int WORST = 2;

    private final int groupCount;
    private final int inputCount;
    private final int[] groupStart;
    private final double[] groupWeight;
    private final int[] featureIndex;
    private final double[] inputWeight;
    private final int[] kind;
    private final double[] a; // linear min, logistic midpoint
    private final double[] b; // linear max - min, logistic steepness
    private final double[] c; // linear max
    private final int[] tierStart; // tiers of input i: bounds [tierStart[i], tierStart[i + 1]), scores one more
    private final double[] tierBounds;
    private final double[] tierScores; // scores of input i start at tierStart[i] + i
    private final boolean[] lowerIsBetter;
    private final int[] policy;
    private final int[] minObservations;
    private final double[] bandFrom;
    private final double[] bandTo;
    private final String[] bandLabel;
    private final double hysteresis;
    private final long lookbackSeconds;
    private final int minPoints;
    private final double flatBelow;
    private final double[] activeInput; // scratch, one per group

    /** The result of one account, overwritten by every call. */
    public static final class Result {
        /** The score, in [0, 100]. */
        public double score;
        /** The band's rank in the scheme, 0 for the riskiest. */
        public int band;
        /** The direction. */
        public Direction direction;
        /** Points per week. */
        public double velocity;
        /** Share of the weight on real data. */
        public double coverage;
    }

    /**
     * Flattens a scorecard against a schema.
     *
     * @param scorecard the scorecard
     * @param schema the features' schema
     */
    public HandWrittenScorer(Scorecard scorecard, FeatureSchema schema) {
        List<ScorecardGroup> groups = scorecard.groups();
        groupCount = groups.size();
        inputCount = groups.stream().mapToInt(g -> g.inputs().size()).sum();
        groupStart = new int[groupCount + 1];
        groupWeight = new double[groupCount];
        featureIndex = new int[inputCount];
        inputWeight = new double[inputCount];
        kind = new int[inputCount];
        a = new double[inputCount];
        b = new double[inputCount];
        c = new double[inputCount];
        tierStart = new int[inputCount + 1];
        lowerIsBetter = new boolean[inputCount];
        policy = new int[inputCount];
        minObservations = new int[inputCount];
        activeInput = new double[groupCount];
        // The same sums as cskit's compiler (DoubleStream.sum), so the normalised weights are identical.
        double totalGroupWeight = groups.stream().mapToDouble(ScorecardGroup::weight).sum();
        int tiers = 0;
        for (ScorecardGroup g : groups) {
            for (ScorecardInput in : g.inputs()) {
                if (in.normalizer() instanceof Normalizer.Tiers t) {
                    tiers += t.bounds().size();
                }
            }
        }
        tierBounds = new double[tiers];
        tierScores = new double[tiers + inputCount];
        int i = 0;
        int t = 0;
        for (int g = 0; g < groupCount; g++) {
            ScorecardGroup group = groups.get(g);
            groupStart[g] = i;
            groupWeight[g] = group.weight() / totalGroupWeight;
            double groupTotal = group.inputs().stream().mapToDouble(ScorecardInput::weight).sum();
            for (ScorecardInput input : group.inputs()) {
                featureIndex[i] = schema.require(input.feature());
                inputWeight[i] = input.weight() / groupTotal;
                tierStart[i] = t;
                Normalizer n = input.normalizer();
                if (n instanceof Normalizer.Linear l) {
                    kind[i] = LINEAR;
                    a[i] = l.min();
                    b[i] = l.max() - l.min();
                    c[i] = l.max();
                } else if (n instanceof Normalizer.Tiers tr) {
                    kind[i] = TIERS;
                    for (int k = 0; k < tr.bounds().size(); k++) {
                        tierBounds[t + k] = tr.bounds().get(k);
                    }
                    for (int k = 0; k < tr.scores().size(); k++) {
                        tierScores[t + i + k] = tr.scores().get(k);
                    }
                    t += tr.bounds().size();
                } else {
                    Normalizer.Logistic lg = (Normalizer.Logistic) n;
                    kind[i] = LOGISTIC;
                    a[i] = lg.midpoint();
                    b[i] = lg.steepness();
                }
                lowerIsBetter[i] = input.direction() == MetricDirection.LOWER_IS_BETTER;
                policy[i] = input.missing() == MissingDataPolicy.REDISTRIBUTE ? REDISTRIBUTE
                        : input.missing() == MissingDataPolicy.NEUTRAL ? NEUTRAL : WORST;
                minObservations[i] = input.minObservations();
                i++;
            }
        }
        groupStart[groupCount] = i;
        tierStart[inputCount] = t;
        BandScheme bands = scorecard.bands();
        int bandCount = bands.ranges().size();
        bandFrom = new double[bandCount];
        bandTo = new double[bandCount];
        bandLabel = new String[bandCount];
        for (int k = 0; k < bandCount; k++) {
            bandFrom[k] = bands.ranges().get(k).from();
            bandTo[k] = bands.ranges().get(k).to();
            bandLabel[k] = bands.ranges().get(k).label();
        }
        hysteresis = bands.hysteresis();
        DirectionPolicy direction = scorecard.direction();
        if (direction.lookback().getNano() != 0) {
            throw new IllegalArgumentException("the hand-written scorer handles whole-second lookbacks only");
        }
        lookbackSeconds = direction.lookback().getSeconds();
        minPoints = direction.minPoints();
        flatBelow = direction.flatBelow();
    }

    /**
     * The number of inputs: the length of the points array {@link #explain} fills.
     *
     * @return the number of inputs
     */
    public int inputCount() {
        return inputCount;
    }

    /**
     * The label of a band.
     *
     * @param rank the band's rank
     * @return its label
     */
    public String bandLabel(int rank) {
        return bandLabel[rank];
    }

    /**
     * Scores an account without the explanation, in the order of cskit's {@code summarize}.
     *
     * @param d the portfolio
     * @param account the account's index
     * @param out where the result goes
     * @return {@code out}
     */
    public Result summarize(PortfolioData d, int account, Result out) {
        double[] values = d.values;
        int[] observations = d.observations;
        int offset = account * PortfolioData.FEATURES;
        double activeGroupWeight = activeWeights(values, observations, offset);
        boolean allMissing = activeGroupWeight == 0.0;
        if (allMissing) {
            activeGroupWeight = 1.0;
        }
        double computed = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = allMissing ? 1.0 : activeInput[g];
            if (active == 0.0) {
                continue;
            }
            double share = groupWeight[g] / activeGroupWeight;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                int f = offset + featureIndex[i];
                double goodness;
                if (allMissing) {
                    goodness = 0.5;
                } else if (hasData(values, observations, f, i)) {
                    goodness = goodness(i, values[f]);
                    coverage += groupWeight[g] * inputWeight[i];
                } else if (policy[i] == NEUTRAL) {
                    goodness = 0.5;
                } else if (policy[i] == WORST) {
                    goodness = 0.0;
                } else {
                    continue;
                }
                computed += 100.0 * share * (inputWeight[i] / active) * goodness;
            }
        }
        return finish(d, account, computed > 100.0 ? 100.0 : computed, coverage, out);
    }

    /**
     * Scores an account with the explanation, in the order of cskit's {@code score}: also fills each
     * input's points (they add up to the score) and its share of the weight.
     *
     * @param d the portfolio
     * @param account the account's index
     * @param out where the result goes
     * @param points filled with each input's points, in scorecard order
     * @param weights filled with each input's share of the weight, in scorecard order
     * @return {@code out}
     */
    public Result explain(PortfolioData d, int account, Result out, double[] points, double[] weights) {
        double[] values = d.values;
        int[] observations = d.observations;
        int offset = account * PortfolioData.FEATURES;
        double activeGroupWeight = activeWeights(values, observations, offset);
        boolean allMissing = activeGroupWeight == 0.0;
        if (allMissing) {
            activeGroupWeight = 1.0;
        }
        double computed = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = allMissing ? 1.0 : activeInput[g];
            double share = active == 0.0 ? 0.0 : groupWeight[g] / activeGroupWeight;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                int f = offset + featureIndex[i];
                double goodness;
                if (allMissing) {
                    goodness = 0.5;
                } else if (hasData(values, observations, f, i)) {
                    goodness = goodness(i, values[f]);
                    coverage += groupWeight[g] * inputWeight[i];
                } else if (policy[i] == NEUTRAL) {
                    goodness = 0.5;
                } else if (policy[i] == WORST) {
                    goodness = 0.0;
                } else {
                    goodness = Double.NaN;
                }
                double weight = Double.isNaN(goodness) || active == 0.0 ? 0.0 : share * (inputWeight[i] / active);
                double p = weight == 0.0 ? 0.0 : 100.0 * weight * goodness;
                computed += p;
                points[i] = p;
                weights[i] = Math.min(1.0, weight);
            }
        }
        return finish(d, account, computed > 100.0 ? 100.0 : computed, coverage, out);
    }

    /** The computed score alone (no band, no velocity): what the generator builds history around. */
    double computedScore(PortfolioData d, int account) {
        Result r = summarize(d, account, new Result());
        return r.score;
    }

    private boolean hasData(double[] values, int[] observations, int f, int i) {
        return !Double.isNaN(values[f]) && observations[f] >= minObservations[i];
    }

    /** Fills the active input weight of each group and returns the active group weight. */
    private double activeWeights(double[] values, int[] observations, int offset) {
        double activeGroupWeight = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = 0.0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                if (policy[i] != REDISTRIBUTE || hasData(values, observations, offset + featureIndex[i], i)) {
                    active += inputWeight[i];
                }
            }
            activeInput[g] = active;
            if (active > 0.0) {
                activeGroupWeight += groupWeight[g];
            }
        }
        return activeGroupWeight;
    }

    private double goodness(int i, double value) {
        double g;
        switch (kind[i]) {
            case LINEAR:
                g = value <= a[i] ? 0.0 : value >= c[i] ? 1.0 : (value - a[i]) / b[i];
                break;
            case TIERS: {
                int k = tierStart[i];
                int end = tierStart[i + 1];
                while (k < end && value >= tierBounds[k]) {
                    k++;
                }
                g = tierScores[k + i];
                break;
            }
            default:
                g = 1.0 / (1.0 + Math.exp(-b[i] * (value - a[i])));
        }
        return lowerIsBetter[i] ? 1.0 - g : g;
    }

    private Result finish(PortfolioData d, int account, double score, double coverage, Result out) {
        out.score = score;
        out.band = band(score, d.previousBand[account]);
        double velocity = velocity(d, account, score);
        out.velocity = velocity;
        out.direction = Math.abs(velocity) < flatBelow || velocity == 0.0 ? Direction.FLAT
                : velocity > 0 ? Direction.IMPROVING : Direction.DECLINING;
        out.coverage = Math.min(1.0, coverage);
        return out;
    }

    private int band(double score, int previous) {
        if (previous >= 0 && score >= bandFrom[previous] - hysteresis && score < bandTo[previous] + hysteresis) {
            return previous;
        }
        int last = bandTo.length - 1;
        for (int k = 0; k < last; k++) {
            if (score < bandTo[k]) {
                return k;
            }
        }
        return last;
    }

    private double velocity(PortfolioData d, int account, double score) {
        long asOf = d.asOfSecond;
        long from = asOf - lookbackSeconds;
        long[] at = d.historySeconds;
        double[] scores = d.historyScores;
        int base = account * PortfolioData.HISTORY;
        int n = 1;
        double sx = 0.0;
        double sy = score;
        double sxx = 0.0;
        double sxy = 0.0;
        for (int k = base + d.historyLength[account] - 1; k >= base; k--) {
            if (at[k] < from) {
                break;
            }
            double x = -(asOf - at[k]) / WEEK_SECONDS;
            double y = scores[k];
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        if (n < minPoints) {
            return 0.0;
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0.0 ? 0.0 : (n * sxy - sx * sy) / denominator;
    }

    /**
     * Scores row {@code r} of a portfolio held as columns, without the explanation: the arithmetic of
     * {@link #summarize}, reading one array per feature and one per history point (shared times).
     *
     * @param values per feature, per row; NaN when missing
     * @param observations per feature, per row
     * @param previousBand per row, the previous band's rank or -1
     * @param historySeconds per history point (oldest first), its time in epoch seconds
     * @param historyScores per history point, per row; NaN when the row was not scored then
     * @param asOfSecond the as-of time in epoch seconds
     * @param r the row
     * @param out where the result goes
     * @return {@code out}
     */
    public Result summarizeColumns(double[][] values, int[][] observations, byte[] previousBand, long[] historySeconds,
            double[][] historyScores, long asOfSecond, int r, Result out) {
        double activeGroupWeight = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = 0.0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                if (policy[i] != REDISTRIBUTE || hasData(values, observations, r, i)) {
                    active += inputWeight[i];
                }
            }
            activeInput[g] = active;
            if (active > 0.0) {
                activeGroupWeight += groupWeight[g];
            }
        }
        boolean allMissing = activeGroupWeight == 0.0;
        if (allMissing) {
            activeGroupWeight = 1.0;
        }
        double computed = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = allMissing ? 1.0 : activeInput[g];
            if (active == 0.0) {
                continue;
            }
            double share = groupWeight[g] / activeGroupWeight;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double goodness;
                if (allMissing) {
                    goodness = 0.5;
                } else if (hasData(values, observations, r, i)) {
                    goodness = goodness(i, values[featureIndex[i]][r]);
                    coverage += groupWeight[g] * inputWeight[i];
                } else if (policy[i] == NEUTRAL) {
                    goodness = 0.5;
                } else if (policy[i] == WORST) {
                    goodness = 0.0;
                } else {
                    continue;
                }
                computed += 100.0 * share * (inputWeight[i] / active) * goodness;
            }
        }
        double score = computed > 100.0 ? 100.0 : computed;
        out.score = score;
        out.band = band(score, previousBand[r]);
        long from = asOfSecond - lookbackSeconds;
        int n = 1;
        double sx = 0.0;
        double sy = score;
        double sxx = 0.0;
        double sxy = 0.0;
        for (int k = historySeconds.length - 1; k >= 0; k--) {
            if (historySeconds[k] < from) {
                break;
            }
            double y = historyScores[k][r];
            if (y != y) {
                continue;
            }
            double x = -(asOfSecond - historySeconds[k]) / WEEK_SECONDS;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double velocity;
        if (n < minPoints) {
            velocity = 0.0;
        } else {
            double denominator = n * sxx - sx * sx;
            velocity = denominator == 0.0 ? 0.0 : (n * sxy - sx * sy) / denominator;
        }
        out.velocity = velocity;
        out.direction = Math.abs(velocity) < flatBelow || velocity == 0.0 ? Direction.FLAT
                : velocity > 0 ? Direction.IMPROVING : Direction.DECLINING;
        out.coverage = Math.min(1.0, coverage);
        return out;
    }

    private boolean hasData(double[][] values, int[][] observations, int r, int i) {
        int f = featureIndex[i];
        return !Double.isNaN(values[f][r]) && observations[f][r] >= minObservations[i];
    }
}
