package org.cskit.scoring.calibration.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fits a generalised additive model of churn log-odds with pairwise interactions, the way
 * InterpretML's explainable boosting machine does (Lou et al. 2012, 2013; Nori et al. 2019):
 *
 * <ol>
 *   <li>Every input is binned beforehand (the caller's {@link Feature}s).
 *   <li>Per bag (outer bagging): the caller's held-out rows judge early stopping; on the rest, cyclic gradient boosting visits one input at a time, fits a tree of
 *       three leaves over its bins to the logistic loss's gradients (Newton leaf values, bins in
 *       value order after the missing bin, categories and the missing bin in the order of their
 *       gradient ratio), and adds it at a small learning rate. A round visits every input once; the bag stops
 *       when the held-out loss has not improved for {@code patience} rounds and keeps its best round.
 *       An input with a monotone constraint is projected onto monotone shapes (weighted isotonic
 *       regression) after each of its steps.
 *   <li>Pairs are ranked by FAST (the best gain of one cut on each input over the residuals of the
 *       averaged main effects) and the best {@code interactions} are boosted the same way on each
 *       bag's residuals, four quadrant leaves a step, rows with either value missing left out.
 *   <li>The bags' shapes are averaged; every term is centred on the training rows, its mean moved
 *       into the intercept.
 * </ol>
 *
 * <p>Deterministic: the bags' rows are the caller's; bags run in parallel and are combined in
 * order. Stateless and thread-safe.
 */
public final class AdditiveBooster {
    private static final double MIN_HESSIAN = 1e-9;

    private AdditiveBooster() {}

    /**
     * One binned input.
     *
     * @param bin each row's bin in {@code [0, bins)}; the missing bin, if any, is {@code bins - 1}
     * @param bins the number of bins, counting the missing bin
     * @param hasMissingBin whether the last bin holds the missing values
     * @param ordered whether the bins are in value order (numeric) rather than categories
     * @param monotone 0 for none, +1 if log-odds may only rise with the bin, -1 if only fall
     * @param pairBins the bin each (non-missing) bin has in interactions ({@code [0, pairBinCount)}), coarser than {@code bin}
     * @param pairBinCount the number of interaction bins, not counting missing; 0 if the input takes part in no pair
     */
    public record Feature(int[] bin, int bins, boolean hasMissingBin, boolean ordered, int monotone, int[] pairBins, int pairBinCount) {
        int valueBins() {
            return hasMissingBin ? bins - 1 : bins;
        }

        boolean missing(int b) {
            return hasMissingBin && b == bins - 1;
        }
    }

    /**
     * How to boost.
     *
     * @param learningRate the step size, in (0, 1]
     * @param maxRounds the most rounds per bag and stage
     * @param patience rounds without improvement of the held-out loss before a bag stops
     * @param bags the number of outer bags
     * @param minLeafRows the fewest training rows in a leaf
     * @param interactions the most pairs to fit
     */
    public record Params(double learningRate, int maxRounds, int patience, int minLeafRows, int interactions) {}

    /**
     * The fitted model: {@code logit = intercept + sum_f main[f][bin_f] + sum_p pair[p][pairBin_a * cols + pairBin_b]},
     * a pair's term 0 when either value is missing.
     *
     * @param intercept the intercept
     * @param main per input, its log-odds per bin
     * @param pairs the fitted pairs, as input indexes {@code {a, b}}
     * @param pair per pair, its log-odds per cell, row-major over (a's interaction bin, b's interaction bin)
     * @param rounds per bag, the rounds the main stage kept
     * @param pairRounds per bag, the rounds the pair stage kept (0 without pairs)
     */
    public record Model(double intercept, double[][] main, List<int[]> pairs, List<double[]> pair, int[] rounds, int[] pairRounds) {
        /**
         * The log-odds of a training row.
         *
         * @param features the inputs
         * @param row the row
         * @return the log-odds
         */
        public double logit(Feature[] features, int row) {
            double l = intercept;
            for (int f = 0; f < features.length; f++) {
                l += main[f][features[f].bin()[row]];
            }
            for (int p = 0; p < pairs.size(); p++) {
                int cell = cell(features, pairs.get(p), row);
                l += cell < 0 ? 0.0 : pair.get(p)[cell];
            }
            return l;
        }
    }

