package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * Why revenue was lost over a {@link ReportingPeriod}: the starting cohort's churned and contracted
 * accounts and ARR, per {@link AccountRevenue#reason() reason code} and per segment, in one
 * currency. A churn or contraction without a reason counts under {@link #UNSTATED}, so that the
 * totals add up to {@link RetentionReport#churnedArr()} and {@link RetentionReport#contraction()}
 * over the same accounts. Accounts outside the starting cohort (new logos) are not counted, as in
 * the retention report. Mergeable and order independent like {@link RetentionReport}. Immutable and
 * thread-safe.
 */
public final class ChurnReasons {
    /** The key of churns and contractions given no reason; never a valid reason code. */
    public static final String UNSTATED = "(unstated)";
    static final Comparator<Segment> SEGMENT_ORDER = Comparator.comparing(Segment::name).thenComparing(Segment::engagementModel);

    /**
     * What one reason cost.
     *
     * @param churnedAccounts cohort accounts that churned for it
     * @param churnedArr their starting ARR
     * @param contractedAccounts cohort accounts that contracted for it
     * @param contraction the ARR they lost
     */
    public record Loss(long churnedAccounts, Money churnedArr, long contractedAccounts, Money contraction) {
        /**
         * The ARR lost for the reason.
         *
         * @return churned ARR + contraction
         */
        public Money lostArr() {
            return churnedArr.plus(contraction);
        }

        Loss plus(Loss other) {
            return new Loss(churnedAccounts + other.churnedAccounts, churnedArr.plus(other.churnedArr),
                    contractedAccounts + other.contractedAccounts, contraction.plus(other.contraction));
        }
    }

    private final Currency currency;
    private final SortedMap<Segment, SortedMap<String, Loss>> bySegment;

    private ChurnReasons(Currency currency, SortedMap<Segment, SortedMap<String, Loss>> bySegment) {
        this.currency = currency;
        this.bySegment = bySegment;
    }

    /**
     * Computes the losses over a stream of accounts, reading it once.
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @param accounts the accounts, each once
     * @return the losses
     * @throws ValidationException naming the account if one is in another currency or churned outside the period
     */
    public static ChurnReasons of(ReportingPeriod period, Currency currency, Stream<AccountRevenue> accounts) {
        return accounts.collect(collector(period, currency));
    }

    /**
     * A collector that computes the losses; it may run in parallel.
     *
     * @param period the period
     * @param currency the currency every amount must be in
     * @return the collector
     */
    public static Collector<AccountRevenue, ?, ChurnReasons> collector(ReportingPeriod period, Currency currency) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        return Collector.of(() -> new Tally(period, currency), Tally::add, Tally::merge, Tally::report,
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines these losses with those over other accounts in the same currency.
     *
     * @param other losses over other accounts
     * @return the losses over both
     * @throws ValidationException if the currencies differ
     */
    public ChurnReasons combine(ChurnReasons other) {
        Currencies.requireSame("losses", currency, other.currency);
        SortedMap<Segment, SortedMap<String, Loss>> sum = new TreeMap<>(SEGMENT_ORDER);
        addAll(sum, bySegment);
        addAll(sum, other.bySegment);
        return new ChurnReasons(currency, freeze(sum));
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
     * The losses per reason over every segment, in the order of the codes ({@link #UNSTATED} first).
     *
     * @return the losses by reason; only reasons that occur; unmodifiable
     */
    public SortedMap<String, Loss> byReason() {
        SortedMap<String, Loss> all = new TreeMap<>();
        bySegment.values().forEach(m -> m.forEach((reason, loss) -> all.merge(reason, loss, Loss::plus)));
        return Collections.unmodifiableSortedMap(all);
    }

    /**
     * The losses per segment (by name, then engagement model), then per reason.
     *
     * @return the losses; only segments and reasons that occur; unmodifiable
     */
    public SortedMap<Segment, SortedMap<String, Loss>> bySegment() {
        return bySegment;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChurnReasons c && currency.equals(c.currency) && bySegment.equals(c.bySegment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, bySegment);
    }

    @Override
    public String toString() {
        return "ChurnReasons{" + byReason() + "}";
    }

    private static void put(SortedMap<Segment, SortedMap<String, Loss>> into, Segment segment, String reason, Loss loss) {
        into.computeIfAbsent(segment, s -> new TreeMap<>()).merge(reason, loss, Loss::plus);
    }

    private static void addAll(SortedMap<Segment, SortedMap<String, Loss>> into, SortedMap<Segment, SortedMap<String, Loss>> from) {
        from.forEach((segment, losses) -> losses.forEach((reason, loss) -> put(into, segment, reason, loss)));
    }

    private static SortedMap<Segment, SortedMap<String, Loss>> freeze(SortedMap<Segment, SortedMap<String, Loss>> from) {
        SortedMap<Segment, SortedMap<String, Loss>> out = new TreeMap<>(SEGMENT_ORDER);
        for (Map.Entry<Segment, SortedMap<String, Loss>> e : from.entrySet()) {
            out.put(e.getKey(), Collections.unmodifiableSortedMap(new TreeMap<>(e.getValue())));
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The running sums; mutable while collecting. */
    private static final class Tally {
        private final ReportingPeriod period;
        private final Currency currency;
        private final SortedMap<Segment, SortedMap<String, Loss>> bySegment = new TreeMap<>(SEGMENT_ORDER);

        Tally(ReportingPeriod period, Currency currency) {
            this.period = period;
            this.currency = currency;
        }

        void add(AccountRevenue account) {
            RetentionReport.check(account, period, currency);
            if (!account.inStartingCohort()) {
                return;
            }
            String reason = account.reason().orElse(UNSTATED);
            Money zero = Money.zero(currency);
            if (account.churnedOn().isPresent()) {
                put(bySegment, account.segment(), reason, new Loss(1, account.startArr(), 0, zero));
            } else if (account.contracted()) {
                BigDecimal lost = account.startArr().amount().subtract(account.endArr().amount());
                put(bySegment, account.segment(), reason, new Loss(0, zero, 1, new Money(lost, currency)));
            }
        }

        Tally merge(Tally other) {
            Currencies.requireSame("losses", currency, other.currency);
            addAll(bySegment, other.bySegment);
            return this;
        }

        ChurnReasons report() {
            return new ChurnReasons(currency, freeze(bySegment));
        }
    }
}
