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
    void twoDecimals_isTheRoundedValueAsValidateFormatsIt(@ForAll @DoubleRange(min = -2e7, max = 2e7) double v) {
        assertThat(FieldReader.twoDecimals(v)).isEqualTo(Validate.format(Math.round(v * 100) / 100.0));
    }

    @Property(tries = 1000)
    void twoDecimals_smallValues(@ForAll @DoubleRange(min = -3, max = 3) double v) {
        assertThat(FieldReader.twoDecimals(v)).isEqualTo(Validate.format(Math.round(v * 100) / 100.0));
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