    /**
     * Fits the model.
     *
     * @param features the binned inputs
     * @param y the outcomes
     * @param params how to boost
     * @param train per bag, the rows it boosts on
     * @param valid per bag, the rows it holds out for early stopping
     * @return the model
     */
    public static Model fit(Feature[] features, boolean[] y, Params params, int[][] train, int[][] valid) {
        int n = y.length;
        int bagCount = train.length;
        double base = baseLogit(y);
        // stage 1: main effects, per bag in parallel
        Bag[] bags = IntStream.range(0, bagCount).parallel()
                .mapToObj(b -> mains(features, y, train[b], valid[b], base, params)).toArray(Bag[]::new);
        double[][] main = new double[features.length][];
        for (int f = 0; f < features.length; f++) {
            main[f] = new double[features[f].bins()];
            for (Bag bag : bags) {
                for (int k = 0; k < main[f].length; k++) {
                    main[f][k] += bag.main[f][k] / bags.length;
                }
            }
        }
        // stage 2: pairs by FAST over the averaged main effects' residuals on all rows
        double[] logit = new double[n];
        for (int r = 0; r < n; r++) {
            double l = base;
            for (int f = 0; f < features.length; f++) {
                l += main[f][features[f].bin()[r]];
            }
            logit[r] = l;
        }
        List<int[]> pairs = params.interactions() == 0 ? List.of() : rankPairs(features, y, logit, params);
        List<double[]> pair = new ArrayList<>();
        int[] pairRounds = new int[bagCount];
        if (!pairs.isEmpty()) {
            List<PairBag> fitted = IntStream.range(0, bagCount).parallel()
                    .mapToObj(b -> pairsOfBag(features, y, train[b], valid[b], base, bags[b].main, pairs, params)).toList();
            List<double[]> perBag = new ArrayList<>();
            for (int b = 0; b < bagCount; b++) {
                pairRounds[b] = fitted.get(b).rounds();
                double[] flat = new double[0];
                for (double[] t : fitted.get(b).tables()) {
                    flat = concat(flat, t);
                }
                perBag.add(flat);
            }
            int offset = 0;
            for (int[] p : pairs) {
                int cells = features[p[0]].pairBinCount() * features[p[1]].pairBinCount();
                double[] t = new double[cells];
                for (double[] flat : perBag) {
                    for (int k = 0; k < cells; k++) {
                        t[k] += flat[offset + k] / perBag.size();
                    }
                }
                pair.add(t);
                offset += cells;
            }
        }
        // centre every term on the rows, its mean into the intercept
        double intercept = base;
        for (int f = 0; f < features.length; f++) {
            double mean = 0.0;
            for (int r = 0; r < n; r++) {
                mean += main[f][features[f].bin()[r]];
            }
            mean /= n;
            for (int k = 0; k < main[f].length; k++) {
                main[f][k] -= mean;
            }
            intercept += mean;
        }
        for (int p = 0; p < pairs.size(); p++) {
            double sum = 0.0;
            int count = 0;
            for (int r = 0; r < n; r++) {
                int cell = cell(features, pairs.get(p), r);
                if (cell >= 0) {
                    sum += pair.get(p)[cell];
                    count++;
                }
            }
            // rows with a missing value keep term 0, so only a shift seen by every row may move
            if (count == n) {
                double mean = sum / n;
                double[] t = pair.get(p);
                for (int k = 0; k < t.length; k++) {
                    t[k] -= mean;
                }
                intercept += mean;
            }
        }
        int[] rounds = new int[bags.length];
        for (int b = 0; b < bags.length; b++) {
            rounds[b] = bags[b].rounds;
        }
        return new Model(intercept, main, List.copyOf(pairs), List.copyOf(pair), rounds, pairRounds);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int cell(Feature[] features, int[] p, int row) {
        Feature a = features[p[0]];
        Feature b = features[p[1]];
        int ba = a.bin()[row];
        int bb = b.bin()[row];
        if (a.missing(ba) || b.missing(bb)) {
            return -1;
        }
        return a.pairBins()[ba] * b.pairBinCount() + b.pairBins()[bb];
    }

    private static double baseLogit(boolean[] y) {
        int p = 0;
        for (boolean v : y) {
            p += v ? 1 : 0;
        }
        double rate = (p + 0.5) / (y.length + 1.0);
        return Math.log(rate / (1 - rate));
    }

    /** The rows of one bag, packed: bins per input, labels, odds. */
    private static final class Rows {
        final int[][] bin;
        final double[] y;
        final double[] odds;
        final int n;

        Rows(Feature[] features, boolean[] labels, int[] rows, double[] logit) {
            n = rows.length;
            bin = new int[features.length][n];
            y = new double[n];
            odds = new double[n];
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                for (int f = 0; f < features.length; f++) {
                    bin[f][i] = features[f].bin()[r];
                }
                y[i] = labels[r] ? 1.0 : 0.0;
                odds[i] = Math.exp(logit[i]);
            }
        }

        double loss() {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                double p = odds[i] / (1.0 + odds[i]);
                p = Math.min(1 - 1e-15, Math.max(1e-15, p));
                sum -= y[i] > 0 ? Math.log(p) : Math.log(1 - p);
            }
            return sum / Math.max(1, n);
        }
    }

    private record Bag(double[][] main, int rounds) {}

    private static Bag mains(Feature[] features, boolean[] labels, int[] trainRows, int[] validRows, double base, Params params) {
        Rows train = new Rows(features, labels, trainRows, filled(trainRows.length, base));
        Rows valid = new Rows(features, labels, validRows, filled(validRows.length, base));
        int m = features.length;
        double[][] shape = new double[m][];
        for (int f = 0; f < m; f++) {
            shape[f] = new double[features[f].bins()];
        }
        double[][] best = copy(shape);
        double bestLoss = valid.loss();
        int bestRound = 0;
        double[] g = new double[64];
        double[] h = new double[64];
        int[] c = new int[64];
        for (int round = 1; round <= params.maxRounds(); round++) {
            for (int f = 0; f < m; f++) {
                Feature feature = features[f];
                int k = feature.bins();
                if (g.length < k) {
                    g = new double[k];
                    h = new double[k];
                    c = new int[k];
                }
                histogram(train, train.bin[f], k, g, h, c);
                double[] delta = threeLeaves(feature, g, h, c, params.minLeafRows());
                if (delta == null) {
                    continue;
                }
                double[] factor = new double[k];
                for (int b = 0; b < k; b++) {
                    double next = shape[f][b] - params.learningRate() * delta[b];
                    delta[b] = next - shape[f][b];
                    shape[f][b] = next;
                }
                if (feature.monotone() != 0) {
                    double[] before = shape[f].clone();
                    for (int b = 0; b < k; b++) {
                        before[b] -= delta[b];
                    }
                    isotonic(shape[f], feature.valueBins(), c, feature.monotone());
                    for (int b = 0; b < k; b++) {
                        delta[b] = shape[f][b] - before[b];
                    }
                }
                for (int b = 0; b < k; b++) {
                    factor[b] = Math.exp(delta[b]);
                }
                apply(train, train.bin[f], factor);
                apply(valid, valid.bin[f], factor);
            }
            double loss = valid.loss();
            if (loss < bestLoss - 1e-6) {
                bestLoss = loss;
                bestRound = round;
                best = copy(shape);
            } else if (round - bestRound >= params.patience()) {
                break;
            }
        }
        return new Bag(best, bestRound);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static void histogram(Rows rows, int[] bin, int k, double[] g, double[] h, int[] c) {
        Arrays.fill(g, 0, k, 0.0);
        Arrays.fill(h, 0, k, 0.0);
        Arrays.fill(c, 0, k, 0);
        double[] odds = rows.odds;
        double[] y = rows.y;
        for (int i = 0; i < rows.n; i++) {
            double o = odds[i];
            double p = o / (1.0 + o);
            int b = bin[i];
            g[b] += p - y[i];
            h[b] += p * (1.0 - p);
            c[b]++;
        }
    }

    private static void apply(Rows rows, int[] bin, double[] factor) {
        double[] odds = rows.odds;
        for (int i = 0; i < rows.n; i++) {
            odds[i] *= factor[bin[i]];
        }
    }

    /**
     * A tree of three leaves over the bins in order (numbers by value after the missing bin,
     * categories and missing by gradient ratio); returns each bin's Newton value {@code G / H} (to be
     * subtracted), or null if no split holds {@code minLeaf} rows on each side.
     */
    static double[] threeLeaves(Feature feature, double[] g, double[] h, int[] c, int minLeaf) {
        // every bin takes part, the missing bin too: first for numbers (as InterpretML puts it), in ratio order for categories
        int k = feature.bins();
        Integer[] order = new Integer[k];
        int at = 0;
        if (feature.hasMissingBin() && feature.ordered()) {
            order[at++] = k - 1;
        }
        for (int b = 0; b < feature.valueBins(); b++) {
            order[at++] = b;
        }
        if (feature.hasMissingBin() && !feature.ordered()) {
            order[at] = k - 1;
        }
        if (!feature.ordered()) {
            Arrays.sort(order, Comparator.comparingDouble((Integer b) -> h[b] > MIN_HESSIAN ? g[b] / h[b] : 0.0)
                    .thenComparingInt(b -> b));
        }
        double[] pg = new double[k + 1];
        double[] ph = new double[k + 1];
        int[] pc = new int[k + 1];
        for (int i = 0; i < k; i++) {
            int b = order[i];
            pg[i + 1] = pg[i] + g[b];
            ph[i + 1] = ph[i] + h[b];
            pc[i + 1] = pc[i] + c[b];
        }
        double[] out = new double[k];
        int[] first = bestSplit(pg, ph, pc, 0, k, minLeaf);
        if (first != null) {
            int s = first[0];
            int[] left = bestSplit(pg, ph, pc, 0, s, minLeaf);
            int[] right = bestSplit(pg, ph, pc, s, k, minLeaf);
            double gl = left == null ? 0 : gain(pg, ph, 0, left[0]) + gain(pg, ph, left[0], s) - gain(pg, ph, 0, s);
            double gr = right == null ? 0 : gain(pg, ph, s, right[0]) + gain(pg, ph, right[0], k) - gain(pg, ph, s, k);
            int[] cuts;
            if (left != null && (right == null || gl >= gr)) {
                cuts = new int[] {0, left[0], s, k};
            } else if (right != null) {
                cuts = new int[] {0, s, right[0], k};
            } else {
                cuts = new int[] {0, s, k};
            }
            for (int j = 0; j + 1 < cuts.length; j++) {
                double value = leaf(pg, ph, cuts[j], cuts[j + 1]);
                for (int i = cuts[j]; i < cuts[j + 1]; i++) {
                    out[order[i]] = value;
                }
            }
        }
        return first == null ? null : out;
    }

    private static double leaf(double[] pg, double[] ph, int a, int b) {
        double hh = ph[b] - ph[a];
        return hh > MIN_HESSIAN ? (pg[b] - pg[a]) / hh : 0.0;
    }

    private static double gain(double[] pg, double[] ph, int a, int b) {
        double gg = pg[b] - pg[a];
        double hh = ph[b] - ph[a];
        return hh > MIN_HESSIAN ? gg * gg / hh : 0.0;
    }

    /** The best single cut of [a, b): {cut}, or null if none leaves {@code minLeaf} rows each side with a gain. */
    private static int[] bestSplit(double[] pg, double[] ph, int[] pc, int a, int b, int minLeaf) {
        double whole = gain(pg, ph, a, b);
        double bestGain = 1e-12;
        int best = -1;
        for (int s = a + 1; s < b; s++) {
            if (pc[s] - pc[a] < minLeaf || pc[b] - pc[s] < minLeaf) {
                continue;
            }
            double gain = gain(pg, ph, a, s) + gain(pg, ph, s, b) - whole;
            if (gain > bestGain) {
                bestGain = gain;
                best = s;
            }
        }
        return best < 0 ? null : new int[] {best};
    }

    /**
     * Weighted isotonic regression (pool adjacent violators) of the first {@code k} values in
     * place: non-decreasing if {@code sign > 0}, non-increasing if below; weights are the bins' rows
     * (at least 1, so that an empty bin follows its neighbours).
     */
    static void isotonic(double[] v, int k, int[] weight, int sign) {
        double[] value = new double[k];
        double[] w = new double[k];
        int[] size = new int[k];
        int blocks = 0;
        for (int i = 0; i < k; i++) {
            value[blocks] = sign * v[i];
            w[blocks] = Math.max(1, weight[i]);
            size[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                double tw = w[blocks - 2] + w[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * w[blocks - 2] + value[blocks - 1] * w[blocks - 1]) / tw;
                w[blocks - 2] = tw;
                size[blocks - 2] += size[blocks - 1];
                blocks--;
            }
        }
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < size[b]; j++) {
                v[i++] = sign * value[b];
            }
        }
    }

    /** FAST: the pairs whose best cut on each input gains most on the residuals, best first. */
    private static List<int[]> rankPairs(Feature[] features, boolean[] y, double[] logit, Params params) {
        int n = y.length;
        double[] g = new double[n];
        double[] h = new double[n];
        for (int r = 0; r < n; r++) {
            double p = 1.0 / (1.0 + Math.exp(-logit[r]));
            g[r] = p - (y[r] ? 1.0 : 0.0);
            h[r] = p * (1.0 - p);
        }
        List<int[]> candidates = new ArrayList<>();
        for (int a = 0; a < features.length; a++) {
            for (int b = a + 1; b < features.length; b++) {
                if (features[a].pairBinCount() > 1 && features[b].pairBinCount() > 1) {
                    candidates.add(new int[] {a, b});
                }
            }
        }
        double[] gains = candidates.parallelStream().mapToDouble(p -> fastGain(features, p, g, h, params.minLeafRows())).toArray();
        Integer[] order = new Integer[candidates.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> {
            int cmp = Double.compare(gains[j], gains[i]);
            return cmp != 0 ? cmp : Integer.compare(i, j);
        });
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < order.length && out.size() < params.interactions(); i++) {
            if (gains[order[i]] > 0) {
                out.add(candidates.get(order[i]));
            }
        }
        return out;
    }

    private static double fastGain(Feature[] features, int[] p, double[] g, double[] h, int minLeaf) {
        int ka = features[p[0]].pairBinCount();
        int kb = features[p[1]].pairBinCount();
        double[] cg = new double[ka * kb];
        double[] ch = new double[ka * kb];
        int[] cc = new int[ka * kb];
        for (int r = 0; r < g.length; r++) {
            int cell = cell(features, p, r);
            if (cell >= 0) {
                cg[cell] += g[r];
                ch[cell] += h[r];
                cc[cell]++;
            }
        }
        double[] q = quadrants(cg, ch, cc, ka, kb, minLeaf);
        return q == null ? 0.0 : q[0];
    }

    /**
     * The best cut on each axis of a grid of gradient sums: {gain, cut a, cut b, value of the four
     * quadrants (a below/above x b below/above)}, or null if no cut leaves {@code minLeaf} rows in each quadrant.
     */
    private static double[] quadrants(double[] cg, double[] ch, int[] cc, int ka, int kb, int minLeaf) {
        // 2-D prefix sums: S[i][j] = sum over a < i, b < j
        int w = kb + 1;
        double[] sg = new double[(ka + 1) * w];
        double[] sh = new double[(ka + 1) * w];
        int[] sc = new int[(ka + 1) * w];
        for (int i = 0; i < ka; i++) {
            for (int j = 0; j < kb; j++) {
                int o = (i + 1) * w + j + 1;
                int cell = i * kb + j;
                sg[o] = cg[cell] + sg[i * w + j + 1] + sg[(i + 1) * w + j] - sg[i * w + j];
                sh[o] = ch[cell] + sh[i * w + j + 1] + sh[(i + 1) * w + j] - sh[i * w + j];
                sc[o] = cc[cell] + sc[i * w + j + 1] + sc[(i + 1) * w + j] - sc[i * w + j];
            }
        }
        double tg = sg[ka * w + kb];
        double th = sh[ka * w + kb];
        int tc = sc[ka * w + kb];
        double whole = th > MIN_HESSIAN ? tg * tg / th : 0.0;
        double[] best = null;
        for (int i = 1; i < ka; i++) {
            for (int j = 1; j < kb; j++) {
                double g00 = sg[i * w + j];
                double h00 = sh[i * w + j];
                int c00 = sc[i * w + j];
                double g01 = sg[i * w + kb] - g00;
                double h01 = sh[i * w + kb] - h00;
                int c01 = sc[i * w + kb] - c00;
                double g10 = sg[ka * w + j] - g00;
                double h10 = sh[ka * w + j] - h00;
                int c10 = sc[ka * w + j] - c00;
                double g11 = tg - g00 - g01 - g10;
                double h11 = th - h00 - h01 - h10;
                int c11 = tc - c00 - c01 - c10;
                if (c00 < minLeaf || c01 < minLeaf || c10 < minLeaf || c11 < minLeaf) {
                    continue;
                }
                if (h00 <= MIN_HESSIAN || h01 <= MIN_HESSIAN || h10 <= MIN_HESSIAN || h11 <= MIN_HESSIAN) {
                    continue;
                }
                double gain = g00 * g00 / h00 + g01 * g01 / h01 + g10 * g10 / h10 + g11 * g11 / h11 - whole;
                if (best == null || gain > best[0]) {
                    best = new double[] {gain, i, j, g00 / h00, g01 / h01, g10 / h10, g11 / h11};
                }
            }
        }
        return best;
    }

    private record PairBag(List<double[]> tables, int rounds) {}

    private static PairBag pairsOfBag(Feature[] features, boolean[] labels, int[] trainRows, int[] validRows, double base,
            double[][] main, List<int[]> pairs, Params params) {
        Rows train = new Rows(features, labels, trainRows, logits(features, trainRows, base, main));
        Rows valid = new Rows(features, labels, validRows, logits(features, validRows, base, main));
        int[][] trainCell = new int[pairs.size()][];
        int[][] validCell = new int[pairs.size()][];
        List<double[]> table = new ArrayList<>();
        List<double[]> best = new ArrayList<>();
        for (int p = 0; p < pairs.size(); p++) {
            trainCell[p] = cells(features, pairs.get(p), trainRows);
            validCell[p] = cells(features, pairs.get(p), validRows);
            int k = features[pairs.get(p)[0]].pairBinCount() * features[pairs.get(p)[1]].pairBinCount();
            table.add(new double[k]);
            best.add(new double[k]);
        }
        double bestLoss = valid.loss();
        int bestRound = 0;
        for (int round = 1; round <= params.maxRounds(); round++) {
            for (int p = 0; p < pairs.size(); p++) {
                int ka = features[pairs.get(p)[0]].pairBinCount();
                int kb = features[pairs.get(p)[1]].pairBinCount();
                double[] cg = new double[ka * kb];
                double[] ch = new double[ka * kb];
                int[] cc = new int[ka * kb];
                int[] cellOf = trainCell[p];
                for (int i = 0; i < train.n; i++) {
                    int cell = cellOf[i];
                    if (cell >= 0) {
                        double o = train.odds[i];
                        double pr = o / (1.0 + o);
                        cg[cell] += pr - train.y[i];
                        ch[cell] += pr * (1.0 - pr);
                        cc[cell]++;
                    }
                }
                double[] q = quadrants(cg, ch, cc, ka, kb, params.minLeafRows());
                if (q == null) {
                    continue;
                }
                int ca = (int) q[1];
                int cb = (int) q[2];
                double[] factor = new double[ka * kb];
                double[] t = table.get(p);
                for (int i = 0; i < ka; i++) {
                    for (int j = 0; j < kb; j++) {
                        double leaf = q[3 + (i < ca ? 0 : 2) + (j < cb ? 0 : 1)];
                        double delta = -params.learningRate() * leaf;
                        t[i * kb + j] += delta;
                        factor[i * kb + j] = Math.exp(delta);
                    }
                }
                applyCells(train, cellOf, factor);
                applyCells(valid, validCell[p], factor);
            }
            double loss = valid.loss();
            if (loss < bestLoss - 1e-6) {
                bestLoss = loss;
                bestRound = round;
                for (int p = 0; p < pairs.size(); p++) {
                    best.set(p, table.get(p).clone());
                }
            } else if (round - bestRound >= params.patience()) {
                break;
            }
        }
        return new PairBag(best, bestRound);
    }

    private static void applyCells(Rows rows, int[] cellOf, double[] factor) {
        for (int i = 0; i < rows.n; i++) {
            int cell = cellOf[i];
            if (cell >= 0) {
                rows.odds[i] *= factor[cell];
            }
        }
    }

    private static int[] cells(Feature[] features, int[] p, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = cell(features, p, rows[i]);
        }
        return out;
    }

    private static double[] logits(Feature[] features, int[] rows, double base, double[][] main) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double l = base;
            for (int f = 0; f < features.length; f++) {
                l += main[f][features[f].bin()[rows[i]]];
            }
            out[i] = l;
        }
        return out;
    }
}
