package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/**
 * Properties of {@link SuccessMetric}'s arithmetic: attainment is a linear map that sends the
 * baseline to 0 and the target to 1, honours the direction and is never clamped.
 */
class AttainmentProperties {

    /** The first day measurements may fall on; the series span about two years from here. */
    static final LocalDate SERIES_START = LocalDate.of(2025, 6, 1);

    static final int SERIES_DAYS = 730;

    /** Realistic magnitudes: counts, hours, percentages, currency amounts. */
    static final double MAX_MAGNITUDE = 1e9;

    @Property
    void attainment_isMonotoneInTheBetterDirection(@ForAll("metrics") SuccessMetric metric,
            @ForAll("values") double a, @ForAll("values") double b) {
        double better = metric.direction() == MetricDirection.HIGHER_IS_BETTER ? Math.max(a, b) : Math.min(a, b);
        double worse = better == a ? b : a;

        assertThat(metric.attainmentOf(better)).isGreaterThanOrEqualTo(metric.attainmentOf(worse));
    }

    @Property
    void attainment_isZeroAtTheBaselineAndOneAtTheTarget(@ForAll("metrics") SuccessMetric metric) {
        assertThat(metric.attainmentOf(metric.baseline())).isZero();
        assertThat(metric.attainmentOf(metric.target())).isEqualTo(1.0);
    }

    @Property
    void attainment_isNeverClampedBeyondTheTarget(@ForAll("metrics") SuccessMetric metric,
            @ForAll @DoubleRange(min = 0.001, max = 20) @Scale(6) double excess) {
        double span = metric.target() - metric.baseline();
        double beyond = metric.target() + excess * span;

        double attainment = metric.attainmentOf(beyond);

        assertThat(attainment).isGreaterThan(1.0).isCloseTo(1.0 + excess, within(1e-6 * (1.0 + excess)));
    }

    @Property
    void attainment_isNeverClampedWorseThanTheBaseline(@ForAll("metrics") SuccessMetric metric,
            @ForAll @DoubleRange(min = 0.001, max = 20) @Scale(6) double regression) {
        double span = metric.target() - metric.baseline();
        double worse = metric.baseline() - regression * span;

        double attainment = metric.attainmentOf(worse);

        assertThat(attainment).isLessThan(0.0).isCloseTo(-regression, within(1e-6 * (1.0 + regression)));
    }

    @Property
    void attainment_isLinearBetweenBaselineAndTarget(@ForAll("metrics") SuccessMetric metric,
            @ForAll @DoubleRange(min = -3, max = 3) @Scale(6) double share) {
        double value = metric.baseline() + share * (metric.target() - metric.baseline());

        assertThat(metric.attainmentOf(value)).isCloseTo(share, within(1e-6));
    }

    @Property
    void meets_agreesWithAttainmentOfAtLeastOne(@ForAll("metrics") SuccessMetric metric, @ForAll("values") double value) {
        double attainment = metric.attainmentOf(value);

        // Rounding in (value - baseline) may land a value a hair short of the target on exactly 1,
        // so the two can only disagree when the attainment is exactly 1.
        if (metric.meets(value, metric.target())) {
            assertThat(attainment).isGreaterThanOrEqualTo(1.0);
        } else {
            assertThat(attainment).isLessThanOrEqualTo(1.0);
        }
        if (attainment > 1.0) {
            assertThat(metric.meets(value, metric.target())).isTrue();
        }
        if (value == metric.target()) {
            assertThat(metric.meets(value, metric.target())).isTrue();
        }
    }

    @Property
    void meets_holdsForAValueEqualToTheThreshold(@ForAll("metrics") SuccessMetric metric, @ForAll("values") double value) {
        assertThat(metric.meets(value, value)).isTrue();
        assertThat(metric.meets(metric.target(), metric.target())).isTrue();
        assertThat(metric.meets(metric.baseline(), metric.target())).isFalse();
    }

    @Property
    void meets_agreesWithAttainmentForAnyThreshold(@ForAll("metrics") SuccessMetric metric,
            @ForAll("values") double value, @ForAll("values") double threshold) {
        boolean meets = metric.meets(value, threshold);

        if (meets) {
            assertThat(metric.attainmentOf(value)).isGreaterThanOrEqualTo(metric.attainmentOf(threshold));
        } else {
            assertThat(metric.attainmentOf(value)).isLessThanOrEqualTo(metric.attainmentOf(threshold));
        }
    }

    @Property
    void attainmentAsOf_usesTheLatestMeasurementByTheEndOfThatUtcDay(@ForAll("metrics") SuccessMetric metric,
            @ForAll @IntRange(min = -2, max = SERIES_DAYS + 2) int dayOffset) {
        LocalDate asOf = SERIES_START.plusDays(dayOffset);
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Optional<Measurement> expected = metric.measurements().stream()
                .filter(m -> m.at().isBefore(endOfDay))
                .reduce((first, second) -> second);

        Optional<Attainment> attainment = metric.attainmentAsOf(asOf);

        assertThat(metric.latestAsOf(asOf)).isEqualTo(expected);
        assertThat(attainment.map(Attainment::basis)).isEqualTo(expected);
        attainment.ifPresent(a -> {
            assertThat(a.metric()).isEqualTo(metric.id());
            assertThat(a.ratio()).isEqualTo(metric.attainmentOf(a.basis().value()));
            assertThat(a.targetReached()).isEqualTo(a.ratio() >= 1.0);
            assertThat(a.regressed()).isEqualTo(a.ratio() < 0.0);
        });
    }

