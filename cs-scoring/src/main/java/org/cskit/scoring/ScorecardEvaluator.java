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
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.ScoreSummary;

/**
 * A scorecard compiled against one {@link FeatureSchema}: feature names resolved to indexes and
 * weights normalised once, so that scoring an account reads primitive arrays only. Immutable and
 * thread-safe.
 */
final class ScorecardEvaluator {
    private static final String OVERRIDE_GROUP = "override";
    /** What an account none of whose inputs can be scored gets (the columns' NaN, -1, -1). */
    private static final ScoreSummary UNSCORED = new ScoreSummary(Double.NaN, null, null, Double.NaN, 0.0, false);
    /** The computed part under an override when every input is missing: every input neutral (see Scorecard). */
    private static final double NEUTRAL = 50.0;

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
    private static final int STEPS = 3;
    private static final int GRID = 4;
    private final int[] kind;
    private final int[] crossIndex; // a grid's cross feature, or -1
    private final int[] gridColumns; // a grid's cells per row
    private final double[] a; // linear min, logistic midpoint
    private final double[] b; // linear max, logistic steepness
    private final double[][] tierBounds;
    private final double[][] tierScores;
    private final double[][] crossBounds;
    private final boolean[] lowerIsBetter;
    private final BandScheme bands;
    private final Band[] bandByIndex;
    private final DirectionPolicy direction;
    private final boolean hasTrends; // some input has a trend feature: else the projected velocity is 0

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
        crossIndex = new int[n];
        gridColumns = new int[n];
        crossBounds = new double[n][];
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
                crossIndex[i] = -1;
                if (input.crossFeature().isPresent()) {
                    crossIndex[i] = schema.indexOf(input.crossFeature().get());
                    if (crossIndex[i] < 0) {
                        throw new ValidationException("groups[" + g + "].inputs[" + k + "].crossFeature", "scorecard '"
                                + scorecard.id() + "' input '" + input.name() + "' reads cross feature '" + input.crossFeature().get()
                                + "', which the snapshot's features do not have; known features: " + String.join(", ", schema.names()));
                    }
                }
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
        hasTrends = java.util.Arrays.stream(trendIndex).anyMatch(t -> t >= 0);
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
        Row row = new Row(inputName.length);
        gather(snapshot.features(), row);
        double score = finalScore(snapshot, computed(row));
        if (score != score) {
            return UNSCORED;
        }
        int band = band(snapshot, score);
        double velocity = velocity(snapshot, score, row);
        return new ScoreSummary(score, bandByIndex[band >> 1], directionOf(velocity), velocity, Math.min(1.0, row.coverage),
                (band & 1) != 0);
    }

    /**
     * One account's inputs as scoring reads them: each input's value, NaN where it has no data (a
     * missing feature, or fewer observations than the input requires), and its trend feature's
     * value, NaN where there is none, and a grid's cross feature value (0 for other inputs; an input
     * whose grid lacks its cross value has no data). Gathered from {@link Features}, or copied from a
     * {@link Block}'s columns for the projected velocity. Not thread-safe: one per thread.
     */
    static final class Row {
        final double[] value;
        final double[] trend;
        final double[] cross;
        double coverage;

        Row(int inputs) {
            value = new double[inputs];
            trend = new double[inputs];
            cross = new double[inputs];
        }
    }

    private void gather(Features f, Row row) {
        for (int i = 0; i < featureIndex.length; i++) {
            boolean data = hasData(f, i);
            row.value[i] = data ? f.valueAt(featureIndex[i]) : Double.NaN;
            row.cross[i] = data && crossIndex[i] >= 0 ? f.valueAt(crossIndex[i]) : 0.0;
            int t = trendIndex[i];
            row.trend[i] = t < 0 ? Double.NaN : f.valueAt(t);
        }
    }

    /**
     * The score before any override, in one pass over the inputs; sets the row's coverage. The score
     * is {@code 100 * sum over active groups (groupWeight * group goodness) / sum of active group
     * weights}, where a group's goodness is its active inputs' weighted mean goodness; this is exactly
     * the arithmetic {@link #score} uses, so the two agree to the last bit.
     */
    private double computed(Row row) {
        double[] value = row.value;
        double weighted = 0.0;
        double activeGroups = 0.0;
        double coverage = 0.0;
        for (int g = 0; g < groupCount; g++) {
            double active = 0.0;
            double sum = 0.0;
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double w = inputWeight[i];
                double v = value[i];
                if (v == v) {
                    active += w;
                    sum += w * goodnessOf(i, v, row.cross[i]);
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
        row.coverage = coverage;
        return computed(weighted, activeGroups);
    }

    /** Rows scored together: each input's values, goodness and the groups' sums are held for this many rows at a time. */
    static final int BLOCK = 512;

    /**
     * Scratch columns for one block of rows, sized for an evaluator of up to {@code inputs} inputs.
     * Not thread-safe: one per call.
     */
    static final class Block {
        final int[] row = new int[BLOCK];
        final double[][] value;
        final double[][] cross;
        final double[][] trend;
        final double[] goodness = new double[BLOCK];
        final int[] counts = new int[BLOCK];
        final double[] active = new double[BLOCK];
        final double[] sum = new double[BLOCK];
        final double[] weighted = new double[BLOCK];
        final double[] activeGroups = new double[BLOCK];
        final double[] coverage = new double[BLOCK];
        final Row one;

        Block(int inputs) {
            value = new double[inputs][BLOCK];
            cross = new double[inputs][BLOCK];
            trend = new double[inputs][BLOCK];
            one = new Row(inputs);
        }
    }

    /**
     * Scores {@code m <= BLOCK} rows of the arrays (features, previous vectors, history and output share
     * them), a column at a time: the rows {@code [start, start + m)}, or those of {@code rows[0, m)}
     * when it is not null. Writes score, band code, direction code, velocity, coverage, whether
     * hysteresis held the band and the computed score under an override: the same numbers
     * {@link #summarize} gives for each row's snapshot (the same operations in the same order, row by row).
     *
     * @param previousIndex by previous band code + 1: this scheme's range index, or -1
     * @param overrides each row's active override by array row, or null when the batch has none
     * @param bandCode by range index: the output's band code
     */
    void scoreBlock(FeatureColumns features, byte[] previousBands, int[] previousIndex, HistoryWindow history, int[] rows, int start, int m,
            Block block, java.util.function.IntFunction<ManualOverride> overrides, VectorColumns into, byte[] bandCode) {
        int[] row = block.row;
        if (rows == null) {
            for (int k = 0; k < m; k++) {
                row[k] = start + k;
            }
        } else {
            System.arraycopy(rows, 0, row, 0, m);
        }
        gather(features, rows == null, m, block);
        double[] weighted = block.weighted;
        double[] activeGroups = block.activeGroups;
        double[] coverage = block.coverage;
        java.util.Arrays.fill(weighted, 0, m, 0.0);
        java.util.Arrays.fill(activeGroups, 0, m, 0.0);
        java.util.Arrays.fill(coverage, 0, m, 0.0);
        double[] active = block.active;
        double[] sum = block.sum;
        double[] goodness = block.goodness;
        for (int g = 0; g < groupCount; g++) {
            java.util.Arrays.fill(active, 0, m, 0.0);
            java.util.Arrays.fill(sum, 0, m, 0.0);
            double gw = groupWeight[g];
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double[] value = block.value[i];
                goodness(i, value, block.cross[i], m, goodness);
                double w = inputWeight[i];
                double stand = standIn[i];
                boolean standing = !Double.isNaN(stand);
                // Without branches on the data (missing values come in no order): a row that counts nothing adds 0.0,
                // which leaves these sums (never -0.0) bit for bit as they were.
                double missingActive = standing ? w : 0.0;
                double missingSum = standing ? w * stand : 0.0;
                double covered = gw * w;
                for (int k = 0; k < m; k++) {
                    boolean data = value[k] == value[k];
                    active[k] += data ? w : missingActive;
                    sum[k] += data ? w * goodness[k] : missingSum;
                    coverage[k] += data ? covered : 0.0;
                }
            }
            for (int k = 0; k < m; k++) {
                boolean counted = active[k] > 0.0;
                weighted[k] += counted ? gw * (sum[k] / active[k]) : 0.0;
                activeGroups[k] += counted ? gw : 0.0;
            }
        }
        double[] scores = into.scores();
        byte[] bandCodes = into.bandCodes();
        byte[] directionCodes = into.directionCodes();
        double[] velocities = into.velocities();
        double[] coverages = into.coverages();
        boolean[] held = into.bandHeld();
        double[] computedScores = into.computedScores();
        Row one = block.one;
        for (int k = 0; k < m; k++) {
            int r = row[k];
            ManualOverride override = overrides == null ? null : overrides.apply(r);
            double computed = computed(weighted[k], activeGroups[k]);
            if (computed != computed) {
                if (override == null) {
                    unscored(into, r);
                    continue;
                }
                computed = NEUTRAL;
            }
            double score = override == null ? computed : override.score();
            int previous = previousBands == null ? -1 : previousIndex[previousBands[r] + 1];
            int band = bands.indexAndHeld(score, previous);
            if (hasTrends) {
                for (int i = 0; i < one.value.length; i++) {
                    one.value[i] = block.value[i][k];
                    one.cross[i] = block.cross[i][k];
                    one.trend[i] = block.trend[i][k];
                }
            }
            double velocity = history.velocity(r, score, one);
            scores[r] = score;
            bandCodes[r] = bandCode[band >> 1];
            directionCodes[r] = (byte) directionOf(velocity).ordinal();
            velocities[r] = velocity;
            coverages[r] = Math.min(1.0, coverage[k]);
            held[r] = (band & 1) != 0;
            computedScores[r] = override == null ? Double.NaN : computed;
        }
    }

    /**
     * The block's inputs as scoring reads them, a column at a time: each input's value, NaN where it
     * has no data (a missing feature, or fewer observations than the input requires), its grid's cross
     * value (0 for other inputs and where there is no data) and its trend feature's value (NaN where
     * there is none).
     */
    private void gather(FeatureColumns f, boolean contiguous, int m, Block block) {
        int[] row = block.row;
        int[] counts = block.counts;
        for (int i = 0; i < featureIndex.length; i++) {
            double[] value = block.value[i];
            double[] cross = block.cross[i];
            int index = featureIndex[i];
            int min = minObservations[i];
            read(f, index, contiguous, row, m, value);
            boolean enough = counts(f, index, contiguous, row, m, counts, min);
            int c = crossIndex[i];
            if (c < 0) {
                java.util.Arrays.fill(cross, 0, m, 0.0);
                if (!enough) {
                    for (int k = 0; k < m; k++) {
                        if (counts[k] < min) {
                            value[k] = Double.NaN;
                        }
                    }
                }
            } else {
                for (int k = 0; k < m; k++) {
                    if (counts[k] < min) {
                        value[k] = Double.NaN;
                    }
                }
                read(f, c, contiguous, row, m, cross);
                counts(f, c, contiguous, row, m, counts, min);
                for (int k = 0; k < m; k++) {
                    double x = cross[k];
                    if (value[k] != value[k] || x != x || counts[k] < min) {
                        value[k] = Double.NaN;
                        cross[k] = 0.0;
                    }
                }
            }
            int t = trendIndex[i];
            if (t < 0) {
                java.util.Arrays.fill(block.trend[i], 0, m, Double.NaN);
            } else {
                read(f, t, contiguous, row, m, block.trend[i]);
            }
        }
    }

    /** Feature {@code index} of the block's rows, NaN where missing. */
    private static void read(FeatureColumns f, int index, boolean contiguous, int[] row, int m, double[] into) {
        org.cskit.model.columns.FeatureColumn column = f.column(index);
        if (column == null) {
            java.util.Arrays.fill(into, 0, m, Double.NaN);
        } else if (contiguous) {
            column.read(row[0], m, into);
        } else {
            for (int k = 0; k < m; k++) {
                into[k] = column.get(row[k]);
            }
        }
    }

    /**
     * The observation counts of feature {@code index} for the block's rows into {@code into}, when the
     * feature has counts and some may be below {@code min}; returns true (and writes nothing) when every
     * present value has enough: no counts given (a present value counts 1) and {@code min <= 1}.
     */
    private static boolean counts(FeatureColumns f, int index, boolean contiguous, int[] row, int m, int[] into, int min) {
        int[] given = f.observations(index);
        if (given == null) {
            if (min <= 1) {
                java.util.Arrays.fill(into, 0, m, Integer.MAX_VALUE);
                return true;
            }
            java.util.Arrays.fill(into, 0, m, 0); // a present value rests on one observation, fewer than min
            return false;
        }
        if (contiguous) {
            System.arraycopy(given, row[0], into, 0, m);
        } else {
            for (int k = 0; k < m; k++) {
                into[k] = given[row[k]];
            }
        }
        return false;
    }

    /** Input i's goodness for the block's values ({@link #goodnessOf(int, double, double)}; NaN where the value is). */
    private void goodness(int i, double[] value, double[] cross, int m, double[] into) {
        if (kind[i] == LINEAR) {
            double min = a[i];
            double max = b[i];
            double width = max - min;
            boolean finite = Double.isFinite(width);
            boolean lower = lowerIsBetter[i];
            if (!finite) {
                for (int k = 0; k < m; k++) {
                    double v = value[k];
                    into[k] = v == v ? goodnessOf(i, v, 0.0) : Double.NaN;
                }
                return;
            }
            // Selects instead of branches; NaN (no data) falls through both comparisons and stays NaN.
            for (int k = 0; k < m; k++) {
                double v = value[k];
                double g = (v - min) / width;
                g = v <= min ? 0.0 : v >= max ? 1.0 : g;
                into[k] = lower ? 1.0 - g : g;
            }
            return;
        }
        for (int k = 0; k < m; k++) {
            double v = value[k];
            into[k] = v == v ? goodnessOf(i, v, cross[k]) : Double.NaN;
        }
    }

    /** Writes row r as unscored: as {@link #UNSCORED}, which {@link #summarize} gives for it. */
    private static void unscored(VectorColumns into, int r) {
        into.scores()[r] = Double.NaN;
        into.bandCodes()[r] = -1;
        into.directionCodes()[r] = -1;
        into.velocities()[r] = Double.NaN;
        into.coverages()[r] = 0.0;
        into.bandHeld()[r] = false;
        into.computedScores()[r] = Double.NaN;
    }

    /** The number of inputs. */
    int inputs() {
        return inputName.length;
    }

    /** This scorecard's band scheme. */
    BandScheme bands() {
        return bands;
    }

    /**
     * The score history as velocity reads it for one batch and scorecard: the points within the
     * lookback before the as-of time, newest first, with their x (weeks before, negative), worked
     * out once.
     */
    static final class HistoryWindow {
        private final ScorecardEvaluator e;
        private final int[] points;
        private final double[] x;
        private final double[][] doubles; // per selected point, its scores when held as doubles
        private final char[][] codes; // per selected point, its scores when held as codes

        HistoryWindow(ScorecardEvaluator e, ScoreHistoryColumns history, Instant asOf) {
            this.e = e;
            int count = 0;
            double[] xs = new double[history.points()];
            int[] ps = new int[history.points()];
            double lookbackSeconds = e.direction.lookbackSeconds();
            for (int p = history.points() - 1; p >= 0; p--) {
                double secondsBefore = DirectionPolicy.secondsBefore(history.time(p), asOf);
                if (secondsBefore > lookbackSeconds) {
                    break;
                }
                xs[count] = DirectionPolicy.weeksBack(secondsBefore);
                ps[count] = p;
                count++;
            }
            x = java.util.Arrays.copyOf(xs, count);
            points = java.util.Arrays.copyOf(ps, count);
            doubles = new double[count][];
            codes = new char[count][];
            for (int k = 0; k < count; k++) {
                doubles[k] = history.scores(points[k]);
                codes[k] = history.codes(points[k]);
            }
        }

        /** The history's velocity as {@link DirectionPolicy#historyVelocity} computes it, else projected. */
        double velocity(int r, double score, Row row) {
            int n = 1;
            double sx = 0.0;
            double sy = score;
            double sxx = 0.0;
            double sxy = 0.0;
            for (int k = 0; k < points.length; k++) {
                double[] d = doubles[k];
                double y = d != null ? d[r] : ScoreHistoryColumns.decode(codes[k][r]);
                if (y != y) {
                    continue; // not scored in that run
                }
                double xk = x[k];
                n++;
                sx += xk;
                sy += y;
                sxx += xk * xk;
                sxy += xk * y;
            }
            return e.slope(n, sx, sy, sxx, sxy, row);
        }
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
                    goodness[i] = goodnessOf(i, f);
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
        Optional<ManualOverride> override = activeOverride(snapshot);
        if (allMissing && override.isEmpty()) {
            return unscored(snapshot);
        }
        double computed = allMissing ? NEUTRAL : computed(weighted, activeGroups);
        List<Contribution> contributions = new ArrayList<>(inputName.length + 1);
        for (int g = 0; g < groupCount; g++) {
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                boolean data = hasData(f, i);
                double weight;
                double points;
                if (allMissing) {
                    // Under an override, nothing to redistribute to: every input counts as neutral at its nominal weight (see Scorecard).
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
        if (override.isPresent()) {
            double explained = 0.0;
            for (Contribution c : contributions) {
                explained += c.points();
            }
            contributions.add(Contribution.builder().input(SuccessVector.OVERRIDE_INPUT).group(OVERRIDE_GROUP)
                    .points(score - explained).weight(0.0).build());
        }
        int band = band(snapshot, score);
        Row row = new Row(inputName.length);
        gather(f, row);
        double velocity = velocity(snapshot, score, row);
        return SuccessVector.builder()
                .accountId(snapshot.accountId())
                .asOf(snapshot.asOf())
                .score(score)
                .band(bandByIndex[band >> 1])
                .bandHeld((band & 1) != 0)
                .direction(directionOf(velocity))
                .velocity(velocity)
                .coverage(Math.min(1.0, coverage))
                .contributions(contributions)
                .override(override)
                .scorecardId(scorecard.id())
                .scorecardVersion(scorecard.version())
                .build();
    }

    /** 100 times the active groups' weighted goodness; NaN (nothing to score) when every input is missing and dropped. */
    private static double computed(double weighted, double activeGroups) {
        return activeGroups == 0.0 ? Double.NaN : bounded(100.0 * weighted / activeGroups);
    }

    /** The vector of an account none of whose inputs can be scored: every input missing, 0 points. */
    private SuccessVector unscored(AccountSnapshot snapshot) {
        List<Contribution> contributions = new ArrayList<>(inputName.length);
        for (int i = 0; i < inputName.length; i++) {
            contributions.add(Contribution.builder().input(inputName[i]).group(groupName[i]).points(0.0).weight(0.0)
                    .missing(policy[i]).build());
        }
        return SuccessVector.builder().accountId(snapshot.accountId()).asOf(snapshot.asOf()).score(Double.NaN).unscored(true)
                .velocity(Double.NaN).coverage(0.0).contributions(contributions).scorecardId(scorecard.id())
                .scorecardVersion(scorecard.version()).build();
    }

    /** The band's index times 2, plus 1 when hysteresis held it ({@link BandScheme#indexAndHeld}). */
    private int band(AccountSnapshot snapshot, double score) {
        Optional<SuccessVector> before = snapshot.previousVector();
        int previous = before.isPresent() && !before.get().unscored() ? bands.indexOfLabel(before.get().band().label()) : -1;
        return bands.indexAndHeld(score, previous);
    }

    private boolean hasData(Features f, int i) {
        int index = featureIndex[i];
        if (!f.isPresentAt(index) || f.observationsAt(index) < minObservations[i]) {
            return false;
        }
        int cross = crossIndex[i];
        return cross < 0 || (f.isPresentAt(cross) && f.observationsAt(cross) >= minObservations[i]);
    }

    private double goodnessOf(int i, Features f) {
        return goodnessOf(i, f.valueAt(featureIndex[i]), crossIndex[i] < 0 ? 0.0 : f.valueAt(crossIndex[i]));
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
        } else if (normalizer instanceof Normalizer.Steps steps) {
            kind[i] = STEPS;
            tierBounds[i] = steps.bounds().stream().mapToDouble(Double::doubleValue).toArray();
            tierScores[i] = steps.scores().stream().mapToDouble(Double::doubleValue).toArray();
        } else if (normalizer instanceof Normalizer.Grid grid) {
            kind[i] = GRID;
            tierBounds[i] = grid.bounds().stream().mapToDouble(Double::doubleValue).toArray();
            crossBounds[i] = grid.crossBounds().stream().mapToDouble(Double::doubleValue).toArray();
            gridColumns[i] = crossBounds[i].length + 1;
            tierScores[i] = grid.scores().stream().flatMap(java.util.List::stream).mapToDouble(Double::doubleValue).toArray();
        } else {
            Normalizer.Tiers tiers = (Normalizer.Tiers) normalizer;
            kind[i] = TIERS;
            a[i] = tiers.atBound() == Normalizer.Tiers.AtBound.LOWER_TIER ? 1.0 : 0.0;
            tierBounds[i] = tiers.bounds().stream().mapToDouble(Double::doubleValue).toArray();
            tierScores[i] = tiers.scores().stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** The same goodness as {@link ScorecardInput#goodness(double, double)}, from the unpacked normaliser. */
    private double goodnessOf(int i, double value, double cross) {
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
            case STEPS:
                g = tierScores[i][step(tierBounds[i], value)];
                break;
            case GRID:
                g = tierScores[i][step(tierBounds[i], value) * gridColumns[i] + step(crossBounds[i], cross)];
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

    /**
     * The number of bounds at or below the value, as {@code value >= bound} reads them: a binary
     * search whose steps have no branch to mispredict (the same number of steps for every value),
     * since a fitted shape has tens of bounds and scoring meets values in no order.
     */
    private static int step(double[] bounds, double value) {
        int base = 0;
        int n = bounds.length;
        while (n > 1) {
            int half = n >>> 1;
            base = bounds[base + half] <= value ? base + half : base;
            n -= half;
        }
        return base + (bounds[base] <= value ? 1 : 0);
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

    private double activeInputWeight(double[] value, int g) {
        double active = 0.0;
        for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
            if (!Double.isNaN(value[i]) || !Double.isNaN(standIn[i])) {
                active += inputWeight[i];
            }
        }
        return active;
    }

    private double activeGroupWeight(double[] value) {
        double active = 0.0;
        for (int g = 0; g < groupCount; g++) {
            if (activeInputWeight(value, g) > 0.0) {
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
    private double velocity(AccountSnapshot snapshot, double score, Row row) {
        java.util.OptionalDouble v = direction.historyVelocity(snapshot, score);
        return v.isPresent() ? v.getAsDouble() : projectedVelocity(row);
    }

    /** The slope from the sums over n points, or the projected velocity with fewer than the policy's minimum. */
    private double slope(int n, double sx, double sy, double sxx, double sxy, Row row) {
        if (n < direction.minPoints()) {
            return projectedVelocity(row);
        }
        return DirectionPolicy.slope(n, sx, sy, sxx, sxy);
    }

    /** Points per week the score would move if each input with a trend feature kept its trend. */
    private double projectedVelocity(Row row) {
        if (!hasTrends) {
            return 0.0; // what the loop below gives without trends
        }
        double[] value = row.value;
        double[] trend = row.trend;
        double projected = 0.0;
        double activeGroupWeight = activeGroupWeight(value);
        if (activeGroupWeight == 0.0) {
            return 0.0;
        }
        for (int g = 0; g < groupCount; g++) {
            double active = activeInputWeight(value, g);
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                double t = trend[i];
                double v = value[i];
                if (t != t || v != v) {
                    continue;
                }
                double c = row.cross[i];
                double change = goodnessOf(i, v + t, c) - goodnessOf(i, v, c);
                projected += 100.0 * (groupWeight[g] / activeGroupWeight) * (inputWeight[i] / active) * change;
            }
        }
        return projected;
    }

    private Direction directionOf(double velocity) {
        return direction.directionOf(velocity);
    }
}
