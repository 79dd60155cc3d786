package org.cskit.scoring.calibration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class WoeBinningTest {

    @Test
    void categorical_smallTable_handComputedWoeAndIv() {
        // a: 10 rows, 8 churned; b: 10 rows, 2 churned. P = N = 10.
        String[] v = new String[20];
        boolean[] y = new boolean[20];
        for (int i = 0; i < 20; i++) {
            v[i] = i < 10 ? "a" : "b";
            y[i] = i < 8 || (i >= 10 && i < 12);
        }

        WoeBinning b = WoeBinning.categorical(v, y, 6, 1);

        // woe(a) = ln(8.5/11) - ln(2.5/11) = ln(3.4); woe(b) = -ln(3.4); bins in rising WOE order
        assertThat(b.categories()).containsExactly(List.of("b"), List.of("a"));
        assertThat(b.woe(1)).isCloseTo(Math.log(3.4), within(1e-12));
        assertThat(b.woe(0)).isCloseTo(-Math.log(3.4), within(1e-12));
        // IV = (0.8 - 0.2) * ln 3.4 + (0.2 - 0.8) * (-ln 3.4) = 1.2 ln 3.4
        assertThat(b.informationValue()).isCloseTo(1.2 * Math.log(3.4), within(1e-12));
        assertThat(b.woeOf("zzz")).isEqualTo(0.0);
    }

    @Test
    void numeric_mergesToMonotoneWoe() {
        // churn rises with x, with one noisy dip; 100 rows
        double[] x = new double[100];
        boolean[] y = new boolean[100];
        for (int i = 0; i < 100; i++) {
            x[i] = i;
            y[i] = (i * 37 % 100) < i && i != 55;
        }

        WoeBinning b = WoeBinning.numeric(x, y, 10, 6, 5);

        assertThat(b.bins()).isBetween(2, 6);
        for (int k = 1; k < b.bins(); k++) {
            assertThat(b.woe(k)).isGreaterThanOrEqualTo(b.woe(k - 1));
            assertThat(b.rows(k)).isGreaterThanOrEqualTo(5);
        }
        assertThat(b.binOf(-1e9)).isZero();
        assertThat(b.binOf(1e9)).isEqualTo(b.bins() - 1);
    }

    @Test
    void numeric_missingBinOnlyWhenThereAreEnough() {
        double[] x = new double[40];
        boolean[] y = new boolean[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i < 10 ? Double.NaN : i;
            y[i] = i < 8 || i > 30;
        }

        WoeBinning own = WoeBinning.numeric(x, y, 4, 4, 5);
        WoeBinning few = WoeBinning.numeric(x, y, 4, 4, 11);

        assertThat(own.missingBin()).isTrue();
        assertThat(own.missingWoe()).isCloseTo(WoeBinning.woe(8, 2, 17, 23), within(1e-12));
        assertThat(few.missingBin()).isFalse();
        assertThat(few.missingWoe()).isZero();
    }
}
