package org.cskit.scoring.portfolio;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.scoring.ScoreChange;

/**
 * The two-column customer success dashboard, as of a day, over a portfolio: on the left what the
 * customers got (the share that reached their outcome, the value generated, time to first value,
 * NPS, CSAT and CES), on the right what the company got (NRR, GRR, logo churn, the reasons for lost
 * revenue, the book of business per CSM, the accuracy of renewal forecasts), and the week's "what
 * moved" list: the accounts whose band changed since a week before, with the inputs that moved
 * them. Immutable and thread-safe.
 *
 * <p>One {@link DashboardAccount} per account goes in, read once. The period ends on the as-of day
 * (typically the twelve months up to it). Which accounts each part counts:
 * <ul>
 *   <li>{@link #retention()} and {@link #churnReasons()}: every account's revenue over the period;</li>
 *   <li>{@link #outcome()}, {@link #value()}, {@link #timeToValue()}, {@link #book()}: the accounts
 *       still customers on the as-of day ({@link DashboardAccount#account()} present);</li>
 *   <li>{@link #surveys()}: every answer given in the period;</li>
 *   <li>{@link #forecasts()}: the accounts whose forecast renewal fell in the period (closed), judged
 *       against their revenue: churned if it churned in the period, else renewed at its ARR on the
 *       as-of day; {@link #openForecasts()} counts forecasts for renewals after the as-of day;</li>
 *   <li>{@link #moves()}: accounts with a vector on the day and a week before whose band differs;
 *       {@link #topMoves()} keeps the first {@link Spec#movesShown()} of them, moves to a riskier band
 *       (lower rank) first, then by ARR, largest first, then by account id.</li>
 * </ul>
 * Computed in slices and {@link #combine combined}, it equals the dashboard over the whole, in any
 * order (each account once).
 */
public final class Dashboard {
    /**
     * What a dashboard is computed under.
     *
     * @param period the period, ending on the as-of day
     * @param rates the value rates, whose currency is every amount's
     * @param riskBands the labels of the bands that put an account at risk
     * @param movesShown how many band moves {@link #topMoves()} keeps, at least 0
     */
    public record Spec(ReportingPeriod period, ValueRates rates, Set<String> riskBands, int movesShown) {
        /**
         * Checks the spec.
         *
         * @throws ValidationException if a part is null or {@code movesShown} is negative
         */
        public Spec {
            Validate.present("period", period);
            Validate.present("rates", rates);
            riskBands = Set.copyOf(Validate.present("riskBands", riskBands));
            Validate.atLeast("movesShown", movesShown, 0);
        }

        /**
         * The as-of day.
         *
         * @return the period's last day
         */
        public LocalDate asOf() {
            return period.end();
        }
    }

    /**
     * An account whose band changed over the week.
     *
     * @param accountId the account
     * @param name its name (its id if it is no longer a customer)
     * @param segment its segment
     * @param arr its ARR on the as-of day
     * @param from its band a week before
     * @param to its band on the as-of day
     * @param why the score's change and the inputs that moved it, largest first
     */
    public record BandMove(AccountId accountId, String name, Segment segment, Money arr, Band from, Band to, ScoreChange why) {
        /**
         * Tells whether the account moved to a riskier band.
         *
         * @return true when the new band's rank is lower
         */
        public boolean worse() {
            return to.rank() < from.rank();
        }
    }

    private static final Comparator<BandMove> MOVE_ORDER = Comparator.comparing((BandMove m) -> !m.worse())
            .thenComparing(BandMove::arr, Comparator.reverseOrder()).thenComparing(BandMove::accountId);

    private final Spec spec;
    private final OutcomeShare outcome;
    private final ValueGenerated value;
    private final TimeToFirstValue timeToValue;
    private final SurveyScores surveys;
    private final RetentionReport retention;
    private final ChurnReasons churnReasons;
    private final BookOfBusiness book;
    private final ForecastAccuracy forecasts;
    private final long openForecasts;
    private final long moves;
    private final List<BandMove> topMoves;

    private Dashboard(Spec spec, OutcomeShare outcome, ValueGenerated value, TimeToFirstValue timeToValue, SurveyScores surveys,
            RetentionReport retention, ChurnReasons churnReasons, BookOfBusiness book, ForecastAccuracy forecasts, long openForecasts,
            long moves, List<BandMove> topMoves) {
        this.spec = spec;
        this.outcome = outcome;
        this.value = value;
        this.timeToValue = timeToValue;
        this.surveys = surveys;
        this.retention = retention;
        this.churnReasons = churnReasons;
        this.book = book;
        this.forecasts = forecasts;
        this.openForecasts = openForecasts;
        this.moves = moves;
        this.topMoves = List.copyOf(topMoves);
    }

