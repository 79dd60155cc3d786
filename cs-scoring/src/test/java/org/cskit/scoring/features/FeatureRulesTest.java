package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cskit.model.AccountId;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

/** Every rule of feature derivation: the exception type, its exact message and its field. */
class FeatureRulesTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final FeatureDeriver LOGINS = FeatureDeriver.of(List.of(FeatureDefinition.of("logins_7d", "logins",
            Aggregate.COUNT, WEEK)));

    private static Signal.Builder logins(String id, Instant at) {
        return Signal.builder().id(SignalId.of(id)).accountId(ACME).family(SignalFamily.USAGE).name("logins")
                .value(1).unit("count").observedAt(at).source("test");
    }

    private static Signal login(String id, String daysAgo) {
        return logins(id, AS_OF.minus(Duration.parse("P" + daysAgo + "D"))).build();
    }

    private static FeatureDefinition.Builder definition() {
        return FeatureDefinition.builder().name("n").signal("logins").aggregate(Aggregate.SUM).window(WEEK);
    }

    private static void assertRejected(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void derive_signalAfterAsOf_isRejected() {
        List<Signal> signals = List.of(login("a", "1"), login("b", "2"), login("c", "3"),
                logins("d", Instant.parse("2026-05-11T00:00:00Z")).build());

        assertRejected(() -> LOGINS.derive(ACME, signals, AS_OF), "signals[3].observedAt",
                "signals[3] 'logins' observed at 2026-05-11T00:00:00Z is after the as-of time 2026-05-10T00:00:00Z");
    }

    @Test
    void derive_signalANanosecondAfterAsOf_isRejected() {
        assertRejected(() -> LOGINS.derive(ACME, List.of(logins("a", AS_OF.plusNanos(1)).build()), AS_OF), "signals[0].observedAt",
                "signals[0] 'logins' observed at 2026-05-10T00:00:00.000000001Z is after the as-of time 2026-05-10T00:00:00Z");
    }

    @Test
    void derive_futureSignalOfANameNoDefinitionReads_isRejected() {
        Signal future = Signal.builder().from(login("a", "0")).name("tickets").observedAt(AS_OF.plusSeconds(60)).build();

        assertRejected(() -> LOGINS.derive(ACME, List.of(future), AS_OF), "signals[0].observedAt",
                "signals[0] 'tickets' observed at 2026-05-10T00:01:00Z is after the as-of time 2026-05-10T00:00:00Z");
    }

    @Test
    void derive_signalOfAnotherAccount_isRejected() {
        Signal other = logins("a", AS_OF).accountId(AccountId.of("globex")).build();

        assertRejected(() -> LOGINS.derive(ACME, List.of(login("b", "1"), other), AS_OF), "signals[1].accountId",
                "signals[1] 'logins' is of account 'globex', not of account 'acme'");
    }

    @Test
    void derive_twoSignalsWithTheSameId_areRejected() {
        List<Signal> signals = List.of(login("a", "1"), login("b", "2"), login("a", "3"));

        assertRejected(() -> LOGINS.derive(ACME, signals, AS_OF), "signals[2].id",
                "duplicate signal id 'a' in signals[0] and signals[2]");
    }

    @Test
    void derive_nullSignal_isRejected() {
        assertRejected(() -> LOGINS.derive(ACME, Arrays.asList(login("a", "1"), null), AS_OF), "signals[1]",
                "signals[1] must not be null");
    }

    @Test
    void derive_nullArguments_areRejected() {
        assertRejected(() -> LOGINS.derive(null, List.of(), AS_OF), "account", "account must not be null");
        assertRejected(() -> LOGINS.derive(ACME, null, AS_OF), "signals", "signals must not be null");
        assertRejected(() -> LOGINS.derive(ACME, List.of(), null), "asOf", "asOf must not be null");
    }

    @Test
    void derive_sumBeyondTheRangeOfADouble_isRejectedNotClamped() {
        List<Signal> huge = List.of(logins("a", AS_OF).value(1e308).build(), logins("b", AS_OF).value(1e308).build());
        FeatureDeriver sum = FeatureDeriver.of(List.of(FeatureDefinition.of("logins_sum", "logins", Aggregate.SUM, WEEK)));

        assertRejected(() -> sum.derive(ACME, huge, AS_OF), "logins_sum", "feature 'logins_sum' must be a finite number, but was Infinity");
    }

    @Test
    void derive_intoABuilderWithoutTheFeature_isRejected() {
        org.cskit.model.Features.Builder into = org.cskit.model.Features.builder(org.cskit.model.FeatureSchema.of("other"));

        assertRejected(() -> LOGINS.derive(ACME, List.of(), AS_OF, into), "feature", "unknown feature 'logins_7d'; known features: other");
    }

    // Bad signal values never reach the deriver: a Signal cannot be built with them.

    @Test
    void signal_nanValue_isRejected() {
        assertRejected(() -> logins("a", AS_OF).value(Double.NaN).build(), "value", "value must be a finite number, but was NaN");
    }

    @Test
    void signal_infiniteValue_isRejected() {
        assertRejected(() -> logins("a", AS_OF).value(Double.POSITIVE_INFINITY).build(), "value",
                "value must be a finite number, but was Infinity");
    }

    @Test
    void signal_negativeCount_isRejected() {
        assertRejected(() -> logins("a", AS_OF).value(-1).build(), "value", "signal 'logins' value -1.0 is negative, but a count cannot be");
    }

    // The deriver's definitions.

    @Test
    void of_duplicateFeatureNames_areRejected() {
        assertRejected(() -> FeatureDeriver.of(List.of(FeatureDefinition.of("n", "a", Aggregate.COUNT, WEEK),
                        FeatureDefinition.of("m", "a", Aggregate.COUNT, WEEK), FeatureDefinition.of("n", "b", Aggregate.SUM, WEEK))),
                "definitions[2].name", "duplicate feature name 'n' in definitions[0] and definitions[2]");
    }

    @Test
    void of_noDefinitions_isRejected() {
        assertRejected(() -> FeatureDeriver.of(List.of()), "definitions", "definitions must name at least one feature, but was empty");
    }

    @Test
    void of_nullDefinition_isRejected() {
        assertRejected(() -> FeatureDeriver.of(Arrays.asList(definition().build(), null)), "definitions[1]",
                "definitions[1] must not be null");
    }

    // One definition.

    @Test
    void definition_blankName_isRejected() {
        assertRejected(() -> definition().name(" ").build(), "name", "name must not be blank, but was ' '");
    }

    @Test
    void definition_blankSignal_isRejected() {
        assertRejected(() -> definition().signal("").build(), "signal", "signal must not be blank, but was ''");
    }

    @Test
    void definition_zeroWindow_isRejected() {
        assertRejected(() -> definition().window(Duration.ZERO).build(), "window",
                "feature 'n' window must be positive and at most 3650 days, but was PT0S");
    }

    @Test
    void definition_negativeWindow_isRejected() {
        assertRejected(() -> definition().window(Duration.ofDays(-7)).build(), "window",
                "feature 'n' window must be positive and at most 3650 days, but was PT-168H");
    }

    @Test
    void definition_windowOverTenYears_isRejected() {
        assertRejected(() -> definition().window(Duration.ofDays(3651)).build(), "window",
                "feature 'n' window must be positive and at most 3650 days, but was PT87624H");
    }

    @Test
    void definition_windowOfTenYears_isAccepted() {
        assertThat(definition().window(Duration.ofDays(3650)).build().window()).isEqualTo(FeatureDefinition.MAX_WINDOW);
    }

    @Test
    void definition_changeAndTrend_isRejected() {
        assertRejected(() -> definition().change(WindowChange.PERCENT).trendPeriods(4).build(), "trendPeriods",
                "feature 'n' is either a change or a trend, not both");
    }

    @Test
    void definition_changeOfDaysSinceLast_isRejected() {
        assertRejected(() -> definition().aggregate(Aggregate.DAYS_SINCE_LAST).change(WindowChange.ABSOLUTE).build(), "change",
                "feature 'n' aggregates DAYS_SINCE_LAST, which has no change or trend");
    }

    @Test
    void definition_trendOfDaysSinceLast_isRejected() {
        assertRejected(() -> definition().aggregate(Aggregate.DAYS_SINCE_LAST).trendPeriods(3).build(), "trendPeriods",
                "feature 'n' aggregates DAYS_SINCE_LAST, which has no change or trend");
    }

    @Test
    void definition_trendOfOnePeriod_isRejected() {
        assertRejected(() -> definition().trendPeriods(1).build(), "trendPeriods", "feature 'n' trendPeriods must be in [2, 52], but was 1");
    }

    @Test
    void definition_trendOfFiftyThreePeriods_isRejected() {
        assertRejected(() -> definition().trendPeriods(53).build(), "trendPeriods",
                "feature 'n' trendPeriods must be in [2, 52], but was 53");
    }

    @Test
    void definition_emptyAsZeroForMean_isRejected() {
        assertRejected(() -> definition().aggregate(Aggregate.MEAN).emptyAsZero(true).build(), "emptyAsZero",
                "feature 'n' cannot count an empty window as 0 for MEAN: only COUNT, SUM and DISTINCT have a value without signals");
    }

    @Test
    void definition_emptyAsZero_defaultsToTrueForCountSumAndDistinctOnly() {
        for (Aggregate a : Aggregate.values()) {
            boolean expected = a == Aggregate.COUNT || a == Aggregate.SUM || a == Aggregate.DISTINCT;
            assertThat(definition().aggregate(a).build().emptyAsZero()).as(a.name()).isEqualTo(expected);
        }
    }

    @Test
    void definition_ratioWithAChangeTrendOrDaysSinceLast_isRejected() {
        assertThatThrownBy(() -> definition().denominator("seats").change(WindowChange.ABSOLUTE).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'n' is a ratio, which takes no change or trend and no DAYS_SINCE_LAST, but has change ABSOLUTE");
        assertThatThrownBy(() -> definition().denominator("seats").aggregate(Aggregate.DAYS_SINCE_LAST).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("but has aggregate DAYS_SINCE_LAST");
        assertThatThrownBy(() -> definition().denominator(" ").build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("denominator must not be blank");
    }
}
