package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * Revenue and logo retention over a {@link ReportingPeriod}, from one {@link AccountRevenue} per
 * account, in one currency. Immutable and thread-safe.
 *
 * <p>Definitions, over the <b>starting cohort</b> (accounts with ARR on the period's first day):
 * <ul>
 *   <li>starting ARR: the cohort's ARR on the first day;</li>
 *   <li>expansion and contraction: the sum of the rises, and of the falls, of cohort accounts that
 *       did not churn;</li>
 *   <li>churned ARR: the whole starting ARR of cohort accounts that churned;</li>
 *   <li>gross revenue retention (GRR) = (starting - contraction - churned) / starting, at most 1;</li>
 *   <li>net revenue retention (NRR) = (starting + expansion - contraction - churned) / starting;</li>
 *   <li>logo churn = churned cohort accounts / cohort accounts that could churn in the period
 *       ({@link AccountRevenue#couldChurnIn}); an account whose renewal was not due cannot dilute
 *       the rate.</li>
 * </ul>
 * Accounts outside the cohort (no ARR on the first day) are new logos: their ending ARR is new ARR,
 * which is in neither GRR nor NRR. Ratios are fractions divided with
 * {@link java.math.MathContext#DECIMAL64}, empty when the denominator is 0.
 *
 * <p>The input is read once; only the accounts' ids are kept (about 50 bytes an account), so that
 * an account that appears twice, in one input or across {@link #combine combined} reports, is
 * refused naming it instead of being counted twice.
 *
 * <pre>{@code
 * RetentionReport fy = RetentionReport.of(ReportingPeriod.of(jan1, dec31), Currency.getInstance("EUR"), revenues);
 * fy.netRevenueRetention().ifPresent(nrr -> ...);
 * }</pre>
 */
public final class RetentionReport {
    private final Tally tally;

    private RetentionReport(Tally tally) {
        this.tally = tally;
    }

    /**
     * Computes the report over accounts.
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @param accounts the accounts, each once
     * @return the report
     * @throws ValidationException naming the account if one is in another currency, churned outside the period or appears twice
     */
    public static RetentionReport of(ReportingPeriod period, Currency currency, Iterable<AccountRevenue> accounts) {
        return of(period, currency, StreamSupport.stream(accounts.spliterator(), false));
    }

    /**
     * Computes the report over a stream of accounts, reading it once.
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @param accounts the accounts, each once
     * @return the report
     * @throws ValidationException naming the account if one is in another currency or churned outside the period
     */
    public static RetentionReport of(ReportingPeriod period, Currency currency, Stream<AccountRevenue> accounts) {
        return accounts.collect(collector(period, currency));
    }

    /**
     * Computes one report per segment, in the order of the segments' names (then engagement models).
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @param accounts the accounts, each once
     * @return the reports by segment, only segments that occur; unmodifiable
     * @throws ValidationException naming the account if one is in another currency or churned outside the period
     */
    public static SortedMap<Segment, RetentionReport> bySegment(ReportingPeriod period, Currency currency,
            Stream<AccountRevenue> accounts) {
        SortedMap<Segment, RetentionReport> reports = accounts.collect(Collectors.groupingBy(AccountRevenue::segment,
                () -> new TreeMap<>(Comparator.comparing(Segment::name).thenComparing(Segment::engagementModel)),
                collector(period, currency)));
        return Collections.unmodifiableSortedMap(reports);
    }

    /**
     * A collector that computes the report; it may run in parallel.
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @return the collector
     */
    public static Collector<AccountRevenue, ?, RetentionReport> collector(ReportingPeriod period, Currency currency) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        return Collector.of(() -> new Tally(period, currency), Tally::add, Tally::merge, RetentionReport::new,
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines this report with one over other accounts in the same period and currency: the
     * result is the report over both sets of accounts.
     *
     * @param other a report over other accounts
     * @return the combined report
     * @throws ValidationException if the periods or the currencies differ
     */
    public RetentionReport combine(RetentionReport other) {
        Tally sum = new Tally(tally.period, tally.currency);
        sum.merge(tally);
        sum.merge(other.tally);
        return new RetentionReport(sum);
    }

    /**
     * The period the report covers.
     *
     * @return the period
     */
    public ReportingPeriod period() {
        return tally.period;
    }

    /**
     * The currency of every amount.
     *
     * @return the currency
     */
    public Currency currency() {
        return tally.currency;
    }

    /**
     * The starting cohort's ARR on the period's first day: the denominator of GRR and NRR.
     *
     * @return the starting ARR
     */
    public Money startingArr() {
        return money(tally.startingArr);
    }

    /**
     * The sum of the rises in ARR of cohort accounts that did not churn.
     *
     * @return the expansion, not negative
     */
    public Money expansion() {
        return money(tally.expansion);
    }

    /**
     * The sum of the falls in ARR of cohort accounts that did not churn.
     *
     * @return the contraction, not negative
     */
    public Money contraction() {
        return money(tally.contraction);
    }

    /**
     * The starting ARR of the cohort accounts that churned.
     *
     * @return the churned ARR, not negative
     */
    public Money churnedArr() {
        return money(tally.churnedArr);
    }

    /**
     * The ending ARR of accounts outside the starting cohort (new logos).
     *
     * @return the new ARR, not negative
     */
    public Money newArr() {
        return money(tally.newArr);
    }

    /**
     * The ARR of every account on the period's last day: starting + expansion - contraction -
     * churned + new.
     *
     * @return the ending ARR
     */
    public Money endingArr() {
        return money(tally.startingArr.add(tally.expansion).subtract(tally.contraction).subtract(tally.churnedArr)
                .add(tally.newArr));
    }

    /**
     * Gross revenue retention: (starting - contraction - churned) / starting.
     *
     * @return GRR as a fraction in [0, 1], or empty when the starting ARR is 0
     */
    public Optional<BigDecimal> grossRevenueRetention() {
        return Ratios.of(tally.startingArr.subtract(tally.contraction).subtract(tally.churnedArr), tally.startingArr);
    }

    /**
     * Net revenue retention: (starting + expansion - contraction - churned) / starting.
     *
     * @return NRR as a fraction, at least GRR, or empty when the starting ARR is 0
     */
    public Optional<BigDecimal> netRevenueRetention() {
        return Ratios.of(tally.startingArr.add(tally.expansion).subtract(tally.contraction).subtract(tally.churnedArr),
                tally.startingArr);
    }

    /**
     * Logo churn: churned cohort accounts / cohort accounts that could churn in the period.
     *
     * @return the rate as a fraction in [0, 1], or empty when no account could churn
     */
    public Optional<BigDecimal> logoChurn() {
        return Ratios.of(tally.churnedAccounts, tally.accountsThatCouldChurn);
    }

    /**
     * The accounts in the starting cohort (with ARR on the period's first day).
     *
     * @return the count
     */
    public long startingAccounts() {
        return tally.startingAccounts;
    }

    /**
     * The cohort accounts whose ARR rose.
     *
     * @return the count
     */
    public long expandedAccounts() {
        return tally.expandedAccounts;
    }

    /**
     * The cohort accounts whose ARR fell but did not reach 0.
     *
     * @return the count
     */
    public long contractedAccounts() {
        return tally.contractedAccounts;
    }

    /**
     * The cohort accounts whose ARR did not change.
     *
     * @return the count
     */
    public long unchangedAccounts() {
        return tally.unchangedAccounts;
    }

    /**
     * The cohort accounts that churned: the numerator of logo churn.
     *
     * @return the count
     */
    public long churnedAccounts() {
        return tally.churnedAccounts;
    }

    /**
     * The cohort accounts that could churn in the period: the denominator of logo churn.
     *
     * @return the count
     */
    public long accountsThatCouldChurn() {
        return tally.accountsThatCouldChurn;
    }

    /**
     * The accounts outside the starting cohort (new logos), including those that churned again
     * within the period.
     *
     * @return the count
     */
    public long newAccounts() {
        return tally.newAccounts;
    }

    /**
     * The new logos that churned within the period; they are in neither logo churn nor churned ARR.
     *
     * @return the count
     */
    public long newAccountsChurned() {
        return tally.newAccountsChurned;
    }

    private Money money(BigDecimal amount) {
        return new Money(amount, tally.currency);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionReport r && tally.equals(r.tally);
    }

    @Override
    public int hashCode() {
        return tally.hashCode();
    }

    @Override
    public String toString() {
        return "RetentionReport{period=" + period() + ", startingArr=" + startingArr() + ", expansion=" + expansion()
                + ", contraction=" + contraction() + ", churnedArr=" + churnedArr() + ", newArr=" + newArr()
                + ", grr=" + grossRevenueRetention().map(BigDecimal::toPlainString).orElse("n/a")
                + ", nrr=" + netRevenueRetention().map(BigDecimal::toPlainString).orElse("n/a")
                + ", logoChurn=" + churnedAccounts() + "/" + accountsThatCouldChurn()
                + ", startingAccounts=" + startingAccounts() + ", newAccounts=" + newAccounts() + "}";
    }

    /** Refuses an account in another currency or churned outside the period; shared with {@link ChurnReasons}. */
    static void check(AccountRevenue account, ReportingPeriod period, Currency currency) {
        String prefix = "account '" + account.accountId() + "': ";
        if (!account.startArr().currency().equals(currency)) {
            throw Validate.invalid("startArr", prefix + "startArr " + account.startArr()
                    + " is not in the report's currency " + currency.getCurrencyCode() + ": cskit never converts");
        }
        if (account.churnedOn().isPresent() && !period.contains(account.churnedOn().get())) {
            throw Validate.invalid("churnedOn", prefix + "churnedOn " + account.churnedOn().get()
                    + " is outside the period " + period);
        }
    }

    /** The running sums; mutable while collecting, frozen once a report holds it. */
    private static final class Tally {
        private final ReportingPeriod period;
        private final Currency currency;
        private final java.util.Set<org.cskit.model.AccountId> seen = new java.util.HashSet<>();
        private BigDecimal startingArr = BigDecimal.ZERO;
        private BigDecimal expansion = BigDecimal.ZERO;
        private BigDecimal contraction = BigDecimal.ZERO;
        private BigDecimal churnedArr = BigDecimal.ZERO;
        private BigDecimal newArr = BigDecimal.ZERO;
        private long startingAccounts;
        private long expandedAccounts;
        private long contractedAccounts;
        private long unchangedAccounts;
        private long churnedAccounts;
        private long accountsThatCouldChurn;
        private long newAccounts;
        private long newAccountsChurned;

        Tally(ReportingPeriod period, Currency currency) {
            this.period = period;
            this.currency = currency;
        }

        void add(AccountRevenue account) {
            check(account, period, currency);
            if (!seen.add(account.accountId())) {
                throw twice(account.accountId());
            }
            BigDecimal start = account.startArr().amount();
            BigDecimal end = account.endArr().amount();
            if (!account.inStartingCohort()) {
                newAccounts++;
                newArr = newArr.add(end);
                if (account.churnedOn().isPresent()) {
                    newAccountsChurned++;
                }
                return;
            }
            startingAccounts++;
            startingArr = startingArr.add(start);
            if (account.couldChurnIn(period)) {
                accountsThatCouldChurn++;
            }
            if (account.churnedOn().isPresent()) {
                churnedAccounts++;
                churnedArr = churnedArr.add(start);
                return;
            }
            int change = end.compareTo(start);
            if (change > 0) {
                expandedAccounts++;
                expansion = expansion.add(end.subtract(start));
            } else if (change < 0) {
                contractedAccounts++;
                contraction = contraction.add(start.subtract(end));
            } else {
                unchangedAccounts++;
            }
        }

        Tally merge(Tally other) {
            if (!other.period.equals(period)) {
                throw Validate.invalid("period", "cannot combine a report over " + period + " with one over "
                        + other.period + ": the periods differ");
            }
            if (!other.currency.equals(currency)) {
                throw Validate.invalid("currency", "cannot combine a report in " + currency.getCurrencyCode()
                        + " with one in " + other.currency.getCurrencyCode() + ": cskit never converts");
            }
            for (org.cskit.model.AccountId id : other.seen) {
                if (!seen.add(id)) {
                    throw twice(id);
                }
            }
            startingArr = startingArr.add(other.startingArr);
            expansion = expansion.add(other.expansion);
            contraction = contraction.add(other.contraction);
            churnedArr = churnedArr.add(other.churnedArr);
            newArr = newArr.add(other.newArr);
            startingAccounts += other.startingAccounts;
            expandedAccounts += other.expandedAccounts;
            contractedAccounts += other.contractedAccounts;
            unchangedAccounts += other.unchangedAccounts;
            churnedAccounts += other.churnedAccounts;
            accountsThatCouldChurn += other.accountsThatCouldChurn;
            newAccounts += other.newAccounts;
            newAccountsChurned += other.newAccountsChurned;
            return this;
        }

        private static ValidationException twice(org.cskit.model.AccountId id) {
            return Validate.invalid("accountId", "account '" + id + "' appears twice: each account must appear once in a report");
        }

        private Object[] state() {
            // Amounts compare by value, whatever their scale, as Money does.
            return new Object[] {period, currency, startingArr.stripTrailingZeros(), expansion.stripTrailingZeros(),
                contraction.stripTrailingZeros(), churnedArr.stripTrailingZeros(), newArr.stripTrailingZeros(),
                startingAccounts, expandedAccounts, contractedAccounts, unchangedAccounts, churnedAccounts,
                accountsThatCouldChurn, newAccounts, newAccountsChurned};
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tally t && Arrays.equals(state(), t.state());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(state());
        }
    }
}