    /**
     * Computes the dashboard over a stream of accounts, reading it once.
     *
     * @param spec the period, rates and risk bands
     * @param accounts one entry per account
     * @return the dashboard
     * @throws ValidationException naming the account if one is in another currency, churned outside
     *     the period, has a forecast for a renewal before the period, or a value rate in another unit
     */
    public static Dashboard of(Spec spec, Stream<DashboardAccount> accounts) {
        return accounts.collect(collector(spec));
    }

    /**
     * A collector that computes the dashboard; it may run in parallel.
     *
     * @param spec the period, rates and risk bands
     * @return the collector
     */
    public static Collector<DashboardAccount, ?, Dashboard> collector(Spec spec) {
        Objects.requireNonNull(spec, "spec");
        return Collector.of(() -> new Tally(spec), Tally::add, (a, b) -> a.merge(b.finish()), Tally::finish,
                Collector.Characteristics.UNORDERED);
    }

    /**
     * Combines this dashboard with one over other accounts under the same spec.
     *
     * @param other a dashboard over other accounts
     * @return the dashboard over both
     * @throws ValidationException if the specs differ
     */
    public Dashboard combine(Dashboard other) {
        if (!other.spec.equals(spec)) {
            throw Validate.invalid("spec", "cannot combine a dashboard under " + spec + " with one under " + other.spec
                    + ": the specs differ");
        }
        List<BandMove> top = new ArrayList<>(topMoves);
        top.addAll(other.topMoves);
        top.sort(MOVE_ORDER);
        return new Dashboard(spec, outcome.combine(other.outcome), value.combine(other.value), timeToValue.combine(other.timeToValue),
                surveys.combine(other.surveys), retention.combine(other.retention), churnReasons.combine(other.churnReasons),
                book.combine(other.book), forecasts.combine(other.forecasts), openForecasts + other.openForecasts,
                moves + other.moves, top.subList(0, Math.min(top.size(), spec.movesShown())));
    }

    /** @return the spec the dashboard was computed under */
    public Spec spec() {
        return spec;
    }

    /** @return the as-of day, the period's last */
    public LocalDate asOf() {
        return spec.asOf();
    }

    /** @return left column: the share of the customers on the as-of day that reached their desired outcome */
    public OutcomeShare outcome() {
        return outcome;
    }

    /** @return left column: value generated by the customers on the as-of day, and the share that reached value */
    public ValueGenerated value() {
        return value;
    }

    /** @return left column: time to first value of the customers on the as-of day */
    public TimeToFirstValue timeToValue() {
        return timeToValue;
    }

    /** @return left column: NPS, CSAT and CES over the answers given in the period */
    public SurveyScores surveys() {
        return surveys;
    }

    /** @return right column: NRR, GRR and logo churn over the period */
    public RetentionReport retention() {
        return retention;
    }

    /** @return right column: churned and contracted ARR per reason and segment */
    public ChurnReasons churnReasons() {
        return churnReasons;
    }

    /** @return right column: the book of business per CSM on the as-of day */
    public BookOfBusiness book() {
        return book;
    }

    /** @return right column: how well the forecasts of the renewals that closed in the period called them */
    public ForecastAccuracy forecasts() {
        return forecasts;
    }

    /** @return forecasts of renewals after the as-of day, not yet judged */
    public long openForecasts() {
        return openForecasts;
    }

    /** @return the accounts whose band changed over the week before the as-of day */
    public long moves() {
        return moves;
    }

