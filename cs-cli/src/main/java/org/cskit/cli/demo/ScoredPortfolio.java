package org.cskit.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.ScorePoint;
import org.cskit.model.Segment;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.Signal;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.cli.input.InputException;
import org.cskit.scoring.features.SnapshotAssembler;
import org.cskit.scoring.portfolio.ScoredAccount;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * Every account of a {@link PortfolioSource} scored at several days, oldest first: each day's
 * snapshot is assembled from the signals up to that day, with the account's earlier scores as
 * history and its previous vector, so that direction and velocity come from the scores over time.
 *
 * <p>Accounts are scored one at a time over all the days, in parallel batches, and what is kept of
 * each is what the commands show of it ({@link Customer}), its snapshot and vector on the last day
 * and its score on every day (all its snapshots and vectors only when asked, for a dry run), so that
 * a big portfolio need not hold every account's signals, plan and people at once. Immutable.
 */
final class ScoredPortfolio {
    /** How many accounts are scored together, between two reports of progress. */
    private static final int BATCH = 1024;

    /**
     * What the commands show of an account, kept instead of the whole account (its people, plan and
     * contract), so that a big portfolio fits in memory.
     *
     * @param id the account's id
     * @param name its name
     * @param segment its segment
     * @param lifecycleStage its lifecycle stage as of the day
     * @param arr its contract's ARR as of the day
     */
    record Customer(AccountId id, String name, Segment segment, LifecycleStage lifecycleStage, Money arr) {
        static Customer of(Account account) {
            return new Customer(account.id(), account.name(), account.segment(), account.lifecycleStage(), account.contract().arr());
        }
    }

    /**
     * One account on one day.
     *
     * @param account the account as of the day
     * @param snapshot its snapshot
     * @param vector its vector
     */
    record Scored(Customer account, AccountSnapshot snapshot, SuccessVector vector) {}

    /** An account on the last day over all the days: its score on each (NaN where it was not in the portfolio), and its known outcome. */
    private record Track(double[] scores, Optional<PortfolioSource.KnownOutcome> outcome) {}

    /**
     * A call a vector made on an account's renewal: its band on a scored day, with the contract's renewal and ARR as of it.
     *
     * @param madeOn the scored day
     * @param renewal the renewal then due, after that day
     * @param band the vector's band on the day
     * @param arr the contract's ARR on the day
     */
    record RenewalCall(LocalDate madeOn, LocalDate renewal, Band band, Money arr) {}

    /**
     * What the dashboard needs of an account's scoring, kept for every account of the source, including those gone by the last day.
     *
     * @param weekBefore its vector a week before the last day, kept only when its band then differs from its band on the last day
     * @param call the call on the latest renewal up to the last day, else on the renewal due after it; null if never scored
     * @param responses its survey answers observed up to the last day
     */
    record DashboardFacts(SuccessVector weekBefore, RenewalCall call, List<SurveyResponse> responses) {}

    /**
     * What scoring one account gave: its scored days, its score on every day (NaN where it was not in the
     * portfolio), its known outcome, the signals of its last snapshot, and the problem if the strategy
     * could not score it.
     */
    private record AccountRun(List<Scored> scored, double[] scores, Optional<PortfolioSource.KnownOutcome> outcome, int signals,
            DashboardFacts facts, ValidationException problem) {}

    private final List<LocalDate> days;
    private final List<Scored> last;
    private final Map<AccountId, Track> tracks;
    /** Null when not kept. */
    private final List<Scored> everyDay;
    private final long signals;
    private final DashboardFacts[] facts;
    private final Map<AccountId, Scored> byId = new java.util.HashMap<>();

    private ScoredPortfolio(List<LocalDate> days, List<Scored> last, Map<AccountId, Track> tracks, List<Scored> everyDay, long signals,
            DashboardFacts[] facts) {
        this.days = days;
        this.last = last;
        this.tracks = tracks;
        this.everyDay = everyDay;
        this.signals = signals;
        this.facts = facts;
        last.forEach(x -> byId.put(x.account().id(), x));
    }

