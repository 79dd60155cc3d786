package org.cskit.scoring.calibration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class AdditiveBoosterProperties {

    @Property
    void isotonic_isMonotone_andKeepsTheWeightedMean(@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = -5, max = 5) Double> list,
            @ForAll @IntRange(min = 0, max = 1) int rising) {
        double[] values = list.stream().mapToDouble(Double::doubleValue).toArray();
        int sign = rising == 1 ? 1 : -1;
        int[] weight = new int[values.length];
        double before = 0.0;
        double total = 0.0;
        for (int i = 0; i < values.length; i++) {
            weight[i] = 1 + (i * 7) % 5;
            before += values[i] * weight[i];
            total += weight[i];
        }
        double[] v = values.clone();

        AdditiveBooster.isotonic(v, v.length, weight, sign);

        double after = 0.0;
        for (int i = 0; i < v.length; i++) {
            after += v[i] * weight[i];
            if (i > 0) {
                assertThat(sign * (v[i] - v[i - 1])).isGreaterThanOrEqualTo(-1e-12);
            }
        }
        assertThat(after / total).isCloseTo(before / total, within(1e-9));
    }
}
