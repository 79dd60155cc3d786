package org.cskit.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>This is the per-account object path of the {@code score} and {@code playbooks} commands (the
 * demo runs its nights through cs-run's nightly run, {@link DemoNight}). Accounts are scored one at
 * a time over all the days, in parallel batches ({@link #each}, which keeps nothing). What
 * {@link #score} keeps of each account is what the {@code score} and {@code playbooks} commands show
 * of it ({@link Customer}), its snapshot and vector on the last day (all its snapshots and vectors
 * only when asked, for a dry run), so that a big portfolio need not hold every account's signals,
 * plan and people at once. Immutable.
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
    private record AccountRun(List<Scored> scored, double[] scores, int signals, ValidationException problem) {}

    /**
     * One account of the source scored over the days, as {@link #each} hands it on.
     *
     * @param index the account's index in the source
     * @param scored its snapshot and vector on each day it was in the portfolio, oldest first
     * @param scores its score on every day, NaN where it was not in the portfolio
     * @param signals the signals its last snapshot rests on
     */
    record Visit(int index, List<Scored> scored, double[] scores, int signals) {
        /** @return its snapshot and vector on the last day, or null if it was not in the portfolio then */
        Scored last() {
            return Double.isNaN(scores[scores.length - 1]) ? null : scored.get(scored.size() - 1);
        }
    }

    /**
     * Scores the portfolio on each day, account by account in parallel batches, and hands each batch
     * on in the source's order; nothing is kept.
     *
     * @param data the accounts and their signals
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param progress reports each account scored
     * @param batches receives each batch, one at a time
     * @throws InputException if the strategy cannot score the snapshots, naming its configuration's line
     */
    static void each(PortfolioSource data, Strategy strategy, List<LocalDate> days, Progress progress,
            java.util.function.Consumer<List<Visit>> batches) {
        SnapshotAssembler assembler = data.assembler();
        int n = data.size();
        progress.start("scoring", n);
        for (int from = 0; from < n; from += BATCH) {
            List<AccountRun> batch = IntStream.range(from, Math.min(n, from + BATCH)).parallel()
                    .mapToObj(i -> scoreAccount(data.member(i, days.get(days.size() - 1)), assembler, strategy, days)).toList();
            List<Visit> visits = new ArrayList<>(batch.size());
            for (int b = 0; b < batch.size(); b++) {
                AccountRun run = batch.get(b);
                if (run.problem() != null) {
                    throw strategy.problem(run.problem());
                }
                visits.add(new Visit(from + b, run.scored(), run.scores(), run.signals()));
            }
            batches.accept(visits);
            progress.advance(batch.size());
        }
        progress.finish();
    }

    private final List<LocalDate> days;
    private final List<Scored> last;
    /** Null when not kept. */
    private final List<Scored> everyDay;
    private final long signals;

    private ScoredPortfolio(List<LocalDate> days, List<Scored> last, List<Scored> everyDay, long signals) {
        this.days = days;
        this.last = last;
        this.everyDay = everyDay;
        this.signals = signals;
    }

    /**
     * Scores the portfolio on each day.
     *
     * @param data the accounts and their signals
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param keepEveryDay whether to keep every day's snapshots and vectors (for {@link #everyDay()}), not only the last day's
     * @param progress reports each account scored
     * @return the scores
     * @throws InputException if the strategy cannot score the snapshots, naming its configuration's line
     */
    static ScoredPortfolio score(PortfolioSource data, Strategy strategy, List<LocalDate> days, boolean keepEveryDay, Progress progress) {
        List<Scored> last = new ArrayList<>();
        List<Scored> everyDay = keepEveryDay ? new ArrayList<>() : null;
        long[] signals = {0};
        each(data, strategy, days, progress, visits -> {
            for (Visit v : visits) {
                if (keepEveryDay) {
                    everyDay.addAll(v.scored());
                }
                Scored s = v.last();
                if (s != null) {
                    last.add(s);
                    signals[0] += v.signals();
                }
            }
        });
        return new ScoredPortfolio(List.copyOf(days), List.copyOf(last), keepEveryDay ? List.copyOf(everyDay) : null, signals[0]);
    }

    /** Scores one account on each day it is in the portfolio, oldest first, each day's vector feeding the next day's snapshot. */
    private static AccountRun scoreAccount(PortfolioSource.Member member, SnapshotAssembler assembler, Strategy strategy,
            List<LocalDate> days) {
        List<Scored> scored = new ArrayList<>();
        double[] scores = new double[days.size()];
        Arrays.fill(scores, Double.NaN);
        List<ScorePoint> history = new ArrayList<>();
        SuccessVector previous = null;
        int signals = 0;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Optional<Account> account = member.on(day);
            if (account.isEmpty()) {
                continue;
            }
            Instant asOf = startOf(day);
            List<Signal> known = member.signalsUpTo(asOf);
            AccountSnapshot snapshot = assembler.assemble(account.get(), known, asOf, List.copyOf(history), Optional.ofNullable(previous));
            SuccessVector v;
            try {
                v = strategy.strategy().score(snapshot);
            } catch (ValidationException e) {
                return new AccountRun(List.of(), scores, 0, e);
            }
            scored.add(new Scored(Customer.of(account.get()), snapshot, v));
            scores[d] = v.score();
            history.add(ScorePoint.of(v.asOf(), v.score()));
            previous = v;
            signals = known.size();
        }
        return new AccountRun(scored, scores, signals, null);
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
