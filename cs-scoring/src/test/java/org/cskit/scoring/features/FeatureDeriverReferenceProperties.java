package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;

/**
 * The deriver against a reference written from the documented rules alone: each window's signals
 * picked by {@link Instant} comparisons ({@code (asOf - (k+1) window, asOf - k window]}), sorted by
 * time then id, and aggregated one definition at a time, with nothing shared or precomputed. Random
 * signals with nanosecond times (many on a coarse grid, so that they fall on window boundaries and
 * share instants), random windows (two lengths, so that boundaries of different definitions
 * interleave), every aggregate, both changes, trends, ratios and the empty-window rules. The column
 * path equals the object path by {@link ColumnarDerivationProperties}, so this pins both.
 */
class FeatureDeriverReferenceProperties {
    private static final Instant BASE = Instant.parse("2026-05-15T00:00:00Z");
    private static final String[] SIGNALS = {"usage", "seats", "workflow"};
    private static final AccountId ACCOUNT = AccountId.of("a1");

    @Property(tries = 300)
    void derive_equalsTheReference_toTheBit(@ForAll long seed,
            @ForAll @LongRange(min = 1, max = 20L * 86_400_000_000_000L) long windowNanos,
            @ForAll @LongRange(min = 1, max = 9L * 86_400_000_000_000L) long otherWindowNanos,
            @ForAll @IntRange(min = 0, max = 999_999_999) int asOfNanos) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant asOf = BASE.plusNanos(asOfNanos);
        List<FeatureDefinition> defs = new ArrayList<>();
        int id = 0;
        for (Duration window : List.of(Duration.ofNanos(windowNanos), Duration.ofNanos(otherWindowNanos))) {
            for (Aggregate a : Aggregate.values()) {
                String signal = SIGNALS[random.nextInt(SIGNALS.length)];
                String name = "f" + id++;
                defs.add(FeatureDefinition.of(name, signal, a, window));
                if (a == Aggregate.DAYS_SINCE_LAST) {
                    continue;
                }
                if (a.countsEmptyAsZero()) {
                    defs.add(FeatureDefinition.builder().name(name + "_nz").signal(signal).aggregate(a).window(window)
                            .emptyAsZero(false).build());
                }
                defs.add(FeatureDefinition.builder().name(name + "_abs").signal(signal).aggregate(a).window(window)
                        .change(WindowChange.ABSOLUTE).build());
                defs.add(FeatureDefinition.builder().name(name + "_pct").signal(signal).aggregate(a).window(window)
                        .change(WindowChange.PERCENT).build());
                defs.add(FeatureDefinition.builder().name(name + "_trend").signal(signal).aggregate(a).window(window)
                        .trendPeriods(2 + random.nextInt(5)).build());
                defs.add(FeatureDefinition.builder().name(name + "_ratio").signal(signal).aggregate(a).window(window)
                        .denominator(SIGNALS[random.nextInt(SIGNALS.length)]).build());
            }
        }
        List<Signal> signals = new ArrayList<>();
        long span = 8 * Math.max(windowNanos, otherWindowNanos);
        for (String signal : SIGNALS) {
            int n = random.nextInt(0, 40);
            for (int i = 0; i < n; i++) {
                long back = switch (random.nextInt(3)) {
                    case 0 -> random.nextLong(0, span); // anywhere
                    case 1 -> random.nextInt(0, 9) * windowNanos; // on a boundary
                    default -> random.nextInt(0, 9) * otherWindowNanos + random.nextInt(-1, 2); // on one or a nanosecond off
                };
                if (back < 0) {
                    back = 0;
                }
                double value = signal.equals("workflow") ? random.nextInt(0, 6)
                        : random.nextInt(0, 8) == 0 ? (random.nextBoolean() ? 0.0 : -0.0) : random.nextInt(-100_000, 100_000) / 100.0;
                signals.add(Signal.builder().id(SignalId.of(String.format("s%05d", random.nextInt(100_000)) + "-" + id++))
                        .accountId(ACCOUNT).family(SignalFamily.USAGE).name(signal).value(value).unit("n")
                        .observedAt(asOf.minusNanos(back)).source("test").build());
            }
        }
        FeatureDeriver deriver = FeatureDeriver.of(defs);

        Features derived = deriver.derive(ACCOUNT, signals, asOf);

