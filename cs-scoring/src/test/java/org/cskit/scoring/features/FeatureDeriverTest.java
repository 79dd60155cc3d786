package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.Feature;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.junit.jupiter.api.Test;

/** Worked examples: every number below is computed by hand in the comments. */
class FeatureDeriverTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-15T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private int ids;

    private Signal signal(String name, double value, Instant at) {
        return signal("s" + (ids++), name, value, at);
    }

    private static Signal signal(String id, String name, double value, Instant at) {
        return Signal.builder().id(SignalId.of(id)).accountId(ACME).family(SignalFamily.USAGE).name(name)
                .value(value).unit("count").observedAt(at).source("test").build();
    }

    private static Instant daysBefore(double days) {
        return AS_OF.minusSeconds((long) (days * 86_400));
    }

    private static Features derive(List<Signal> signals, FeatureDefinition... definitions) {
        return FeatureDeriver.of(List.of(definitions)).derive(ACME, signals, AS_OF);
    }

    private static FeatureDefinition.Builder weekly(String name, Aggregate aggregate) {
        return FeatureDefinition.builder().name(name).signal("usage").aggregate(aggregate).window(WEEK);
    }

    private static Feature feature(Features f, String name) {
        return f.get(name).orElseThrow();
    }

    @Test
    void derive_eachAggregateOverAWeek() {
        // in the week: 3 at day 1, 5 at day 2, 1 at day 6; outside: 100 at day 8.
        // count 3, sum 9, mean 9 / 3 = 3, min 1, max 5, last (day 1) 3, days since last 1.
        List<Signal> s = List.of(signal("usage", 3, daysBefore(1)), signal("usage", 5, daysBefore(2)),
                signal("usage", 1, daysBefore(6)), signal("usage", 100, daysBefore(8)));
        Features f = derive(s,
                FeatureDefinition.of("count", "usage", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("sum", "usage", Aggregate.SUM, WEEK),
                FeatureDefinition.of("mean", "usage", Aggregate.MEAN, WEEK),
                FeatureDefinition.of("min", "usage", Aggregate.MIN, WEEK),
                FeatureDefinition.of("max", "usage", Aggregate.MAX, WEEK),
                FeatureDefinition.of("last", "usage", Aggregate.LAST, WEEK),
                FeatureDefinition.of("since", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)));

        assertThat(f.value("count")).hasValue(3.0);
        assertThat(f.value("sum")).hasValue(9.0);
        assertThat(f.value("mean")).hasValue(3.0);
        assertThat(f.value("min")).hasValue(1.0);
        assertThat(f.value("max")).hasValue(5.0);
        assertThat(f.value("last")).hasValue(3.0);
        assertThat(f.value("since")).hasValue(1.0);
        for (String name : List.of("count", "sum", "mean", "min", "max", "last")) {
            assertThat(feature(f, name).observations()).as(name).isEqualTo(3);
        }
        assertThat(feature(f, "since").observations()).isEqualTo(1);
    }

    @Test
    void derive_signalAtAsOf_isCounted() {
        Features f = derive(List.of(signal("usage", 4, AS_OF)), FeatureDefinition.of("n", "usage", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("last", "usage", Aggregate.LAST, WEEK));

        assertThat(f.value("n")).hasValue(1.0);
        assertThat(f.value("last")).hasValue(4.0);
    }

    @Test
    void derive_signalExactlyAWindowBeforeAsOf_isNotCounted() {
        Features f = derive(List.of(signal("usage", 4, AS_OF.minus(WEEK))),
                FeatureDefinition.of("n", "usage", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("last", "usage", Aggregate.LAST, WEEK));

        assertThat(f.value("n")).hasValue(0.0);
        assertThat(f.value("last")).isEmpty();
    }

    @Test
    void derive_signalANanosecondInsideTheWindowStart_isCounted() {
        Features f = derive(List.of(signal("usage", 4, AS_OF.minus(WEEK).plusNanos(1))),
                FeatureDefinition.of("n", "usage", Aggregate.COUNT, WEEK));

        assertThat(f.value("n")).hasValue(1.0);
    }

    @Test
    void derive_signalAtTheBoundaryBetweenWindows_countsInTheWindowBefore() {
        // the one signal at asOf - 7d ends the window before: this week 0, the week before 1, change -1.
        Features f = derive(List.of(signal("usage", 1, AS_OF.minus(WEEK))),
                weekly("abs", Aggregate.COUNT).change(WindowChange.ABSOLUTE).build());

        assertThat(f.value("abs")).hasValue(-1.0);
    }

    @Test
    void derive_emptyWindow_isZeroForCountAndSumAndMissingForTheRest() {
        Features f = derive(List.of(signal("usage", 4, daysBefore(20))),
                FeatureDefinition.of("count", "usage", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("sum", "usage", Aggregate.SUM, WEEK),
                FeatureDefinition.of("mean", "usage", Aggregate.MEAN, WEEK),
                FeatureDefinition.of("min", "usage", Aggregate.MIN, WEEK),
                FeatureDefinition.of("max", "usage", Aggregate.MAX, WEEK),
                FeatureDefinition.of("last", "usage", Aggregate.LAST, WEEK),
                FeatureDefinition.of("since", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(10)));

        assertThat(feature(f, "count")).isEqualTo(new Feature("count", 0, 0));
        assertThat(feature(f, "sum")).isEqualTo(new Feature("sum", 0, 0));
        for (String name : List.of("mean", "min", "max", "last", "since")) {
            assertThat(f.value(name)).as(name).isEmpty();
        }
    }

    @Test
    void derive_emptyWindowWithEmptyAsZeroOff_isMissingEvenForCount() {
        Features f = derive(List.of(), weekly("count", Aggregate.COUNT).emptyAsZero(false).build(),
                weekly("sum", Aggregate.SUM).emptyAsZero(false).build());

        assertThat(f.value("count")).isEmpty();
        assertThat(f.value("sum")).isEmpty();
        assertThat(f.observationsAt(0)).isZero();
    }

    @Test
    void derive_absoluteAndPercentChange_compareWithTheWeekBefore() {
        // this week 2 logins (days 1, 3), the week before 4 (days 8, 9, 10, 13): absolute 2 - 4 = -2,
        // percent 100 * (2 - 4) / 4 = -50; each rests on min(2, 4) = 2 observations.
        List<Signal> s = List.of(signal("usage", 1, daysBefore(1)), signal("usage", 1, daysBefore(3)),
                signal("usage", 1, daysBefore(8)), signal("usage", 1, daysBefore(9)), signal("usage", 1, daysBefore(10)),
                signal("usage", 1, daysBefore(13)));
        Features f = derive(s, weekly("abs", Aggregate.COUNT).change(WindowChange.ABSOLUTE).build(),
                weekly("pct", Aggregate.COUNT).change(WindowChange.PERCENT).build());

        assertThat(feature(f, "abs")).isEqualTo(new Feature("abs", -2, 2));
        assertThat(feature(f, "pct")).isEqualTo(new Feature("pct", -50, 2));
    }

    @Test
    void derive_percentChangeOfANegativeBase_isRelativeToItsSize() {
        // MEAN nps this week 10, the week before -20: 100 * (10 - (-20)) / |-20| = 150.
        List<Signal> s = List.of(nps(10, daysBefore(2)), nps(-20, daysBefore(9)));
        Features f = FeatureDeriver.of(List.of(FeatureDefinition.builder().name("pct").signal("nps").aggregate(Aggregate.MEAN)
                .window(WEEK).change(WindowChange.PERCENT).build())).derive(ACME, s, AS_OF);

        assertThat(f.value("pct")).hasValue(150.0);
    }

    private Signal nps(double value, Instant at) {
        return Signal.builder().id(SignalId.of("n" + (ids++))).accountId(ACME).family(SignalFamily.SENTIMENT).name("nps")
                .value(value).unit("score").observedAt(at).source("survey").build();
    }

    @Test
    void derive_percentChangeAgainstZero_isMissingNotInfinite() {
        // this week 1, the week before 0: absolute +1 (resting on min(1, 0) = 0 observations), percent missing.
        Features f = derive(List.of(signal("usage", 1, daysBefore(1))),
                weekly("abs", Aggregate.COUNT).change(WindowChange.ABSOLUTE).build(),
                weekly("pct", Aggregate.COUNT).change(WindowChange.PERCENT).build(),
                weekly("flat", Aggregate.SUM).change(WindowChange.PERCENT).signal("nothing").build());

        assertThat(feature(f, "abs")).isEqualTo(new Feature("abs", 1, 0));
        assertThat(f.value("pct")).isEmpty();
        assertThat(f.value("flat")).isEmpty(); // 0 against 0
    }

    @Test
    void derive_changeWithAMissingWindow_isMissing() {
        // MEAN of an empty week before is missing, so is the change.
        Features f = derive(List.of(signal("usage", 5, daysBefore(1))), weekly("abs", Aggregate.MEAN).change(WindowChange.ABSOLUTE).build());

        assertThat(f.value("abs")).isEmpty();
    }

    @Test
    void derive_trendOfASeriesRisingByTwoAWeek_isTwo() {
        // weekly sums over 4 weeks, oldest first: 2, 4, 6, 8 (the last week as 5 + 3): x = 0..3,
        // slope = (4 * 40 - 6 * 20) / (4 * 14 - 36) = 40 / 20 = 2; it rests on all 5 signals.
        List<Signal> s = List.of(signal("usage", 2, daysBefore(24)), signal("usage", 4, daysBefore(17)),
                signal("usage", 6, daysBefore(10)), signal("usage", 5, daysBefore(3)), signal("usage", 3, daysBefore(1)));
        Features f = derive(s, weekly("trend", Aggregate.SUM).trendPeriods(4).build());

        assertThat(f.value("trend").orElseThrow()).isCloseTo(2.0, within(1e-12));
        assertThat(feature(f, "trend").observations()).isEqualTo(5);
    }

    @Test
    void derive_trendOfAFallingSeries_isNegative() {
        // weekly counts, oldest first: 3, 2, 1, 0: slope -1.
        List<Signal> s = new ArrayList<>();
        for (int week = 3; week >= 1; week--) {
            for (int n = 0; n < week; n++) {
                s.add(signal("usage", 1, daysBefore(7 * week + 1 + n * 0.1)));
            }
        }
        Features f = derive(s, weekly("trend", Aggregate.COUNT).trendPeriods(4).build());

        assertThat(f.value("trend").orElseThrow()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void derive_trendSkipsPeriodsWithoutAValue() {
        // weekly means, oldest first: 10, (none), 14, 16 at x = 0, 2, 3: n 3, sx 5, sy 40, sxx 13, sxy 76,
        // slope = (3 * 76 - 5 * 40) / (3 * 13 - 25) = 28 / 14 = 2.
        List<Signal> s = List.of(signal("usage", 10, daysBefore(24)), signal("usage", 14, daysBefore(10)),
                signal("usage", 16, daysBefore(3)));
        Features f = derive(s, weekly("trend", Aggregate.MEAN).trendPeriods(4).build());

        assertThat(f.value("trend").orElseThrow()).isCloseTo(2.0, within(1e-12));
        assertThat(feature(f, "trend").observations()).isEqualTo(3);
    }

    @Test
    void derive_trendWithOnePeriodOfData_isMissing() {
        Features f = derive(List.of(signal("usage", 10, daysBefore(3))), weekly("trend", Aggregate.MEAN).trendPeriods(4).build());

        assertThat(f.value("trend")).isEmpty();
    }

    @Test
    void derive_daysSinceLast_isInFractionalDays() {
        // the latest of two signals is 2.5 days old.
        Features f = derive(List.of(signal("usage", 1, daysBefore(2.5)), signal("usage", 1, daysBefore(4))),
                FeatureDefinition.of("since", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)),
                FeatureDefinition.of("never", "nps", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)));

        assertThat(feature(f, "since")).isEqualTo(new Feature("since", 2.5, 1));
        assertThat(f.value("never")).isEmpty();
    }

    @Test
    void derive_daysSinceLast_looksBackOverItsWindowOnly() {
        Features f = derive(List.of(signal("usage", 1, daysBefore(30))),
                FeatureDefinition.of("since30", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)),
                FeatureDefinition.of("since31", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(31)));

        assertThat(f.value("since30")).isEmpty();
        assertThat(f.value("since31")).hasValue(30.0);
    }

    @Test
    void derive_daysSinceASignalAtAsOf_isZero() {
        Features f = derive(List.of(signal("usage", 1, AS_OF)), FeatureDefinition.of("since", "usage", Aggregate.DAYS_SINCE_LAST, WEEK));

        assertThat(f.value("since")).hasValue(0.0);
    }

    @Test
    void derive_lastOfSignalsAtTheSameInstant_isTheOneWithTheGreatestId() {
        Instant at = daysBefore(1);
        FeatureDefinition last = FeatureDefinition.of("last", "usage", Aggregate.LAST, WEEK);

        assertThat(derive(List.of(signal("b", "usage", 2, at), signal("a", "usage", 7, at)), last).value("last")).hasValue(2.0);
        assertThat(derive(List.of(signal("a", "usage", 7, at), signal("b", "usage", 2, at)), last).value("last")).hasValue(2.0);
    }

    @Test
    void derive_meanOfEqualValues_isExactlyThatValue() {
        // 0.1 + 0.1 + 0.1 = 0.30000000000000004 and / 3 gives 0.10000000000000002 > max: the mean stays in [min, max].
        Features f = derive(List.of(signal("usage", 0.1, daysBefore(1)), signal("usage", 0.1, daysBefore(2)),
                signal("usage", 0.1, daysBefore(3))), FeatureDefinition.of("mean", "usage", Aggregate.MEAN, WEEK));

        assertThat(f.value("mean")).hasValue(0.1);
    }

    @Test
    void derive_signalsNoDefinitionReads_areIgnoredButStillChecked() {
        FeatureDefinition count = FeatureDefinition.of("n", "usage", Aggregate.COUNT, WEEK);

        assertThat(derive(List.of(signal("usage", 1, daysBefore(1)), signal("tickets", 1, daysBefore(1))), count).value("n"))
                .hasValue(1.0);
    }

    @Test
    void derive_severalDefinitionsOfOneSignal_shareItsSignals() {
        List<Signal> s = List.of(signal("usage", 1, daysBefore(1)), signal("usage", 2, daysBefore(10)), signal("other", 9, daysBefore(1)));
        Features f = derive(s, FeatureDefinition.of("week", "usage", Aggregate.SUM, WEEK),
                FeatureDefinition.of("fortnight", "usage", Aggregate.SUM, Duration.ofDays(14)),
                FeatureDefinition.of("other", "other", Aggregate.SUM, WEEK));

        assertThat(f.value("week")).hasValue(1.0);
        assertThat(f.value("fortnight")).hasValue(3.0);
        assertThat(f.value("other")).hasValue(9.0);
    }

    @Test
    void schema_isTheDefinitionsNamesInOrder() {
        FeatureDeriver deriver = FeatureDeriver.of(List.of(FeatureDefinition.of("b", "x", Aggregate.SUM, WEEK),
                FeatureDefinition.of("a", "x", Aggregate.SUM, WEEK)));

        assertThat(deriver.schema().names()).containsExactly("b", "a");
        assertThat(deriver.definitions()).extracting(FeatureDefinition::name).containsExactly("b", "a");
    }

    @Test
    void derive_intoABuilder_leavesItsOtherFeaturesAlone() {
        FeatureDeriver deriver = FeatureDeriver.of(List.of(FeatureDefinition.of("n", "usage", Aggregate.COUNT, WEEK)));
        Features.Builder into = Features.builder(org.cskit.model.FeatureSchema.of("other", "n")).set("other", 42, 3);

        deriver.derive(ACME, List.of(signal("usage", 1, daysBefore(1))), AS_OF, into);

        Features f = into.build();
        assertThat(feature(f, "other")).isEqualTo(new Feature("other", 42, 3));
        assertThat(feature(f, "n")).isEqualTo(new Feature("n", 1, 1));
    }

    @Test
    void derive_distinct_countsDifferentValuesInTheWindow() {
        // workflows used in the week: 7, 3, 7, 0, -0 (one value); outside: 9. Distinct: 7, 3, 0 = 3.
        List<Signal> s = List.of(signal("usage", 7, daysBefore(1)), signal("usage", 3, daysBefore(2)),
                signal("usage", 7, daysBefore(3)), signal("usage", 0.0, daysBefore(4)), signal("usage", -0.0, daysBefore(5)),
                signal("usage", 9, daysBefore(9)));
        Features f = derive(s, weekly("breadth", Aggregate.DISTINCT).build(),
                weekly("breadth_empty", Aggregate.DISTINCT).signal("none").build());

        assertThat(feature(f, "breadth").value()).isEqualTo(3.0);
        assertThat(feature(f, "breadth").observations()).isEqualTo(5);
        assertThat(feature(f, "breadth_empty").value()).as("an empty window has 0 distinct values").isEqualTo(0.0);
    }

    @Test
    void derive_ratio_dividesTheTwoSignalsAggregates_andIsMissingAgainstZeroOrNothing() {
        // active seats last 30 (day 1), purchased seats last 40 (day 3): utilisation 0.75, resting on 1 and 2 signals.
        List<Signal> s = List.of(signal("usage", 20, daysBefore(2)), signal("usage", 30, daysBefore(1)),
                signal("seats", 40, daysBefore(3)), signal("free", 0, daysBefore(1)));
        Features f = derive(s, weekly("utilisation", Aggregate.LAST).denominator("seats").build(),
                weekly("against_zero", Aggregate.LAST).denominator("free").build(),
                weekly("against_nothing", Aggregate.LAST).denominator("absent").build(),
                weekly("sum_against_empty_sum", Aggregate.SUM).denominator("absent").build());

        assertThat(feature(f, "utilisation").value()).isEqualTo(0.75);
        assertThat(feature(f, "utilisation").observations()).isEqualTo(1);
        assertThat(f.get("against_zero")).as("denominator 0").isEmpty();
        assertThat(f.get("against_nothing")).as("denominator missing").isEmpty();
        assertThat(f.get("sum_against_empty_sum")).as("an empty SUM is 0, so the ratio is missing").isEmpty();
    }
}
