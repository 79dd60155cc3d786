package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collector;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.DashboardAccount;
import org.cskit.scoring.portfolio.ScoredAccount;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * What the demo's report and summary show of a portfolio, made in one pass over the source a batch
 * of accounts at a time ({@link ScoredPortfolio#each}): each batch is scored on every day, its last
 * day's accounts run through the playbooks and counted into the dashboard, the band distribution and
 * the known outcomes, and then dropped. Only what the report lists is kept: the accounts with the
 * lowest and the highest scores ({@value #CANDIDATES} of each, at least {@code --top}), the queue's
 * first {@value DemoReport#QUEUE_ROWS} plays, and an int per account (its plays, for the dashboard
 * when it is made in a second pass: for a strategy without a band scheme, the risk band is known
 * only once every account was scored). What else grows with the accounts is outside the demo: the engine's
 * play state and the dashboard's check that no account comes twice. Immutable.
 */
final class DemoPortfolio {
    /** How many of the lowest and of the highest scores are kept: the reviews look for a plan among the first 200 of each. */
    static final int CANDIDATES = 200;
    /** Orders accounts as the report does: lowest score first, then by id. */
    static final Comparator<ScoredPortfolio.Scored> BY_SCORE = Comparator.comparingDouble((ScoredPortfolio.Scored s) -> s.vector().score())
            .thenComparing(s -> s.account().id());

    /**
     * An account kept for the report, with its score on each day.
     *
     * @param scored its snapshot and vector on the last day
     * @param scores its score on each day, NaN where it was not in the portfolio
     */
    record Kept(ScoredPortfolio.Scored scored, double[] scores) {}

    /**
     * How the accounts whose renewal falls after the as-of day did at it, per band on the as-of day.
     *
     * @param counts per band: accounts, churned
     * @param firstRenewal the earliest of their renewals, or null if there is none
     * @param lastRenewal the latest, or null
     */
    record Outcomes(Map<Band, long[]> counts, LocalDate firstRenewal, LocalDate lastRenewal) {}

    private final List<LocalDate> days;
    private final long signals;
    private final long accounts;
    private final VectorDistribution distribution;
    private final List<Kept> lowest;
    private final List<Kept> highest;
    private final Outcomes outcomes;
    private final Dashboard dashboard;
    private final PlaybookRun playbooks;

    private DemoPortfolio(List<LocalDate> days, Pass pass, Dashboard dashboard) {
        this(days, pass.signals, pass.accounts, pass.distribution.finish(), List.copyOf(pass.lowest.values()),
                List.copyOf(pass.highest.values()), new Outcomes(pass.outcomes, pass.firstRenewal, pass.lastRenewal), dashboard,
                pass.playbooks());
    }

    /**
     * What the report shows, as made by the nightly run over a generated portfolio ({@link DemoNight}).
     *
     * @param days the days scored, oldest first
     * @param signals how many signals the snapshots of the last day rest on
     * @param accounts the accounts in the portfolio on the last day
     * @param distribution the band distribution on the last day
     * @param lowest the accounts with the lowest scores, lowest first, then by id
     * @param highest the accounts with the highest scores, highest first
     * @param outcomes the known outcomes after the as-of day
     * @param dashboard the dashboard
     * @param playbooks the playbooks' run on the last day
     */
    DemoPortfolio(List<LocalDate> days, long signals, long accounts, VectorDistribution distribution, List<Kept> lowest, List<Kept> highest,
            Outcomes outcomes, Dashboard dashboard, PlaybookRun playbooks) {
        this.days = List.copyOf(days);
        this.signals = signals;
        this.accounts = accounts;
        this.distribution = distribution;
        this.lowest = List.copyOf(lowest);
        this.highest = List.copyOf(highest);
        this.outcomes = outcomes;
        this.dashboard = dashboard;
        this.playbooks = playbooks;
    }

    /**
     * Scores the portfolio on each day, runs the playbooks on the last and makes the dashboard.
     *
     * @param data the accounts and their signals
     * @param asOf the as-of day, the last of {@code days}
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param playbooks the playbooks
     * @param store the play state, or null for a new in-memory one
     * @param top how many of the accounts most at risk the report follows
     * @param progress reports each account scored
     * @return what the report shows
     * @throws org.cskit.cli.input.InputException if the strategy cannot score the snapshots
     */
    static DemoPortfolio run(PortfolioSource data, LocalDate asOf, Strategy strategy, List<LocalDate> days, List<Playbook> playbooks,
            PlayStateStore store, int top, Progress progress) {
        Optional<Set<String>> known = DemoReport.scheme(strategy).map(s -> DemoDashboard.riskBands(DemoReport.overall(strategy, List.of())
                .keySet()));
        Pass pass = new Pass(data, asOf, days, new PlaybookRun.Collecting(playbooks, data.assembler().schema(), store,
                DemoReport.QUEUE_ROWS), Math.max(Math.max(top, 3), CANDIDATES), known.orElse(null));
        ScoredPortfolio.each(data, strategy, days, true, progress, pass::batch);
        Set<String> risk = DemoDashboard.riskBands(DemoReport.overall(strategy, pass.distribution.finish().segments()).keySet());
        Dashboard dashboard;
        if (pass.dashboard != null && risk.equals(pass.risk)) {
            dashboard = pass.dashboard.finish();
        } else {
            // The risk bands are only known once every account was scored (a strategy without a band scheme, or a band
            // below the scheme's): the dashboard in a second pass, with them.
            Fold<DashboardAccount, Dashboard> again = new Fold<>(Dashboard.collector(DemoDashboard.spec(data, asOf, risk)));
            ScoredPortfolio.each(data, strategy, days, true, progress, visits -> visits.parallelStream()
                    .map(v -> DemoDashboard.entry(data, v, DemoDashboard.spec(data, asOf, risk), risk, pass.plays[v.index()]))
                    .toList().forEach(d -> d.ifPresent(again::add)));
            dashboard = again.finish();
        }
        return new DemoPortfolio(days, pass, dashboard);
    }

    /** One pass over the source, batch by batch. */
    private static final class Pass {
        private final PortfolioSource data;
        private final LocalDate asOf;
        private final PlaybookRun.Collecting collecting;
        private final int keep;
        private final int[] plays;
        private final TreeMap<ScoredPortfolio.Scored, Kept> lowest = new TreeMap<>(BY_SCORE);
        private final TreeMap<ScoredPortfolio.Scored, Kept> highest = new TreeMap<>(BY_SCORE.reversed());
        private final Fold<ScoredAccount, VectorDistribution> distribution = new Fold<>(VectorDistribution.collector());
        private final Map<Band, long[]> outcomes = new LinkedHashMap<>();
        private LocalDate firstRenewal;
        private LocalDate lastRenewal;
        private final Set<String> risk; // null where the strategy has no band scheme: known only once every account is scored
        private Fold<DashboardAccount, Dashboard> dashboard;
        private PlaybookRun playbooks;
        private long signals;
        private long accounts;
        private final List<LocalDate> days;

        Pass(PortfolioSource data, LocalDate asOf, List<LocalDate> days, PlaybookRun.Collecting collecting, int keep, Set<String> risk) {
            this.data = data;
            this.asOf = asOf;
            this.days = days;
            this.collecting = collecting;
            this.keep = keep;
            this.plays = new int[data.size()];
            this.risk = risk;
        }

        void batch(List<ScoredPortfolio.Visit> visits) {
            List<ScoredPortfolio.Scored> last = new ArrayList<>();
            Map<AccountId, Integer> index = new HashMap<>();
            for (ScoredPortfolio.Visit v : visits) {
                ScoredPortfolio.Scored s = v.last();
                if (s == null) {
                    continue;
                }
                last.add(s);
                index.put(s.account().id(), v.index());
                accounts++;
                signals += v.signals();
                distribution.add(new ScoredAccount(s.account().id(), s.account().segment(), s.vector()));
                keep(lowest, s, v);
                keep(highest, s, v);
                v.outcome().filter(o -> o.renewal().isAfter(asOf)).ifPresent(o -> {
                    long[] c = outcomes.computeIfAbsent(s.vector().band(), b -> new long[2]);
                    c[0]++;
                    c[1] += o.churned() ? 1 : 0;
                    firstRenewal = firstRenewal == null || o.renewal().isBefore(firstRenewal) ? o.renewal() : firstRenewal;
                    lastRenewal = lastRenewal == null || o.renewal().isAfter(lastRenewal) ? o.renewal() : lastRenewal;
                });
            }
            collecting.evaluate(last).forEach((id, n) -> plays[index.get(id)] = n);
            if (risk != null) {
                Dashboard.Spec spec = DemoDashboard.spec(data, asOf, risk);
                if (dashboard == null) {
                    dashboard = new Fold<>(Dashboard.collector(spec));
                }
                visits.parallelStream().map(v -> DemoDashboard.entry(data, v, spec, risk, plays[v.index()])).toList()
                        .forEach(d -> d.ifPresent(dashboard::add));
            }
        }

        private void keep(TreeMap<ScoredPortfolio.Scored, Kept> kept, ScoredPortfolio.Scored s, ScoredPortfolio.Visit v) {
            if (kept.size() < keep || kept.comparator().compare(s, kept.lastKey()) < 0) {
                kept.put(s, new Kept(s, v.scores()));
                if (kept.size() > keep) {
                    kept.pollLastEntry();
                }
            }
        }

        PlaybookRun playbooks() {
            if (playbooks == null) {
                playbooks = collecting.finish(days.get(days.size() - 1));
            }
            return playbooks;
        }
    }

    /** A collector used one element at a time. */
    private static final class Fold<T, R> {
        private final Collector<T, Object, R> collector;
        private final Object container;

        @SuppressWarnings("unchecked")
        Fold(Collector<T, ?, R> collector) {
            this.collector = (Collector<T, Object, R>) collector;
            this.container = this.collector.supplier().get();
        }

        void add(T element) {
            collector.accumulator().accept(container, element);
        }

        R finish() {
            return collector.finisher().apply(container);
        }
    }

    /** @return the days scored, oldest first */
    List<LocalDate> days() {
        return days;
    }

    /** @return how many signals the snapshots of the last day rest on, over all its accounts */
    long signals() {
        return signals;
    }

    /** @return the accounts in the portfolio on the last day */
    long accounts() {
        return accounts;
    }

    /** @return how the accounts spread over bands on the last day, per segment */
    VectorDistribution distribution() {
        return distribution;
    }

    /**
     * The accounts most at risk on the last day: lowest score first, then by id.
     *
     * @param n how many, at most the {@code top} the portfolio was made for
     * @return at most {@code n} accounts
     */
    List<Kept> mostAtRisk(int n) {
        return lowest.subList(0, Math.min(n, lowest.size()));
    }

    /** @return the accounts with the lowest scores, lowest first, then by id ({@value #CANDIDATES} at least) */
    List<Kept> lowest() {
        return lowest;
    }

    /** @return the accounts with the highest scores, highest first, then by id from the last ({@value #CANDIDATES} at most) */
    List<Kept> highest() {
        return highest;
    }

    /** @return the known outcomes after the as-of day, per band on it */
    Outcomes outcomes() {
        return outcomes;
    }

    /** @return the dashboard */
    Dashboard dashboard() {
        return dashboard;
    }

    /** @return the playbooks' run on the last day */
    PlaybookRun playbooks() {
        return playbooks;
    }
}
