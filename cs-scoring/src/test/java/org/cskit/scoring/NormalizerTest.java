package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.cskit.model.MetricDirection;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    private static final Normalizer.Linear LINEAR = new Normalizer.Linear(10, 50);
    private static final Normalizer.Tiers TIERS = new Normalizer.Tiers(List.of(5.0, 20.0), List.of(0.0, 0.5, 1.0));
    private static final Normalizer.Logistic LOGISTIC = new Normalizer.Logistic(10, 0.5);

    private static ScorecardInput input(Normalizer n, MetricDirection direction) {
        return ScorecardInput.builder().name("x").weight(1).normalizer(n).direction(direction).build();
    }

    @Test
    void linear_atAndBeyondTheBounds_saturates() {
        // min 10 scores 0 and anything below it too; max 50 scores 1 and anything above it too.
        assertThat(LINEAR.goodness(10)).isEqualTo(0.0);
        assertThat(LINEAR.goodness(-1000)).isEqualTo(0.0);
        assertThat(LINEAR.goodness(50)).isEqualTo(1.0);
        assertThat(LINEAR.goodness(1e9)).isEqualTo(1.0);
    }

    @Test
    void linear_betweenTheBounds_isTheStraightLine() {
        // (20 - 10) / (50 - 10) = 0.25; (40 - 10) / 40 = 0.75; the midpoint 30 gives 0.5.
        assertThat(LINEAR.goodness(20)).isCloseTo(0.25, within(1e-12));
        assertThat(LINEAR.goodness(30)).isCloseTo(0.5, within(1e-12));
        assertThat(LINEAR.goodness(40)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void linear_lowerIsBetter_mirrorsTheGoodness() {
        ScorecardInput lower = input(LINEAR, MetricDirection.LOWER_IS_BETTER);
        // 1 - 0.25 = 0.75; at and below min the best (1), at and above max the worst (0).
        assertThat(lower.goodness(20)).isCloseTo(0.75, within(1e-12));
        assertThat(lower.goodness(10)).isEqualTo(1.0);
        assertThat(lower.goodness(0)).isEqualTo(1.0);
        assertThat(lower.goodness(50)).isEqualTo(0.0);
        assertThat(lower.goodness(70)).isEqualTo(0.0);
    }

    @Test
    void linear_higherIsBetterIsTheDefault() {
        ScorecardInput plain = ScorecardInput.builder().name("x").weight(1).normalizer(LINEAR).build();
        assertThat(plain.direction()).isEqualTo(MetricDirection.HIGHER_IS_BETTER);
        assertThat(plain.goodness(20)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void linear_boundsTooFarApartToSubtract_stillGiveTheStraightLine() {
        // max - min overflows to Infinity; 0 is still halfway, and a quarter of the way is still 0.25.
        Normalizer.Linear wide = new Normalizer.Linear(-Double.MAX_VALUE, Double.MAX_VALUE);
        assertThat(wide.goodness(0)).isEqualTo(0.5);
        assertThat(wide.goodness(-Double.MAX_VALUE / 2)).isEqualTo(0.25);
        assertThat(wide.goodness(Double.MAX_VALUE)).isEqualTo(1.0);
    }

    @Test
    void tiers_boundsAreInclusiveFromBelow() {
        // below 5 -> 0; [5, 20) -> 0.5; 20 and up -> 1.
        assertThat(TIERS.goodness(-3)).isEqualTo(0.0);
        assertThat(TIERS.goodness(4.999)).isEqualTo(0.0);
        assertThat(TIERS.goodness(5)).isEqualTo(0.5);
        assertThat(TIERS.goodness(19.999)).isEqualTo(0.5);
        assertThat(TIERS.goodness(20)).isEqualTo(1.0);
        assertThat(TIERS.goodness(1e6)).isEqualTo(1.0);
    }

    @Test
    void tiers_lowerIsBetter_mirrorsTheGoodness() {
        ScorecardInput lower = input(new Normalizer.Tiers(List.of(5.0, 20.0), List.of(0.0, 0.25, 1.0)),
                MetricDirection.LOWER_IS_BETTER);
        // 3 -> tier 0 -> 1 - 0 = 1; 10 -> tier 0.25 -> 0.75; 20 -> tier 1 -> 0.
        assertThat(lower.goodness(3)).isEqualTo(1.0);
        assertThat(lower.goodness(10)).isEqualTo(0.75);
        assertThat(lower.goodness(20)).isEqualTo(0.0);
    }

    @Test
    void tiers_copyTheirLists() {
        java.util.ArrayList<Double> bounds = new java.util.ArrayList<>(List.of(1.0));
        Normalizer.Tiers tiers = new Normalizer.Tiers(bounds, List.of(0.0, 1.0));
        bounds.set(0, 100.0);
        assertThat(tiers.bounds()).containsExactly(1.0);
    }

    @Test
    void logistic_midpointScoresHalf() {
        assertThat(LOGISTIC.goodness(10)).isEqualTo(0.5);
    }

    @Test
    void logistic_betweenAndFarOut_followsTheSCurve() {
        // 14: 1 / (1 + e^-(0.5 * 4)) = 1 / (1 + e^-2) = 0.880797...; 6: 1 / (1 + e^2) = 0.119202...
        assertThat(LOGISTIC.goodness(14)).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12)).isCloseTo(0.8807970780, within(1e-9));
        assertThat(LOGISTIC.goodness(6)).isCloseTo(0.1192029220, within(1e-9));
        // Far out the curve reaches its limits without leaving [0, 1].
        assertThat(LOGISTIC.goodness(1e6)).isEqualTo(1.0);
        assertThat(LOGISTIC.goodness(-1e6)).isEqualTo(0.0);
    }

    @Test
    void logistic_lowerIsBetter_mirrorsTheGoodness() {
        ScorecardInput lower = input(LOGISTIC, MetricDirection.LOWER_IS_BETTER);
        // 1 - 0.880797... = 0.119202...; the midpoint stays 0.5.
        assertThat(lower.goodness(14)).isCloseTo(0.1192029220, within(1e-9));
        assertThat(lower.goodness(10)).isEqualTo(0.5);
    }
}
