package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

class FeatureDeriverTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-15T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static int ids;

    private static Signal signal(String name, double value, Instant at) {
        return Signal.builder().id(SignalId.of("s" + (ids++))).accountId(ACME).family(SignalFamily.USAGE).name(name)
                .value(value).unit("count").observedAt(at).source("test").build();
    }

    private static Instant daysBefore(double days) {
        return AS_OF.minusSeconds((long) (days * 86_400));
    }

    private static Features derive(List<Signal> signals, FeatureDefinition... definitions) {
        return FeatureDeriver.of(List.of(definitions)).derive(ACME, signals, AS_OF);
    }

    @Test
    void derive_eachAggregateOverAWeek() {
        // in the week: 3 at day 1, 5 at day 2, 1 at day 6; outside: 100 at day 8.
        List<Signal> s = List.of(signal("tickets", 3, daysBefore(1)), signal("tickets", 5, daysBefore(2)),
                signal("tickets", 1, daysBefore(6)), signal("tickets", 100, daysBefore(8)));
        Features f = derive(s,
                FeatureDefinition.of("count", "tickets", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("sum", "tickets", Aggregate.SUM, WEEK),
                FeatureDefinition.of("mean", "tickets", Aggregate.MEAN, WEEK),
                FeatureDefinition.of("min", "tickets", Aggregate.MIN, WEEK),
                FeatureDefinition.of("max", "tickets", Aggregate.MAX, WEEK),
                FeatureDefinition.of("last", "tickets", Aggregate.LAST, WEEK),
                FeatureDefinition.of("since", "tickets", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)));

        assertThat(f.value("count")).hasValue(3.0);
        assertThat(f.value("sum")).hasValue(9.0);
        assertThat(f.value("mean")).hasValue(3.0);
        assertThat(f.value("min")).hasValue(1.0);
        assertThat(f.value("max")).hasValue(5.0);
        assertThat(f.value("last")).hasValue(3.0);
        assertThat(f.value("since")).hasValue(1.0);
        assertThat(f.get("count").orElseThrow().observations()).isEqualTo(3);
        assertThat(f.get("since").orElseThrow().observations()).isEqualTo(1);
    }

    @Test
    void derive_windowEdges_includeTheAsOfTimeAndExcludeTheStart() {
        List<Signal> s = List.of(signal("login", 1, AS_OF), signal("login", 1, daysBefore(7)));

        assertThat(derive(s, FeatureDefinition.of("n", "login", Aggregate.COUNT, WEEK)).value("n")).hasValue(1.0);
    }

    @Test
    void derive_emptyWindow_isZeroForCountsAndMissingForTheRest() {
        Features f = derive(List.of(signal("login", 4, daysBefore(20))),
                FeatureDefinition.of("count", "login", Aggregate.COUNT, WEEK),
                FeatureDefinition.of("mean", "login", Aggregate.MEAN, WEEK),
                FeatureDefinition.builder().name("strict").signal("login").aggregate(Aggregate.COUNT).window(WEEK).emptyAsZero(false).build());

        assertThat(f.get("count").orElseThrow().value()).isZero();
        assertThat(f.get("count").orElseThrow().observations()).isZero();
        assertThat(f.value("mean")).isEmpty();
        assertThat(f.value("strict")).isEmpty();
    }

    @Test
    void derive_change_comparesWithTheWindowBefore() {
        // this week 2 logins, the week before 4: absolute -2, percent -50.
        List<Signal> s = List.of(signal("login", 1, daysBefore(1)), signal("login", 1, daysBefore(3)),
                signal("login", 1, daysBefore(8)), signal("login", 1, daysBefore(9)), signal("login", 1, daysBefore(10)),
                signal("login", 1, daysBefore(13)));
        Features f = derive(s,
                FeatureDefinition.builder().name("abs").signal("login").aggregate(Aggregate.COUNT).window(WEEK).change(Change.ABSOLUTE).build(),
                FeatureDefinition.builder().name("pct").signal("login").aggregate(Aggregate.COUNT).window(WEEK).change(Change.PERCENT).build());

        assertThat(f.value("abs")).hasValue(-2.0);
        assertThat(f.value("pct")).hasValue(-50.0);
        assertThat(f.get("pct").orElseThrow().observations()).isEqualTo(2);
    }

    @Test
    void derive_percentChangeAgainstZero_isMissingNotInfinite() {
        Features f = derive(List.of(signal("login", 1, daysBefore(1))),
                FeatureDefinition.builder().name("pct").signal("login").aggregate(Aggregate.COUNT).window(WEEK).change(Change.PERCENT).build());

        assertThat(f.value("pct")).isEmpty();
    }

    @Test
    void derive_trend_isTheSlopePerWindow() {
        // weekly sums 8, 6, 4, 2 from the oldest of four weeks to this week: -2 per week.
        List<Signal> s = new ArrayList<>();
        double[] weekly = {2, 4, 6, 8}; // this week first
        for (int k = 0; k < 4; k++) {
            s.add(signal("usage", weekly[k], daysBefore(7 * k + 3)));
        }
        Features f = derive(s, FeatureDefinition.builder().name("trend").signal("usage").aggregate(Aggregate.SUM).window(WEEK)
                .trendPeriods(4).build());

        assertThat(f.value("trend").orElseThrow()).isCloseTo(-2.0, within(1e-12));
        assertThat(f.get("trend").orElseThrow().observations()).isEqualTo(4);
    }

    @Test
    void derive_daysSinceLast_isFractionalAndMissingWithoutSignals() {
        Features f = derive(List.of(signal("login", 1, daysBefore(2.5))),
                FeatureDefinition.of("since", "login", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)),
                FeatureDefinition.of("never", "nps", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)));

        assertThat(f.value("since")).hasValue(2.5);
        assertThat(f.value("never")).isEmpty();
    }

    @Test
    void derive_orderOfSignals_doesNotMatter() {
        List<Signal> s = new ArrayList<>(List.of(signal("login", 3, daysBefore(1)), signal("login", 7, daysBefore(2)),
                signal("login", 2, daysBefore(12))));
        FeatureDefinition[] defs = {FeatureDefinition.of("last", "login", Aggregate.LAST, WEEK),
                FeatureDefinition.builder().name("pct").signal("login").aggregate(Aggregate.SUM).window(WEEK).change(Change.PERCENT).build()};
        Features forward = derive(s, defs);
        java.util.Collections.reverse(s);

        assertThat(derive(s, defs)).isEqualTo(forward);
        assertThat(forward.value("last")).hasValue(3.0);
        assertThat(forward.value("pct")).hasValue(400.0);
    }

    @Test
    void derive_signalFromTheFuture_isRejected() {
        Signal future = signal("login", 1, AS_OF.plusSeconds(1));

        assertThatThrownBy(() -> derive(List.of(future), FeatureDefinition.of("n", "login", Aggregate.COUNT, WEEK)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("signals[0].observedAt");
                    assertThat(e.getMessage()).isEqualTo("signals[0] 'login' observed at 2026-05-15T00:00:01Z is after the as-of time 2026-05-15T00:00:00Z");
                });
    }

    @Test
    void derive_duplicateSignalId_isRejected() {
        Signal a = signal("login", 1, daysBefore(1));
        Signal b = Signal.builder().from(a).observedAt(daysBefore(2)).build();

        assertThatThrownBy(() -> derive(List.of(a, b), FeatureDefinition.of("n", "login", Aggregate.COUNT, WEEK)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signals[1] repeats signal id '" + a.id() + "'");
    }

    @Test
    void derive_signalOfAnotherAccount_isRejected() {
        Signal other = Signal.builder().from(signal("login", 1, daysBefore(1))).accountId(AccountId.of("globex")).build();

        assertThatThrownBy(() -> derive(List.of(other), FeatureDefinition.of("n", "login", Aggregate.COUNT, WEEK)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signals[0] 'login' is of account 'globex', not of account 'acme'");
    }

    @Test
    void of_duplicateFeatureName_isRejected() {
        assertThatThrownBy(() -> FeatureDeriver.of(List.of(FeatureDefinition.of("n", "a", Aggregate.COUNT, WEEK),
                        FeatureDefinition.of("n", "b", Aggregate.COUNT, WEEK))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("duplicate feature name 'n' in the definitions");
    }

    @Test
    void definition_rules_nameTheFieldAndValue() {
        assertThatThrownBy(() -> FeatureDefinition.of("n", "a", Aggregate.COUNT, Duration.ZERO))
                .hasMessage("feature 'n' window must be positive and at most 3650 days, but was PT0S");
        assertThatThrownBy(() -> FeatureDefinition.builder().name("n").signal("a").aggregate(Aggregate.SUM).window(WEEK)
                        .change(Change.PERCENT).trendPeriods(4).build())
                .hasMessage("feature 'n' is either a change or a trend, not both");
        assertThatThrownBy(() -> FeatureDefinition.builder().name("n").signal("a").aggregate(Aggregate.DAYS_SINCE_LAST).window(WEEK)
                        .change(Change.ABSOLUTE).build())
                .hasMessage("feature 'n' aggregates DAYS_SINCE_LAST, which has no change or trend");
        assertThatThrownBy(() -> FeatureDefinition.builder().name("n").signal("a").aggregate(Aggregate.SUM).window(WEEK).trendPeriods(1).build())
                .hasMessage("feature 'n' trendPeriods must be in [2, 52], but was 1");
        assertThatThrownBy(() -> FeatureDefinition.builder().name("n").signal("a").aggregate(Aggregate.MEAN).window(WEEK).emptyAsZero(true).build())
                .hasMessage("feature 'n' cannot count an empty window as 0 for MEAN: only COUNT and SUM have a value without signals");
    }

    @Test
    void json_definitions_loadAndBadOnesNameThePath() {
        String json = """
                [ {"name": "logins_14d", "signal": "login", "aggregate": "COUNT", "window": "P14D"},
                  {"name": "logins_trend", "signal": "login", "aggregate": "COUNT", "window": "P7D", "trendPeriods": 4} ]""";
        List<FeatureDefinition> defs = CsJson.create().readList(json, FeatureDefinition.class);

        assertThat(defs).containsExactly(FeatureDefinition.of("logins_14d", "login", Aggregate.COUNT, Duration.ofDays(14)),
                FeatureDefinition.builder().name("logins_trend").signal("login").aggregate(Aggregate.COUNT).window(WEEK).trendPeriods(4).build());
        assertThatThrownBy(() -> CsJson.create().readList(json.replace("\"P7D\"", "\"-P7D\""), FeatureDefinition.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("$[1].window: feature 'logins_trend' window must be positive and at most 3650 days, but was PT-168H"));
    }
}
