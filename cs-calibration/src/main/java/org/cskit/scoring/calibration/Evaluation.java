package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Validate;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.WeightedScorecard;

/**
 * How well a score ranks the accounts that later churned, on labelled rows: ROC AUC with a
 * bootstrap 95% interval, precision-recall AUC (average precision), Brier score (when the score
 * comes with churn probabilities), lift in the riskiest decile, and the churn rate per band.
 * Works for any score, fitted or hand-made. Immutable and thread-safe.
 *
 * <p>Honesty: {@link #hasLift()} is false when the interval's lower end is not above 0.5, and
 * {@link #verdict()} then says that the score shows no lift.
 *
 * <p>Ties: tied scores count half in the AUC; the riskiest decile is the {@code ceil(n / 10)}
 * lowest scores, ties broken by row order.
 */
public final class Evaluation {
    /**
     * The churn rate in one band.
     *
     * @param label the band's label
     * @param rows the rows in the band
     * @param churned the churned rows in the band
     */
    public record BandRate(String label, int rows, int churned) {
        /** @return churned / rows, or NaN for an empty band */
        public double rate() {
            return rows == 0 ? Double.NaN : (double) churned / rows;
        }
    }

    /**
     * One point of the ROC curve.
     *
     * @param falsePositiveRate share of renewed rows flagged
     * @param truePositiveRate share of churned rows flagged
     */
    public record RocPoint(double falsePositiveRate, double truePositiveRate) {}

    private final int rows;
    private final int churned;
    private final double auc;
    private final double aucLow;
    private final double aucHigh;
    private final double prAuc;
    private final OptionalDouble brier;
    private final double topDecileLift;
    private final List<BandRate> bands;
    private final List<RocPoint> roc;
    private final int resamples;

