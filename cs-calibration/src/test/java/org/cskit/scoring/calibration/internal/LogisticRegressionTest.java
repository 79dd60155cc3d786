package org.cskit.scoring.calibration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    // The hours-studied / passed-exam example (Wikipedia, "Logistic regression"): b0 = -4.0777, b1 = 1.5046.
    private static final double[] HOURS = {0.5, 0.75, 1, 1.25, 1.5, 1.75, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 4, 4.25, 4.5, 4.75, 5, 5.5};
    private static final int[] PASSED = {0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1};

    private static double[][] x() {
        double[][] x = new double[HOURS.length][1];
        for (int i = 0; i < HOURS.length; i++) {
            x[i][0] = HOURS[i];
        }
        return x;
    }

    private static boolean[] y() {
        boolean[] y = new boolean[PASSED.length];
        for (int i = 0; i < PASSED.length; i++) {
            y[i] = PASSED[i] == 1;
        }
        return y;
    }

    @Test
    void fit_unpenalised_matchesThePublishedCoefficients() {
        double[] beta = LogisticRegression.fit(x(), y(), 0.0, 100);

        assertThat(beta[0]).isCloseTo(-4.077713, within(1e-5));
        assertThat(beta[1]).isCloseTo(1.504645, within(1e-5));
    }

    @Test
    void fit_l2_shrinksTheSlopeButNotTheIntercept() {
        // reference: Newton's method in numpy with penalty diag(0, 1)
        double[] beta = LogisticRegression.fit(x(), y(), 1.0, 100);

        assertThat(beta[0]).isCloseTo(-3.139525, within(1e-5));
        assertThat(beta[1]).isCloseTo(1.148604, within(1e-5));
    }

    @Test
    void fit_separableData_staysFiniteWithAPenalty() {
        double[][] x = {{0}, {1}, {2}, {3}};
        boolean[] y = {false, false, true, true};

        double[] beta = LogisticRegression.fit(x, y, 0.1, 100);

        assertThat(java.util.Arrays.stream(beta).allMatch(Double::isFinite)).isTrue();
        assertThat(beta[1]).isPositive();
    }

    @Test
    void sigmoid_isStableAtTheExtremes() {
        assertThat(LogisticRegression.sigmoid(800)).isEqualTo(1.0);
        assertThat(LogisticRegression.sigmoid(-800)).isEqualTo(0.0);
        assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
    }
}