    @Property
    void attainmentAsOf_isEmptyBeforeTheFirstMeasurementAndPresentFromItsDay(@ForAll("metrics") SuccessMetric metric,
            @ForAll @IntRange(min = 1, max = 400) int daysBefore) {
        if (metric.measurements().isEmpty()) {
            assertThat(metric.attainmentAsOf(SERIES_START.plusDays(SERIES_DAYS + 2))).isEmpty();
            return;
        }
        Measurement first = metric.measurements().get(0);
        LocalDate firstDay = LocalDate.ofInstant(first.at(), ZoneOffset.UTC);

        assertThat(metric.attainmentAsOf(firstDay.minusDays(daysBefore))).isEmpty();
        assertThat(metric.attainmentAsOf(firstDay)).isPresent();
    }

    @Property
    void attainment_isDeterministic(@ForAll("metrics") SuccessMetric metric, @ForAll("values") double value,
            @ForAll @IntRange(min = 0, max = SERIES_DAYS) int dayOffset) {
        SuccessMetric twin = SuccessMetric.builder().from(metric).build();
        LocalDate asOf = SERIES_START.plusDays(dayOffset);

        assertThat(twin).isEqualTo(metric);
        assertThat(Double.doubleToLongBits(twin.attainmentOf(value)))
                .isEqualTo(Double.doubleToLongBits(metric.attainmentOf(value)));
        assertThat(metric.attainmentOf(value)).isEqualTo(metric.attainmentOf(value));
        assertThat(twin.attainmentAsOf(asOf)).isEqualTo(metric.attainmentAsOf(asOf));
        assertThat(metric.attainmentAsOf(asOf)).isEqualTo(metric.attainmentAsOf(asOf));
    }

    @Provide
    Arbitrary<SuccessMetric> metrics() {
        return metricArbitrary();
    }

    @Provide
    Arbitrary<Double> values() {
        return valueArbitrary();
    }

    /** Observed values and thresholds of realistic magnitude, with a bias to round numbers. */
    static Arbitrary<Double> valueArbitrary() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(-MAX_MAGNITUDE, MAX_MAGNITUDE).ofScale(4)),
                Tuple.of(3, Arbitraries.integers().between(-200, 200).map(i -> (double) i)),
                Tuple.of(1, Arbitraries.doubles().between(-1, 1).ofScale(9)));
    }

    /**
     * Metrics whose target lies on the better side of the baseline, at least a millionth of the
     * baseline's magnitude away from it (closer, a double cannot tell values apart), with a series of measurements
     * in strictly increasing time order over {@link #SERIES_DAYS} days from {@link #SERIES_START};
     * many measurements fall exactly on midnight UTC, the edge of a day, and a quarter of the
     * measured values are exactly the baseline or the target.
     */
    static Arbitrary<SuccessMetric> metricArbitrary() {
        Arbitrary<List<Instant>> times = instantArbitrary().set().ofMaxSize(12)
                .map(set -> new ArrayList<>(new TreeSet<>(set)));
        Arbitrary<List<Double>> values = valueArbitrary().list().ofSize(12);
        Arbitrary<List<Integer>> pins = Arbitraries.integers().between(0, 7).list().ofSize(12);
        Arbitrary<String> name = Arbitraries.of("Days to close the books", "Weekly active users", "Ticket backlog",
                "Net revenue retention", "Invoice errors per 1000");
        return Combinators.combine(boundsArbitrary(), times, values, pins, name).as((bounds, ts, vs, ps, n) -> {
            SuccessMetric.Builder builder = SuccessMetric.builder()
                    .id(MetricId.of("metric-" + Math.abs(n.hashCode() % 97)))
                    .name(n)
                    .unit(bounds.direction() == MetricDirection.HIGHER_IS_BETTER ? "count" : "hours")
                    .direction(bounds.direction())
                    .baseline(bounds.baseline())
                    .target(bounds.target())
                    .measurementMethod("Product analytics, read weekly");
            for (int i = 0; i < ts.size(); i++) {
                double value = switch (ps.get(i)) {
                    case 0 -> bounds.baseline();
                    case 1 -> bounds.target();
                    default -> vs.get(i);
                };
                builder.addMeasurements(Measurement.of(ts.get(i), value));
            }
            return builder.build();
        });
    }

    /** A direction with a baseline and a target on its better side. */
    record Bounds(MetricDirection direction, double baseline, double target) {}

    static Arbitrary<Bounds> boundsArbitrary() {
        Arbitrary<MetricDirection> direction = Arbitraries.of(MetricDirection.class);
        Arbitrary<Double> span = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.doubles().between(1e-3, 1e6).ofScale(6)),
                Tuple.of(3, Arbitraries.integers().between(1, 100).map(i -> (double) i)),
                Tuple.of(1, Arbitraries.doubles().between(1e-9, 1e-3).ofScale(12)));
        return Combinators.combine(direction, valueArbitrary(), span)
                .as((d, b, s) -> new Bounds(d, b, d == MetricDirection.HIGHER_IS_BETTER ? b + s : b - s))
                .filter(x -> Math.abs(x.target() - x.baseline()) >= 1e-6 * Math.max(1.0, Math.abs(x.baseline())));
    }

    /** Instants in the series window, a third of them exactly on midnight UTC, some with nanoseconds. */
    static Arbitrary<Instant> instantArbitrary() {
        Arbitrary<Integer> day = Arbitraries.integers().between(0, SERIES_DAYS);
        Arbitrary<Long> nanoOfDay = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.just(86_399_999_999_999L)),
                Tuple.of(4, Arbitraries.longs().between(0, 86_399).map(s -> s * 1_000_000_000L)),
                Tuple.of(2, Arbitraries.longs().between(0, 86_399_999_999_999L)));
        return Combinators.combine(day, nanoOfDay).as((d, n) ->
                SERIES_START.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant().plusNanos(n));
    }
}
