package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * How well renewal forecasts predicted the renewals that closed: by count (did the forecast call
 * churn or renewal right) and by ARR, overall and per segment, in one currency. Mergeable and order
 * independent like {@link RetentionReport}. Immutable and thread-safe.
 *
 * <ul>
 *   <li>count accuracy = renewals whose forecast called churn or renewal right / renewals closed;</li>
 *   <li>ARR accuracy = 1 - Σ |forecast ARR - actual ARR| / Σ actual ARR (1 is perfect; it is below
 *       0 when the errors exceed the actual ARR, and empty when the actual ARR is 0);</li>
 *   <li>ARR bias = Σ forecast ARR / Σ actual ARR (above 1: the forecasts were optimistic).</li>
 * </ul>
 * The churn calls are kept as a 2×2 table ({@link #calls}), so precision and recall of the churn
 * calls can be read from it.
 */
public final class ForecastAccuracy {
    /**
     * A renewal that closed, with the forecast recorded before it and what happened: the input of
     * {@link ForecastAccuracy}.
     *
     * @param segment the account's segment
     * @param forecast the forecast
     * @param churned whether the account churned at the renewal
     * @param actualArr its ARR after the renewal (0 if it churned)
     */
    public record ClosedRenewal(Segment segment, RenewalForecast forecast, boolean churned, Money actualArr) {
        /**
         * Checks the renewal.
         *
         * @throws ValidationException if a part is missing, the ARR is negative or in another
         *     currency than the forecast's, or a churn has ARR
         */
        public ClosedRenewal {
            Validate.present("segment", segment);
            Validate.present("forecast", forecast);
            Validate.present("actualArr", actualArr);
            String what = "account '" + forecast.accountId() + "': ";
            if (!actualArr.currency().equals(forecast.expectedArr().currency())) {
                throw Validate.invalid("actualArr", what + "actualArr " + actualArr + " is not in the forecast's currency "
                        + forecast.expectedArr().currency().getCurrencyCode() + ": cskit never converts");
            }
            if (actualArr.isNegative() || churned && actualArr.amount().signum() != 0) {
                throw Validate.invalid("actualArr", what + "actualArr must be 0 after a churn and not negative, but was "
                        + actualArr + (churned ? " after a churn" : ""));
            }
        }
    }

    /** Per segment: [forecast churn & churned, forecast churn & stayed, forecast stay & churned, forecast stay & stayed]. */
    private final SortedMap<Segment, long[]> calls;
    /** Per segment: [Σ forecast ARR, Σ actual ARR, Σ |error|]. */
    private final SortedMap<Segment, BigDecimal[]> arr;
    private final Currency currency;

    private ForecastAccuracy(Currency currency, SortedMap<Segment, long[]> calls, SortedMap<Segment, BigDecimal[]> arr) {
        this.currency = currency;
        this.calls = calls;
        this.arr = arr;
    }

    /**
     * Measures the accuracy over a stream of closed renewals, reading it once.
     *
     * @param currency the currency every amount must be in
     * @param renewals the renewals, each once
     * @return the accuracy
     * @throws ValidationException naming the account if a renewal is in another currency
     */
    public static ForecastAccuracy of(Currency currency, Stream<ClosedRenewal> renewals) {
        return renewals.collect(collector(currency));
    }

    /**
     * A collector that measures the accuracy; it may run in parallel.
     *
     * @param currency the currency every amount must be in
     * @return the collector
     */
    public static Collector<ClosedRenewal, ?, ForecastAccuracy> collector(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        return Collector.of(() -> empty(currency), ForecastAccuracy::add, ForecastAccuracy::mergeInto, a -> a,
                Collector.Characteristics.UNORDERED);
    }

    private static ForecastAccuracy empty(Currency currency) {
        return new ForecastAccuracy(currency, new TreeMap<>(ChurnReasons.SEGMENT_ORDER), new TreeMap<>(ChurnReasons.SEGMENT_ORDER));
    }

    private void add(ClosedRenewal r) {
        if (!r.actualArr().currency().equals(currency)) {
            throw Validate.invalid("actualArr", "account '" + r.forecast().accountId() + "': actualArr " + r.actualArr()
                    + " is not in the report's currency " + currency.getCurrencyCode() + ": cskit never converts");
        }
        int cell = (r.forecast().churn() ? 0 : 2) + (r.churned() ? 0 : 1);
        calls.computeIfAbsent(r.segment(), s -> new long[4])[cell]++;
        BigDecimal f = r.forecast().expectedArr().amount();
        BigDecimal a = r.actualArr().amount();
        BigDecimal[] sums = arr.computeIfAbsent(r.segment(), s -> zeros());
        sums[0] = sums[0].add(f);
        sums[1] = sums[1].add(a);
        sums[2] = sums[2].add(f.subtract(a).abs());
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private ForecastAccuracy mergeInto(ForecastAccuracy other) {
        Currencies.requireSame("accuracy", currency, other.currency);
        other.calls.forEach((segment, c) -> {
            long[] into = calls.computeIfAbsent(segment, s -> new long[4]);
            for (int i = 0; i < 4; i++) {
                into[i] += c[i];
            }
        });
        other.arr.forEach((segment, s) -> {
            BigDecimal[] into = arr.computeIfAbsent(segment, x -> zeros());
            for (int i = 0; i < 3; i++) {
                into[i] = into[i].add(s[i]);
            }
        });
        return this;
    }

    /**
     * Combines this accuracy with one over other renewals in the same currency.
     *
     * @param other accuracy over other renewals
     * @return the accuracy over both
     * @throws ValidationException if the currencies differ
     */
    public ForecastAccuracy combine(ForecastAccuracy other) {
        return empty(currency).mergeInto(this).mergeInto(other);
    }

    /**
     * The segments with a closed renewal, by name then engagement model.
     *
     * @return the segments; unmodifiable
     */
    public java.util.SortedSet<Segment> segments() {
        java.util.TreeSet<Segment> out = new java.util.TreeSet<>(ChurnReasons.SEGMENT_ORDER);
        out.addAll(calls.keySet());
        return Collections.unmodifiableSortedSet(out);
    }

    /**
     * The churn calls over every segment: {@code [forecast churn and churned, forecast churn but
     * stayed, forecast renewal but churned, forecast renewal and stayed]}.
     *
     * @return the four counts; a copy
     */
    public long[] calls() {
        long[] sum = new long[4];
        calls.values().forEach(c -> {
            for (int i = 0; i < 4; i++) {
                sum[i] += c[i];
            }
        });
        return sum;
    }

    /**
     * The churn calls in one segment, as {@link #calls()}.
     *
     * @param segment the segment
     * @return the four counts, all 0 without renewals in it; a copy
     */
    public long[] calls(Segment segment) {
        long[] c = calls.get(segment);
        return c == null ? new long[4] : c.clone();
    }

    /**
     * The renewals closed.
     *
     * @return the count
     */
    public long renewals() {
        return Arrays.stream(calls()).sum();
    }

    /**
     * Count accuracy over every segment.
     *
     * @return right calls / renewals, or empty without renewals
     */
    public Optional<BigDecimal> countAccuracy() {
        return countAccuracy(calls());
    }

    /**
     * Count accuracy in one segment.
     *
     * @param segment the segment
     * @return right calls / renewals, or empty without renewals in it
     */
    public Optional<BigDecimal> countAccuracy(Segment segment) {
        return countAccuracy(calls(segment));
    }

    private static Optional<BigDecimal> countAccuracy(long[] c) {
        return Ratios.of(c[0] + c[3], c[0] + c[1] + c[2] + c[3]);
    }

    /**
     * The ARR forecast, over every segment.
     *
     * @return Σ forecast ARR
     */
    public Money forecastArr() {
        return new Money(sums()[0], currency);
    }

    /**
     * The ARR after the renewals, over every segment.
     *
     * @return Σ actual ARR
     */
    public Money actualArr() {
        return new Money(sums()[1], currency);
    }

    /**
     * ARR accuracy over every segment.
     *
     * @return 1 - Σ |error| / Σ actual ARR, or empty when the actual ARR is 0
     */
    public Optional<BigDecimal> arrAccuracy() {
        return arrAccuracy(sums());
    }

    /**
     * ARR accuracy in one segment.
     *
     * @param segment the segment
     * @return 1 - Σ |error| / Σ actual ARR, or empty when its actual ARR is 0
     */
    public Optional<BigDecimal> arrAccuracy(Segment segment) {
        return arrAccuracy(arr.getOrDefault(segment, zeros()));
    }

    private static Optional<BigDecimal> arrAccuracy(BigDecimal[] s) {
        return Ratios.of(s[1].subtract(s[2]), s[1]);
    }

    /**
     * ARR bias over every segment.
     *
     * @return Σ forecast ARR / Σ actual ARR, or empty when the actual ARR is 0
     */
    public Optional<BigDecimal> arrBias() {
        BigDecimal[] s = sums();
        return Ratios.of(s[0], s[1]);
    }

    private BigDecimal[] sums() {
        BigDecimal[] sum = zeros();
        arr.values().forEach(s -> {
            for (int i = 0; i < 3; i++) {
                sum[i] = sum[i].add(s[i]);
            }
        });
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ForecastAccuracy f) || !currency.equals(f.currency) || !calls.keySet().equals(f.calls.keySet())) {
            return false;
        }
        for (Segment s : calls.keySet()) {
            BigDecimal[] a = arr.get(s);
            BigDecimal[] b = f.arr.get(s);
            if (!Arrays.equals(calls.get(s), f.calls.get(s))) {
                return false;
            }
            for (int i = 0; i < 3; i++) {
                if (a[i].compareTo(b[i]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, calls.keySet(), Arrays.hashCode(calls()));
    }

    @Override
    public String toString() {
        return "ForecastAccuracy{renewals=" + renewals() + ", calls=" + Arrays.toString(calls()) + ", forecastArr=" + forecastArr()
                + ", actualArr=" + actualArr() + "}";
    }
}
