package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.cskit.model.json.CsJson;

/** Whatever {@link CsJson} writes, it reads back to an equal value. */
class JsonRoundTripProperties {

    private static final CsJson JSON = CsJson.create();

    @Property(tries = 300)
    void json_roundTripsRealisticMetrics(@ForAll("realisticMetrics") SuccessMetric metric) {
        assertRoundTrip(metric, SuccessMetric.class);
    }

    @Property(tries = 300)
    void json_roundTripsMetricsWithAnyFiniteDoublesAndInstants(@ForAll("extremeMetrics") SuccessMetric metric) {
        SuccessMetric back = assertRoundTrip(metric, SuccessMetric.class);

        // equals compares doubles by their bits, but say it outright: -0.0 and subnormals survive.
        assertThat(Double.doubleToRawLongBits(back.baseline())).isEqualTo(Double.doubleToRawLongBits(metric.baseline()));
        assertThat(Double.doubleToRawLongBits(back.target())).isEqualTo(Double.doubleToRawLongBits(metric.target()));
    }

    @Property(tries = 100)
    void json_roundTripsGeneratedPlans(@ForAll("plans") SuccessPlan plan) {
        assertRoundTrip(plan, SuccessPlan.class);
    }

    @Property(tries = 500)
    void json_roundTripsMoneyOfAnyScale(@ForAll("money") Money money) {
        Money back = assertRoundTrip(money, Money.class);

        assertThat(back.hashCode()).isEqualTo(money.hashCode());
        assertThat(back.compareTo(money)).isZero();
    }

    @Property(tries = 500)
    void money_equalsAndHashCodeIgnoreTheScale(@ForAll("money") Money money, @ForAll @IntRange(min = 0, max = 20) int more) {
        Money rescaled = new Money(money.amount().setScale(money.amount().scale() + more), money.currency());
        Money stripped = new Money(money.amount().stripTrailingZeros(), money.currency());

        assertThat(rescaled).isEqualTo(money).hasSameHashCodeAs(money);
        assertThat(stripped).isEqualTo(money).hasSameHashCodeAs(money);
    }

    private static <T> T assertRoundTrip(T value, Class<T> type) {
        String json = JSON.write(value);
        T back = JSON.read(json, type);
        assertThat(back).as(json).isEqualTo(value);
        assertThat(JSON.write(back)).as("written again").isEqualTo(json);
        return back;
    }

    @Provide
    Arbitrary<SuccessMetric> realisticMetrics() {
        return AttainmentProperties.metricArbitrary();
    }

    @Provide
    Arbitrary<SuccessMetric> extremeMetrics() {
        Arbitrary<Double> anyFinite = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite)),
                Tuple.of(1, Arbitraries.of(-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                        Double.MAX_VALUE, -Double.MAX_VALUE, 0.1, 1.0 / 3, 1e-310, 123456789.123456789)));
        Arbitrary<Instant> anyInstant = Combinators.combine(
                        Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        Arbitrary<List<Measurement>> series = Combinators.combine(anyInstant, anyFinite).as(Measurement::of)
                .list().ofMaxSize(6)
                .map(ms -> {
                    TreeSet<Measurement> byTime = new TreeSet<>(Comparator.comparing(Measurement::at));
                    byTime.addAll(ms);
                    return new ArrayList<>(byTime);
                });
        return Combinators.combine(Arbitraries.of(MetricDirection.class), anyFinite, anyFinite, series)
                .filter((d, a, b, s) -> a.doubleValue() != b.doubleValue() && Double.isFinite(b - a))
                .as((d, a, b, s) -> {
                    boolean higher = d == MetricDirection.HIGHER_IS_BETTER;
                    double baseline = higher ? Math.min(a, b) : Math.max(a, b);
                    double target = higher ? Math.max(a, b) : Math.min(a, b);
                    return SuccessMetric.builder()
                            .id(MetricId.of("m \"quoted\" \u00e9\u00e8 \u2603"))
                            .name("Line one\nline two, tab\there")
                            .unit("\u20ac / h")
                            .direction(d)
                            .baseline(baseline)
                            .target(target)
                            .measurementMethod("SELECT avg(x) FROM \"t\" -- \\ backslash")
                            .measurements(s)
                            .build();
                });
    }

    @Provide
    Arbitrary<SuccessPlan> plans() {
        Arbitrary<SuccessMetric> supporting = AttainmentProperties.metricArbitrary().injectNull(0.3);
        Arbitrary<Integer> revisions = Arbitraries.integers().between(0, 2);
        return Combinators.combine(PlanProgressProperties.planArbitrary(), supporting, revisions,
                        Arbitraries.of(PlanStatus.class))
                .as((plan, metric, times, status) -> {
                    SuccessPlan p = SuccessPlan.builder().from(plan).status(status).build();
                    if (metric != null) {
                        p = SuccessPlan.builder().from(p).addMetrics(metric).build();
                    }
                    for (int i = 0; i < times; i++) {
                        int next = i;
                        p = p.revise(Instant.parse("2026-03-01T10:00:00Z").plusSeconds(86_400L * 7 * i),
                                "revision " + (i + 1), b -> b.purpose("Purpose as of revision " + (next + 1))
                                        .reviewCadence(java.time.Period.ofWeeks(next + 1)));
                    }
                    return p;
                });
    }

    @Provide
    Arbitrary<Money> money() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate().add(BigInteger.ONE), BigInteger.TEN.pow(30).subtract(BigInteger.ONE));
        // Within Money's bounds: at most 30 digits before the point and 18 after it.
        Arbitrary<Integer> scale = Arbitraries.integers().between(0, 18);
        List<Currency> currencies = new ArrayList<>(Currency.getAvailableCurrencies());
        currencies.sort(Comparator.comparing(Currency::getCurrencyCode));
        return Combinators.combine(unscaled, scale, Arbitraries.of(currencies))
                .as((u, s, c) -> new Money(new BigDecimal(u, s), c));
    }
}
