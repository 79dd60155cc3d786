package org.cskit.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.ManualOverride;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.spi.ScoreSummary;

/**
 * A scorecard compiled against one {@link FeatureSchema}: feature names resolved to indexes and
 * weights normalised once, so that scoring an account reads primitive arrays only. Immutable and
 * thread-safe.
 */
final class ScorecardEvaluator {
    private static final String OVERRIDE_GROUP = "override";

    private final Scorecard scorecard;
    private final FeatureSchema schema;
    private final int groupCount;
    private final int[] groupStart; // inputs of group g are [groupStart[g], groupStart[g + 1])
    private final double[] groupWeight; // normalised across groups
    private final int[] featureIndex;
    private final double[] inputWeight; // normalised within the group
    private final String[] inputName;
    private final String[] groupName;
    private final MissingDataPolicy[] policy;
    private final int[] minObservations;
    private final int[] trendIndex; // feature holding the input's change per week, or -1
    private final double[] standIn; // goodness counted for missing data; NaN when the input is dropped
    // Each input's normaliser unpacked into primitives, so that scoring makes no virtual call per input.
    private static final int LINEAR = 0;
    private static final int TIERS = 1;
    private static final int LOGISTIC = 2;
    private final int[] kind;
    private final double[] a; // linear min, logistic midpoint
    private final double[] b; // linear max, logistic steepness
    private final double[][] tierBounds;
    private final double[][] tierScores;
    private final boolean[] lowerIsBetter;
    private final BandScheme bands;
    private final Band[] bandByIndex;
    private final DirectionPolicy direction;

    private ScorecardEvaluator(Scorecard scorecard, FeatureSchema schema) {
        this.scorecard = scorecard;
        this.schema = schema;
        List<ScorecardGroup> groups = scorecard.groups();
        groupCount = groups.size();
        int n = groups.stream().mapToInt(g -> g.inputs().size()).sum();
        groupStart = new int[groupCount + 1];
        groupWeight = new double[groupCount];
        featureIndex = new int[n];
        inputWeight = new double[n];
        inputName = new String[n];
        groupName = new String[n];
        policy = new MissingDataPolicy[n];
        minObservations = new int[n];
        trendIndex = new int[n];
        standIn = new double[n];
        kind = new int[n];
        a = new double[n];
        b = new double[n];
        tierBounds = new double[n][];
        tierScores = new double[n][];
        lowerIsBetter = new boolean[n];
        double[] groupShares = shares(groups.stream().mapToDouble(ScorecardGroup::weight).toArray());
        int i = 0;
        for (int g = 0; g < groupCount; g++) {
            ScorecardGroup group = groups.get(g);
            groupStart[g] = i;
            groupWeight[g] = groupShares[g];
            double[] inputShares = shares(group.inputs().stream().mapToDouble(ScorecardInput::weight).toArray());
            for (int k = 0; k < group.inputs().size(); k++, i++) {
                ScorecardInput input = group.inputs().get(k);
                int index = schema.indexOf(input.feature());
                if (index < 0) {
                    throw new ValidationException("groups[" + g + "].inputs[" + k + "].feature", "scorecard '"
                            + scorecard.id() + "' input '" + input.name() + "' reads feature '" + input.feature()
                            + "', which the snapshot's features do not have; known features: "
                            + String.join(", ", schema.names()));
                }
                featureIndex[i] = index;
                inputWeight[i] = inputShares[k];
                inputName[i] = input.name();
                groupName[i] = group.name();
                policy[i] = input.missing();
                minObservations[i] = input.minObservations();
                standIn[i] = standIn(input);
                unpack(i, input);
                String trend = scorecard.direction().inputTrends().get(input.name());
                trendIndex[i] = trend == null ? -1 : schema.indexOf(trend);
                if (trend != null && trendIndex[i] < 0) {
                    throw new ValidationException("direction.inputTrends." + input.name(), "scorecard '" + scorecard.id()
                            + "' reads the trend of input '" + input.name() + "' from feature '" + trend
                            + "', which the snapshot's features do not have; known features: " + String.join(", ", schema.names()));
                }
            }
        }
        groupStart[groupCount] = i;
        bands = scorecard.bands();
        bandByIndex = new Band[bands.ranges().size()];
        for (int b = 0; b < bandByIndex.length; b++) {
            bandByIndex[b] = bands.band(b);
        }
        direction = scorecard.direction();
    }

