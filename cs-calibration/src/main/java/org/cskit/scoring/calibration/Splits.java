package org.cskit.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cskit.model.Validate;

/**
 * Splits rows for honest evaluation: a stratified holdout, stratified k-fold cross-validation,
 * explicit row ranges, and a split in time for dated rows. Stratified means churned and renewed rows are shuffled apart and dealt so
 * that each part has about the same churn rate. Seeded with {@link SplittableRandom}: the same
 * outcomes and seed give the same split. Stateless and thread-safe.
 */
public final class Splits {
    private Splits() {}

    /**
     * A train and a test part: row positions, each in increasing order, disjoint.
     *
     * @param train the rows to fit on
     * @param test the rows to judge on
     */
    public record Split(int[] train, int[] test) {
        /**
         * Copies the positions.
         *
         * @param train the rows to fit on
         * @param test the rows to judge on
         */
        public Split {
            train = train.clone();
            test = test.clone();
        }

        @Override
        public int[] train() {
            return train.clone();
        }

        @Override
        public int[] test() {
            return test.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
        }

        @Override
        public String toString() {
            return "Split[train " + train.length + " rows, test " + test.length + " rows]";
        }
    }

    /**
     * A stratified holdout: {@code round(testShare * churned)} churned rows and
     * {@code round(testShare * renewed)} renewed rows, drawn at random, are held out.
     *
     * @param churned the outcomes, one per row
     * @param testShare the share held out, in (0, 1)
     * @param seed the seed
     * @return the split
     * @throws org.cskit.model.ValidationException if the share is outside (0, 1) or either part would lack a class
     */
    public static Split holdout(boolean[] churned, double testShare, long seed) {
        Validate.finite("testShare", testShare);
        if (testShare <= 0 || testShare >= 1) {
            throw Validate.invalid("testShare", "testShare must be in (0, 1), but was " + testShare);
        }
        int[][] classes = shuffledClasses(churned, seed);
        boolean[] test = new boolean[churned.length];
        for (int[] rows : classes) {
            int take = (int) Math.round(testShare * rows.length);
            if (take == 0 || take == rows.length) {
                throw Validate.invalid("testShare", "testShare " + testShare + " leaves a part without " + (rows == classes[0]
                        ? "churned" : "renewed") + " rows (" + rows.length + " in all)");
            }
            for (int i = 0; i < take; i++) {
                test[rows[i]] = true;
            }
        }
        return fromMask(test);
    }

    /**
     * Stratified k-fold cross-validation: every row is in exactly one fold's test part.
     *
     * @param churned the outcomes, one per row
     * @param k the number of folds, at least 2 and at most the number of churned (and of renewed) rows
     * @param seed the seed
     * @return k splits
     * @throws org.cskit.model.ValidationException if k is out of range
     */
    public static List<Split> kFold(boolean[] churned, int k, long seed) {
        Validate.atLeast("k", k, 2);
        int[][] classes = shuffledClasses(churned, seed);
        for (int[] rows : classes) {
            if (rows.length < k) {
                throw Validate.invalid("k", "k must be at most the number of " + (rows == classes[0] ? "churned" : "renewed")
                        + " rows " + rows.length + ", but was " + k);
            }
        }
        int[] fold = new int[churned.length];
        int next = 0;
        for (int[] rows : classes) {
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            boolean[] test = new boolean[churned.length];
            for (int r = 0; r < churned.length; r++) {
                test[r] = fold[r] == f;
            }
            splits.add(fromMask(test));
        }
        return List.copyOf(splits);
    }

    /**
     * Explicit ranges of rows, numbered from 1 as in a file's data lines (not counting a header).
     *
     * @param rows the number of rows
     * @param trainFrom the first training row, from 1
     * @param trainTo the last training row, inclusive
     * @param testFrom the first test row
     * @param testTo the last test row, inclusive
     * @return the split
     * @throws org.cskit.model.ValidationException if a range is empty, outside 1..rows, or the ranges overlap
     */
    public static Split ranges(int rows, int trainFrom, int trainTo, int testFrom, int testTo) {
        checkRange("train", trainFrom, trainTo, rows);
        checkRange("test", testFrom, testTo, rows);
        if (trainFrom <= testTo && testFrom <= trainTo) {
            throw Validate.invalid("test", "test rows " + testFrom + "-" + testTo + " overlap train rows " + trainFrom + "-" + trainTo);
        }
        int[] train = new int[trainTo - trainFrom + 1];
        for (int i = 0; i < train.length; i++) {
            train[i] = trainFrom - 1 + i;
        }
        int[] test = new int[testTo - testFrom + 1];
        for (int i = 0; i < test.length; i++) {
            test[i] = testFrom - 1 + i;
        }
        return new Split(train, test);
    }

    /**
     * A split in time for dated rows: fit on the rows observed before a cutoff, judge on those
     * observed at or after it, so that the fit uses only the past.
     *
     * @param rows dated rows (every row has an as-of time)
     * @param cutoff the first time that belongs to the test part
     * @return the split
     * @throws org.cskit.model.ValidationException if the rows are not dated, or either part would be empty
     */
    public static Split before(TrainingSet rows, java.time.Instant cutoff) {
        boolean[] test = new boolean[rows.size()];
        int held = 0;
        for (int r = 0; r < rows.size(); r++) {
            java.time.Instant at = rows.asOf(r).orElseThrow(() -> Validate.invalid("asOf", "a split in time needs dated rows, but the rows have no as-of times"));
            test[r] = !at.isBefore(cutoff);
            held += test[r] ? 1 : 0;
        }
        if (held == 0 || held == rows.size()) {
            throw Validate.invalid("cutoff", "cutoff " + cutoff + " puts " + (held == 0 ? "no" : "every") + " row in the test part");
        }
        return fromMask(test);
    }

    private static void checkRange(String field, int from, int to, int rows) {
        if (from < 1 || to > rows || to < from) {
            throw Validate.invalid(field, field + " rows " + from + "-" + to + " must lie within 1-" + rows + ", first not after last");
        }
    }

    /** Churned rows then renewed rows, each shuffled (Fisher-Yates) with one generator. */
    private static int[][] shuffledClasses(boolean[] churned, long seed) {
        int p = 0;
        for (boolean b : churned) {
            p += b ? 1 : 0;
        }
        int[] pos = new int[p];
        int[] neg = new int[churned.length - p];
        int a = 0;
        int b = 0;
        for (int r = 0; r < churned.length; r++) {
            if (churned[r]) {
                pos[a++] = r;
            } else {
                neg[b++] = r;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        shuffle(pos, random);
        shuffle(neg, random);
        return new int[][] {pos, neg};
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static Split fromMask(boolean[] test) {
        int t = 0;
        for (boolean b : test) {
            t += b ? 1 : 0;
        }
        int[] train = new int[test.length - t];
        int[] held = new int[t];
        int a = 0;
        int b = 0;
        for (int r = 0; r < test.length; r++) {
            if (test[r]) {
                held[b++] = r;
            } else {
                train[a++] = r;
            }
        }
        return new Split(train, held);
    }
}