    private Evaluation(Builder b, double[] risk) {
        int n = risk.length;
        boolean[] y = b.outcomes;
        rows = n;
        int p = 0;
        for (boolean v : y) {
            p += v ? 1 : 0;
        }
        churned = p;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (i, j) -> {
            int c = Double.compare(risk[i], risk[j]);
            return c != 0 ? c : Integer.compare(i, j);
        });
        int[] ascending = new int[n];
        for (int i = 0; i < n; i++) {
            ascending[i] = boxed[i];
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        auc = auc(ascending, risk, y, ones);
        resamples = b.resamples;
        double[] boot = new double[b.resamples];
        int used = 0;
        SplittableRandom random = new SplittableRandom(b.seed);
        int[] counts = new int[n];
        for (int s = 0; s < b.resamples; s++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            double a = auc(ascending, risk, y, counts);
            if (!Double.isNaN(a)) {
                boot[used++] = a;
            }
        }
        if (used == 0) {
            aucLow = auc;
            aucHigh = auc;
        } else {
            double[] sorted = Arrays.copyOf(boot, used);
            Arrays.sort(sorted);
            aucLow = percentile(sorted, 0.025);
            aucHigh = percentile(sorted, 0.975);
        }
        prAuc = averagePrecision(ascending, risk, y, p);
        if (b.probabilities != null) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                double d = b.probabilities[i] - (y[i] ? 1.0 : 0.0);
                sum += d * d;
            }
            brier = OptionalDouble.of(sum / n);
        } else {
            brier = OptionalDouble.empty();
        }
        int top = (int) Math.ceil(n / 10.0);
        int topChurned = 0;
        // riskiest first; among equal risk, earlier rows first
        Integer[] descending = boxed.clone();
        Arrays.sort(descending, (i, j) -> {
            int c = Double.compare(risk[j], risk[i]);
            return c != 0 ? c : Integer.compare(i, j);
        });
        for (int k = 0; k < top; k++) {
            topChurned += y[descending[k]] ? 1 : 0;
        }
        topDecileLift = ((double) topChurned / top) / ((double) p / n);
        List<BandRate> rates = new ArrayList<>();
        if (b.bands != null) {
            int k = b.bands.ranges().size();
            int[] bandRows = new int[k];
            int[] bandChurned = new int[k];
            for (int i = 0; i < n; i++) {
                int band = b.bands.indexOf(Math.max(0.0, Math.min(100.0, -risk[i])));
                bandRows[band]++;
                bandChurned[band] += y[i] ? 1 : 0;
            }
            for (int i = 0; i < k; i++) {
                rates.add(new BandRate(b.bands.ranges().get(i).label(), bandRows[i], bandChurned[i]));
            }
        }
        bands = List.copyOf(rates);
        roc = rocCurve(ascending, risk, y, p, n - p);
    }

    /** AUC (Mann-Whitney, ties counting half) with each row counted {@code counts[i]} times; NaN if a class is absent. */
    static double auc(int[] ascending, double[] risk, boolean[] y, int[] counts) {
        double negativesBelow = 0.0;
        double sum = 0.0;
        double positives = 0.0;
        int i = 0;
        int n = ascending.length;
        while (i < n) {
            int j = i;
            double pos = 0.0;
            double neg = 0.0;
            while (j < n && risk[ascending[j]] == risk[ascending[i]]) {
                int r = ascending[j];
                if (y[r]) {
                    pos += counts[r];
                } else {
                    neg += counts[r];
                }
                j++;
            }
            sum += pos * (negativesBelow + 0.5 * neg);
            negativesBelow += neg;
            positives += pos;
            i = j;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return sum / (positives * negativesBelow);
    }

    private static double averagePrecision(int[] ascending, double[] risk, boolean[] y, int positives) {
        double ap = 0.0;
        int tp = 0;
        int flagged = 0;
        int i = ascending.length - 1;
        while (i >= 0) {
            int j = i;
            int pos = 0;
            int all = 0;
            while (j >= 0 && risk[ascending[j]] == risk[ascending[i]]) {
                pos += y[ascending[j]] ? 1 : 0;
                all++;
                j--;
            }
            tp += pos;
            flagged += all;
            ap += ((double) pos / positives) * ((double) tp / flagged);
            i = j;
        }
        return ap;
    }

    private static List<RocPoint> rocCurve(int[] ascending, double[] risk, boolean[] y, int positives, int negatives) {
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0));
        int tp = 0;
        int fp = 0;
        int i = ascending.length - 1;
        while (i >= 0) {
            int j = i;
            while (j >= 0 && risk[ascending[j]] == risk[ascending[i]]) {
                if (y[ascending[j]]) {
                    tp++;
                } else {
                    fp++;
                }
                j--;
            }
            points.add(new RocPoint((double) fp / negatives, (double) tp / positives));
            i = j;
        }
        return List.copyOf(points);
    }

    private static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Judges a scorecard, fitted or hand-made, on labelled snapshots.
     *
     * @param scorecard the scorecard
     * @param snapshots the accounts as of some time
     * @param churned whether each account churned afterwards
     * @param resamples bootstrap resamples for the AUC interval
     * @param seed the bootstrap's seed
     * @return the evaluation, with the scorecard's bands and no Brier score (a scorecard's score is not a probability)
     */
    public static Evaluation of(Scorecard scorecard, List<AccountSnapshot> snapshots, boolean[] churned, int resamples, long seed) {
        WeightedScorecard strategy = WeightedScorecard.of(scorecard);
        double[] scores = new double[snapshots.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = strategy.summarize(snapshots.get(i)).score();
        }
        return builder().scores(scores).outcomes(churned).bands(scorecard.bands()).resamples(resamples).seed(seed).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of rows judged */
    public int rows() {
        return rows;
    }

    /** @return the number of churned rows */
    public int churned() {
        return churned;
    }

    /** @return the ROC AUC: the chance that a random churned row scores riskier than a random renewed one (ties half) */
    public double auc() {
        return auc;
    }

    /** @return the 2.5th percentile of the bootstrap AUCs */
    public double aucLow() {
        return aucLow;
    }

    /** @return the 97.5th percentile of the bootstrap AUCs */
    public double aucHigh() {
        return aucHigh;
    }

    /** @return the number of bootstrap resamples behind the interval */
    public int resamples() {
        return resamples;
    }

    /** @return the precision-recall AUC, as average precision; a score with no skill gets about the churn rate */
    public double prAuc() {
        return prAuc;
    }

    /** @return the mean squared difference between churn probability and outcome, when probabilities were given */
    public OptionalDouble brier() {
        return brier;
    }

    /** @return the churn rate in the riskiest 10% divided by the overall churn rate (1 = no better than chance) */
    public double topDecileLift() {
        return topDecileLift;
    }

    /** @return the churn rate per band, riskiest band first; empty if no bands were given */
    public List<BandRate> bands() {
        return bands;
    }

    /** @return the ROC curve from (0, 0) to (1, 1), one point per distinct score, riskiest first */
    public List<RocPoint> roc() {
        return roc;
    }

    /** @return whether the score really ranks churners: the interval's lower end is above 0.5 */
    public boolean hasLift() {
        return aucLow > 0.5;
    }

    /** @return one sentence on whether the score has lift */
    public String verdict() {
        if (hasLift()) {
            return String.format(Locale.ROOT, "The score ranks churners better than chance: AUC %.4f, 95%% interval [%.4f, %.4f] is above 0.5.",
                    auc, aucLow, aucHigh);
        }
        return String.format(Locale.ROOT, "No lift: the AUC's 95%% interval [%.4f, %.4f] includes 0.5 (or lies below it), so this score "
                + "does not rank churners better than chance on these rows.", aucLow, aucHigh);
    }

    /** @return {@code AUC=0.8412 [0.8190, 0.8630]} */
    public String aucText() {
        return String.format(Locale.ROOT, "AUC=%.4f [%.4f, %.4f]", auc, aucLow, aucHigh);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Evaluation[%s, PR AUC %.4f, Brier %s, top-decile lift %.2f, rows %d, churned %d]", aucText(),
                prAuc, brier.isPresent() ? String.format(Locale.ROOT, "%.4f", brier.getAsDouble()) : "n/a", topDecileLift, rows, churned);
    }

    /**
     * Builds an {@link Evaluation}: give the scores (higher is healthier, as a scorecard's) or the
     * risks (higher is riskier), and the outcomes. Defaults: 1000 resamples, seed 42, no
     * probabilities, no bands. Not thread-safe.
     */
    public static final class Builder {
        private double[] risk;
        private boolean[] outcomes;
        private double[] probabilities;
        private BandScheme bands;
        private int resamples = 1000;
        private long seed = 42;

        private Builder() {}

        /**
         * Sets scores, higher is healthier (a scorecard's score in [0, 100] for bands).
         *
         * @param scores one per row, finite
         * @return this builder
         */
        public Builder scores(double[] scores) {
            risk = new double[scores.length];
            for (int i = 0; i < scores.length; i++) {
                risk[i] = -Validate.finite("scores[" + i + "]", scores[i]);
            }
            return this;
        }

        /**
         * Sets risks, higher is riskier (a churn probability or log-odds); bands then read {@code -risk}.
         *
         * @param risks one per row, finite
         * @return this builder
         */
        public Builder risks(double[] risks) {
            risk = new double[risks.length];
            for (int i = 0; i < risks.length; i++) {
                risk[i] = Validate.finite("risks[" + i + "]", risks[i]);
            }
            return this;
        }

        /**
         * Sets the outcomes.
         *
         * @param churned one per row: true if the account churned
         * @return this builder
         */
        public Builder outcomes(boolean[] churned) {
            this.outcomes = churned.clone();
            return this;
        }

        /**
         * Sets churn probabilities, for the Brier score.
         *
         * @param probabilities one per row, in [0, 1]
         * @return this builder
         */
        public Builder probabilities(double[] probabilities) {
            for (int i = 0; i < probabilities.length; i++) {
                Validate.inRange("probabilities[" + i + "]", probabilities[i], 0.0, 1.0);
            }
            this.probabilities = probabilities.clone();
            return this;
        }

        /**
         * Sets the band scheme, for churn rates per band.
         *
         * @param bands the scheme the scores are banded by
         * @return this builder
         */
        public Builder bands(BandScheme bands) {
            this.bands = bands;
            return this;
        }

        /**
         * Sets the number of bootstrap resamples.
         *
         * @param resamples at least 0 (0: the interval is the AUC itself)
         * @return this builder
         */
        public Builder resamples(int resamples) {
            this.resamples = Validate.atLeast("resamples", resamples, 0);
            return this;
        }

        /**
         * Sets the bootstrap's seed.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Computes the evaluation.
         *
         * @return the evaluation
         * @throws org.cskit.model.ValidationException if scores or outcomes are missing, the lengths differ, or a class is absent
         */
        public Evaluation build() {
            if (risk == null) {
                throw Validate.invalid("scores", "an evaluation needs scores or risks, but got neither");
            }
            Validate.present("outcomes", outcomes);
            if (outcomes.length != risk.length) {
                throw Validate.invalid("outcomes", "there are " + risk.length + " scores but " + outcomes.length + " outcomes");
            }
            if (probabilities != null && probabilities.length != risk.length) {
                throw Validate.invalid("probabilities", "there are " + risk.length + " scores but " + probabilities.length + " probabilities");
            }
            int p = 0;
            for (boolean v : outcomes) {
                p += v ? 1 : 0;
            }
            if (p == 0 || p == outcomes.length) {
                throw Validate.invalid("outcomes", "an evaluation needs churned and renewed rows, but all " + outcomes.length + " rows "
                        + (p == 0 ? "renewed" : "churned"));
            }
            return new Evaluation(this, risk);
        }
    }
}
