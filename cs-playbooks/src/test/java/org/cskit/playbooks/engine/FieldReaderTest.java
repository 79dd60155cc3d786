package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.cskit.model.Validate;
import org.junit.jupiter.api.Test;

/** Values in templates and reasons: the fast formatter writes what the plain formula does. */
class FieldReaderTest {
    @Property(tries = 3000)
    void twoDecimals_isTheRoundedValueAsValidateFormatsIt(@ForAll @DoubleRange(min = -9.99e6, max = 9.99e6) double v) {
        assertThat(FieldReader.twoDecimals(v)).isEqualTo(Validate.format(Math.round(v * 100) / 100.0));
    }

    @Property(tries = 1000)
    void twoDecimals_smallValues(@ForAll @DoubleRange(min = -3, max = 3) double v) {
        assertThat(FieldReader.twoDecimals(v)).isEqualTo(Validate.format(Math.round(v * 100) / 100.0));
    }

    /** Issue 17, item 23: large values were clamped ({@code 9.223372036854776E16}), garbled or scientific. */
    @Property(tries = 2000)
    void twoDecimals_largeValues_arePlainDigitsWithinACent(@ForAll @DoubleRange(min = 1e7, max = 1e20) double v,
            @ForAll boolean negative) {
        double x = negative ? -v : v;
        String text = FieldReader.twoDecimals(x);

        assertThat(text).doesNotContain("E").doesNotContain("--").doesNotContain("(");
        assertThat(new java.math.BigDecimal(text).subtract(new java.math.BigDecimal(x)).abs().doubleValue())
                .isLessThanOrEqualTo(0.005 + Math.ulp(x));
    }

    @Test
    void twoDecimals_largeExamples() {
        assertThat(FieldReader.twoDecimals(1e17)).isEqualTo("100000000000000000");
        assertThat(FieldReader.twoDecimals(-9.3e16)).isEqualTo("-93000000000000000");
        assertThat(FieldReader.twoDecimals(12_345_678.25)).isEqualTo("12345678.25");
        assertThat(FieldReader.twoDecimals(-1e19)).isEqualTo("-10000000000000000000");
    }

    @Test
    void twoDecimals_examples() {
        assertThat(FieldReader.twoDecimals(54.1905)).isEqualTo("54.19");
        assertThat(FieldReader.twoDecimals(0.25)).isEqualTo("0.25");
        assertThat(FieldReader.twoDecimals(0.3)).isEqualTo("0.3");
        assertThat(FieldReader.twoDecimals(-0.5)).isEqualTo("-0.5");
        assertThat(FieldReader.twoDecimals(-0.001)).isEqualTo("0");
        assertThat(FieldReader.twoDecimals(120000)).isEqualTo("120000");
        assertThat(FieldReader.twoDecimals(1e12 + 0.5)).isEqualTo(Validate.format(Math.round((1e12 + 0.5) * 100) / 100.0));
    }
}
