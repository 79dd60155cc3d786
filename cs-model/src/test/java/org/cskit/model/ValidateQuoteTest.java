package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Validate#quote} cuts the value itself, however it is split into words. */
class ValidateQuoteTest {

    @Test
    void quote_longValueOfShortWords_isCutToTheBound() {
        String quoted = Validate.quote("a ".repeat(1000));

        assertThat(quoted).isEqualTo("'" + "a ".repeat(100) + "... (1,800 more characters)'");
    }

    @Test
    void quote_controlCharacters_areEscaped() {
        assertThat(Validate.quote("a\nb\tc")).isEqualTo("'a\\nb\\tc'");
    }
}
