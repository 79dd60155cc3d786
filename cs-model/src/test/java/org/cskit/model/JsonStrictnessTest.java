package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a third party's JSON met on day one (issue 17): durations as bare numbers, nulls where a
 * value or a list belongs, numbers out of range, deep nesting and typos in property names.
 */
class JsonStrictnessTest {
    private static final CsJson JSON = CsJson.create();

    record Cooldown(Duration cooldown) {}

    record Cadence(Period every) {}

    record Term(int months) {}

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bare number  | 30        | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the number 30: a bare number has no unit; write P30D for days or PT30S for seconds
        days in words| "30d"     | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the string '30d'; write P30D
        a month      | "P1M"     | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the string 'P1M': months and years have no fixed length, so write days, such as P30D
        """)
    void read_durationNotAnIsoString_isRefusedWithTheAcceptedForm(String what, String value, String problem) {
        assertThatThrownBy(() -> JSON.read("{\"cooldown\": " + value + "}", Cooldown.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.cooldown");
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @Test
    void read_durationAndPeriod_acceptTheSameSpellingOfDaysAndWeeks() {
        assertThat(JSON.read("{\"cooldown\": \"P30D\"}", Cooldown.class).cooldown()).isEqualTo(Duration.ofDays(30));
        assertThat(JSON.read("{\"cooldown\": \"P2W\"}", Cooldown.class).cooldown()).isEqualTo(Duration.ofDays(14));
        assertThat(JSON.read("{\"cooldown\": \"PT12H\"}", Cooldown.class).cooldown()).isEqualTo(Duration.ofHours(12));
        assertThat(JSON.read("{\"every\": \"P30D\"}", Cadence.class).every()).isEqualTo(Period.ofDays(30));
        assertThat(JSON.read("{\"every\": \"P2W\"}", Cadence.class).every()).isEqualTo(Period.ofDays(14));
    }

    @Test
    void read_periodWithHoursOrANumber_saysWhyNot() {
        assertThatThrownBy(() -> JSON.read("{\"every\": \"PT12H\"}", Cadence.class))
                .hasMessage("$.every: expected a period such as P14D or P1M, but found the string 'PT12H': a period counts whole "
                        + "days, weeks, months or years, without hours, minutes or seconds");
        assertThatThrownBy(() -> JSON.read("{\"every\": 30}", Cadence.class))
                .hasMessage("$.every: expected a period such as P14D or P1M, but found the number 30: a bare number has no unit; "
                        + "write P30D for days");
    }

    @Test
    void readList_nullOrNullElement_failsWithPath() {
        assertThatThrownBy(() -> JSON.readList("null", Signal.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$: expected an array, but found null");
        assertThatThrownBy(() -> JSON.readList("[null]", Signal.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$[0]: expected a Signal, but found null");
    }

    @Test
    void read_null_failsInsteadOfReturningNull() {
        assertThatThrownBy(() -> JSON.read("null", Account.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$: expected a Account, but found null");
    }

    @Test
    void read_intOverflow_namesTheRangeNotMalformedJson() {
        assertThatThrownBy(() -> JSON.read("{\"months\": 99999999999}", Term.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.months");
                    assertThat(e.problem()).isEqualTo("expected a whole number from -2147483648 to 2147483647, but found 99999999999");
                });
    }

    @Test
    void read_nestingDeeperThanTheLimit_isRefusedBeforeReading() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> JSON.read(deep, Object.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$: JSON nests arrays and objects more than 100 levels deep; cskit reads at most 100");
    }

    @Test
    void read_typoInAPropertyName_suggestsTheKnownOne() {
        assertThatThrownBy(() -> JSON.read("{\"monhts\": 12}", Term.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.problem())
                        .startsWith("unknown property 'monhts'; did you mean 'months'?"));
    }

    @Test
    void read_hugeValueWithALineBreak_isQuotedCutAndOnOneLine() {
        String value = "x\n" + "y".repeat(1_000_000);

        assertThatThrownBy(() -> JSON.read("{\"cooldown\": \"" + value.replace("\n", "\\n") + "\"}", Cooldown.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(500)
                            .contains("'x\\nyyy").contains("(999,802 more characters)'");
                });
    }

    @Test
    void differenceFrom_sameNamesInAnotherOrder_saysSo() {
        FeatureSchema expected = FeatureSchema.of(java.util.List.of("nps", "logins"));

        assertThat(expected.differenceFrom(FeatureSchema.of(java.util.List.of("logins", "nps"))))
                .isEqualTo("has the same names in another order: at position 0 it has 'logins' where 'nps' is expected");
        assertThat(expected.differenceFrom(FeatureSchema.of(java.util.List.of("nps", "seats"))))
                .isEqualTo("lacks logins; has in addition seats");
        assertThat(expected.differenceFrom(expected)).isEmpty();
    }
}
