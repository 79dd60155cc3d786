package org.cskit.cli.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collector;
import java.util.stream.IntStream;
import org.cskit.cli.columns.AccountFacts;
import org.cskit.cli.input.InputException;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.Signal;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayStateStore;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.AccountSource;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.run.VectorSink;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.DashboardAccount;
import org.cskit.scoring.portfolio.ScoredAccount;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * The demo's portfolio (generated, RavenStack or {@code --data}) through cs-run's {@link NightlyRun}: each monthly day is a
 * night of the run (signals to features to vectors, as columns), each night's vectors the next
 * night's previous vectors and its scores the next nights' history; the last day's night runs the
 * playbooks against the play state, over the whole portfolio a slice of {@value #SLICE} accounts at a
 * time. A week before the last day is one more night without playbooks, for the dashboard's band
 * moves. The nights before the last day's go slice by slice through all of them: each account is
 * read (or generated) once for them and its signals drawn once ({@link PortfolioSource#span}), and
 * each night of a slice is a run of its own; that pass also finds which accounts are in the portfolio
 * on the last day. The last night is one run that reads its accounts a slice at a time
 * ({@link AccountSource}, {@link SignalSource}): each slice's accounts read (or generated) once more,
 * for their facts and their signals alike.
 *
 * <p>The report's per-account parts are built on demand, only for the accounts it shows: the
 * accounts with the lowest and the highest scores ({@link DemoPortfolio#CANDIDATES} of each) and the
 * accounts whose band moved in the last week are explained (their snapshot assembled and scored again
 * from their signals, with the history and previous vector the run gave them; the explained score
 * must equal the run's, else the run stops). The dashboard and the band distribution read every
 * account's band and score from the last night's columns: an account they do not list is given as
 * a vector whose explanation is one contribution holding its score, as
 * {@link org.cskit.scoring.spi.RowSnapshots} gives previous vectors (the dashboard reads its band and
 * score only). Only the accounts that are in the portfolio on a day are rows of that day's night:
 * an account that churned (or has not signed up yet) is not scored, nor run through the playbooks;
 * its previous vector is its latest, from whichever night last scored it. The signals reach the run
 * as columns ({@link PortfolioSource#signalColumns}): a generated portfolio draws them as columns,
 * RavenStack data is read as objects and put into columns a slice at a time.
 *
 * <p>A {@code --strategy} plug-in scores through the run's scoring strategy (its row method, one
 * snapshot per row, unless it scores columns itself); its bands must be those of its scorecard's band
 * scheme, or red, yellow and green for a strategy without one: another band is refused, naming it.
 */
final class DemoNight {
    /** Accounts per slice of the run: the signals of one slice, every observation since the data's first day, stay small. */
    static final int SLICE = 8_192;
    /** Accounts read (or generated) together, in parallel, for the facts and the report. */
    private static final int CHUNK = 4_096;
    private static final String PORTFOLIO = "cskit-demo";
    private static final FeatureSchema STANDARD = FeatureSchema.of(StandardFeatures.names());
    private static final String SCORE = "score";

    private final PortfolioSource data;
    private final Strategy strategy;
    private final FeatureDeriver deriver;
    private final List<Band> bands;
    private final List<String> labels;
    private final int n;
    private final Progress progress;
    private final int slice;

    private DemoNight(PortfolioSource data, Strategy strategy, Progress progress, int slice) {
        this.data = data;
        this.strategy = strategy;
        this.deriver = data.assembler().deriver();
        this.bands = bands(strategy);
        this.labels = bands.stream().map(Band::label).toList();
        this.n = data.size();
        this.progress = progress;
        this.slice = slice;
    }

    /**
     * The bands the run's vector columns hold, in code order: the scorecard's, or red, yellow and
     * green for a strategy without a band scheme.
     *
     * @param strategy the strategy
     * @return the bands
     */
    static List<Band> bands(Strategy strategy) {
        BandScheme scheme = DemoReport.scheme(strategy).orElse(BandScheme.redYellowGreen());
        List<Band> out = new ArrayList<>();
        for (int i = 0; i < scheme.ranges().size(); i++) {
            out.add(scheme.band(i));
        }
        return List.copyOf(out);
    }

    /**
     * Scores the generated portfolio on each day through the nightly run, runs the playbooks on the
     * last, and makes what the report shows.
     *
     * @param data the generated portfolio
     * @param asOf the as-of day, the last of {@code days}
     * @param strategy the scoring strategy
     * @param days the days, oldest first
     * @param playbooks the playbooks
     * @param store the play state, or null for a new in-memory one
     * @param transactions runs each slice's playbook stage in one transaction of the store's database, or null
     * @param top how many of the accounts most at risk the report follows
     * @param progress reports each night's slices
     * @return what the report shows
     * @throws InputException if the strategy cannot score the accounts, or gives a band the columns do not hold
     */
    static DemoPortfolio run(PortfolioSource data, LocalDate asOf, Strategy strategy, List<LocalDate> days, List<Playbook> playbooks,
            PlayStateStore store, NightlyState.Transactions transactions, int top, Progress progress) {
        return run(data, asOf, strategy, days, playbooks, store, transactions, top, progress, SLICE);
    }

    /** As {@link #run(PortfolioSource, LocalDate, Strategy, List, List, PlayStateStore, NightlyState.Transactions, int, Progress)}, in slices of another size (for tests). */
    static DemoPortfolio run(PortfolioSource data, LocalDate asOf, Strategy strategy, List<LocalDate> days, List<Playbook> playbooks,
            PlayStateStore store, NightlyState.Transactions transactions, int top, Progress progress, int slice) {
        return new DemoNight(data, strategy, progress, slice).run(asOf, days, playbooks, store, transactions, top);
    }

    /** One night's rows: the source's indices of the accounts in the portfolio that day, ascending. */
    private record Rows(int[] members, int m) {}

    /** The latest vector of each account up to a night, in the source's index space (score NaN and band -1 where none). */
    private static final class Latest {
        final double[] scores;
        final byte[] bands;
        final byte[] directions;
        final double[] velocities;
        final double[] coverages;

        Latest(int n) {
            scores = new double[n];
            Arrays.fill(scores, Double.NaN);
            bands = new byte[n];
            Arrays.fill(bands, (byte) -1);
            directions = new byte[n];
            Arrays.fill(directions, (byte) -1);
            velocities = new double[n];
            Arrays.fill(velocities, Double.NaN);
            coverages = new double[n];
            Arrays.fill(coverages, Double.NaN);
        }

        void update(Rows rows, VectorColumns v) {
            for (int r = 0; r < rows.m; r++) {
                int i = rows.members[r];
                scores[i] = v.scores()[r];
                bands[i] = v.bandCodes()[r];
                directions[i] = v.directionCodes()[r];
                velocities[i] = v.velocities()[r];
                coverages[i] = v.coverages()[r];
            }
        }

        /**
         * The latest vectors of a night's rows {@code [from, to)}, over arrays of {@code size} rows (those
         * rows first).
         */
        VectorColumns rows(int[] members, int from, int to, List<String> labels, int size) {
            int m = size;
            double[] s = new double[m];
            byte[] b = new byte[m];
            byte[] d = new byte[m];
            double[] vel = new double[m];
            double[] cov = new double[m];
            Arrays.fill(s, Double.NaN);
            Arrays.fill(b, (byte) -1);
            Arrays.fill(d, (byte) -1);
            Arrays.fill(vel, Double.NaN);
            Arrays.fill(cov, Double.NaN);
            for (int r = 0; r < to - from; r++) {
                int i = members[from + r];
                s[r] = scores[i];
                b[r] = bands[i];
                d[r] = directions[i];
                vel[r] = velocities[i];
                cov[r] = coverages[i];
            }
            return VectorColumns.builder(m).bands(labels).scores(s).bandCodes(b).directionCodes(d).velocities(vel).coverages(cov).build();
        }
    }

    private DemoPortfolio run(LocalDate asOf, List<LocalDate> days, List<Playbook> playbooks, PlayStateStore store,
            NightlyState.Transactions transactions, int top) {
        int k = days.size();
        LocalDate lastDay = days.get(k - 1);
        double[][] dayScores = new double[k][];
        byte[][] dayBands = new byte[k][];
        Latest latest = new Latest(n);
        // A week before the last day, from the history the last day reads: for the dashboard's band moves.
        LocalDate weekBefore = lastDay.minusDays(7);
        byte[] weekBands = k == 1 || weekBefore.isAfter(days.get(k - 2)) ? filled(n) : null;
        LastMembers members = new LastMembers(n, slice);
        earlyNights(days, dayScores, dayBands, latest, weekBands == null ? null : weekBefore, weekBands, members);

        FeatureSchema schema = NightlyRun.builder().portfolio(PORTFOLIO).deriver(deriver).strategy(strategy.strategy()).playbooks(List.of()).build()
                .schema(STANDARD);
        Map<String, String> notRun = new HashMap<>();
        List<Playbook> runnable = new ArrayList<>();
        for (Playbook p : playbooks) {
            Set<String> unknown = PlaybookRun.unknownFeatures(p, schema);
            if (unknown.isEmpty()) {
                runnable.add(p);
            } else {
                notRun.put(p.id(), "reads " + String.join(", ", unknown) + ", which the data does not provide");
            }
        }
        Plays plays = new Plays(data, DemoReport.QUEUE_ROWS);
        Harvest harvest = new Harvest(data.surveySignals().keySet());
        NightlyState state = store == null ? NightlyState.empty(PORTFOLIO)
                : transactions == null ? NightlyState.on(PORTFOLIO, store) : NightlyState.on(PORTFOLIO, store, transactions);
        Standard standard = new Standard();
        Rows lastRows = members.rows();
        Night last = lastNight(lastDay, members, history(days, dayScores, k - 1, lastRows), latest, runnable, state, plays, harvest, standard);
        VectorColumns lastV = last.vectors;
        long signals = last.signals.sum();
        PlaybookRun run = playbookRun(lastDay, playbooks, notRun, last.report, plays, lastRows, standard);
        last = null;
        dayScores[k - 1] = indexSpace(lastRows, lastV.scores());
        dayBands[k - 1] = indexSpace(lastRows, lastV.bandCodes());
        int[] lastRowOf = rowOf(lastRows);

        // The accounts the report explains: the lowest and highest scores, the band moves of the last week, any unscored.
        int keep = Math.max(Math.max(top, 3), DemoPortfolio.CANDIDATES);
        Comparator<Integer> byScore = Comparator.comparingDouble((Integer r) -> lastV.scores()[r]).thenComparing(r -> data.id(lastRows.members[r]));
        TreeMap<Integer, Boolean> lowest = new TreeMap<>(byScore);
        TreeMap<Integer, Boolean> highest = new TreeMap<>(byScore.reversed());
        for (int r = 0; r < lastRows.m; r++) {
            if (lastV.bandCodes()[r] >= 0) {
                offer(lowest, r, keep);
                offer(highest, r, keep);
            }
        }
        // The kept accounts are explained now; a band move when the report pass reaches it (its explanation is not kept).
        java.util.function.IntFunction<Explained> explainer = explainer(days, dayScores, latest, weekBands != null ? weekBefore : null,
                lastV, lastRowOf);
        BitSet kept = new BitSet(n);
        lowest.keySet().forEach(r -> kept.set(lastRows.members[r]));
        highest.keySet().forEach(r -> kept.set(lastRows.members[r]));
        for (int r = 0; r < lastRows.m; r++) {
            if (lastV.bandCodes()[r] < 0) {
                kept.set(lastRows.members[r]);
            }
        }
        List<Integer> keptIndices = kept.stream().boxed().toList();
        List<Explained> keptExplained = keptIndices.parallelStream().map(explainer::apply).toList();
        Map<Integer, Explained> explained = new HashMap<>();
        for (int j = 0; j < keptIndices.size(); j++) {
            explained.put(keptIndices.get(j), keptExplained.get(j));
        }

        List<DemoPortfolio.Kept> low = kept(lowest.keySet(), lastRows, explained, dayScores);
        List<DemoPortfolio.Kept> high = kept(highest.keySet(), lastRows, explained, dayScores);

        // Risk bands: the scheme's riskiest, else the riskiest band seen.
        Set<String> risk;
        if (DemoReport.scheme(strategy).isPresent()) {
            risk = DemoDashboard.riskBands(DemoReport.overall(strategy, List.of()).keySet());
        } else {
            Set<Band> seen = new LinkedHashSet<>();
            for (int r = 0; r < lastRows.m; r++) {
                if (lastV.bandCodes()[r] >= 0) {
                    seen.add(bands.get(lastV.bandCodes()[r]));
                }
            }
            explained.values().forEach(e -> Optional.ofNullable(e.last.vector().band()).ifPresent(seen::add));
            risk = DemoDashboard.riskBands(seen);
        }
        Report report = report(asOf, days, dayBands, lastV, lastRowOf, explained, explainer, plays, harvest, risk, weekBands);
        return new DemoPortfolio(days, signals, lastRows.m, report.distribution, low, high,
                new DemoPortfolio.Outcomes(report.outcomes, report.firstRenewal, report.lastRenewal), report.dashboard, run);
    }

    private static void offer(TreeMap<Integer, Boolean> kept, int r, int keep) {
        if (kept.size() < keep || kept.comparator().compare(r, kept.lastKey()) < 0) {
            kept.put(r, Boolean.TRUE);
            if (kept.size() > keep) {
                kept.pollLastEntry();
            }
        }
    }

    private List<DemoPortfolio.Kept> kept(Set<Integer> rows, Rows lastRows, Map<Integer, Explained> explained, double[][] dayScores) {
        List<DemoPortfolio.Kept> out = new ArrayList<>();
        for (int r : rows) {
            int i = lastRows.members[r];
            double[] scores = new double[dayScores.length];
            for (int d = 0; d < dayScores.length; d++) {
                scores[d] = dayScores[d][i];
            }
            out.add(new DemoPortfolio.Kept(explained.get(i).last, scores));
        }
        return List.copyOf(out);
    }

    /** A night's output: today's vectors over its rows, and the run's report. */
    private record Night(Rows rows, VectorColumns vectors, NightlyReport report, LongAdder signals) {}

    /**
     * A night's rows and their facts, over arrays of the source's size whose first {@code rows.m}
     * rows are the night's (the batch is their slice).
     */
    private record Facts(Rows rows, FeatureColumns features, List<Segment> segments, byte[] segmentCodes, byte[] stages) {}

    /**
     * The accounts in the portfolio on a day (each read or generated once) and their facts as of it:
     * contract and plan facts (the standard features, {@link AccountFacts}, written a chunk of accounts
     * at a time, so that the plans' columns of only one chunk are held), segments, stages.
     */
    private Facts facts(LocalDate day, int lo, int hi, java.util.function.IntFunction<Optional<Account>> accountOn) {
        int size = hi - lo;
        int[] members = new int[size];
        byte[] stages = new byte[size];
        byte[] segmentCodes = new byte[size];
        List<Segment> segments = new ArrayList<>();
        FeatureColumns features = FeatureColumns.allocate(STANDARD, size);
        int m = 0;
        for (int from = lo; from < hi; from += CHUNK) {
            List<Optional<Account>> chunk = IntStream.range(from, Math.min(hi, from + CHUNK)).mapToObj(accountOn).toList();
            int first = m;
            List<Account> present = new ArrayList<>(chunk.size());
            for (int j = 0; j < chunk.size(); j++) {
                if (chunk.get(j).isEmpty()) {
                    continue;
                }
                Account a = chunk.get(j).get();
                int r = m++;
                members[r] = from + j;
                int code = segments.indexOf(a.segment());
                if (code < 0) {
                    segments.add(a.segment());
                    code = segments.size() - 1;
                }
                segmentCodes[r] = (byte) code;
                stages[r] = (byte) a.lifecycleStage().ordinal();
                present.add(a);
            }
            AccountFacts.write(present, day, features, first);
        }
        return new Facts(new Rows(Arrays.copyOf(members, m), m), features,
                segments.isEmpty() ? List.of(Segment.of("none", org.cskit.model.EngagementModel.TECH_TOUCH)) : segments, segmentCodes, stages);
    }

    /**
     * The nights before the last day's (each day but the last, then a week before the last day if
     * asked), a slice of {@value #SLICE} accounts at a time through all of them, slices in parallel:
     * each account is read (or generated) once and its signals drawn once, up to the latest of those
     * days ({@link PortfolioSource#span}); each night of a slice is a run of its own over the slice's
     * accounts in the portfolio that day, reading the slice's history and latest vectors of the nights
     * before. The week-before night's vectors are not any later night's previous vectors.
     */
    private void earlyNights(List<LocalDate> days, double[][] dayScores, byte[][] dayBands, Latest latest, LocalDate weekBefore,
            byte[] weekBands, LastMembers members) {
        int k = days.size();
        List<LocalDate> nights = new ArrayList<>(days.subList(0, k - 1));
        for (int d = 0; d < k - 1; d++) {
            dayScores[d] = new double[n];
            Arrays.fill(dayScores[d], Double.NaN);
            dayBands[d] = filled(n);
        }
        if (weekBefore != null) {
            nights.add(weekBefore);
        }
        LocalDate lastDay = days.get(k - 1);
        LocalDate upTo = nights.isEmpty() ? lastDay : nights.get(nights.size() - 1);
        progress.start(nights.isEmpty() ? "finding the accounts of " + lastDay
                : "scoring " + nights.get(0) + (nights.size() == 1 ? "" : " to " + upTo), n);
        java.util.function.IntConsumer nightsOf = s -> {
            int lo = s * slice;
            int hi = Math.min(n, lo + slice);
            PortfolioSource.Span span = data.span(lo, hi, upTo);
            for (int j = 0; j < nights.size(); j++) {
                LocalDate day = nights.get(j);
                Facts facts = facts(day, lo, hi, i -> span.on(i, day));
                Rows rows = facts.rows;
                if (rows.m == 0) {
                    continue;
                }
                ScoreHistoryColumns history = history(days, dayScores, Math.min(j, k - 1), rows);
                SignalColumns signals = only(span.signals(), lo, rows.members, 0, rows.m, ScoredPortfolio.startOf(day).toEpochMilli(), null);
                VectorColumns v = score(day, rows, AccountSource.of(batch(day, facts, latest)), history, List.of(),
                        NightlyState.empty(PORTFOLIO), play -> { },
                        SignalSource.of(rows.m, (from, to) -> {
                            if (from != 0 || to != rows.m) {
                                throw new IllegalStateException("a slice's night is run as one slice, but [" + from + ", " + to + ") was asked");
                            }
                            return signals;
                        }), null).vectors;
                for (int r = 0; r < rows.m; r++) {
                    int i = rows.members[r];
                    if (j < k - 1) {
                        dayScores[j][i] = v.scores()[r];
                        dayBands[j][i] = v.bandCodes()[r];
                    } else {
                        weekBands[i] = v.bandCodes()[r];
                    }
                }
                if (j < k - 1) {
                    latest.update(rows, v);
                }
            }
            members.find(s, lo, hi, i -> span.on(i, lastDay));
            synchronized (progress) {
                progress.advance(hi - lo);
            }
        };
        // The slices on a pool of as many threads as there are processors, in order.
        int slices = (n + slice - 1) / slice;
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cskit-demo-slice");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                int at = s;
                done.add(pool.submit(() -> nightsOf.accept(at)));
            }
            for (java.util.concurrent.Future<?> f : done) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the demo's nights were interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("a slice of the demo's nights failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
    }

    /**
     * The observations of a night's rows {@code [from, to)} up to a time, out of the signals of the
     * source's accounts from index {@code lo} on, renumbered from the slice's first row; their count
     * added to {@code count} unless it is null.
     */
    private static SignalColumns only(SignalColumns all, int lo, int[] members, int from, int to, long until, LongAdder count) {
        int[] row = new int[all.rows()];
        Arrays.fill(row, -1);
        for (int r = from; r < to; r++) {
            row[members[r] - lo] = r - from;
        }
        List<SignalColumn> kept = new ArrayList<>();
        for (SignalColumn c : all.columns()) {
            SignalColumn only = only(c, row, until);
            if (count != null) {
                count.add(only.count());
            }
            kept.add(only);
        }
        return SignalColumns.of(to - from, kept);
    }

    private static byte[] filled(int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) -1);
        return out;
    }

    /** The scores of the days before day {@code d}, over a night's rows. */
    private ScoreHistoryColumns history(List<LocalDate> days, double[][] dayScores, int d, Rows rows) {
        ScoreHistoryColumns.Builder h = ScoreHistoryColumns.builder(rows.m);
        for (int p = 0; p < d; p++) {
            double[] s = new double[rows.m];
            for (int r = 0; r < rows.m; r++) {
                s[r] = dayScores[p][rows.members[r]];
            }
            h.point(ScoredPortfolio.startOf(days.get(p)), s);
        }
        return h.build();
    }

    /** A night's facts as one batch over its rows, with their latest vectors as previous vectors when any has one. */
    private AccountBatch batch(LocalDate day, Facts facts, Latest latest) {
        Rows rows = facts.rows;
        int[] members = rows.members;
        AccountBatch.Builder batch = AccountBatch.builder(facts.features).asOf(ScoredPortfolio.startOf(day))
                .accountIds(r -> data.id(members[r])).segments(facts.segments, facts.segmentCodes).stages(facts.stages);
        if (anyPrevious(latest, members, rows.m)) {
            batch.previousVectors(latest.rows(members, 0, rows.m, labels, facts.features.rows()));
        }
        return batch.build().slice(0, rows.m);
    }

    private static boolean anyPrevious(Latest latest, int[] members, int m) {
        for (int r = 0; r < m; r++) {
            if (latest.bands[members[r]] >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The accounts in the portfolio on the last day, found by the early nights' pass (which reads each
     * account anyway), so that the last night's slices can be read one at a time: which accounts, and
     * the segments they are in, in the order of their first account. Filled from the pass's threads,
     * one slice of indices each, read once the pass is done.
     */
    private static final class LastMembers {
        private final boolean[] present;
        private final List<List<Segment>> segments;

        LastMembers(int n, int slice) {
            present = new boolean[n];
            segments = new ArrayList<>(java.util.Collections.nCopies((n + slice - 1) / slice, List.of()));
        }

        /** Finds the members among indices {@code [lo, hi)}, slice {@code s} of the pass. */
        void find(int s, int lo, int hi, java.util.function.IntFunction<Optional<Account>> on) {
            List<Segment> seen = new ArrayList<>();
            for (int i = lo; i < hi; i++) {
                Optional<Account> a = on.apply(i);
                if (a.isPresent()) {
                    present[i] = true;
                    if (!seen.contains(a.get().segment())) {
                        seen.add(a.get().segment());
                    }
                }
            }
            synchronized (segments) {
                segments.set(s, seen);
            }
        }

        Rows rows() {
            int m = 0;
            for (boolean p : present) {
                m += p ? 1 : 0;
            }
            int[] members = new int[m];
            for (int i = 0, r = 0; i < present.length; i++) {
                if (present[i]) {
                    members[r++] = i;
                }
            }
            return new Rows(members, m);
        }

        /** The members' segments, each once, in the order of its first member; one placeholder when there is no member. */
        List<Segment> segments() {
            List<Segment> out = new ArrayList<>();
            synchronized (segments) {
                for (List<Segment> slice : segments) {
                    for (Segment segment : slice) {
                        if (!out.contains(segment)) {
                            out.add(segment);
                        }
                    }
                }
            }
            return out.isEmpty() ? List.of(Segment.of("none", org.cskit.model.EngagementModel.TECH_TOUCH)) : List.copyOf(out);
        }
    }

    /**
     * The last night: the playbooks against the play state, over the accounts in the portfolio that
     * day, a slice of {@value #SLICE} of them at a time ({@link AccountSource}, {@link SignalSource}).
     * Each slice's accounts are read (or generated) once, with the accounts between them that are not in
     * the portfolio that day (whose survey answers go to {@code harvest}), for the slice's facts and its
     * signals alike, whichever the run asks for first; the standard features are summed up into
     * {@code standard} on the way.
     */
    private Night lastNight(LocalDate day, LastMembers last, ScoreHistoryColumns history, Latest latest, List<Playbook> playbooks,
            NightlyState state, ActionSink sink, Harvest harvest, Standard standard) {
        Rows rows = last.rows();
        List<Segment> segments = last.segments();
        boolean previous = anyPrevious(latest, rows.members, rows.m);
        LongAdder signals = new LongAdder();
        java.util.concurrent.ConcurrentHashMap<Integer, LastSlice> read = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.function.BiFunction<Integer, Integer, LastSlice> slice = (from, to) -> read.computeIfAbsent(from,
                f -> new LastSlice(day, rows, from, to, segments, previous ? latest : null, harvest, standard, signals));
        AccountSource accounts = AccountSource.of(rows.m, (from, to) -> {
            LastSlice s = slice.apply(from, to);
            AccountBatch batch = s.accounts();
            if (s.done()) {
                read.remove(from);
            }
            return batch;
        });
        SignalSource source = SignalSource.of(rows.m, (from, to) -> {
            LastSlice s = slice.apply(from, to);
            SignalColumns columns = s.signals();
            if (s.done()) {
                read.remove(from);
            }
            return columns;
        });
        return score(day, rows, accounts, history, playbooks, state, sink, source, signals);
    }

    /** One slice of the last night, read (or generated) once for its facts and its signals. Thread-safe. */
    private final class LastSlice {
        private final LocalDate day;
        private final Rows rows;
        private final int from;
        private final int to;
        private final List<Segment> segments;
        private final Latest latest; // null: no previous vectors
        private final Harvest harvest;
        private final Standard standard;
        private final LongAdder count;
        private boolean made;
        private AccountBatch accounts;
        private SignalColumns signals;
        private int taken;

        LastSlice(LocalDate day, Rows rows, int from, int to, List<Segment> segments, Latest latest, Harvest harvest, Standard standard,
                LongAdder count) {
            this.day = day;
            this.rows = rows;
            this.from = from;
            this.to = to;
            this.segments = segments;
            this.latest = latest;
            this.harvest = harvest;
            this.standard = standard;
            this.count = count;
        }

        /** The slice's facts, made (with its signals) unless they were; let go of once taken. */
        synchronized AccountBatch accounts() {
            make();
            AccountBatch out = accounts;
            accounts = null;
            taken++;
            return out;
        }

        /** The slice's signals, made (with its facts) unless they were; let go of once taken. */
        synchronized SignalColumns signals() {
            make();
            SignalColumns out = signals;
            signals = null;
            taken++;
            return out;
        }

        /** Whether the run has taken both the facts and the signals. */
        synchronized boolean done() {
            return taken == 2;
        }

        private void make() {
            if (made) {
                return;
            }
            made = true;
            int[] members = rows.members;
            int size = to - from;
            FeatureColumns features = FeatureColumns.allocate(STANDARD, size);
            byte[] stages = new byte[size];
            byte[] codes = new byte[size];
            if (size == 0) {
                accounts = AccountBatch.builder(features).asOf(ScoredPortfolio.startOf(day)).accountIds(r -> data.id(members[r]))
                        .segments(segments, codes).stages(stages).build();
                signals = SignalColumns.of(0, List.of());
                return;
            }
            // The source's accounts from the slice's first member to the next slice's (all of them after the last slice's first).
            int lo = from == 0 ? 0 : members[from];
            int hi = to == rows.m ? n : members[to];
            PortfolioSource.Span span = data.span(lo, hi, day);
            List<Account> present = new ArrayList<>(size);
            for (int r = 0; r < size; r++) {
                int i = members[from + r];
                Account a = span.on(i, day).orElseThrow(() -> new IllegalStateException("account " + data.id(i) + " was in the portfolio on "
                        + day + " when the early nights read it, but not now"));
                int code = segments.indexOf(a.segment());
                if (code < 0) {
                    throw new IllegalStateException("account " + a.id() + " is in segment " + a.segment() + ", which the early nights did not see");
                }
                codes[r] = (byte) code;
                stages[r] = (byte) a.lifecycleStage().ordinal();
                present.add(a);
            }
            AccountFacts.write(present, day, features, 0);
            standard.add(features, size);
            AccountBatch.Builder batch = AccountBatch.builder(features).asOf(ScoredPortfolio.startOf(day))
                    .accountIds(r -> data.id(members[from + r])).segments(segments, codes).stages(stages);
            if (latest != null) {
                batch.previousVectors(latest.rows(members, from, to, labels, size));
            }
            accounts = batch.build();
            SignalColumns all = span.signals();
            harvest.take(lo, all);
            signals = only(all, lo, members, from, to, Long.MAX_VALUE, count);
        }
    }

    /** Per standard feature, over a night's rows: how many have it, its least and its greatest value. Thread-safe. */
    private static final class Standard {
        private final double[][] stats = new double[STANDARD.size()][];

        Standard() {
            for (int f = 0; f < stats.length; f++) {
                stats[f] = new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            }
        }

        void add(FeatureColumns features, int rows) {
            double[][] slice = new Standard().stats;
            for (int f = 0; f < slice.length; f++) {
                for (int r = 0; r < rows; r++) {
                    DemoNight.add(slice[f], features.value(f, r));
                }
            }
            synchronized (this) {
                for (int f = 0; f < slice.length; f++) {
                    stats[f][0] += slice[f][0];
                    stats[f][1] = Math.min(stats[f][1], slice[f][1]);
                    stats[f][2] = Math.max(stats[f][2], slice[f][2]);
                }
            }
        }

        synchronized double[] of(int f) {
            return stats[f].clone();
        }
    }

    /**
     * A night of the run over rows and their facts: their vectors and the run's report. Reports its
     * slices to the progress unless {@code signals} is null (a slice's night, whose caller reports it).
     */
    private Night score(LocalDate day, Rows rows, AccountSource accounts, ScoreHistoryColumns history, List<Playbook> playbooks,
            NightlyState state, ActionSink sink, SignalSource source, LongAdder signals) {
        VectorColumns today = VectorColumns.allocate(rows.m, labels);
        boolean report = signals != null;
        if (report) {
            progress.start((playbooks.isEmpty() ? "scoring " : "night of ") + day, rows.m);
        }
        long[] done = {0};
        NightlyRun.Builder run = NightlyRun.builder().portfolio(PORTFOLIO).deriver(deriver).strategy(strategy.strategy()).playbooks(playbooks)
                .sliceSize(slice);
        if (report) {
            run.progress((d, total, elapsed) -> {
                progress.advance(d - done[0]);
                done[0] = d;
            });
        }
        NightlyRun counted = run.build();
        NightlyReport result;
        try {
            result = counted.run(accounts, source, history, state, sink, VectorSink.into(today));
        } catch (ValidationException e) {
            if ("into.bands".equals(e.field())) {
                throw new InputException("--strategy " + strategy.strategy().name() + ": " + e.getMessage() + "; the demo's nightly run "
                        + "holds each vector's band as a code of " + labels + (DemoReport.scheme(strategy).isPresent() ? ", the scorecard's bands"
                        : " (a strategy without a band scheme must give red, yellow or green)"));
            }
            throw strategy.problem(e);
        }
        if (report) {
            progress.finish();
        }
        if (result.failed() > 0) {
            throw new IllegalStateException("the night of " + day + " failed for " + result.failed() + " plays: " + result.failures());
        }
        return new Night(rows, today, result, signals);
    }

    /**
     * The source's signals of a night's rows ({@link PortfolioSource#signalColumns}), every observation up to
     * the start of the day, a slice at a time; the generated accounts between two rows (not in the
     * portfolio that day) are read with the slice and dropped.
     */
    private SignalSource signals(LocalDate day, Rows rows) {
        int m = rows.m;
        int[] members = rows.members;
        return SignalSource.of(m, (from, to) -> {
            int lo = from == 0 ? 0 : members[from];
            int hi = to == m ? n : members[to];
            return only(data.signalColumns(lo, hi, day), lo, members, from, to, Long.MAX_VALUE, null);
        });
    }

    /** A signal column's observations of the rows kept ({@code row[r] >= 0}) up to a time (epoch milliseconds), renumbered. */
    private static SignalColumn only(SignalColumn c, int[] row, long until) {
        int[] rows = c.rows();
        long[] times = c.times();
        int count = 0;
        for (int o = 0; o < c.count(); o++) {
            count += row[rows[o]] >= 0 && times[o] <= until ? 1 : 0;
        }
        int[] r = new int[count];
        long[] t = new long[count];
        double[] v = new double[count];
        for (int o = 0, j = 0; o < c.count(); o++) {
            int to = row[rows[o]];
            if (to >= 0 && times[o] <= until) {
                r[j] = to;
                t[j] = times[o];
                v[j] = c.values()[o];
                j++;
            }
        }
        return SignalColumn.of(c.name(), r, t, v, count);
    }

    /** The survey answers of every generated account, gathered from the last night's slices. */
    private static final class Harvest {
        private final Set<String> names;
        /** Per slice, by its first source index: per survey signal, its column (rows relative to the slice's first index). */
        private final ConcurrentSkipListMap<Integer, List<SignalColumn>> slices = new ConcurrentSkipListMap<>();

        Harvest(Set<String> names) {
            this.names = names;
        }

        void take(int lo, SignalColumns all) {
            List<SignalColumn> surveys = new ArrayList<>();
            for (SignalColumn c : all.columns()) {
                if (names.contains(c.name())) {
                    surveys.add(c);
                }
            }
            slices.put(lo, surveys);
        }

        /** An account's answers up to the last night, oldest first. */
        List<SurveyResponse> responses(int i, AccountId id, Map<String, SurveyKind> kinds) {
            Map.Entry<Integer, List<SignalColumn>> slice = slices.floorEntry(i);
            if (slice == null) {
                return List.of();
            }
            int row = i - slice.getKey();
            List<long[]> found = new ArrayList<>(); // time, column, observation
            List<SignalColumn> columns = slice.getValue();
            for (int c = 0; c < columns.size(); c++) {
                SignalColumn col = columns.get(c);
                int o = Arrays.binarySearch(col.rows(), 0, col.count(), row);
                if (o < 0) {
                    continue;
                }
                while (o > 0 && col.rows()[o - 1] == row) {
                    o--;
                }
                for (; o < col.count() && col.rows()[o] == row; o++) {
                    found.add(new long[] {col.times()[o], c, o});
                }
            }
            found.sort(Comparator.comparingLong(f -> f[0]));
            List<SurveyResponse> out = new ArrayList<>(found.size());
            for (long[] f : found) {
                SignalColumn col = columns.get((int) f[1]);
                double value = col.values()[(int) f[2]];
                SurveyKind kind = kinds.get(col.name());
                if (value != Math.rint(value)) {
                    throw new InputException("signal '" + col.name() + "' of account '" + id + "' at " + Instant.ofEpochMilli(f[0])
                            + " is a " + kind + " answer, so a whole number, but was " + value);
                }
                out.add(SurveyResponse.of(id, kind, kind.check((int) value), Instant.ofEpochMilli(f[0])));
            }
            return out;
        }
    }

    /**
     * An account explained: its snapshot and vector on the last day, and a week before if its band
     * moved since (else null).
     */
    private record Explained(ScoredPortfolio.Scored last, SuccessVector weekBefore) {}

    /**
     * Explains the accounts asked for: each account's snapshot on the last day (and a week before) is
     * assembled from its signals with the history and previous vector the run read, and scored with
     * explanations. The score and band must be the run's.
     */
    private java.util.function.IntFunction<Explained> explainer(List<LocalDate> days, double[][] dayScores, Latest latest,
            LocalDate weekBefore, VectorColumns lastV, int[] lastRowOf) {
        int k = days.size();
        LocalDate lastDay = days.get(k - 1);
        return i -> {
            PortfolioSource.Member member = data.member(i, lastDay);
            List<ScorePoint> history = new ArrayList<>();
            for (int d = 0; d < k - 1; d++) {
                if (!Double.isNaN(dayScores[d][i])) {
                    history.add(ScorePoint.of(ScoredPortfolio.startOf(days.get(d)), dayScores[d][i]));
                }
            }
            Optional<SuccessVector> previous = latest.bands[i] < 0 ? Optional.empty() : Optional.of(previous(latest, i,
                    history.isEmpty() ? ScoredPortfolio.startOf(lastDay).minusNanos(1) : history.get(history.size() - 1).at()));
            Account account = member.on(lastDay).orElseThrow();
            List<Signal> signals = member.signalsUpTo(ScoredPortfolio.startOf(lastDay));
            AccountSnapshot snapshot = snapshot(account, signals, lastDay, history, previous);
            SuccessVector now = score(snapshot);
            int r = lastRowOf[i];
            if (Double.compare(now.score(), lastV.scores()[r]) != 0 || (now.band() == null ? -1 : labels.indexOf(now.band().label()))
                    != lastV.bandCodes()[r]) {
                throw new IllegalStateException("account " + account.id() + " explained scores " + now.score() + " " + now.band()
                        + ", but the night gave " + lastV.scores()[r] + " " + lastV.band(r));
            }
            SuccessVector week = null;
            if (weekBefore != null) {
                Optional<Account> then = member.on(weekBefore);
                if (then.isPresent()) {
                    week = score(snapshot(then.get(), signals, weekBefore, history, previous));
                    week = week.band() != null && now.band() != null && !week.band().equals(now.band()) ? week : null;
                }
            }
            return new Explained(new ScoredPortfolio.Scored(ScoredPortfolio.Customer.of(account), snapshot, now), week);
        };
    }

    private AccountSnapshot snapshot(Account account, List<Signal> signals, LocalDate day, List<ScorePoint> history,
            Optional<SuccessVector> previous) {
        Instant at = ScoredPortfolio.startOf(day);
        List<Signal> known = new ArrayList<>();
        for (Signal s : signals) {
            if (!s.observedAt().isAfter(at)) {
                known.add(s);
            }
        }
        return data.assembler().assemble(account, known, at, List.copyOf(history), previous);
    }

    private SuccessVector score(AccountSnapshot snapshot) {
        try {
            return strategy.strategy().score(snapshot);
        } catch (ValidationException e) {
            throw strategy.problem(e);
        }
    }

    /** An account's latest vector as the run reads it (as {@link org.cskit.scoring.spi.RowSnapshots} does). */
    private SuccessVector previous(Latest latest, int i, Instant at) {
        return columnVector(data.id(i), at, latest.scores[i], latest.bands[i], latest.directions[i], latest.velocities[i],
                latest.coverages[i], org.cskit.scoring.spi.RowSnapshots.PREVIOUS);
    }

    /** A vector from columns, its explanation one contribution holding the score. */
    private SuccessVector columnVector(AccountId id, Instant at, double score, byte band, byte direction, double velocity,
            double coverage, String input) {
        Object config = strategy.strategy().config();
        return SuccessVector.builder().accountId(id).asOf(at).score(score).band(bands.get(band)).direction(Direction.values()[direction])
                .velocity(Double.isNaN(velocity) ? 0.0 : velocity).coverage(Double.isNaN(coverage) ? 0.0 : coverage)
                .addContributions(Contribution.builder().input(input).group(input).points(score).weight(1.0).build())
                .scorecardId(config instanceof Scorecard c ? c.id() : ScorecardId.of(input))
                .scorecardVersion(config instanceof Scorecard c ? c.version() : 1).build();
    }

    /** What the report counts over every account: distribution, dashboard, known outcomes. */
    private record Report(VectorDistribution distribution, Dashboard dashboard, Map<Band, long[]> outcomes, LocalDate firstRenewal,
            LocalDate lastRenewal) {}

    private Report report(LocalDate asOf, List<LocalDate> days, byte[][] dayBands, VectorColumns lastV, int[] lastRowOf,
            Map<Integer, Explained> explained, java.util.function.IntFunction<Explained> explainer, Plays plays, Harvest harvest, Set<String> risk, byte[] weekBands) {
        int k = days.size();
        LocalDate lastDay = days.get(k - 1);
        Instant lastAt = ScoredPortfolio.startOf(lastDay);
        Dashboard.Spec spec = DemoDashboard.spec(data, asOf, risk);
        Fold<DashboardAccount, Dashboard> dashboard = new Fold<>(Dashboard.collector(spec));
        Fold<ScoredAccount, VectorDistribution> distribution = new Fold<>(VectorDistribution.collector());
        Map<Band, long[]> outcomes = new LinkedHashMap<>();
        LocalDate[] renewals = new LocalDate[2];
        Map<String, SurveyKind> kinds = data.surveySignals();
        progress.start("report", n);
        record Entry(ScoredAccount scored, Optional<DashboardAccount> dashboard, Optional<PortfolioSource.KnownOutcome> outcome) {}
        for (int from = 0; from < n; from += CHUNK) {
            List<Entry> chunk = IntStream.range(from, Math.min(n, from + CHUNK)).parallel().mapToObj(i -> {
                PortfolioSource.Member member = data.member(i, lastDay);
                int r = lastRowOf[i];
                Explained e = explained.get(i);
                if (e == null && r >= 0 && weekBands != null && weekBands[i] >= 0 && weekBands[i] != lastV.bandCodes()[r]) {
                    e = explainer.apply(i); // a band move: the dashboard lists it with what moved its score
                }
                SuccessVector last = r < 0 ? null : e != null ? e.last.vector()
                        : columnVector(data.id(i), lastAt, lastV.scores()[r], lastV.bandCodes()[r], lastV.directionCodes()[r],
                                lastV.velocities()[r], lastV.coverages()[r], SCORE);
                ScoredAccount scored = last == null ? null : new ScoredAccount(last.accountId(), member.on(lastDay).orElseThrow().segment(),
                        last);
                Optional<DashboardAccount> entry = DemoDashboard.entry(data.standing(i, member, spec.period()), Optional.ofNullable(last), facts(member, i, days, dayBands,
                        e == null ? null : e.weekBefore, harvest, kinds, lastDay), spec, risk, plays.perAccount[i]);
                return new Entry(scored, entry, member.outcome());
            }).toList();
            for (Entry entry : chunk) {
                entry.dashboard.ifPresent(dashboard::add);
                if (entry.scored == null) {
                    continue;
                }
                distribution.add(entry.scored);
                if (entry.outcome.isPresent() && entry.outcome.get().renewal().isAfter(asOf)) {
                    PortfolioSource.KnownOutcome o = entry.outcome.get();
                    long[] c = outcomes.computeIfAbsent(entry.scored.vector().band(), b -> new long[2]);
                    c[0]++;
                    c[1] += o.churned() ? 1 : 0;
                    renewals[0] = renewals[0] == null || o.renewal().isBefore(renewals[0]) ? o.renewal() : renewals[0];
                    renewals[1] = renewals[1] == null || o.renewal().isAfter(renewals[1]) ? o.renewal() : renewals[1];
                }
            }
            progress.advance(chunk.size());
        }
        progress.finish();
        return new Report(distribution.finish(), dashboard.finish(), outcomes, renewals[0], renewals[1]);
    }

    /** What the dashboard needs of an account's scoring: its band moves, its call on its renewal, its survey answers. */
    private ScoredPortfolio.DashboardFacts facts(PortfolioSource.Member member, int i, List<LocalDate> days, byte[][] dayBands, SuccessVector weekBefore,
            Harvest harvest, Map<String, SurveyKind> kinds, LocalDate lastDay) {
        ScoredPortfolio.RenewalCall closed = null;
        ScoredPortfolio.RenewalCall open = null;
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            Optional<Account> account = member.on(day);
            if (account.isEmpty()) {
                continue;
            }
            LocalDate renewal = account.get().contract().renewalDate();
            if (renewal.isAfter(day)) {
                byte b = dayBands[d][i];
                ScoredPortfolio.RenewalCall call = new ScoredPortfolio.RenewalCall(day, renewal, b < 0 ? null : bands.get(b),
                        account.get().contract().arr());
                open = call;
                closed = renewal.isAfter(lastDay) ? closed : call;
            }
        }
        return new ScoredPortfolio.DashboardFacts(weekBefore, closed != null ? closed : open,
                kinds.isEmpty() ? List.of() : List.copyOf(harvest.responses(i, data.id(i), kinds)));
    }

    /** The plays of the last night: counted per account and playbook, the queue's first kept in full. Thread-safe. */
    private static final class Plays implements ActionSink {
        private final PortfolioSource data;
        final int[] perAccount;
        private final int limit;
        private final TreeMap<Play, Integer> queue = new TreeMap<>(PlaybookRun.QUEUE_ORDER);
        private final Map<String, Long> counts = new HashMap<>();
        private final Map<String, Play> first = new HashMap<>();
        private long total;

        Plays(PortfolioSource data, int limit) {
            this.data = data;
            this.perAccount = new int[data.size()];
            this.limit = limit;
        }

        @Override
        public void deliver(PlayHandle handle) {
            int i = data.index(handle.accountId());
            Play p = handle.play();
            synchronized (this) {
                perAccount[i]++;
                total++;
                counts.merge(p.playbookId(), 1L, Long::sum);
                first.merge(p.playbookId(), p, (a, b) -> PlaybookRun.QUEUE_ORDER.compare(a, b) <= 0 ? a : b);
                if (queue.size() < limit || PlaybookRun.QUEUE_ORDER.compare(p, queue.lastKey()) < 0) {
                    queue.put(p, i);
                    if (queue.size() > limit) {
                        queue.pollLastEntry();
                    }
                }
            }
        }

    }

    /**
     * The playbooks' run: the queue, the counts, and why each playbook that made no play made none
     * (the features such a playbook reads are summed up over the last night's accounts, derived
     * again from their signals only then).
     */
    private PlaybookRun playbookRun(LocalDate day, List<Playbook> playbooks, Map<String, String> notRun, NightlyReport report, Plays plays,
            Rows rows, Standard standard) {
        Map<String, Integer> suppressed = new HashMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (NightlyReport.PlaybookCounts c : report.playbooks()) {
            c.suppressed().forEach((reason, count) -> {
                suppressed.merge(c.playbookId(), Math.toIntExact(count), Integer::sum);
                reasons.merge(reason.name(), Math.toIntExact(count), Integer::sum);
            });
        }
        Set<String> fields = new LinkedHashSet<>();
        for (Playbook p : playbooks) {
            if (!notRun.containsKey(p.id()) && plays.counts.getOrDefault(p.id(), 0L) == 0 && p.trigger().kind() != Trigger.Kind.EVENT) {
                fields.addAll(p.trigger().fields());
                fields.addAll(p.fields());
            }
        }
        fields.removeIf(Fields::isBuiltIn);
        Map<String, double[]> seen = seen(fields, day, rows, standard);
        List<PlaybookRun.Status> statuses = new ArrayList<>();
        for (Playbook p : playbooks) {
            long made = plays.counts.getOrDefault(p.id(), 0L);
            if (notRun.containsKey(p.id())) {
                statuses.add(new PlaybookRun.Status(p, PlaybookRun.Outcome.NOT_RUN, 0, notRun.get(p.id())));
            } else if (made > 0) {
                statuses.add(new PlaybookRun.Status(p, PlaybookRun.Outcome.FIRED, made, made + " play" + (made == 1 ? "" : "s")));
            } else {
                statuses.add(PlaybookRun.quiet(p, seen, suppressed.getOrDefault(p.id(), 0)));
            }
        }
        Map<String, Long> byPlaybook = new LinkedHashMap<>();
        plays.first.values().stream().sorted(PlaybookRun.QUEUE_ORDER).forEach(p -> byPlaybook.put(p.playbookId(),
                plays.counts.get(p.playbookId())));
        Map<AccountId, ScoredPortfolio.Customer> customers = new HashMap<>();
        plays.queue.forEach((play, i) -> customers.computeIfAbsent(play.accountId(),
                id -> ScoredPortfolio.Customer.of(data.accountOn(i, day).orElseThrow())));
        return new PlaybookRun(day, List.copyOf(plays.queue.keySet()), List.copyOf(statuses), Map.copyOf(reasons), plays.total,
                java.util.Collections.unmodifiableMap(byPlaybook), Map.copyOf(customers));
    }

    /**
     * Per feature: how many of the night's accounts have it, its least and its greatest value. The
     * standard features were summed up as the night read them, the derived ones are derived again, a slice at a time.
     */
    private Map<String, double[]> seen(Set<String> fields, LocalDate day, Rows rows, Standard standard) {
        Map<String, double[]> seen = new HashMap<>();
        if (fields.isEmpty()) {
            return seen;
        }
        for (String field : fields) {
            seen.put(field, new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        }
        for (String field : fields) {
            int f = STANDARD.indexOf(field);
            if (f >= 0) {
                seen.put(field, standard.of(f));
            }
        }
        FeatureSchema derived = deriver.schema();
        if (fields.stream().noneMatch(field -> derived.indexOf(field) >= 0)) {
            return seen;
        }
        SignalSource source = signals(day, rows);
        Instant asOf = ScoredPortfolio.startOf(day);
        for (int from = 0; from < rows.m; from += slice) {
            int to = Math.min(rows.m, from + slice);
            FeatureColumns into = FeatureColumns.allocate(derived, to - from);
            deriver.derive(source.slice(from, to), asOf, into);
            for (String field : fields) {
                int f = derived.indexOf(field);
                if (f >= 0) {
                    for (int r = 0; r < to - from; r++) {
                        add(seen.get(field), into.value(f, r));
                    }
                }
            }
        }
        return seen;
    }

    private static void add(double[] stats, double v) {
        if (!Double.isNaN(v)) {
            stats[0]++;
            stats[1] = Math.min(stats[1], v);
            stats[2] = Math.max(stats[2], v);
        }
    }

    /** Each source index's row in a night, -1 if it is not a row of it. */
    private int[] rowOf(Rows rows) {
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int r = 0; r < rows.m; r++) {
            out[rows.members[r]] = r;
        }
        return out;
    }

    private double[] indexSpace(Rows rows, double[] values) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (int r = 0; r < rows.m; r++) {
            out[rows.members[r]] = values[r];
        }
        return out;
    }

    private byte[] indexSpace(Rows rows, byte[] values) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) -1);
        for (int r = 0; r < rows.m; r++) {
            out[rows.members[r]] = values[r];
        }
        return out;
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
}
