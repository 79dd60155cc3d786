package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;

/**
 * Generated signal histories of one account (0-40 signals of one name over 60 days, on a 6-hour grid
 * so that several share an instant, values with two decimals) against a fixed set of definitions
 * that covers every aggregate, both changes and a trend.
 */
class FeatureDeriverProperties {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-15T00:00:00Z");
    private static final Duration[] WINDOWS = {Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(14)};
    /** The longest any definition below looks back: 4 trend periods of 14 days; DAYS_SINCE_LAST 30 days. */
    private static final Duration LONGEST = Duration.ofDays(56);
    private static final FeatureDeriver DERIVER = FeatureDeriver.of(definitions());

    private static List<FeatureDefinition> definitions() {
        List<FeatureDefinition> defs = new ArrayList<>();
        for (Duration w : WINDOWS) {
            String suffix = "_" + w;
            for (Aggregate a : Aggregate.values()) {
                if (a != Aggregate.DAYS_SINCE_LAST) {
                    defs.add(FeatureDefinition.of(a + suffix, "usage", a, w));
                    defs.add(FeatureDefinition.builder().name(a + suffix + "_abs").signal("usage").aggregate(a).window(w)
                            .change(WindowChange.ABSOLUTE).build());
                    defs.add(FeatureDefinition.builder().name(a + suffix + "_pct").signal("usage").aggregate(a).window(w)
                            .change(WindowChange.PERCENT).build());
                }
            }
        }
        for (Aggregate a : Aggregate.values()) {
            if (a != Aggregate.DAYS_SINCE_LAST) {
                defs.add(FeatureDefinition.builder().name(a + "_trend").signal("usage").aggregate(a).window(Duration.ofDays(14))
                        .trendPeriods(4).build());
            }
        }
        defs.add(FeatureDefinition.of("since", "usage", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30)));
        return defs;
    }

    private static Signal signal(int id, String name, double value, Instant at) {
        return Signal.builder().id(SignalId.of("s" + id)).accountId(ACME).family(SignalFamily.USAGE).name(name)
                .value(value).unit("count").observedAt(at).source("test").build();
    }

    @Provide
    Arbitrary<List<Signal>> histories() {
        Arbitrary<double[]> point = Combinators.combine(
                        Arbitraries.doubles().between(0, 1000).ofScale(2),
                        Arbitraries.integers().between(0, 60 * 4))
                .as((value, slot) -> new double[] {value, slot});
        return point.list().ofMaxSize(40).map(points -> {
            List<Signal> signals = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                double[] p = points.get(i);
                signals.add(signal(i, "usage", p[0], AS_OF.minus(Duration.ofHours(6).multipliedBy((long) p[1]))));
            }
            return signals;
        });
    }

    @Property
    void derive_anyOrderOfSignals_givesTheSameFeatures(@ForAll("histories") List<Signal> signals, @ForAll Random random) {
        List<Signal> shuffled = new ArrayList<>(signals);
        Collections.shuffle(shuffled, random);

        assertThat(DERIVER.derive(ACME, shuffled, AS_OF)).isEqualTo(DERIVER.derive(ACME, signals, AS_OF));
    }

    @Property
    void derive_sameInput_givesTheSameFeatures(@ForAll("histories") List<Signal> signals) {
        assertThat(DERIVER.derive(ACME, signals, AS_OF)).isEqualTo(DERIVER.derive(ACME, List.copyOf(signals), AS_OF));
    }

    @Property
    void derive_count_isTheNumberOfSignalsInTheWindow(@ForAll("histories") List<Signal> signals) {
        Features f = DERIVER.derive(ACME, signals, AS_OF);

        for (Duration w : WINDOWS) {
            long inWindow = signals.stream().filter(s -> s.observedAt().isAfter(AS_OF.minus(w))).count();
            assertThat(f.value("COUNT_" + w)).hasValue(inWindow);
            assertThat(f.get("COUNT_" + w).orElseThrow().observations()).isEqualTo((int) inWindow);
        }
    }

    @Property
    void derive_signalOutsideEveryWindow_changesNothing(@ForAll("histories") List<Signal> signals,
            @ForAll("ages") Duration olderThanAll, @ForAll boolean otherName) {
        List<Signal> more = new ArrayList<>(signals);
        more.add(signals.size() / 2, otherName
                ? signal(999, "tickets", 5, AS_OF.minus(Duration.ofHours(1)))
                : signal(999, "usage", 5, AS_OF.minus(LONGEST).minus(olderThanAll)));

        assertThat(DERIVER.derive(ACME, more, AS_OF)).isEqualTo(DERIVER.derive(ACME, signals, AS_OF));
    }

    @Provide
    Arbitrary<Duration> ages() {
        return Arbitraries.longs().between(0, 10L * 365 * 86_400).map(Duration::ofSeconds);
    }

    @Property
    void derive_mean_liesWithinMinAndMax(@ForAll("histories") List<Signal> signals) {
        Features f = DERIVER.derive(ACME, signals, AS_OF);

        for (Duration w : WINDOWS) {
            if (f.value("MEAN_" + w).isPresent()) {
                double mean = f.value("MEAN_" + w).getAsDouble();
                assertThat(mean).isBetween(f.value("MIN_" + w).getAsDouble(), f.value("MAX_" + w).getAsDouble());
            } else {
                assertThat(f.value("MIN_" + w)).isEmpty();
                assertThat(f.value("MAX_" + w)).isEmpty();
            }
        }
    }

    @Property
    void derive_mean_ofEqualValues_isThatValue(@ForAll("histories") List<Signal> signals,
            @ForAll("values") double value) {
        List<Signal> same = signals.stream().map(s -> Signal.builder().from(s).value(value).build()).toList();
        Features f = DERIVER.derive(ACME, same, AS_OF);

        for (Duration w : WINDOWS) {
            f.value("MEAN_" + w).ifPresent(mean -> assertThat(mean).isEqualTo(value));
        }
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.doubles().between(0, 1000).ofScale(2);
    }
}
