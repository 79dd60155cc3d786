package org.cskit.cli.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Currency;
import java.util.Map;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Money;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.scoring.portfolio.AccountRevenue;
import org.cskit.scoring.portfolio.ReportingPeriod;
import org.cskit.scoring.portfolio.ValueRates;
import org.cskit.model.Signal;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.scoring.features.SnapshotAssembler;

/**
 * Where the portfolio commands' accounts come from: RavenStack-format CSV files ({@link RavenStackSource})
 * or a portfolio generated from a seed ({@link GeneratedSource}). {@link ScoredPortfolio} reads it
 * account by account, each over every day it scores, so that a generated account's signals are drawn
 * once and dropped once the account is scored. Implementations are immutable and thread-safe.
 */
interface PortfolioSource {
    /**
     * One account of the source, seen up to a day.
     */
    interface Member {
        /**
         * The account as of a day, with its contract and lifecycle stage as of it.
         *
         * @param day any day the data covers (the day the member was made for bounds its signals only)
         * @return the account, or empty if it was not in the portfolio that day
         */
        Optional<Account> on(LocalDate day);

        /**
         * The account's signals observed up to a time, oldest first.
         *
         * @param asOf a time up to the start of the day the member was made for
         * @return the signals
         */
        List<Signal> signalsUpTo(Instant asOf);

        /**
         * What the account decided at its renewal, where the source knows it (a generated portfolio does).
         *
         * @return the outcome, or empty
         */
        default Optional<KnownOutcome> outcome() {
            return Optional.empty();
        }
    }

    /**
     * What an account decided at a renewal, as the source knows it.
     *
     * @param renewal the renewal day
     * @param churned whether it left then
     */
    record KnownOutcome(LocalDate renewal, boolean churned) {}

    /**
     * A configuration the source ships for a scoring strategy.
     *
     * @param source where it comes from, in words, such as {@code the shipped ravenstack/scorecard.json}
     * @param json its text
     */
    record Config(String source, String json) {}

    /** @return the source in words, for the summary's first line and the report's header */
    String description();

    /** @return the source in a few words, for messages such as {@code --as-of ... is outside the data: NAME covers ...} */
    String name();

    /**
     * What was read or generated, in one line that starts with a verb.
     *
     * @param days the days scored, oldest first
     * @param signals how many signals the last day's snapshots rest on, over all its accounts
     * @return the line
     */
    String contents(List<LocalDate> days, long signals);

    /** @return the folder the data was read from, if it was read from one */
    Optional<Path> folder();

    /**
     * What it takes to be in the portfolio on a day, as a verb phrase for one account or many, such as
     * {@code had signed up and had an active subscription}.
     *
     * @return the phrase
     */
    String membership();

    /** @return what the segments are, in a few words, such as {@code the plan tier} */
    String segments();

    /** @return the first day the data covers */
    LocalDate first();

    /** @return the last day the data covers */
    LocalDate last();

    /** @return the day to score as of when none is given */
    LocalDate defaultAsOf();

    /** @return the features of every snapshot, derived from the signals, then the standard ones */
    SnapshotAssembler assembler();

    /**
     * The configuration the source ships for a strategy, used when none is given.
     *
     * @param strategy the strategy's name, in any case
     * @return the configuration, or empty if the source has none for it
     */
    Optional<Config> defaultConfig(String strategy);

    /** @return how many accounts the source holds, over all its days */
    int size();

    /**
     * One account, seen up to a day.
     *
     * @param index the account's index, in [0, {@link #size()})
     * @param upTo the last day it will be asked about
     * @return the member
     */
    Member member(int index, LocalDate upTo);

    /**
     * One account as of a day, found by id.
     *
     * @param id the account's id
     * @param day a day up to the last the source covers
     * @return the account, or empty if it was not in the portfolio that day
     */
    Optional<Account> account(AccountId id, LocalDate day);

    /**
     * An account's id, by index.
     *
     * @param index the account's index, in [0, {@link #size()})
     * @return its id
     */
    AccountId id(int index);

