package org.cskit.scoring.calibration.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weight-of-evidence binning of one column against a churn label, as credit-risk scorecards do.
 * Numeric columns: equal-frequency fine bins, merged until the weight of evidence is monotone in
 * the value, every bin holds at least {@code minRows} rows and there are at most {@code maxBins}.
 * Categorical columns: each frequent category its own bin, rare ones pooled, then the same
 * merging in order of weight of evidence. Missing values get a bin of their own when there are at
 * least {@code minRows} of them, else they count as average risk (weight of evidence 0).
 *
 * <p>Weight of evidence here is {@code ln((churned_i + 0.5) / (P + 1)) - ln((renewed_i + 0.5) / (N + 1))}:
 * positive means riskier than average. Immutable and thread-safe.
 */
public final class WoeBinning {
    private final boolean categorical;
    private final double[] cuts;
    private final List<List<String>> categories;
    private final int[] rows;
    private final int[] positives;
    private final double[] woe;
    private final int missingRows;
    private final int missingPositives;
    private final boolean missingBin;
    private final double missingWoe;
    private final double informationValue;

    private WoeBinning(boolean categorical, double[] cuts, List<List<String>> categories, List<int[]> counts,
            int missingRows, int missingPositives, int minRows, int totalPositives, int totalNegatives) {
        this.categorical = categorical;
        this.cuts = cuts;
        this.categories = categories;
        int k = counts.size();
        rows = new int[k];
        positives = new int[k];
        woe = new double[k];
        double iv = 0.0;
        for (int b = 0; b < k; b++) {
            rows[b] = counts.get(b)[0];
            positives[b] = counts.get(b)[1];
            woe[b] = woe(positives[b], rows[b] - positives[b], totalPositives, totalNegatives);
            iv += ivTerm(positives[b], rows[b] - positives[b], totalPositives, totalNegatives, woe[b]);
        }
        this.missingRows = missingRows;
        this.missingPositives = missingPositives;
        this.missingBin = missingRows >= minRows && missingRows > 0;
        this.missingWoe = missingBin ? woe(missingPositives, missingRows - missingPositives, totalPositives, totalNegatives) : 0.0;
        if (missingBin) {
            iv += ivTerm(missingPositives, missingRows - missingPositives, totalPositives, totalNegatives, missingWoe);
        }
        this.informationValue = iv;
    }

    /**
     * The smoothed weight of evidence of a bin.
     *
     * @param churned churned rows in the bin
     * @param renewed renewed rows in the bin
     * @param totalChurned churned rows in all
     * @param totalRenewed renewed rows in all
     * @return {@code ln((churned + 0.5) / (totalChurned + 1)) - ln((renewed + 0.5) / (totalRenewed + 1))}
     */
    public static double woe(int churned, int renewed, int totalChurned, int totalRenewed) {
        return Math.log((churned + 0.5) / (totalChurned + 1.0)) - Math.log((renewed + 0.5) / (totalRenewed + 1.0));
    }

    private static double ivTerm(int churned, int renewed, int totalChurned, int totalRenewed, double woe) {
        return ((double) churned / Math.max(1, totalChurned) - (double) renewed / Math.max(1, totalRenewed)) * woe;
    }

