package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EvaluationProperties {

    @Property(tries = 200)
    void auc_isInUnitInterval_andReversedScoreGivesOneMinusAuc(@ForAll @Size(min = 2, max = 40) java.util.List<@IntRange(min = 0, max = 9) Integer> scores,
            @ForAll long labelSeed) {
        boolean[] y = labels(scores.size(), labelSeed);
        Assume.that(hasBothClasses(y));
        double[] risk = scores.stream().mapToDouble(Integer::doubleValue).toArray();
        double[] reversed = scores.stream().mapToDouble(s -> -s).toArray();

        Evaluation e = Evaluation.builder().risks(risk).outcomes(y).resamples(20).build();
        Evaluation r = Evaluation.builder().risks(reversed).outcomes(y).resamples(0).build();

        assertThat(e.auc()).isBetween(0.0, 1.0);
        assertThat(e.aucLow()).isBetween(0.0, 1.0);
        assertThat(e.aucHigh()).isBetween(e.aucLow(), 1.0);
        assertThat(r.auc()).isCloseTo(1 - e.auc(), within(1e-12));
        assertThat(e.prAuc()).isBetween(0.0, 1.0);
    }

    @Property(tries = 50)
    void bootstrap_isDeterministicForASeed(@ForAll @Size(min = 4, max = 30) java.util.List<@IntRange(min = 0, max = 20) Integer> scores,
            @ForAll long seed) {
        boolean[] y = labels(scores.size(), seed);
        Assume.that(hasBothClasses(y));
        double[] risk = scores.stream().mapToDouble(Integer::doubleValue).toArray();

        Evaluation a = Evaluation.builder().risks(risk).outcomes(y).resamples(50).seed(seed).build();
        Evaluation b = Evaluation.builder().risks(risk).outcomes(y).resamples(50).seed(seed).build();

        assertThat(a.aucLow()).isEqualTo(b.aucLow());
        assertThat(a.aucHigh()).isEqualTo(b.aucHigh());
    }

    private static boolean[] labels(int n, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextBoolean();
        }
        return y;
    }

    private static boolean hasBothClasses(boolean[] y) {
        boolean t = false;
        boolean f = false;
        for (boolean b : y) {
            t |= b;
            f |= !b;
        }
        return t && f;
    }
}