    /** @return the first {@link Spec#movesShown()} of them, in the documented order; unmodifiable */
    public List<BandMove> topMoves() {
        return topMoves;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dashboard d && spec.equals(d.spec) && outcome.equals(d.outcome) && value.equals(d.value)
                && timeToValue.equals(d.timeToValue) && surveys.equals(d.surveys) && retention.equals(d.retention)
                && churnReasons.equals(d.churnReasons) && book.equals(d.book) && forecasts.equals(d.forecasts)
                && openForecasts == d.openForecasts && moves == d.moves && topMoves.equals(d.topMoves);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, outcome, value, timeToValue, retention, book, moves, topMoves);
    }

    @Override
    public String toString() {
        return "Dashboard{asOf=" + asOf() + ", outcome=" + outcome + ", value=" + value + ", timeToValue=" + timeToValue
                + ", surveys=" + surveys + ", retention=" + retention + ", churnReasons=" + churnReasons + ", book=" + book
                + ", forecasts=" + forecasts + ", openForecasts=" + openForecasts + ", moves=" + moves + "}";
    }

    /** One pass over the accounts: each part's own collector, plus what was combined in already. */
    private static final class Tally {
        private final Spec spec;
        private final Part<Account, OutcomeShare> outcome;
        private final Part<Account, ValueGenerated> value;
        private final Part<Account, TimeToFirstValue> timeToValue;
        private final Part<SurveyScores.Answer, SurveyScores> surveys;
        private final Part<AccountRevenue, RetentionReport> retention;
        private final Part<AccountRevenue, ChurnReasons> churnReasons;
        private final Part<BookOfBusiness.Holding, BookOfBusiness> book;
        private final Part<ForecastAccuracy.ClosedRenewal, ForecastAccuracy> forecasts;
        private long openForecasts;
        private long moves;
        private final List<BandMove> topMoves = new ArrayList<>();
        private Dashboard combined;

        Tally(Spec spec) {
            this.spec = spec;
            LocalDate asOf = spec.asOf();
            outcome = Part.of(OutcomeShare.collector(asOf));
            value = Part.of(ValueGenerated.collector(asOf, spec.rates()));
            timeToValue = Part.of(TimeToFirstValue.collector(asOf));
            surveys = Part.of(SurveyScores.collector(spec.period()));
            retention = Part.of(RetentionReport.collector(spec.period(), spec.rates().currency()));
            churnReasons = Part.of(ChurnReasons.collector(spec.period(), spec.rates().currency()));
            book = Part.of(BookOfBusiness.collector(spec.rates().currency(), spec.riskBands()));
            forecasts = Part.of(ForecastAccuracy.collector(spec.rates().currency()));
        }

        void add(DashboardAccount d) {
            AccountRevenue revenue = d.revenue();
            retention.add(revenue);
            churnReasons.add(revenue);
            d.responses().forEach(r -> surveys.add(new SurveyScores.Answer(revenue.segment(), r)));
            d.account().ifPresent(a -> {
                outcome.add(a);
                value.add(a);
                timeToValue.add(a);
                book.add(new BookOfBusiness.Holding(a, d.vector(), d.openPlays()));
            });
            d.forecast().ifPresent(f -> {
                if (f.renewalDate().isAfter(spec.asOf())) {
                    openForecasts++;
                } else if (spec.period().contains(f.renewalDate())) {
                    forecasts.add(new ForecastAccuracy.ClosedRenewal(revenue.segment(), f, revenue.churnedOn().isPresent(),
                            revenue.endArr()));
                } else {
                    throw Validate.invalid("forecast.renewalDate", "account '" + d.accountId() + "': forecast for the renewal on "
                            + f.renewalDate() + " is before the period " + spec.period() + ": give the forecast of a renewal in it or after it");
                }
            });
            if (d.vector().isPresent() && d.weekBefore().isPresent()) {
                SuccessVector now = d.vector().get();
                SuccessVector before = d.weekBefore().get();
                if (!now.band().equals(before.band())) {
                    moves++;
                    topMoves.add(new BandMove(d.accountId(), d.account().map(Account::name).orElse(d.accountId().value()),
                            revenue.segment(), revenue.endArr(), before.band(), now.band(), ScoreChange.explain(before, now)));
                    if (topMoves.size() > 2 * Math.max(spec.movesShown(), 16)) {
                        trim();
                    }
                }
            }
        }

        private void trim() {
            topMoves.sort(MOVE_ORDER);
            topMoves.subList(Math.min(topMoves.size(), spec.movesShown()), topMoves.size()).clear();
        }

        Tally merge(Dashboard other) {
            combined = finish().combine(other);
            return reset();
        }

        private Tally reset() {
            Tally fresh = new Tally(spec);
            fresh.combined = combined;
            return fresh;
        }

        Dashboard finish() {
            trim();
            Dashboard own = new Dashboard(spec, outcome.finish(), value.finish(), timeToValue.finish(), surveys.finish(),
                    retention.finish(), churnReasons.finish(), book.finish(), forecasts.finish(), openForecasts, moves, topMoves);
            return combined == null ? own : combined.combine(own);
        }
    }

    /** A part's collector with its running container. */
    private static final class Part<T, R> {
        private final java.util.function.Consumer<T> add;
        private final java.util.function.Supplier<R> finish;

        private Part(java.util.function.Consumer<T> add, java.util.function.Supplier<R> finish) {
            this.add = add;
            this.finish = finish;
        }

        static <T, A, R> Part<T, R> of(Collector<T, A, R> c) {
            A container = c.supplier().get();
            return new Part<>(t -> c.accumulator().accept(container, t), () -> c.finisher().apply(container));
        }

        void add(T t) {
            add.accept(t);
        }

        R finish() {
            return finish.get();
        }
    }
}