    /**
     * Scores the portfolio on each day.
     *
     * @param data the accounts and their signals
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param keepEveryDay whether to keep every day's snapshots and vectors (for {@link #everyDay()}), not only the last day's
     * @param dashboard whether to keep what the dashboard needs ({@link #facts(int)}): the vector a week before the last day,
     *     the renewal calls and the survey answers
     * @param progress reports each account scored
     * @return the scores
     * @throws InputException if the strategy cannot score the snapshots, naming its configuration's line
     */
    static ScoredPortfolio score(PortfolioSource data, Strategy strategy, List<LocalDate> days, boolean keepEveryDay, boolean dashboard,
            Progress progress) {
        SnapshotAssembler assembler = data.assembler();
        int n = data.size();
        progress.start("scoring", n);
        List<Scored> last = new ArrayList<>();
        Map<AccountId, Track> tracks = new HashMap<>();
        List<Scored> everyDay = keepEveryDay ? new ArrayList<>() : null;
        DashboardFacts[] facts = new DashboardFacts[n];
        Map<String, SurveyKind> surveys = dashboard ? data.surveySignals() : null;
        long signals = 0;
        for (int from = 0; from < n; from += BATCH) {
            List<AccountRun> batch = IntStream.range(from, Math.min(n, from + BATCH)).parallel()
                    .mapToObj(i -> scoreAccount(data.member(i, days.get(days.size() - 1)), assembler, strategy, days, surveys)).toList();
            for (int b = 0; b < batch.size(); b++) {
                AccountRun run = batch.get(b);
                facts[from + b] = run.facts();
                if (run.problem() != null) {
                    throw strategy.problem(run.problem());
                }
                if (keepEveryDay) {
                    everyDay.addAll(run.scored());
                }
                if (!Double.isNaN(run.scores()[days.size() - 1])) {
                    Scored s = run.scored().get(run.scored().size() - 1);
                    last.add(s);
                    tracks.put(s.account().id(), new Track(run.scores(), run.outcome()));
                    signals += run.signals();
                }
            }
            progress.advance(batch.size());
        }
        progress.finish();
        return new ScoredPortfolio(List.copyOf(days), List.copyOf(last), Map.copyOf(tracks), keepEveryDay ? List.copyOf(everyDay) : null,
                signals, facts);
    }

