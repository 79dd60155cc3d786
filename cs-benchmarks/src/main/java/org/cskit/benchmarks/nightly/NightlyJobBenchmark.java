package org.cskit.benchmarks.nightly;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.cskit.benchmarks.columns.HandWrittenDerivation;
import org.cskit.benchmarks.playbooks.RowRules;
import org.cskit.benchmarks.playbooks.RuleSet;
import org.cskit.datagen.GeneratedAccount;
import org.cskit.datagen.PortfolioGenerator;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.Aggregate;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.WindowChange;

/**
 * The nightly job at one and ten million accounts, through {@link NightlyRun}, beside a hand-written
 * floor doing the same work over the same arrays in the same run. Build the jar with
 * {@code mvn -B -q -pl cs-benchmarks -am package -DskipTests}, then:
 *
 * <pre>
 * java -Xmx8g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.nightly.NightlyJobBenchmark [1000000,10000000] [builtins,rules50]
 * </pre>
 *
 * <p><b>Inputs</b>, made before anything is timed: {@link PortfolioGenerator} (seed 42, from
 * 2025-01-01 over 24 months) emits the signal columns of {@value #POOL_SLICES} slices of
 * {@value #SLICE} accounts as of 2025-09-01 with a 180-day lookback (the longest window read), and
 * each of those accounts' standard contract and plan facts, segment and stage. Holding ten million
 * accounts' signals would take about 20 GB, so account {@code r} reads the signals and facts of pool
 * account {@code r mod pool} (the work per account is the same; every account has its own id and its
 * own state). Yesterday's band is a fixed hash of the row; there is no score history (velocity and
 * direction are unknown, so the rules on direction do not fire).
 *
 * <p><b>cskit</b>: one {@link NightlyRun} night from an empty state on two threads: derive
 * the generator's eight features and two more the 50 rules read, score with a four-input
 * scorecard, run the playbooks (the 17 built-ins, or the 50 benchmark rules of {@link RuleSet}) into
 * a counting sink; then the same night again over the state it left (every play is still open, so it
 * must make none). <b>Floor</b> (50 rules only): on the same two threads and slices, the same
 * features by a plain loop ({@link HandWrittenDerivation} and two more), the same scorecard written
 * out, the same bands with hysteresis, the 50 rules written out ({@link RowRules}) with a dense
 * cooldown array per slice; it keeps no state beyond a slice and writes today's vectors into the
 * same arrays. The two agree on every score and band and on the number of plays (checked and printed).
 * No floor is written for the 17 built-ins.
 *
 * <p>Heap beyond the signal columns ({@code heap_mb}): what the night's other inputs and outputs take
 * (account facts, segment and stage codes, yesterday's and today's vectors: the used heap after a
 * full GC once they are allocated, less before), plus the run's peak: the sum of the heap pools'
 * peaks during the run less the used heap after a full GC before it (the state, the slices'
 * columns, and garbage not yet collected, so an upper bound that depends on {@code -Xmx}); "live"
 * is the used heap after a full GC once the run is over, less before it (today's play state). The
 * last line printed is the 50 rules at the largest N:
 * {@code nightly accounts=N wall_s=X heap_mb=Y plays=P floor_wall_s=F}.
 */
