package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Features;
import org.cskit.model.Validate;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.calibration.internal.LogisticRegression;

/**
 * Re-fits the weights of a scorecard a team already has against churn history, keeping everything
 * else: its groups (the outcome-and-plan group too), inputs, normalisers, directions, missing-data
 * policies and bands. Immutable and thread-safe.
 *
 * <p>How: each input's goodness in every snapshot, as the scorecard computes it (a missing value
 * counts as its policy's stand-in; under {@code REDISTRIBUTE}, which has none, as the input's mean
 * goodness over the snapshots that have a value), then an L2-regularised logistic regression of
 * churn on those goodness values. An input whose coefficient is negative (more goodness, less
 * churn, as a scorecard means) gets weight {@code -coefficient}; the scorecard's score is then a
 * decreasing affine map of the regression's log-odds, exactly so when no input redistributes missing
 * data. Each group's weight becomes the sum of its inputs' weights. An input whose goodness does not
 * lower churn (coefficient 0 or positive) cannot be given a weight and is left out of the refitted
 * scorecard, listed in {@link #leftOut()} with its coefficient; a group left with no input goes too.
 */
public final class ScorecardRefit {
    /**
     * One input's refit.
     *
     * @param group its group
     * @param input its name
     * @param before its share of the score before (weights normalised, as the scorecard weighs them)
     * @param after its share after; 0 if left out
     * @param coefficient its regression coefficient on goodness (negative: more goodness, less churn)
     */
    public record InputWeight(String group, String input, double before, double after, double coefficient) {}

    private final Scorecard original;
    private final Scorecard refitted;
    private final List<InputWeight> weights;
    private final List<String> leftOut;

    private ScorecardRefit(Scorecard original, Scorecard refitted, List<InputWeight> weights, List<String> leftOut) {
        this.original = original;
        this.refitted = refitted;
        this.weights = List.copyOf(weights);
        this.leftOut = List.copyOf(leftOut);
    }