        for (int d = 0; d < defs.size(); d++) {
            double[] expected = reference(defs.get(d), signals, asOf);
            assertThat(Double.doubleToLongBits(derived.valueAt(d))).as("%s: %s", defs.get(d), derived.valueAt(d))
                    .isEqualTo(Double.doubleToLongBits(expected[0]));
            assertThat(derived.observationsAt(d)).as("observations of %s", defs.get(d)).isEqualTo((int) expected[1]);
        }
    }

    /** {value, observations}; missing is {NaN, 0}. */
    private static double[] reference(FeatureDefinition d, List<Signal> signals, Instant asOf) {
        double[] out;
        if (d.aggregate() == Aggregate.DAYS_SINCE_LAST) {
            List<Signal> in = window(signals, d.signal(), asOf, d.window(), 0);
            if (in.isEmpty()) {
                return missing();
            }
            Duration age = Duration.between(in.get(in.size() - 1).observedAt(), asOf);
            return new double[] {(age.getSeconds() + age.getNano() / 1e9) / 86_400.0, 1};
        }
        if (d.denominator().isPresent()) {
            double[] numerator = aggregate(d, window(signals, d.signal(), asOf, d.window(), 0));
            double[] denominator = aggregate(d, window(signals, d.denominator().get(), asOf, d.window(), 0));
            if (Double.isNaN(numerator[0]) || Double.isNaN(denominator[0]) || denominator[0] == 0.0) {
                return missing();
            }
            out = new double[] {numerator[0] / denominator[0], Math.min(numerator[1], denominator[1])};
        } else if (d.change().isPresent()) {
            double[] current = aggregate(d, window(signals, d.signal(), asOf, d.window(), 0));
            double[] previous = aggregate(d, window(signals, d.signal(), asOf, d.window(), 1));
            if (Double.isNaN(current[0]) || Double.isNaN(previous[0])) {
                return missing();
            }
            double change;
            if (d.change().get() == WindowChange.ABSOLUTE) {
                change = current[0] - previous[0];
            } else if (previous[0] == 0) {
                return missing();
            } else {
                change = 100.0 * (current[0] - previous[0]) / Math.abs(previous[0]);
            }
            out = new double[] {change, Math.min(current[1], previous[1])};
        } else if (d.trendPeriods().isPresent()) {
            int n = d.trendPeriods().get();
            int points = 0;
            int observations = 0;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int k = 0; k < n; k++) {
                double[] a = aggregate(d, window(signals, d.signal(), asOf, d.window(), k));
                observations += (int) a[1];
                if (Double.isNaN(a[0])) {
                    continue;
                }
                double x = n - 1 - k;
                points++;
                sx += x;
                sy += a[0];
                sxx += x * x;
                sxy += x * a[0];
            }
            if (points < 2) {
                return missing();
            }
            out = new double[] {(points * sxy - sx * sy) / (points * sxx - sx * sx), observations};
        } else {
            out = aggregate(d, window(signals, d.signal(), asOf, d.window(), 0));
        }
        return Double.isNaN(out[0]) ? missing() : out;
    }

    private static double[] missing() {
        return new double[] {Double.NaN, 0};
    }

    /** The signals of one name in {@code (asOf - (k+1) window, asOf - k window]}, by time then id. */
    private static List<Signal> window(List<Signal> signals, String name, Instant asOf, Duration window, int k) {
        Instant to = asOf.minus(window.multipliedBy(k));
        Instant from = asOf.minus(window.multipliedBy(k + 1));
        return signals.stream().filter(s -> s.name().equals(name) && s.observedAt().isAfter(from) && !s.observedAt().isAfter(to))
                .sorted(Comparator.comparing(Signal::observedAt).thenComparing(Signal::id)).toList();
    }

    private static double[] aggregate(FeatureDefinition d, List<Signal> in) {
        int n = in.size();
        if (n == 0) {
            return new double[] {d.emptyAsZero() ? 0.0 : Double.NaN, 0};
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<Double> distinct = new ArrayList<>();
        for (Signal s : in) {
            double v = s.value();
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (distinct.stream().noneMatch(x -> x == v)) {
                distinct.add(v);
            }
        }
        double value = switch (d.aggregate()) {
            case COUNT -> n;
            case SUM -> sum;
            case MEAN -> Math.max(min, Math.min(max, sum / n));
            case MIN -> min;
            case MAX -> max;
            case LAST -> in.get(n - 1).value();
            case DISTINCT -> distinct.size();
            case DAYS_SINCE_LAST -> throw new AssertionError("not an aggregate over values");
        };
        return new double[] {value, n};
    }
}
