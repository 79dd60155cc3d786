package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitsTest {
    private static boolean[] outcomes(int n, int churned) {
        boolean[] y = new boolean[n];
        for (int i = 0; i < churned; i++) {
            y[i * n / churned] = true;
        }
        return y;
    }

    @Test
    void holdout_isStratifiedDisjointAndComplete() {
        boolean[] y = outcomes(1000, 250);

        Splits.Split s = Splits.holdout(y, 0.2, 42);

        assertThat(s.test()).hasSize(200);
        assertThat(Arrays.stream(s.test()).filter(i -> y[i]).count()).isEqualTo(50);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void holdout_sameSeedSameSplit_otherSeedOther() {
        boolean[] y = outcomes(100, 30);

        assertThat(Splits.holdout(y, 0.3, 7)).isEqualTo(Splits.holdout(y, 0.3, 7));
        assertThat(Splits.holdout(y, 0.3, 7)).isNotEqualTo(Splits.holdout(y, 0.3, 8));
    }

    @Test
    void kFold_everyRowTestedOnce_stratified() {
        boolean[] y = outcomes(103, 21);

        List<Splits.Split> folds = Splits.kFold(y, 5, 1);

        int[] tested = new int[103];
        for (Splits.Split f : folds) {
            Arrays.stream(f.test()).forEach(i -> tested[i]++);
            long churned = Arrays.stream(f.test()).filter(i -> y[i]).count();
            assertThat(churned).isBetween(4L, 5L);
            assertThat(f.train().length + f.test().length).isEqualTo(103);
        }
        assertThat(tested).containsOnly(1);
    }

    @Test
    void ranges_areOneBasedAndInclusive() {
        Splits.Split s = Splits.ranges(10, 1, 6, 7, 10);

        assertThat(s.train()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(s.test()).containsExactly(6, 7, 8, 9);
    }

    @Test
    void before_splitsDatedRowsInTime() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        TrainingSet rows = TrainingSet.builder().numeric("x", new double[] {1, 2, 3, 4}).outcomes(new boolean[] {true, false, true, false})
                .asOf(List.of(t0.plusSeconds(30), t0, t0.plusSeconds(10), t0.plusSeconds(20))).build();

        Splits.Split s = Splits.before(rows, t0.plusSeconds(20));

        assertThat(s.train()).containsExactly(1, 2);
        assertThat(s.test()).containsExactly(0, 3);
    }

    @Test
    void before_undatedRows_fails() {
        TrainingSet rows = TrainingSet.builder().numeric("x", new double[] {1, 2}).outcomes(new boolean[] {true, false}).build();

        assertViolation(() -> Splits.before(rows, java.time.Instant.EPOCH), "asOf",
                "a split in time needs dated rows, but the rows have no as-of times");
    }

    @Test
    void before_cutoffBeforeEveryRow_fails() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        TrainingSet rows = TrainingSet.builder().numeric("x", new double[] {1, 2}).outcomes(new boolean[] {true, false})
                .asOf(List.of(t0, t0)).build();

        assertViolation(() -> Splits.before(rows, t0), "cutoff", "cutoff 2026-01-01T00:00:00Z puts every row in the test part");
    }

    @Test
    void ranges_overlap_fails() {
        assertViolation(() -> Splits.ranges(10, 1, 6, 5, 10), "test", "test rows 5-10 overlap train rows 1-6");
    }

    @Test
    void ranges_outside_fails() {
        assertViolation(() -> Splits.ranges(10, 1, 6, 7, 11), "test", "test rows 7-11 must lie within 1-10, first not after last");
    }

    @Test
    void holdout_shareOutOfRange_fails() {
        assertViolation(() -> Splits.holdout(outcomes(10, 5), 1.0, 1), "testShare", "testShare must be in (0, 1), but was 1.0");
    }

    @Test
    void holdout_tooFewChurned_fails() {
        assertViolation(() -> Splits.holdout(outcomes(100, 1), 0.2, 1), "testShare",
                "testShare 0.2 leaves a part without churned rows (1 in all)");
    }

    @Test
    void kFold_moreFoldsThanChurned_fails() {
        assertViolation(() -> Splits.kFold(outcomes(100, 3), 5, 1), "k", "k must be at most the number of churned rows 3, but was 5");
    }
}