    /**
     * Re-fits a scorecard's weights.
     *
     * @param scorecard the scorecard to re-weigh
     * @param snapshots the accounts as they were, one per row, with the features the scorecard reads
     * @param churned one per snapshot: true if the account churned after it
     * @param l2 the L2 penalty on the coefficients, not negative
     * @return the refit; the new scorecard has the same id and a version one higher
     * @throws org.cskit.model.ValidationException if the counts differ, both outcomes are not present, a snapshot lacks a
     *     feature the scorecard reads, or no input's goodness lowers churn
     */
    public static ScorecardRefit of(Scorecard scorecard, List<AccountSnapshot> snapshots, boolean[] churned, double l2) {
        Objects.requireNonNull(scorecard, "scorecard");
        Validate.present("snapshots", snapshots);
        Validate.present("churned", churned);
        Validate.finite("l2", l2);
        if (l2 < 0) {
            throw Validate.invalid("l2", "l2 must not be negative, but was " + l2);
        }
        if (snapshots.size() != churned.length) {
            throw Validate.invalid("churned", "there are " + snapshots.size() + " snapshots but " + churned.length + " outcomes");
        }
        int positives = 0;
        for (boolean c : churned) {
            positives += c ? 1 : 0;
        }
        if (positives == 0 || positives == churned.length) {
            throw Validate.invalid("churned", "a refit needs churned and renewed accounts, but all " + churned.length + " "
                    + (positives == 0 ? "renewed" : "churned"));
        }
        List<ScorecardInput> inputs = new ArrayList<>();
        List<String> groupOf = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        double groupTotal = scorecard.groups().stream().mapToDouble(ScorecardGroup::weight).sum();
        for (ScorecardGroup g : scorecard.groups()) {
            double inputTotal = g.inputs().stream().mapToDouble(ScorecardInput::weight).sum();
            for (ScorecardInput in : g.inputs()) {
                inputs.add(in);
                groupOf.add(g.name());
                before.add(g.weight() / groupTotal * in.weight() / inputTotal);
            }
        }
        int n = snapshots.size();
        int m = inputs.size();
        double[][] x = new double[n][m];
        for (int j = 0; j < m; j++) {
            ScorecardInput in = inputs.get(j);
            double sum = 0.0;
            int present = 0;
            boolean[] missing = new boolean[n];
            for (int r = 0; r < n; r++) {
                Features f = snapshots.get(r).features();
                int index = index(f, in.feature(), r, in.name());
                int cross = in.crossFeature().isPresent() ? index(f, in.crossFeature().get(), r, in.name()) : -1;
                boolean data = has(f, index, in) && (cross < 0 || has(f, cross, in));
                if (data) {
                    x[r][j] = cross < 0 ? in.goodness(f.valueAt(index)) : in.goodness(f.valueAt(index), f.valueAt(cross));
                    sum += x[r][j];
                    present++;
                } else {
                    missing[r] = true;
                }
            }
            double standIn = switch (in.missing()) {
                case NEUTRAL -> 0.5;
                case WORST -> 0.0;
                case FIXED -> in.missingGoodness().orElseThrow();
                default -> present == 0 ? 0.5 : sum / present;
            };
            for (int r = 0; r < n; r++) {
                if (missing[r]) {
                    x[r][j] = standIn;
                }
            }
        }
        double[] beta = LogisticRegression.fit(x, churned, l2, 100);
        List<ScorecardGroup> groups = new ArrayList<>();
        List<InputWeight> weights = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        double total = 0.0;
        for (int j = 0; j < m; j++) {
            total += Math.max(0.0, -beta[j + 1]);
        }
        if (total <= 0.0) {
            throw Validate.invalid("churned", "no input of scorecard '" + scorecard.id() + "' has goodness that lowers churn in these "
                    + n + " snapshots; there is nothing to weigh");
        }
        int j = 0;
        for (ScorecardGroup g : scorecard.groups()) {
            List<ScorecardInput> kept = new ArrayList<>();
            for (ScorecardInput in : g.inputs()) {
                double b = beta[j + 1];
                double w = -b;
                weights.add(new InputWeight(g.name(), in.name(), before.get(j), w > 0 ? w / total : 0.0, b));
                if (w > 0) {
                    kept.add(ScorecardInput.builder().from(in).weight(w).build());
                } else {
                    leftOut.add(String.format(Locale.ROOT, "%s (group %s): coefficient %.4f, its goodness does not lower churn", in.name(),
                            g.name(), b));
                }
                j++;
            }
            if (!kept.isEmpty()) {
                groups.add(ScorecardGroup.builder().from(g).weight(kept.stream().mapToDouble(ScorecardInput::weight).sum()).inputs(kept)
                        .build());
            }
        }
        Scorecard refitted = Scorecard.builder().from(scorecard).version(scorecard.version() + 1).groups(groups)
                .description(String.format(Locale.ROOT, "%s Weights refitted by cskit calibration on %d snapshots (%d churned), "
                        + "L2 logistic regression of churn on each input's goodness (l2 %s).", scorecard.description().orElse("").trim(), n,
                        positives, Validate.format(l2)).trim())
                .build();
        return new ScorecardRefit(scorecard, refitted, weights, leftOut);
    }

    private static int index(Features f, String feature, int row, String input) {
        int i = f.schema().indexOf(feature);
        if (i < 0) {
            throw Validate.invalid("snapshots[" + row + "]", "snapshot " + row + " has no feature '" + feature + "', which input '" + input
                    + "' reads; known features: " + String.join(", ", f.schema().names()));
        }
        return i;
    }

    private static boolean has(Features f, int index, ScorecardInput in) {
        return f.isPresentAt(index) && f.observationsAt(index) >= in.minObservations();
    }

    /** @return the scorecard as it was */
    public Scorecard original() {
        return original;
    }

    /** @return the scorecard with refitted weights, same id, version one higher */
    public Scorecard scorecard() {
        return refitted;
    }

    /** @return every input's share of the score before and after, in the scorecard's order */
    public List<InputWeight> weights() {
        return weights;
    }

    /** @return the inputs left out and why; empty if every input kept a weight */
    public List<String> leftOut() {
        return leftOut;
    }

    @Override
    public String toString() {
        return "ScorecardRefit[" + original.id() + " v" + original.version() + " -> v" + refitted.version() + ", " + leftOut.size()
                + " inputs left out]";
    }
}
