package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cskit.model.Account;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * How long accounts took to reach first value, as of a day: the days from each contract's start to
 * its plan's first {@link org.cskit.model.MilestoneKind#FIRST_VALUE first-value} milestone
 * achieved ({@link Account#daysToFirstValue(LocalDate)}; with several plans, the earliest any of
 * them reached). Every account is counted: with first value, without it yet, or without a success
 * plan. Immutable and thread-safe.
 *
 * <p>Median, mean and percentiles are over the accounts with first value. The median of an even
 * count is the mean of the two middle values; a percentile is the nearest rank (the smallest number
 * of days that at least that share of the accounts took at most); means are divided with
 * {@link java.math.MathContext#DECIMAL64}. Only the count per number of days is kept, so the
 * memory used grows with the longest time to first value, not with the number of accounts.
 */
public final class TimeToFirstValue {
    private final Tally tally;

    private TimeToFirstValue(Tally tally) {
        this.tally = tally;
    }

    /**
     * Computes the measure over accounts.
     *
     * @param asOf the day (UTC); first value reached after it does not count
     * @param accounts the accounts, each once
     * @return the measure
     * @throws ValidationException naming the account if first value came before its contract started
     */
    public static TimeToFirstValue of(LocalDate asOf, Iterable<Account> accounts) {
        return of(asOf, StreamSupport.stream(accounts.spliterator(), false));
    }

    /**
     * Computes the measure over a stream of accounts, reading it once.
     *
     * @param asOf the day (UTC); first value reached after it does not count
     * @param accounts the accounts, each once
     * @return the measure
     * @throws ValidationException naming the account if first value came before its contract started
     */
    public static TimeToFirstValue of(LocalDate asOf, Stream<Account> accounts) {
        return accounts.collect(collector(asOf));
    }

    /**
     * A collector that computes the measure; it may run in parallel.
     *
     * @param asOf the day (UTC)
     * @return the collector
     */
    public static Collector<Account, ?, TimeToFirstValue> collector(LocalDate asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return Collector.of(() -> new Tally(asOf), Tally::add, Tally::merge, TimeToFirstValue::new,
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines this measure with one over other accounts as of the same day.
     *
     * @param other a measure over other accounts
     * @return the measure over both
     * @throws ValidationException if the days differ
     */
    public TimeToFirstValue combine(TimeToFirstValue other) {
        return new TimeToFirstValue(new Tally(tally.asOf).merge(tally).merge(other.tally));
    }

    /**
     * The day the measure is as of.
     *
     * @return the day
     */
    public LocalDate asOf() {
        return tally.asOf;
    }

    /**
     * Every account counted.
     *
     * @return with first value + without it + without a plan
     */
    public long accounts() {
        return tally.withFirstValue + tally.withoutFirstValue + tally.withoutPlan;
    }

    /**
     * The accounts that had reached first value by the day.
     *
     * @return the count
     */
    public long withFirstValue() {
        return tally.withFirstValue;
    }

    /**
     * The accounts with a success plan that had not reached first value by the day.
     *
     * @return the count
     */
    public long withoutFirstValue() {
        return tally.withoutFirstValue;
    }

    /**
     * The accounts without a success plan, which cannot record first value.
     *
     * @return the count
     */
    public long withoutPlan() {
        return tally.withoutPlan;
    }

    /**
     * The median days to first value.
     *
     * @return the median, or empty when no account had reached first value
     */
    public Optional<BigDecimal> medianDays() {
        long n = tally.withFirstValue;
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(BigDecimal.valueOf(atRank((n + 1) / 2)));
        }
        long sum = atRank(n / 2) + atRank(n / 2 + 1);
        return Ratios.of(BigDecimal.valueOf(sum), BigDecimal.valueOf(2));
    }

    /**
     * The mean days to first value.
     *
     * @return the mean, or empty when no account had reached first value
     */
    public Optional<BigDecimal> meanDays() {
        return Ratios.of(tally.totalDays, tally.withFirstValue);
    }

    /**
     * The days within which a share of the accounts with first value reached it (nearest rank):
     * {@code percentileDays(90)} is the p90.
     *
     * @param percentile the share in percent, in [1, 100]
     * @return the days, or empty when no account had reached first value
     * @throws ValidationException if the percentile is outside [1, 100]
     */
    public OptionalLong percentileDays(int percentile) {
        if (percentile < 1 || percentile > 100) {
            throw Validate.invalid("percentile", "percentile must be in [1, 100], but was " + percentile);
        }
        long n = tally.withFirstValue;
        if (n == 0) {
            return OptionalLong.empty();
        }
        // ceil(percentile * n / 100), in exact integers.
        long rank = (percentile * n + 99) / 100;
        return OptionalLong.of(atRank(rank));
    }

    /**
     * How many accounts took each number of days.
     *
     * @return days to first value mapped to the number of accounts, in ascending days; unmodifiable
     */
    public NavigableMap<Long, Long> distribution() {
        return Collections.unmodifiableNavigableMap(tally.days);
    }

    private long atRank(long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> e : tally.days.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + seen + " values");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeToFirstValue t && tally.asOf.equals(t.tally.asOf) && tally.days.equals(t.tally.days)
                && tally.withoutFirstValue == t.tally.withoutFirstValue && tally.withoutPlan == t.tally.withoutPlan;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tally.asOf, tally.days, tally.withoutFirstValue, tally.withoutPlan);
    }

    @Override
    public String toString() {
        return "TimeToFirstValue{asOf=" + asOf() + ", withFirstValue=" + withFirstValue() + ", withoutFirstValue="
                + withoutFirstValue() + ", withoutPlan=" + withoutPlan() + ", medianDays="
                + medianDays().map(BigDecimal::toPlainString).orElse("n/a") + "}";
    }

    /** The running counts; mutable while collecting, frozen once a measure holds it. */
    private static final class Tally {
        private final LocalDate asOf;
        private final TreeMap<Long, Long> days = new TreeMap<>();
        private long withFirstValue;
        private long withoutFirstValue;
        private long withoutPlan;
        private long totalDays;

        Tally(LocalDate asOf) {
            this.asOf = asOf;
        }

        void add(Account account) {
            if (account.plans().isEmpty()) {
                withoutPlan++;
                return;
            }
            OptionalLong d = account.daysToFirstValue(asOf);
            if (d.isEmpty()) {
                withoutFirstValue++;
                return;
            }
            long value = d.getAsLong();
            if (value < 0) {
                LocalDate start = account.contract().startDate();
                throw Validate.invalid("contract.startDate", "account '" + account.id() + "': first value was reached on "
                        + start.plusDays(value) + ", " + ChronoUnit.DAYS.between(start.plusDays(value), start)
                        + " days before contract.startDate " + start + "; time to first value cannot be negative");
            }
            count(value, 1);
        }

        private void count(long value, long accounts) {
            days.merge(value, accounts, Long::sum);
            withFirstValue += accounts;
            totalDays = Math.addExact(totalDays, Math.multiplyExact(value, accounts));
        }

        Tally merge(Tally other) {
            if (!other.asOf.equals(asOf)) {
                throw Validate.invalid("asOf", "cannot combine a measure as of " + asOf + " with one as of " + other.asOf
                        + ": the days differ");
            }
            other.days.forEach(this::count);
            withoutFirstValue += other.withoutFirstValue;
            withoutPlan += other.withoutPlan;
            return this;
        }
    }
}