    /**
     * Scores one account on each day it is in the portfolio, oldest first, each day's vector feeding the next day's snapshot; and a
     * week before the last day, from the same history as the last day, for the dashboard's band moves. Without survey signals
     * (null), nothing is kept for the dashboard.
     */
    private static AccountRun scoreAccount(PortfolioSource.Member member, SnapshotAssembler assembler, Strategy strategy,
            List<LocalDate> days, Map<String, SurveyKind> surveys) {
        List<Scored> scored = new ArrayList<>();
        double[] scores = new double[days.size()];
        Arrays.fill(scores, Double.NaN);
        List<ScorePoint> history = new ArrayList<>();
        SuccessVector previous = null;
        SuccessVector weekBefore = null;
        RenewalCall closed = null;
        RenewalCall open = null;
        LocalDate lastDay = days.get(days.size() - 1);
        int signals = 0;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Optional<Account> account = member.on(day);
            if (account.isEmpty()) {
                continue;
            }
            if (surveys != null && d == days.size() - 1 && (d == 0 || lastDay.minusDays(7).isAfter(days.get(d - 1)))) {
                Optional<Account> before = member.on(lastDay.minusDays(7));
                if (before.isPresent()) {
                    Instant at = startOf(lastDay.minusDays(7));
                    AccountSnapshot then = assembler.assemble(before.get(), member.signalsUpTo(at), at, List.copyOf(history),
                            Optional.ofNullable(previous));
                    try {
                        weekBefore = strategy.strategy().score(then);
                    } catch (ValidationException e) {
                        return new AccountRun(List.of(), scores, Optional.empty(), 0, null, e);
                    }
                }
            }
            Instant asOf = startOf(day);
            List<Signal> known = member.signalsUpTo(asOf);
            AccountSnapshot snapshot = assembler.assemble(account.get(), known, asOf, List.copyOf(history), Optional.ofNullable(previous));
            SuccessVector v;
            try {
                v = strategy.strategy().score(snapshot);
            } catch (ValidationException e) {
                return new AccountRun(List.of(), scores, Optional.empty(), 0, null, e);
            }
            scored.add(new Scored(Customer.of(account.get()), snapshot, v));
            scores[d] = v.score();
            history.add(ScorePoint.of(v.asOf(), v.score()));
            previous = v;
            signals = known.size();
            LocalDate renewal = account.get().contract().renewalDate();
            if (renewal.isAfter(day)) {
                RenewalCall call = new RenewalCall(day, renewal, v.band(), account.get().contract().arr());
                open = call;
                closed = renewal.isAfter(lastDay) ? closed : call;
            }
        }
        if (surveys == null) {
            return new AccountRun(scored, scores, member.outcome(), signals, null, null);
        }
        boolean moved = weekBefore != null && !Double.isNaN(scores[days.size() - 1]) && !weekBefore.band().equals(previous.band());
        List<SurveyResponse> responses = new ArrayList<>();
        if (!surveys.isEmpty()) {
            for (Signal s : member.signalsUpTo(startOf(lastDay))) {
                SurveyKind kind = surveys.get(s.name());
                if (kind != null) {
                    responses.add(response(s, kind));
                }
            }
        }
        DashboardFacts facts = new DashboardFacts(moved ? weekBefore : null, closed != null ? closed : open, List.copyOf(responses));
        return new AccountRun(scored, scores, member.outcome(), signals, facts, null);
    }

    /** A survey signal as an answer: its value must be a whole number on the survey's scale. */
    private static SurveyResponse response(Signal s, SurveyKind kind) {
        if (s.value() != Math.rint(s.value())) {
            throw new InputException("signal " + s.id() + " '" + s.name() + "' of account '" + s.accountId() + "' is a " + kind
                    + " answer, so a whole number, but was " + s.value());
        }
        return SurveyResponse.of(s.accountId(), kind, kind.check((int) s.value()), s.observedAt());
    }

    /**
     * The start of a day, UTC: the as-of time of a day, so that a signal of that day counts.
     *
     * @param day the day
     * @return its first instant
     */
    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** @return the days scored, oldest first */
    List<LocalDate> days() {
        return days;
    }

    /** @return the accounts scored on the last day, in the source's order */
    List<Scored> last() {
        return last;
    }

    /**
     * Every account's snapshot and vector on every day it was scored, account by account and each
     * account's oldest first: the order a dry run replays them in.
     *
     * @return the scores
     * @throws IllegalStateException if they were not kept
     */
    List<Scored> everyDay() {
        if (everyDay == null) {
            throw new IllegalStateException("every day's scores were not kept");
        }
        return everyDay;
    }

    /**
     * What the dashboard needs of one account's scoring.
     *
     * @param index the account's index in the source
     * @return its facts, or null if the portfolio was not scored for the dashboard
     */
    DashboardFacts facts(int index) {
        return facts[index];
    }

    /**
     * An account scored on the last day.
     *
     * @param account the account's id
     * @return its snapshot and vector on the last day, or empty if it was not in the portfolio then
     */
    Optional<Scored> lastOf(AccountId account) {
        return Optional.ofNullable(byId.get(account));
    }

    /** @return how many signals the snapshots of the last day rest on, over all its accounts */
    long signals() {
        return signals;
    }

    /**
     * How the accounts spread over bands on the last day, per segment.
     *
     * @return the distribution
     */
    VectorDistribution distribution() {
        return VectorDistribution.of(last.stream().map(s -> new ScoredAccount(s.account().id(), s.account().segment(), s.vector())));
    }

    /**
     * An account's score on each day.
     *
     * @param account an account scored on the last day
     * @return one score per day, NaN where the account was not in the portfolio
     */
    double[] scores(AccountId account) {
        return tracks.get(account).scores().clone();
    }

    /**
     * What the source knows the account decided at its renewal.
     *
     * @param account an account scored on the last day
     * @return the outcome, or empty if the source does not know it
     */
    Optional<PortfolioSource.KnownOutcome> outcome(AccountId account) {
        return tracks.get(account).outcome();
    }

    /**
     * The accounts most at risk on the last day: lowest score first, then by id.
     *
     * @param n how many
     * @return at most {@code n} accounts
     */
    List<Scored> mostAtRisk(int n) {
        return last.stream().sorted(Comparator.comparingDouble((Scored s) -> s.vector().score()).thenComparing(s -> s.account().id()))
                .limit(n).toList();
    }

    /**
     * Monthly days ending on a day: the day itself and the same day of each month before (the last
     * day of the month if the day is a month's last), as far
     * as {@code count} days or the first day of the data.
     *
     * @param last the last day
     * @param count how many days at most
     * @param first the earliest day allowed
     * @return the days, oldest first
     */
    static List<LocalDate> monthly(LocalDate last, int count, LocalDate first) {
        List<LocalDate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = last.minusMonths(i);
            if (last.getDayOfMonth() == last.lengthOfMonth()) {
                day = day.withDayOfMonth(day.lengthOfMonth());
            }
            if (day.isBefore(first)) {
                break;
            }
            out.add(0, day);
        }
        return out;
    }
}