    /**
     * Each weight's share of their sum. Weights too large to add up (every one finite, their sum not)
     * are first scaled by the largest, which keeps the ratios, the only thing weights mean.
     */
    private static double[] shares(double[] weights) {
        double total = 0.0;
        for (double w : weights) {
            total += w;
        }
        double scale = 1.0;
        if (!Double.isFinite(total)) {
            scale = java.util.Arrays.stream(weights).max().orElse(1.0);
            total = 0.0;
            for (double w : weights) {
                total += w / scale;
            }
        }
        double[] shares = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            shares[k] = weights[k] / scale / total;
        }
        return shares;
    }

    /**
     * Compiles a scorecard against a feature schema.
     *
     * @throws ValidationException if an input reads a feature the schema does not have
     */
    static ScorecardEvaluator compile(Scorecard scorecard, FeatureSchema schema) {
        return new ScorecardEvaluator(scorecard, schema);
    }

    FeatureSchema schema() {
        return schema;
    }

    /**
     * Scores without the explanation, in one pass over the inputs; allocates only the result. The
     * score is {@code 100 * sum over active groups (groupWeight * group goodness) / sum of active
     * group weights}, where a group's goodness is its active inputs' weighted mean goodness; this is
     * exactly the arithmetic {@link #score} uses, so the two agree to the last bit.
     */
    ScoreSummary summarize(AccountSnapshot snapshot) {
        Features f = snapshot.features();
        double weighted = 0.0;
        double activeGroups = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = 0.0;
            double sum = 0.0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double w = inputWeight[i];
                if (hasData(f, i)) {
                    active += w;
                    sum += w * goodnessOf(i, f.valueAt(featureIndex[i]));
                    coverage += groupWeight[g] * w;
                } else if (!Double.isNaN(standIn[i])) {
                    active += w;
                    sum += w * standIn[i];
                }
            }
            if (active > 0.0) {
                weighted += groupWeight[g] * (sum / active);
                activeGroups += groupWeight[g];
            }
        }
        double score = finalScore(snapshot, computed(weighted, activeGroups));
        Band band = band(snapshot, score);
        double velocity = velocity(snapshot, score);
        return new ScoreSummary(score, band, directionOf(velocity), velocity, Math.min(1.0, coverage));
    }

    /** Scores with the explanation: one contribution per input, adding up to the score. */
    SuccessVector score(AccountSnapshot snapshot) {
        Features f = snapshot.features();
        double[] goodness = new double[inputName.length]; // NaN: dropped (redistributed)
        double[] active = new double[groupCount];
        double weighted = 0.0;
        double activeGroups = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double sum = 0.0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double w = inputWeight[i];
                if (hasData(f, i)) {
                    goodness[i] = goodnessOf(i, f.valueAt(featureIndex[i]));
                    coverage += groupWeight[g] * w;
                } else {
                    goodness[i] = standIn[i];
                }
                if (!Double.isNaN(goodness[i])) {
                    active[g] += w;
                    sum += w * goodness[i];
                }
            }
            if (active[g] > 0.0) {
                weighted += groupWeight[g] * (sum / active[g]);
                activeGroups += groupWeight[g];
            }
        }
        boolean allMissing = activeGroups == 0.0;
        double computed = computed(weighted, activeGroups);
        List<Contribution> contributions = new ArrayList<>(inputName.length + 1);
        for (int g = 0; g < groupCount; g++) {
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                boolean data = hasData(f, i);
                double weight;
                double points;
                if (allMissing) {
                    // Nothing to redistribute to: every input counts as neutral at its nominal weight (see Scorecard).
                    weight = groupWeight[g] * inputWeight[i];
                    points = 100.0 * weight * 0.5;
                } else if (Double.isNaN(goodness[i]) || active[g] == 0.0) {
                    weight = 0.0;
                    points = 0.0;
                } else {
                    weight = (groupWeight[g] / activeGroups) * (inputWeight[i] / active[g]);
                    points = 100.0 * weight * goodness[i];
                }
                Contribution.Builder c = Contribution.builder()
                        .input(inputName[i]).group(groupName[i]).points(points).weight(Math.min(1.0, weight));
                // A value resting on fewer observations than the input requires counts as missing: no value.
                if (data) {
                    c.value(f.valueAt(featureIndex[i]));
                } else {
                    // With every input missing, all count as neutral (see Scorecard), whatever their own policy.
                    c.missing(allMissing ? MissingDataPolicy.NEUTRAL : policy[i]);
                }
                contributions.add(c.build());
            }
        }
        double score = finalScore(snapshot, computed);
        Optional<ManualOverride> override = activeOverride(snapshot);
        if (override.isPresent()) {
            double explained = 0.0;
            for (Contribution c : contributions) {
                explained += c.points();
            }
            contributions.add(Contribution.builder().input(SuccessVector.OVERRIDE_INPUT).group(OVERRIDE_GROUP)
                    .points(score - explained).weight(0.0).build());
        }
        Band band = band(snapshot, score);
        double velocity = velocity(snapshot, score);
        return SuccessVector.builder()
                .accountId(snapshot.accountId())
                .asOf(snapshot.asOf())
                .score(score)
                .band(band)
                .bandHeld(band.rank() != bands.indexOf(score))
                .direction(directionOf(velocity))
                .velocity(velocity)
                .coverage(Math.min(1.0, coverage))
                .contributions(contributions)
                .override(override)
                .scorecardId(scorecard.id())
                .scorecardVersion(scorecard.version())
                .build();
    }

    /** 100 times the active groups' weighted goodness; 50 (all neutral) when every input is missing. */
    private static double computed(double weighted, double activeGroups) {
        return activeGroups == 0.0 ? 50.0 : bounded(100.0 * weighted / activeGroups);
    }

    private Band band(AccountSnapshot snapshot, double score) {
        Optional<SuccessVector> before = snapshot.previousVector();
        int previous = before.isPresent() ? bands.indexOfLabel(before.get().band().label()) : -1;
        return bandByIndex[bands.indexOf(score, previous)];
    }

    private boolean hasData(Features f, int i) {
        int index = featureIndex[i];
        return f.isPresentAt(index) && f.observationsAt(index) >= minObservations[i];
    }

    private void unpack(int i, ScorecardInput input) {
        lowerIsBetter[i] = input.direction() == org.cskit.model.MetricDirection.LOWER_IS_BETTER;
        Normalizer normalizer = input.normalizer();
        if (normalizer instanceof Normalizer.Linear linear) {
            kind[i] = LINEAR;
            a[i] = linear.min();
            b[i] = linear.max();
        } else if (normalizer instanceof Normalizer.Logistic logistic) {
            kind[i] = LOGISTIC;
            a[i] = logistic.midpoint();
            b[i] = logistic.steepness();
        } else {
            Normalizer.Tiers tiers = (Normalizer.Tiers) normalizer;
            kind[i] = TIERS;
            a[i] = tiers.atBound() == Normalizer.Tiers.AtBound.LOWER_TIER ? 1.0 : 0.0;
            tierBounds[i] = tiers.bounds().stream().mapToDouble(Double::doubleValue).toArray();
            tierScores[i] = tiers.scores().stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The same goodness as {@link ScorecardInput#goodness(double)}, from the unpacked normaliser. */
    private double goodnessOf(int i, double value) {
        double g;
        switch (kind[i]) {
            case LINEAR: {
                double min = a[i];
                double max = b[i];
                if (value <= min) {
                    g = 0.0;
                } else if (value >= max) {
                    g = 1.0;
                } else {
                    double width = max - min;
                    g = Double.isFinite(width) ? (value - min) / width : (value / 2 - min / 2) / (max / 2 - min / 2);
                }
                break;
            }
            case LOGISTIC:
                g = 1.0 / (1.0 + Math.exp(-b[i] * (value - a[i])));
                break;
            default: {
                double[] bounds = tierBounds[i];
                boolean lowerTier = a[i] == 1.0;
                int t = 0;
                while (t < bounds.length && (value > bounds[t] || !lowerTier && value == bounds[t])) {
                    t++;
                }
                g = tierScores[i][t];
            }
        }
        return lowerIsBetter[i] ? 1.0 - g : g;
    }

    /** The goodness an input's missing data counts as under its policy, or NaN when the input is dropped. */
    private static double standIn(ScorecardInput input) {
        switch (input.missing()) {
            case NEUTRAL:
                return 0.5;
            case WORST:
                return 0.0;
            case FIXED:
                return input.missingGoodness().orElseThrow();
            default:
                return Double.NaN;
        }
    }

    private double activeInputWeight(Features f, int g) {
        double active = 0.0;
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
            if (hasData(f, i) || !Double.isNaN(standIn[i])) {
                active += inputWeight[i];
            }
        }
        return active;
    }

    private double activeGroupWeight(Features f) {
        double active = 0.0;
        for (int g = 0; g < groupCount; g++) {
            if (activeInputWeight(f, g) > 0.0) {
                active += groupWeight[g];
            }
        }
        return active;
    }

    // Rounding can carry a sum of shares a hair past 100; the tolerance of the vector covers it.
    private static double bounded(double computed) {
        return computed > 100.0 ? 100.0 : computed;
    }

    private static Optional<ManualOverride> activeOverride(AccountSnapshot snapshot) {
        return snapshot.override().filter(o -> o.isActiveAt(snapshot.asOf()));
    }

    private static double finalScore(AccountSnapshot snapshot, double computed) {
        if (snapshot.override().isPresent() && snapshot.override().get().isActiveAt(snapshot.asOf())) {
            return snapshot.override().get().score();
        }
        return computed;
    }

    /** The history's velocity (one rule, {@link DirectionPolicy#historyVelocity}), else projected from the inputs' trends. */
    private double velocity(AccountSnapshot snapshot, double score) {
        java.util.OptionalDouble v = direction.historyVelocity(snapshot, score);
        return v.isPresent() ? v.getAsDouble() : projectedVelocity(snapshot.features());
    }

    /** Points per week the score would move if each input with a trend feature kept its trend. */
    private double projectedVelocity(Features f) {
        double projected = 0.0;
        double activeGroupWeight = activeGroupWeight(f);
        if (activeGroupWeight == 0.0) {
            return 0.0;
        }
        for (int g = 0; g < groupCount; g++) {
            double active = activeInputWeight(f, g);
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                int t = trendIndex[i];
                if (t < 0 || !f.isPresentAt(t) || !hasData(f, i)) {
                    continue;
                }
                double value = f.valueAt(featureIndex[i]);
                double change = goodnessOf(i, value + f.valueAt(t)) - goodnessOf(i, value);
                projected += 100.0 * (groupWeight[g] / activeGroupWeight) * (inputWeight[i] / active) * change;
            }
        }
        return projected;
    }

    private Direction directionOf(double velocity) {
        return direction.directionOf(velocity);
    }
}