    /**
     * An account's index, by id.
     *
     * @param id an id of the source
     * @return its index, in [0, {@link #size()})
     * @throws IllegalArgumentException if the source has no such account
     */
    int index(AccountId id);

    /**
     * The signals of the accounts {@code [from, to)} as columns, row {@code r} being account
     * {@code from + r}: every observation up to the start of {@code day}, as the demo's nightly run
     * reads them. The default reads each account's signals as objects ({@link #member}) and puts them
     * into columns, one per signal name, in name order; a generated source draws them as columns.
     *
     * @param from the first account
     * @param to the account after the last
     * @param day the day: observations up to its start
     * @return the columns
     */
    default SignalColumns signalColumns(int from, int to, LocalDate day) {
        return columns(from, to, i -> member(i, day), day);
    }

    /**
     * Accounts {@code [from, to)} read (or generated) once for several days up to one: each account as of
     * any of those days, and their signals up to the start of the last, as columns.
     */
    interface Span {
        /**
         * An account of the span as of a day.
         *
         * @param index the account's index, in the span's range
         * @param day any day the data covers (the span's last bounds its signals only)
         * @return the account, or empty if it was not in the portfolio that day
         */
        Optional<Account> on(int index, LocalDate day);

        /**
         * The span's signals, as {@link PortfolioSource#signalColumns} gives them for the span's last day:
         * row {@code r} is the span's first account plus {@code r}.
         *
         * @return the columns
         */
        SignalColumns signals();

        /**
         * A span over accounts held in a list.
         *
         * @param <T> what the list holds of an account
         * @param from the index of the list's first account
         * @param accounts the accounts, in index order
         * @param on an account as of a day
         * @param signals the span's signals
         * @return the span
         */
        static <T> Span of(int from, List<T> accounts, java.util.function.BiFunction<T, LocalDate, Optional<Account>> on,
                SignalColumns signals) {
            return new Span() {
                @Override
                public Optional<Account> on(int index, LocalDate day) {
                    return on.apply(accounts.get(index - from), day);
                }

                @Override
                public SignalColumns signals() {
                    return signals;
                }
            };
        }
    }

    /**
     * Accounts {@code [from, to)} read once for the days up to {@code upTo}, so that several nights of them
     * need no second reading. The default reads each account as a {@link #member} and puts its signals into
     * columns as {@link #signalColumns} does; a generated source generates each account once.
     *
     * @param from the first account
     * @param to the account after the last
     * @param upTo the last day asked about: the signals are those up to its start
     * @return the span
     */
    default Span span(int from, int to, LocalDate upTo) {
        List<Member> members = java.util.stream.IntStream.range(from, to).mapToObj(i -> member(i, upTo)).toList();
        return Span.of(from, members, Member::on, columns(from, to, i -> members.get(i - from), upTo));
    }

    /** The signals of members {@code [from, to)} up to the start of a day, put into columns one per name, in name order. */
    private static SignalColumns columns(int from, int to, java.util.function.IntFunction<Member> member, LocalDate day) {
        Instant asOf = ScoredPortfolio.startOf(day);
        java.util.TreeMap<String, List<long[]>> byName = new java.util.TreeMap<>(); // per name: row, time, value bits
        for (int i = from; i < to; i++) {
            for (Signal s : member.apply(i).signalsUpTo(asOf)) {
                byName.computeIfAbsent(s.name(), k -> new java.util.ArrayList<>())
                        .add(new long[] {i - from, s.observedAt().toEpochMilli(), Double.doubleToRawLongBits(s.value())});
            }
        }
        List<SignalColumn> columns = new java.util.ArrayList<>();
        byName.forEach((name, observations) -> {
            observations.sort(java.util.Comparator.<long[]>comparingLong(o -> o[0]).thenComparingLong(o -> o[1]));
            int[] rows = new int[observations.size()];
            long[] times = new long[rows.length];
            double[] values = new double[rows.length];
            for (int o = 0; o < rows.length; o++) {
                rows[o] = (int) observations.get(o)[0];
                times[o] = observations.get(o)[1];
                values[o] = Double.longBitsToDouble(observations.get(o)[2]);
            }
            columns.add(SignalColumn.of(name, rows, times, values));
        });
        return SignalColumns.of(to - from, columns);
    }

