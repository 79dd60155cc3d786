package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.Money;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * The value customers got, as of a day, under a set of {@link ValueRates}: each account's value
 * generated to date ({@link ValueRates#valueOf}), their total and mean, and the share of customers
 * that reached value. Every account is counted once, in one of five groups: reached value (a value
 * above 0), no value yet (a value of 0 or less), not measured (plans with a rate, none measured by
 * the day), no rate (plans, none with a rate of its own or of the segment), without a plan.
 * Mergeable and order independent like {@link RetentionReport}. Immutable and thread-safe.
 *
 * <ul>
 *   <li>share that reached value = reached value / every account counted;</li>
 *   <li>total value = the sum of the values of the accounts valued (reached value and no value yet),
 *       negative values included;</li>
 *   <li>mean value = total value / accounts valued, divided with {@link java.math.MathContext#DECIMAL64}.</li>
 * </ul>
 */
public final class ValueGenerated {
    private final LocalDate asOf;
    private final Currency currency;
    private final long[] counts;
    private final BigDecimal total;

    private ValueGenerated(LocalDate asOf, Currency currency, long[] counts, BigDecimal total) {
        this.asOf = asOf;
        this.currency = currency;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Computes the measure over a stream of accounts, reading it once.
     *
     * @param asOf the day (UTC)
     * @param rates the value rates
     * @param accounts the accounts, each once
     * @return the measure
     * @throws ValidationException naming the account if a rate's unit is not its metric's
     */
    public static ValueGenerated of(LocalDate asOf, ValueRates rates, Stream<Account> accounts) {
        return accounts.collect(collector(asOf, rates));
    }

    /**
     * A collector that computes the measure; it may run in parallel.
     *
     * @param asOf the day (UTC)
     * @param rates the value rates
     * @return the collector
     */
    public static Collector<Account, ?, ValueGenerated> collector(LocalDate asOf, ValueRates rates) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rates, "rates");
        return Collector.of(() -> new Tally(asOf, rates.currency()), (t, a) -> t.add(a, rates), Tally::merge, Tally::measure,
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines this measure with one over other accounts as of the same day and in the same currency.
     *
     * @param other a measure over other accounts
     * @return the measure over both
     * @throws ValidationException if the days or currencies differ
     */
    public ValueGenerated combine(ValueGenerated other) {
        Tally t = new Tally(asOf, currency);
        t.merge(new Tally(asOf, currency, counts, total));
        return t.merge(new Tally(other.asOf, other.currency, other.counts, other.total)).measure();
    }

    /**
     * The day the measure is as of.
     *
     * @return the day
     */
    public LocalDate asOf() {
        return asOf;
    }

    /**
     * The currency of every amount.
     *
     * @return the currency
     */
    public Currency currency() {
        return currency;
    }

    /**
     * Every account counted.
     *
     * @return the sum of the five groups
     */
    public long accounts() {
        return counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
    }

    /**
     * The accounts whose value generated was above 0.
     *
     * @return the count
     */
    public long reachedValue() {
        return counts[0];
    }

    /**
     * The accounts valued at 0 or less: measured, but not better than their baseline.
     *
     * @return the count
     */
    public long noValueYet() {
        return counts[1];
    }

    /**
     * The accounts with a plan and a rate but no measurement of their outcome by the day.
     *
     * @return the count
     */
    public long notMeasured() {
        return counts[2];
    }

    /**
     * The accounts with a plan but no rate for its plan or segment.
     *
     * @return the count
     */
    public long withoutRate() {
        return counts[3];
    }

    /**
     * The accounts without a success plan.
     *
     * @return the count
     */
    public long withoutPlan() {
        return counts[4];
    }

    /**
     * The accounts valued: reached value and no value yet.
     *
     * @return the count
     */
    public long valued() {
        return counts[0] + counts[1];
    }

    /**
     * The share of every account counted that reached value.
     *
     * @return reached value / accounts, or empty without accounts
     */
    public Optional<BigDecimal> shareReachedValue() {
        return Ratios.of(counts[0], accounts());
    }

    /**
     * The value generated over the accounts valued.
     *
     * @return the total, negative values included
     */
    public Money totalValue() {
        return new Money(total, currency);
    }

    /**
     * The mean value generated per account valued.
     *
     * @return total / valued, or empty when no account was valued
     */
    public Optional<Money> meanValue() {
        return Ratios.of(total, BigDecimal.valueOf(valued())).map(m -> new Money(m, currency));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueGenerated v && asOf.equals(v.asOf) && currency.equals(v.currency)
                && java.util.Arrays.equals(counts, v.counts) && total.compareTo(v.total) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(asOf, currency, java.util.Arrays.hashCode(counts), total.stripTrailingZeros());
    }

    @Override
    public String toString() {
        return "ValueGenerated{asOf=" + asOf + ", reachedValue=" + counts[0] + ", noValueYet=" + counts[1] + ", notMeasured="
                + counts[2] + ", withoutRate=" + counts[3] + ", withoutPlan=" + counts[4] + ", total=" + totalValue() + "}";
    }

    /** The running counts; mutable while collecting. */
    private static final class Tally {
        private final LocalDate asOf;
        private final Currency currency;
        private final long[] counts;
        private BigDecimal total;

        Tally(LocalDate asOf, Currency currency) {
            this(asOf, currency, new long[5], BigDecimal.ZERO);
        }

        Tally(LocalDate asOf, Currency currency, long[] counts, BigDecimal total) {
            this.asOf = asOf;
            this.currency = currency;
            this.counts = counts.clone();
            this.total = total;
        }

        void add(Account account, ValueRates rates) {
            if (account.plans().isEmpty()) {
                counts[4]++;
                return;
            }
            if (account.plans().stream().allMatch(p -> rates.rateFor(account, p).isEmpty())) {
                counts[3]++;
                return;
            }
            Optional<Money> value = rates.valueOf(account, asOf);
            if (value.isEmpty()) {
                counts[2]++;
                return;
            }
            BigDecimal v = value.get().amount();
            counts[v.signum() > 0 ? 0 : 1]++;
            total = total.add(v);
        }

        Tally merge(Tally other) {
            if (!other.asOf.equals(asOf)) {
                throw Validate.invalid("asOf", "cannot combine a measure as of " + asOf + " with one as of " + other.asOf
                        + ": the days differ");
            }
            Currencies.requireSame("value", currency, other.currency);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            total = total.add(other.total);
            return this;
        }

        ValueGenerated measure() {
            return new ValueGenerated(asOf, currency, counts.clone(), total);
        }
    }
}