    /**
     * Bins a numeric column.
     *
     * @param values the values, {@code NaN} for missing
     * @param churned the labels
     * @param initialBins how many equal-frequency bins to start from
     * @param maxBins the most bins to keep
     * @param minRows the fewest rows in a bin
     * @return the binning
     */
    public static WoeBinning numeric(double[] values, boolean[] churned, int initialBins, int maxBins, int minRows) {
        int n = values.length;
        int totalPositives = count(churned);
        int totalNegatives = n - totalPositives;
        Integer[] order = new Integer[n];
        int present = 0;
        int missing = 0;
        int missingPos = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(values[i])) {
                missing++;
                missingPos += churned[i] ? 1 : 0;
            } else {
                order[present++] = i;
            }
        }
        Integer[] sorted = Arrays.copyOf(order, present);
        Arrays.sort(sorted, (a, b) -> {
            int c = Double.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        // fine bins: [start, end) ranges of the sorted order, cut only between distinct values
        List<int[]> ranges = new ArrayList<>();
        double target = Math.max(1.0, (double) present / Math.max(1, initialBins));
        int start = 0;
        for (int i = 1; i <= present; i++) {
            boolean end = i == present || (i - start >= target && values[sorted[i]] != values[sorted[i - 1]]);
            if (end) {
                ranges.add(new int[] {start, i});
                start = i;
            }
        }
        List<int[]> counts = new ArrayList<>();
        for (int[] r : ranges) {
            int pos = 0;
            for (int i = r[0]; i < r[1]; i++) {
                pos += churned[sorted[i]] ? 1 : 0;
            }
            counts.add(new int[] {r[1] - r[0], pos, r[0], r[1]});
        }
        boolean increasing = riskRisesWithOrder(counts, totalPositives, totalNegatives);
        settle(counts, increasing, minRows, maxBins, totalPositives, totalNegatives, null);
        double[] cuts = new double[counts.size() - (counts.isEmpty() ? 0 : 1)];
        for (int b = 1; b < counts.size(); b++) {
            double below = values[sorted[counts.get(b)[2] - 1]];
            double from = values[sorted[counts.get(b)[2]]];
            double mid = below + (from - below) / 2;
            cuts[b - 1] = mid > below && mid <= from ? mid : from;
        }
        return new WoeBinning(false, cuts, List.of(), counts, missing, missingPos, minRows, totalPositives, totalNegatives);
    }

    /**
     * Bins a categorical column.
     *
     * @param values the categories, {@code null} for missing
     * @param churned the labels
     * @param maxBins the most bins to keep
     * @param minRows the fewest rows in a bin; rarer categories are pooled
     * @return the binning; bins in order of rising weight of evidence
     */
    public static WoeBinning categorical(String[] values, boolean[] churned, int maxBins, int minRows) {
        int n = values.length;
        int totalPositives = count(churned);
        int totalNegatives = n - totalPositives;
        Map<String, int[]> byCategory = new TreeMap<>();
        int missing = 0;
        int missingPos = 0;
        for (int i = 0; i < n; i++) {
            if (values[i] == null) {
                missing++;
                missingPos += churned[i] ? 1 : 0;
            } else {
                int[] c = byCategory.computeIfAbsent(values[i], k -> new int[2]);
                c[0]++;
                c[1] += churned[i] ? 1 : 0;
            }
        }
        List<List<String>> groups = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<String> rare = new ArrayList<>();
        int[] rareCount = new int[2];
        for (Map.Entry<String, int[]> e : byCategory.entrySet()) {
            if (e.getValue()[0] >= minRows) {
                groups.add(new ArrayList<>(List.of(e.getKey())));
                counts.add(new int[] {e.getValue()[0], e.getValue()[1]});
            } else {
                rare.add(e.getKey());
                rareCount[0] += e.getValue()[0];
                rareCount[1] += e.getValue()[1];
            }
        }
        if (!rare.isEmpty()) {
            groups.add(rare);
            counts.add(rareCount);
        }
        // order by weight of evidence, ties by first category name
        Integer[] order = new Integer[groups.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(woe(counts.get(a)[1], counts.get(a)[0] - counts.get(a)[1], totalPositives, totalNegatives),
                    woe(counts.get(b)[1], counts.get(b)[0] - counts.get(b)[1], totalPositives, totalNegatives));
            return c != 0 ? c : groups.get(a).get(0).compareTo(groups.get(b).get(0));
        });
        List<List<String>> sortedGroups = new ArrayList<>();
        List<int[]> sortedCounts = new ArrayList<>();
        for (int i : order) {
            sortedGroups.add(groups.get(i));
            int[] c = counts.get(i);
            sortedCounts.add(new int[] {c[0], c[1], i});
        }
        settle(sortedCounts, true, minRows, maxBins, totalPositives, totalNegatives, sortedGroups);
        List<List<String>> frozen = new ArrayList<>();
        for (List<String> g : sortedGroups) {
            List<String> copy = new ArrayList<>(g);
            Collections.sort(copy);
            frozen.add(List.copyOf(copy));
        }
        return new WoeBinning(true, new double[0], List.copyOf(frozen), sortedCounts, missing, missingPos, minRows,
                totalPositives, totalNegatives);
    }

    private static int count(boolean[] churned) {
        int c = 0;
        for (boolean b : churned) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static double woeOf(int[] c, int tp, int tn) {
        return woe(c[1], c[0] - c[1], tp, tn);
    }

    /** Whether churn rises with the bins' order: the sign of the rank covariance between position and label. */
    private static boolean riskRisesWithOrder(List<int[]> counts, int tp, int tn) {
        double cum = 0.0;
        double cov = 0.0;
        for (int[] c : counts) {
            double center = cum + c[0] / 2.0;
            cov += center * ((double) c[1] / Math.max(1, tp) - (double) (c[0] - c[1]) / Math.max(1, tn));
            cum += c[0];
        }
        return cov >= 0;
    }

    private static void merge(List<int[]> counts, int b, List<List<String>> groups) {
        int[] a = counts.get(b);
        int[] c = counts.get(b + 1);
        // {rows, positives, start, end} for numeric ranges; start/end are unused for categories
        counts.set(b, new int[] {a[0] + c[0], a[1] + c[1], a.length > 2 ? a[2] : 0, c.length > 3 ? c[3] : 0});
        counts.remove(b + 1);
        if (groups != null) {
            List<String> joined = new ArrayList<>(groups.get(b));
            joined.addAll(groups.get(b + 1));
            groups.set(b, joined);
            groups.remove(b + 1);
        }
    }

    /**
     * Merges until the bins are monotone in WOE, big enough and few enough. Merging two bins does
     * not always give a WOE between theirs (the smoothing), so the steps repeat until none merges.
     */
    private static void settle(List<int[]> counts, boolean increasing, int minRows, int maxBins, int tp, int tn,
            List<List<String>> groups) {
        int before;
        do {
            before = counts.size();
            mergeToMonotone(counts, increasing, tp, tn, groups);
            mergeSmall(counts, minRows, tp, tn, groups);
            mergeClosest(counts, maxBins, tp, tn, groups);
            mergeToMonotone(counts, increasing, tp, tn, groups);
        } while (counts.size() != before);
    }

    private static void mergeToMonotone(List<int[]> counts, boolean increasing, int tp, int tn, List<List<String>> groups) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 0; b + 1 < counts.size(); b++) {
                double w0 = woeOf(counts.get(b), tp, tn);
                double w1 = woeOf(counts.get(b + 1), tp, tn);
                if (increasing ? w0 > w1 : w0 < w1) {
                    merge(counts, b, groups);
                    changed = true;
                    break;
                }
            }
        }
    }

    private static void mergeSmall(List<int[]> counts, int minRows, int tp, int tn, List<List<String>> groups) {
        while (counts.size() > 1) {
            int smallest = -1;
            for (int b = 0; b < counts.size(); b++) {
                if (counts.get(b)[0] < minRows && (smallest < 0 || counts.get(b)[0] < counts.get(smallest)[0])) {
                    smallest = b;
                }
            }
            if (smallest < 0) {
                return;
            }
            int with;
            if (smallest == 0) {
                with = 0;
            } else if (smallest == counts.size() - 1) {
                with = smallest - 1;
            } else {
                double w = woeOf(counts.get(smallest), tp, tn);
                double left = Math.abs(w - woeOf(counts.get(smallest - 1), tp, tn));
                double right = Math.abs(w - woeOf(counts.get(smallest + 1), tp, tn));
                with = left <= right ? smallest - 1 : smallest;
            }
            merge(counts, with, groups);
        }
    }

    private static void mergeClosest(List<int[]> counts, int maxBins, int tp, int tn, List<List<String>> groups) {
        while (counts.size() > Math.max(1, maxBins)) {
            int best = 0;
            double bestGap = Double.POSITIVE_INFINITY;
            for (int b = 0; b + 1 < counts.size(); b++) {
                double gap = Math.abs(woeOf(counts.get(b), tp, tn) - woeOf(counts.get(b + 1), tp, tn));
                if (gap < bestGap) {
                    bestGap = gap;
                    best = b;
                }
            }
            merge(counts, best, groups);
        }
    }

    /** @return true for a categorical column */
    public boolean categorical() {
        return categorical;
    }

    /** @return the number of bins, not counting the missing bin */
    public int bins() {
        return woe.length;
    }

    /** @return the numeric cut points: bin {@code b} holds values from {@code cuts[b-1]} (inclusive) below {@code cuts[b]} */
    public double[] cuts() {
        return cuts.clone();
    }

    /** @return each bin's categories (categorical columns only), bins in order of rising weight of evidence */
    public List<List<String>> categories() {
        return categories;
    }

    /** @param b a bin @return its rows */
    public int rows(int b) {
        return rows[b];
    }

    /** @param b a bin @return its churned rows */
    public int positives(int b) {
        return positives[b];
    }

    /** @param b a bin @return its weight of evidence */
    public double woe(int b) {
        return woe[b];
    }

    /** @return rows with no value */
    public int missingRows() {
        return missingRows;
    }

    /** @return churned rows with no value */
    public int missingPositives() {
        return missingPositives;
    }

    /** @return whether missing values have a bin of their own (else they count as weight of evidence 0) */
    public boolean missingBin() {
        return missingBin;
    }

    /** @return the weight of evidence of a missing value */
    public double missingWoe() {
        return missingWoe;
    }

    /** @return the information value, {@code sum (churned share - renewed share) * woe} */
    public double informationValue() {
        return informationValue;
    }

    /** @param value a value, NaN for missing @return the bin of a numeric value, or -1 if missing */
    public int binOf(double value) {
        if (Double.isNaN(value)) {
            return -1;
        }
        int b = 0;
        while (b < cuts.length && value >= cuts[b]) {
            b++;
        }
        return b;
    }

    /** @param category a category, null for missing @return its bin, or -1 if missing or unknown */
    public int binOf(String category) {
        if (category == null) {
            return -1;
        }
        for (int b = 0; b < categories.size(); b++) {
            if (categories.get(b).contains(category)) {
                return b;
            }
        }
        return -1;
    }

    /** @param value a value, NaN for missing @return its weight of evidence */
    public double woeOf(double value) {
        int b = binOf(value);
        return b < 0 ? missingWoe : woe[b];
    }

    /** @param category a category, null for missing @return its weight of evidence (missing or unknown: {@link #missingWoe()}) */
    public double woeOf(String category) {
        int b = binOf(category);
        return b < 0 ? missingWoe : woe[b];
    }
}