public final class NightlyJobBenchmark {
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final int MONTHS = 24;
    static final LocalDate TODAY = LocalDate.of(2025, 9, 1);
    static final Instant AS_OF = TODAY.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Duration LOOKBACK = Duration.ofDays(180);
    static final int SLICE = 65_536;
    static final int POOL_SLICES = 4;
    static final int POOL = SLICE * POOL_SLICES;
    static final int THREADS = 2;
    static final String USERS_CHANGE = "active_users_14d_change_pct";
    static final String TICKETS_OPEN = "tickets_open";
    static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("smb", EngagementModel.TECH_TOUCH));
    static final FeatureSchema STANDARD = FeatureSchema.of(StandardFeatures.names());

    /** The generator's eight features, then the two more the 50 rules read. */
    static final FeatureDeriver DERIVER;

    static {
        List<FeatureDefinition> definitions = new ArrayList<>(PortfolioGenerator.featureDefinitions());
        definitions.add(FeatureDefinition.builder().name(USERS_CHANGE).signal(PortfolioGenerator.ACTIVE_USERS).aggregate(Aggregate.LAST)
                .window(Duration.ofDays(14)).change(WindowChange.PERCENT).build());
        definitions.add(FeatureDefinition.of(TICKETS_OPEN, PortfolioGenerator.SUPPORT_TICKETS, Aggregate.SUM, Duration.ofDays(14)));
        DERIVER = FeatureDeriver.of(definitions);
    }

    /** Four inputs in three groups, linear, missing data redistributed; the default red/yellow/green bands. */
    static final WeightedScorecard SCORECARD = WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("nightly"))
            .addGroups(ScorecardGroup.of("adoption", 3,
                            input("seat_utilisation", 3, new Normalizer.Linear(0.3, 0.85), MetricDirection.HIGHER_IS_BETTER),
                            input("logins_14d_change_pct", 1, new Normalizer.Linear(-30, 20), MetricDirection.HIGHER_IS_BETTER)),
                    ScorecardGroup.of("support", 1, input(BuiltInPlaybooks.TICKETS, 1, new Normalizer.Linear(0, 6),
                            MetricDirection.LOWER_IS_BETTER)),
                    ScorecardGroup.of("sentiment", 1, input("nps", 1, new Normalizer.Linear(3, 9), MetricDirection.HIGHER_IS_BETTER)))
            .build());

    private static ScorecardInput input(String feature, double weight, Normalizer.Linear n, MetricDirection direction) {
        return ScorecardInput.builder().name(feature).weight(weight).normalizer(n).direction(direction).build();
    }

    private NightlyJobBenchmark() {}

    /** Signals, facts, segments and stages of the pool's accounts, and signals for a last, shorter slice. */
    static final class Pool {
        final SignalColumns[] slices = new SignalColumns[POOL_SLICES];
        final Map<Integer, SignalColumns> tails = new HashMap<>();
        final float[][] facts = new float[STANDARD.size()][POOL];
        final byte[] segment = new byte[POOL];
        final byte[] stage = new byte[POOL];
        final PortfolioGenerator generator = PortfolioGenerator.builder().seed(42).accounts(POOL).start(START).months(MONTHS).build();
        long observations;

        void generate() throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            List<String> names = SEGMENTS.stream().map(Segment::name).toList();
            Runnable work = () -> {
                for (int s; (s = next.getAndIncrement()) < POOL_SLICES;) {
                    slices[s] = generator.signalColumns(s * SLICE, (s + 1) * SLICE, AS_OF, LOOKBACK);
                    for (int i = s * SLICE; i < (s + 1) * SLICE; i++) {
                        GeneratedAccount generated = generator.account(i);
                        Optional<Account> current = generated.accountOn(TODAY);
                        Account account = current.orElse(generated.account());
                        segment[i] = (byte) names.indexOf(account.segment().name());
                        stage[i] = (byte) account.lifecycleStage().ordinal();
                        for (float[] f : facts) {
                            f[i] = Float.NaN;
                        }
                        if (current.isPresent()) {
                            Features.Builder b = Features.builder(STANDARD);
                            StandardFeatures.write(account, TODAY, b);
                            Features standard = b.build();
                            for (int k = 0; k < STANDARD.size(); k++) {
                                if (standard.isPresentAt(k)) {
                                    facts[k][i] = (float) standard.valueAt(k);
                                }
                            }
                        }
                    }
                }
            };
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(work);
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (SignalColumns s : slices) {
                for (SignalColumn c : s.columns()) {
                    observations += c.count();
                }
            }
        }

        SignalColumns slice(int from, int to) {
            if (to - from == SLICE) {
                return slices[(from / SLICE) % POOL_SLICES];
            }
            SignalColumns tail = tails.get(to - from);
            if (tail == null || from % SLICE != 0) {
                throw new IllegalStateException("no signals prepared for [" + from + ", " + to + ")");
            }
            return tail;
        }

        void prepareTail(int n) {
            int tail = n % SLICE;
            if (tail != 0 && !tails.containsKey(tail)) {
                tails.put(tail, generator.signalColumns(0, tail, AS_OF, LOOKBACK));
            }
        }
    }

    /** One night's inputs for N accounts, over the pool. */
    static final class Inputs {
        final int n;
        final FeatureColumns facts;
        final float[][] factArrays;
        final byte[] segment;
        final byte[] stage;
        final VectorColumns yesterday;
        final VectorColumns today;
        final AccountBatch accounts;

        Inputs(Pool pool, int n, FeatureSchema factSchema) {
            this.n = n;
            FeatureColumns.Builder fb = FeatureColumns.builder(factSchema, n);
            factArrays = new float[factSchema.size()][];
            for (int f = 0; f < factSchema.size(); f++) {
                float[] source = pool.facts[STANDARD.indexOf(factSchema.names().get(f))];
                float[] a = new float[n];
                for (int r = 0; r < n; r += POOL) {
                    System.arraycopy(source, 0, a, r, Math.min(POOL, n - r));
                }
                factArrays[f] = a;
                fb.feature(factSchema.names().get(f), a);
            }
            facts = fb.build();
            segment = tile(pool.segment, n);
            stage = tile(pool.stage, n);
            double[] scores = new double[n];
            byte[] bands = new byte[n];
            byte[] directions = new byte[n];
            Arrays.fill(directions, (byte) 1); // FLAT
            for (int r = 0; r < n; r++) {
                int h = (int) ((r * 0x9E3779B97F4A7C15L) >>> 61); // 0..7
                bands[r] = (byte) (h < 2 ? 0 : h < 4 ? 1 : 2);
                scores[r] = bands[r] == 0 ? 30 : bands[r] == 1 ? 60 : 85;
            }
            List<String> labels = bandLabels();
            yesterday = VectorColumns.builder(n).bands(labels).scores(scores).bandCodes(bands).directionCodes(directions).build();
            // Today's vectors without a computed-score column (no account has a manual override): 8 bytes an account less.
            double[] nan = new double[n];
            Arrays.fill(nan, Double.NaN);
            byte[] unscored = new byte[n];
            Arrays.fill(unscored, (byte) -1);
            today = VectorColumns.builder(n).bands(labels).scores(nan).bandCodes(unscored).directionCodes(unscored.clone())
                    .velocities(nan.clone()).coverages(nan.clone()).bandHeld(new boolean[n]).build();
            accounts = AccountBatch.builder(facts).asOf(AS_OF).accountIds(NightlyJobBenchmark::id).segments(SEGMENTS, segment)
                    .stages(stage).previousVectors(yesterday).build();
        }

        private static byte[] tile(byte[] source, int n) {
            byte[] a = new byte[n];
            for (int r = 0; r < n; r += POOL) {
                System.arraycopy(source, 0, a, r, Math.min(POOL, n - r));
            }
            return a;
        }
    }

    /** The inputs' arrays by what they hold, from their lengths and types (not from the heap, which GC makes approximate). */
    static String columnBytes(Inputs in) {
        long n = in.n;
        long facts = 4L * n * in.factArrays.length;
        long codes = 2 * n;
        long yesterday = (8 + 1 + 1) * n;
        long today = (8 + 1 + 1 + 8 + 8) * n + (in.today.bandHeld() == null ? 0 : n) + (in.today.computedScores() == null ? 0 : 8 * n);
        return String.format("inputs by column, from the arrays' sizes: facts %,d MB (%d float columns), segment and stage codes %,d MB, "
                + "yesterday's vectors %,d MB (score, band, direction), today's vectors %,d MB (score, band, direction, velocity, coverage, "
                + "band held%s) = %,d MB", facts >> 20, in.factArrays.length, codes >> 20, yesterday >> 20, today >> 20,
                in.today.computedScores() == null ? "; no computed-score column" : ", computed score", (facts + codes + yesterday + today) >> 20);
    }

    /** The suppressed firings by reason, over every playbook, such as {@code ALREADY_OPEN 12,263,063}. */
    static String byReason(NightlyReport report) {
        List<String> parts = new ArrayList<>();
        for (org.cskit.playbooks.spi.EvaluationReport.Suppression reason : org.cskit.playbooks.spi.EvaluationReport.Suppression.values()) {
            if (report.suppressed(reason) > 0) {
                parts.add(String.format("%s %,d", reason, report.suppressed(reason)));
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static AccountId id(int row) {
        return AccountId.of("acct-" + row);
    }

    static List<String> bandLabels() {
        return SCORECARD.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
    }

    /** Counts plays; thread-safe. */
    static final class Counting implements ActionSink {
        final LongAdder plays = new LongAdder();

        @Override
        public void deliver(PlayHandle play) {
            plays.increment();
        }
    }

    /** What one measured night took, and the same night run again on the state it left. */
    record Measured(double wallS, double cpuS, double peakMb, double liveMb, long plays, NightlyReport report, long states, double againWallS,
            long againPlays, NightlyReport again) {}

    static Measured cskit(Pool pool, Inputs in, List<Playbook> playbooks) {
        NightlyRun run = NightlyRun.builder().portfolio("bench").deriver(DERIVER).strategy(SCORECARD).playbooks(playbooks).sliceSize(SLICE)
                .threads(THREADS).build();
        NightlyState state = NightlyState.empty("bench");
        Counting sink = new Counting();
        SignalSource signals = SignalSource.of(in.n, pool::slice);
        long baseline = settledHeap();
        resetPeaks();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        NightlyReport report = run.run(in.accounts, signals, ScoreHistoryColumns.empty(in.n), state, sink, in.today);
        long t1 = System.nanoTime();
        long cpu1 = cpuNanos();
        long peak = peakHeap();
        long live = settledHeap();
        // The same night again over the state it left (the same data): every play is still open, none may be made twice.
        Counting againSink = new Counting();
        long t2 = System.nanoTime();
        NightlyReport again = run.run(in.accounts, signals, ScoreHistoryColumns.empty(in.n), state, againSink, in.today);
        long t3 = System.nanoTime();
        return new Measured((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, (peak - baseline) / 1048576.0, (live - baseline) / 1048576.0,
                sink.plays.sum(), report, state.inMemoryStore().size(), (t3 - t2) / 1e9, againSink.plays.sum(), again);
    }

    /** The floor for the 50 rules: the same work written out, on the same threads, slices and arrays. */
    static final class Floor {
        final Pool pool;
        final Inputs in;
        final LongAdder plays = new LongAdder();
        final double[] from;
        final double[] hysteresisBounds;
        final double hysteresis;

        Floor(Pool pool, Inputs in) {
            this.pool = pool;
            this.in = in;
            BandScheme bands = SCORECARD.config().bands();
            this.from = bands.ranges().stream().mapToDouble(BandScheme.Range::from).toArray();
            this.hysteresisBounds = bands.ranges().stream().mapToDouble(BandScheme.Range::to).toArray();
            this.hysteresis = bands.hysteresis();
        }

        double run() throws InterruptedException {
            int slices = (in.n + SLICE - 1) / SLICE;
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            Thread[] threads = new Thread[THREADS];
            for (int t = 0; t < THREADS; t++) {
                threads[t] = new Thread(() -> {
                    FeatureColumns features = FeatureColumns.allocate(DERIVER.schema(), SLICE);
                    HandWrittenDerivation derivation = new HandWrittenDerivation(AS_OF);
                    RowRules rules = new RowRules(SLICE);
                    for (int s; (s = next.getAndIncrement()) < slices;) {
                        int lo = s * SLICE;
                        int hi = Math.min(in.n, lo + SLICE);
                        SignalColumns signals = pool.slice(lo, hi);
                        derivation.derive(signals, features);
                        usersChangeAndTickets(signals, features);
                        rules.reset(lo);
                        scoreAndRules(lo, hi, features, rules);
                    }
                    plays.add(rules.plays());
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            return (System.nanoTime() - t0) / 1e9;
        }

        /** LAST of active users over 14 days against the 14 days before, in percent; tickets_open is tickets_14d again. */
        private static void usersChangeAndTickets(SignalColumns signals, FeatureColumns f) {
            SignalColumn users = signals.column(PortfolioGenerator.ACTIVE_USERS);
            double[] change = f.doubles(8);
            int[] changeObs = f.observations(8);
            long b0 = AS_OF.toEpochMilli();
            long b14 = b0 - 14 * 86_400_000L;
            long b28 = b0 - 28 * 86_400_000L;
            int[] rows = users.rows();
            long[] t = users.times();
            double[] x = users.values();
            int i = 0;
            for (int row = 0; row < signals.rows(); row++) {
                int s = i;
                while (i < users.count() && rows[i] == row) {
                    i++;
                }
                int hi = i;
                while (hi > s && t[hi - 1] > b0) {
                    hi--;
                }
                int mid = hi;
                while (mid > s && t[mid - 1] > b14) {
                    mid--;
                }
                int lo = mid;
                while (lo > s && t[lo - 1] > b28) {
                    lo--;
                }
                if (hi == mid || mid == lo || x[mid - 1] == 0) {
                    change[row] = Double.NaN;
                    changeObs[row] = 0;
                } else {
                    double previous = x[mid - 1];
                    change[row] = 100.0 * (x[hi - 1] - previous) / Math.abs(previous);
                    changeObs[row] = Math.min(hi - mid, mid - lo);
                }
            }
            System.arraycopy(f.doubles(5), 0, f.doubles(9), 0, signals.rows());
            System.arraycopy(f.observations(5), 0, f.observations(9), 0, signals.rows());
        }

        private void scoreAndRules(int lo, int hi, FeatureColumns f, RowRules rules) {
            double[] seats = f.doubles(0);
            double[] logins = f.doubles(3);
            double[] loginsChange = f.doubles(4);
            double[] tickets = f.doubles(5);
            double[] nps = f.doubles(7);
            double[] usersChange = f.doubles(8);
            double[] ticketsOpen = f.doubles(9);
            float[] renewal = in.factArrays[0];
            float[] arr = in.factArrays[1];
            double[] score = in.today.scores();
            byte[] band = in.today.bandCodes();
            byte[] direction = in.today.directionCodes();
            double[] velocity = in.today.velocities();
            double[] coverage = in.today.coverages();
            byte[] previousBand = in.yesterday.bandCodes();
            long now = AS_OF.toEpochMilli();
            for (int r = lo, k = 0; r < hi; r++, k++) {
                double gSeats = linear(seats[k], 0.3, 0.85);
                double gLogins = linear(loginsChange[k], -30, 20);
                double gTickets = 1.0 - linear(tickets[k], 0, 6);
                double gNps = linear(nps[k], 3, 9);
                double adoptionWeight = (gSeats == gSeats ? 3 : 0) + (gLogins == gLogins ? 1 : 0);
                double groups = (adoptionWeight > 0 ? 3 : 0) + (gTickets == gTickets ? 1 : 0) + (gNps == gNps ? 1 : 0);
                double s;
                if (groups == 0) {
                    s = 50;
                } else {
                    s = 0;
                    if (adoptionWeight > 0) {
                        s += 3 / groups * ((gSeats == gSeats ? 3 / adoptionWeight * gSeats * 100 : 0)
                                + (gLogins == gLogins ? 1 / adoptionWeight * gLogins * 100 : 0));
                    }
                    if (gTickets == gTickets) {
                        s += 1 / groups * gTickets * 100;
                    }
                    if (gNps == gNps) {
                        s += 1 / groups * gNps * 100;
                    }
                }
                score[r] = s;
                byte b = bandOf(s, previousBand[r]);
                band[r] = b;
                direction[r] = -1;
                velocity[r] = Double.NaN;
                coverage[r] = groups / 5;
                rules.evaluate(r, now, logins[k], loginsChange[k], usersChange[k], ticketsOpen[k], seats[k], nps[k], renewal[r], arr[r], s,
                        segmentCode(in.segment[r]), (byte) -1, b, previousBand[r]);
            }
        }

        private static byte segmentCode(byte code) {
            return code; // SEGMENTS is in Portfolio's order: enterprise 0, mid-market 1, smb 2
        }

        private byte bandOf(double s, byte previous) {
            if (previous >= 0 && s >= from[previous] - hysteresis && s < hysteresisBounds[previous] + hysteresis) {
                return previous;
            }
            for (int i = 0; i < from.length - 1; i++) {
                if (s < hysteresisBounds[i]) {
                    return (byte) i;
                }
            }
            return (byte) (from.length - 1);
        }

        private static double linear(double v, double min, double max) {
            if (v != v) {
                return Double.NaN;
            }
            double g = (v - min) / (max - min);
            return g < 0 ? 0 : g > 1 ? 1 : g;
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String stages(NightlyReport r) {
        return "elapsed " + stages(r.stages()) + "; CPU " + stages(r.stagesCpu()) + " (summed over " + THREADS + " threads)";
    }

    private static String stages(NightlyReport.Stages s) {
        return String.format("signals %.2f s, facts %.2f s, derive %.2f s, score %.2f s, playbooks %.2f s", s.signals().toNanos() / 1e9,
                s.facts().toNanos() / 1e9, s.derive().toNanos() / 1e9, s.score().toNanos() / 1e9, s.playbooks().toNanos() / 1e9);
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: the account counts (comma separated), the sets ({@code builtins}, {@code rules50})
     * @throws Exception if a thread is interrupted
     */
    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000000,10000000").split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        List<String> sets = List.of((args.length > 1 ? args[1] : "builtins,rules50").split(","));
        out("nightly job benchmark: %d threads, slices of %,d, %d processors, max heap %,d MB, %s %s", THREADS, SLICE,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        Pool pool = new Pool();
        long g0 = System.nanoTime();
        pool.generate();
        for (int n : sizes) {
            pool.prepareTail(n);
        }
        pool.prepareTail(POOL / 2);
        out("inputs: %,d pool accounts' signals (%,d observations, %.1f per account, about %,d MB as columns) and facts, made in %.1f s",
                POOL, pool.observations, pool.observations / (double) POOL, pool.observations * 20 >> 20, (System.nanoTime() - g0) / 1e9);
        String last = null;
        List<String> ordered = new ArrayList<>(sets);
        ordered.sort((a, b) -> a.equals("rules50") ? 1 : b.equals("rules50") ? -1 : 0); // rules50 last: its line ends the output
        for (String set : ordered) {
            boolean rules50 = set.equals("rules50");
            List<Playbook> playbooks = rules50 ? RuleSet.playbooks() : BuiltInPlaybooks.all();
            FeatureSchema factSchema = rules50 ? FeatureSchema.of(StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.ARR) : STANDARD;
            // Warm-up: half a pool, untimed.
            Inputs warm = new Inputs(pool, POOL / 2 + POOL / 2 % SLICE, factSchema);
            cskit(pool, warm, playbooks);
            if (rules50) {
                new Floor(pool, warm).run();
            }
            warm = null;
            for (int n : sizes) {
                long before = settledHeap();
                Inputs in = new Inputs(pool, n, factSchema);
                double inputsMb = (settledHeap() - before) / 1048576.0;
                out("%s, %,d accounts: %s", set, n, columnBytes(in));
                Measured m = cskit(pool, in, playbooks);
                double beyond = inputsMb + m.peakMb;
                out("%s, %,d accounts: heap beyond the signal columns: %.0f MB of account facts, codes, yesterday's and today's vectors, "
                        + "+ %.0f MB peak during the run (today's state %.0f MB live after it) = %.0f MB", set, n, inputsMb, m.peakMb, m.liveMb,
                        beyond);
                out("%s, %,d accounts: wall %.2f s, CPU %.2f s, heap peak +%.0f MB, live after +%.0f MB (%,d play states), plays %,d "
                        + "(suppressed %,d, failed %,d); %s", set, n, m.wallS, m.cpuS, m.peakMb, m.liveMb, m.states, m.plays,
                        m.report.suppressed(), m.report.failed(), stages(m.report));
                out("%s, %,d accounts: the same night again on today's state: wall %.2f s, plays %,d, suppressed %,d (%s), closed %,d", set,
                        n, m.againWallS, m.againPlays, m.again.suppressed(), byReason(m.again), m.again.closed());
                String floorWall = "n/a";
                if (rules50) {
                    double[] scores = in.today.scores().clone();
                    byte[] bands = in.today.bandCodes().clone();
                    Floor floor = new Floor(pool, in);
                    long cpu0 = cpuNanos();
                    double fw = floor.run();
                    double fcpu = (cpuNanos() - cpu0) / 1e9;
                    double maxDiff = 0;
                    long bandDiffs = 0;
                    for (int r = 0; r < n; r++) {
                        maxDiff = Math.max(maxDiff, Math.abs(scores[r] - in.today.scores()[r]));
                        bandDiffs += bands[r] != in.today.bandCodes()[r] ? 1 : 0;
                    }
                    out("%s, %,d accounts: floor wall %.2f s, CPU %.2f s, plays %,d; cskit / floor %.2fx wall, %.2fx CPU; scores differ by at most "
                            + "%.2e, bands differ on %,d rows", set, n, fw, fcpu, floor.plays.sum(), m.wallS / fw, m.cpuS / fcpu, maxDiff, bandDiffs);
                    floorWall = String.format("%.2f", fw);
                }
                last = String.format("nightly accounts=%d wall_s=%.2f heap_mb=%.0f plays=%d floor_wall_s=%s", n, m.wallS, beyond, m.plays,
                        floorWall);
                out("%s (%s)", last, set);
            }
        }
        out("%s", last);
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