    /** @return what the data can and cannot tell, one plain-text sentence or more per item, for the report */
    List<String> notes();

    /**
     * One account as of a day, without its signals.
     *
     * @param index the account's index, in [0, {@link #size()})
     * @param day a day the data covers
     * @return the account, or empty if it was not in the portfolio that day
     */
    Optional<Account> accountOn(int index, LocalDate day);

    /**
     * One account over a period ending on the as-of day, as the dashboard reads it.
     *
     * @param revenue its revenue over the period
     * @param onLastDay the account on the period's last day, if it was still a customer
     */
    record Standing(AccountRevenue revenue, Optional<Account> onLastDay) {}

    /**
     * One account over a period ending on the as-of day: its ARR on the first and the last day, its
     * churn day and its renewal, and the account on the last day. The default looks the account up
     * on the period's days: on the first and the last, and day by day back from the last to find the
     * churn day of an account that left.
     *
     * @param index the account's index, in [0, {@link #size()})
     * @param period the period, within the days the data covers
     * @return the standing, or empty if the account was not in the portfolio on any day of the period
     */
    default Optional<Standing> standing(int index, ReportingPeriod period) {
        Optional<Account> start = accountOn(index, period.start());
        Optional<Account> end = accountOn(index, period.end());
        Optional<LocalDate> churnedOn = Optional.empty();
        Account any = start.or(() -> end).orElse(null);
        if (end.isEmpty()) {
            for (LocalDate day = period.end().minusDays(1); !day.isBefore(period.start()); day = day.minusDays(1)) {
                Optional<Account> seen = accountOn(index, day);
                if (seen.isPresent()) {
                    any = any == null ? seen.get() : any;
                    churnedOn = Optional.of(day.plusDays(1));
                    break;
                }
            }
            if (churnedOn.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Standing(revenue(any, start, end, churnedOn), end));
    }

    /**
     * One account's standing over a period, as {@link #standing(int, ReportingPeriod)} gives it, for a
     * caller that already holds the account as a member: the default looks it up again; a generated
     * source reads it from the member's account, without generating it again.
     *
     * @param index the account's index, in [0, {@link #size()})
     * @param member the account as {@link #member} gave it, for a day up to the period's last
     * @param period the period, within the days the data covers
     * @return the standing, or empty if the account was not in the portfolio on any day of the period
     */
    default Optional<Standing> standing(int index, Member member, ReportingPeriod period) {
        return standing(index, period);
    }

    /** The revenue of an account seen on a period's first and last day, which churned on a day if it did. */
    static AccountRevenue revenue(Account any, Optional<Account> start, Optional<Account> end, Optional<LocalDate> churnedOn) {
        Money zero = Money.zero(any.contract().arr().currency());
        AccountRevenue.Builder b = AccountRevenue.builder().accountId(any.id()).segment(any.segment())
                .startArr(start.map(a -> a.contract().arr()).orElse(zero))
                .endArr(end.map(a -> a.contract().arr()).orElse(zero))
                .churnedOn(churnedOn);
        start.ifPresent(a -> b.renewalDate(a.contract().renewalDate()).monthToMonth(a.contract().termMonths() == 1));
        return b.build();
    }

    /** @return the currency of every contract */
    Currency currency();

    /**
     * The signals that are survey answers, by name, with their survey: each such signal becomes a
     * {@link SurveyResponse} for the dashboard.
     *
     * @return the survey signals; empty if the data has none
     */
    Map<String, SurveyKind> surveySignals();

    /**
     * What one unit of the accounts' outcome metrics is worth, per segment: the dashboard's value rates.
     *
     * @return the rates, without any when the data has no outcome metrics
     */
    ValueRates valueRates();
}
