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
import org.cskit.run.AccountSource;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.run.VectorSink;
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
 * java -Xmx8g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.nightly.NightlyJobBenchmark [1000000,10000000] [builtins,rules50] [nights]
 * </pre>
 *
 * <p><b>Nights</b> ({@code nights}, 3 unless given): after an untimed warm-up night of {@value #WARM_UP}
 * accounts on each side, cskit's night and the floor's take turns, {@code nights} times over the same
 * inputs, each from a collected heap, so that both meet the same compiled code, heap and machine load (and no
 * concurrent collection of one side's garbage runs while the other is measured); each night is printed (with both sides' plays), and
 * the figures compared and printed last are the medians (the floor's own time moved by a fifth from one
 * process to the next when it ran once after a warm-up of two slices).
 *
 * <p><b>Inputs</b>, made before anything is timed: {@link PortfolioGenerator} (seed 42, from
 * 2025-01-01 over 24 months) emits the signal columns of {@value #POOL_SLICES} slices of
 * {@value #SLICE} accounts as of 2025-09-01 with a 180-day lookback (the longest window read), and
 * each of those accounts' standard contract and plan facts, segment and stage. Holding ten million
 * accounts' signals would take about 20 GB, so account {@code r} reads the signals and facts of pool
 * account {@code r mod pool} (the work per account is the same; every account has its own id and its
 * own state). Yesterday's band is a fixed hash of the pool row; there is no score history (velocity and
 * direction are unknown, so the rules on direction do not fire).
 *
 * <p><b>cskit</b>: one {@link NightlyRun} night from an empty state on two threads, reading each
 * slice's facts, codes and yesterday's vectors through an {@link AccountSource} (views of the pool's
 * arrays: a batch built per slice over the pool slice's columns, no copy) and handing today's vectors to a
 * {@link VectorSink} that keeps each account's score as a 2-byte code and its band (3 bytes an
 * account, what a host keeps for tomorrow): derive the generator's eight features and two more the
 * 50 rules read, score with a four-input scorecard, run the playbooks (the 17 built-ins, or the 50
 * benchmark rules of {@link RuleSet}) into a counting sink; then the same night again over the state
 * it left (every play is still open, so it must make none). Then the derivation kernel alone over the
 * same slices on the same threads (thread CPU), to set beside the run's derive stage.
 *
 * <p><b>Floor</b>: on the same two threads and slices, the same features by a plain loop
 * ({@link HandWrittenDerivation} and two more), the same scorecard written out, the same bands with
 * hysteresis, the playbooks written out with a dense cooldown array per slice (the 50 rules as
 * {@link RowRules}, the 17 built-ins as {@link BuiltInRows}: the 14 that can fire without events); it
 * reads the facts, segment codes and yesterday's bands from the pool's arrays in place, keeps no state beyond a slice, writes the vectors
 * into slice columns and the same score codes and bands into the same arrays. The two agree on the
 * score codes and bands and on the number of plays (checked and printed); its thread CPU is printed
 * per stage (derive; score and playbooks), and then that of its scoring alone (the same loop without
 * the playbooks, in a pass of its own).
 *
 * <p><b>The same work over the same arrays.</b> Both sides read each slice's facts, segment codes and
 * yesterday's vectors from the same arrays of the pool, in place: the floor indexes them, cskit's host hands
 * them to the run as an {@link AccountBatch} over them (per slice: the batch is built, which checks the
 * segment and stage codes, and names its rows' accounts). Copying them into buffers first (as a host reading
 * from a store would) is host work the floor would then have to do too, or that would be counted as cskit's;
 * either way it is not what the two are compared on. What the host still does for cskit and not for the
 * floor is printed apart, each night: the thread CPU of its {@code AccountSource.slice} calls (counted
 * in cskit's facts stage and CPU), and once per size the CPU of making every account's id alone, which
 * cskit's engine asks once per row to find the account's play state (in its playbooks stage; the floor
 * keeps no state beyond a slice and needs no id). Account {@code r}'s yesterday's band is that of pool row
 * {@code r mod pool}, like its facts (until session 8 it was a hash of {@code r}, made per slice into
 * buffers on cskit's side and per row on the floor's).
 *
 * <p>Heap beyond the signal columns ({@code heap_mb}): what the night keeps for the whole portfolio
 * besides the state (the score codes and bands: the used heap after a full GC once they are allocated,
 * less before), plus the most heap the run had in use at once, less the used heap after a full GC before
 * it: the larger of the heap in use right before any collection during the run (the heap only grows between
 * collections, but for regions a concurrent cycle frees) and the heap in use when the run returns. That is
 * the state, the slices' columns, and garbage not yet collected, so it still depends on {@code -Xmx} (a
 * larger heap lets the collector wait longer); the heap a night needs is shown by running it under a cap
 * ({@code -Xmx}). Until session 11 it was the sum of the heap pools' peaks (young, survivor and old
 * generation, each at its own moment: a heap never in use at once, larger than the above by up to the
 * young generation); that figure is still printed beside it for each night, as are the most heap in use
 * right after any collection during the run (nearer the live peak), the number of collections and their
 * summed duration, and the state after the run (the used heap after a full GC, less before); the largest
 * over the nights is reported. The last line printed is the
 * 50 rules at the largest N, with the median walls: {@code nightly accounts=N wall_s=X heap_mb=Y plays=P floor_wall_s=F}.
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
    /** Accounts of the untimed warm-up night on each side: 16 slices, 8 a thread. */
    static final int WARM_UP = 16 * SLICE;
    static final String USERS_CHANGE = "active_users_14d_change_pct";
    static final String TICKETS_OPEN = "tickets_open";
    static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("smb", EngagementModel.TECH_TOUCH));
    static final FeatureSchema STANDARD = FeatureSchema.of(StandardFeatures.names());

    /** The generator's eight features alone (what {@code DerivationCpuRatio} derives). */
    static final FeatureDeriver GENERATOR_DERIVER = FeatureDeriver.of(PortfolioGenerator.featureDefinitions());

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

    /**
     * Signals, facts, segments, stages and yesterday's vectors of the pool's accounts, each pool slice in arrays of its
     * own (so that a slice of accounts reads them in place, from row 0), and signals for a last, shorter slice.
     */
    static final class Pool {
        final SignalColumns[] slices = new SignalColumns[POOL_SLICES];
        final Map<Integer, SignalColumns> tails = new HashMap<>();
        /** By pool slice, then fact (indexed as {@link #STANDARD}), then row of the pool slice. */
        final float[][][] facts = new float[POOL_SLICES][STANDARD.size()][SLICE];
        final byte[][] segment = new byte[POOL_SLICES][SLICE];
        final byte[][] stage = new byte[POOL_SLICES][SLICE];
        /** Yesterday's vectors by pool slice: band codes from a fixed hash of the pool row, scores from the band, direction FLAT. */
        final byte[][] yesterdayBand = new byte[POOL_SLICES][SLICE];
        final VectorColumns[] yesterday = new VectorColumns[POOL_SLICES];
        final PortfolioGenerator generator = PortfolioGenerator.builder().seed(42).accounts(POOL).start(START).months(MONTHS).build();
        long observations;

        void generate() throws InterruptedException {
            AtomicInteger next = new AtomicInteger();
            List<String> names = SEGMENTS.stream().map(Segment::name).toList();
            Runnable work = () -> {
                for (int s; (s = next.getAndIncrement()) < POOL_SLICES;) {
                    slices[s] = generator.signalColumns(s * SLICE, (s + 1) * SLICE, AS_OF, LOOKBACK);
                    float[][] f = facts[s];
                    double[] scores = new double[SLICE];
                    byte[] directions = new byte[SLICE];
                    Arrays.fill(directions, (byte) 1); // FLAT
                    for (int k = 0; k < SLICE; k++) {
                        int i = s * SLICE + k;
                        GeneratedAccount generated = generator.account(i);
                        Optional<Account> current = generated.accountOn(TODAY);
                        Account account = current.orElse(generated.account());
                        segment[s][k] = (byte) names.indexOf(account.segment().name());
                        stage[s][k] = (byte) account.lifecycleStage().ordinal();
                        for (float[] column : f) {
                            column[k] = Float.NaN;
                        }
                        if (current.isPresent()) {
                            Features.Builder b = Features.builder(STANDARD);
                            StandardFeatures.write(account, TODAY, b);
                            Features standard = b.build();
                            for (int x = 0; x < STANDARD.size(); x++) {
                                if (standard.isPresentAt(x)) {
                                    f[x][k] = (float) standard.valueAt(x);
                                }
                            }
                        }
                        byte band = yesterdayBand(i);
                        yesterdayBand[s][k] = band;
                        scores[k] = band == 0 ? 30 : band == 1 ? 60 : 85;
                    }
                    yesterday[s] = VectorColumns.builder(SLICE).bands(bandLabels()).scores(scores).bandCodes(yesterdayBand[s])
                            .directionCodes(directions).build();
                }
            };
            onThreads(work);
            for (SignalColumns s : slices) {
                for (SignalColumn c : s.columns()) {
                    observations += c.count();
                }
            }
        }

        /** The pool slice accounts {@code [from, ...)} read: slices start at a multiple of {@value #SLICE} and do not cross the pool's end. */
        static int poolSlice(int from) {
            if (from % SLICE != 0) {
                throw new IllegalStateException("slices start at multiples of " + SLICE + ", but one starts at " + from);
            }
            return (from / SLICE) % POOL_SLICES;
        }

        SignalColumns slice(int from, int to) {
            if (to - from == SLICE) {
                return slices[poolSlice(from)];
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

    /**
     * One night's inputs for N accounts, over the pool. Account {@code r}'s facts, segment and stage codes and
     * yesterday's vectors are those of pool row {@code r mod pool}; the host hands cskit each slice's as views of the
     * pool's arrays (no copy: an {@link AccountBatch} built per slice over the pool slice's columns, which checks its
     * segment and stage codes, and names its rows' accounts {@code acct-<r>}), as the floor reads the same arrays in
     * place. What the night keeps of today's vectors is what a host keeps for tomorrow: each account's score as a
     * 2-byte code ({@link ScoreHistoryColumns#nearestCode}) and its band code.
     */
    static final class Inputs {
        final int n;
        final Pool pool;
        final FeatureSchema factSchema;
        final int[] factAt; // each fact's index in the pool's facts
        final FeatureColumns[] facts; // by pool slice, over the pool's arrays (checked once, here)
        final char[] scoreCodes;
        final byte[] bands;
        final AccountSource accounts;
        final VectorSink today;
        /** Thread CPU spent in {@link #slice} (the host's reading of cskit's slices), summed over the threads. */
        final LongAdder hostReadCpu = new LongAdder();

        Inputs(Pool pool, int n, FeatureSchema factSchema) {
            this.n = n;
            this.pool = pool;
            this.factSchema = factSchema;
            this.factAt = factSchema.names().stream().mapToInt(STANDARD::indexOf).toArray();
            this.facts = new FeatureColumns[POOL_SLICES];
            for (int s = 0; s < POOL_SLICES; s++) {
                FeatureColumns.Builder fb = FeatureColumns.builder(factSchema, SLICE);
                for (int f = 0; f < factAt.length; f++) {
                    fb.feature(factSchema.names().get(f), pool.facts[s][factAt[f]]);
                }
                facts[s] = fb.build();
            }
            this.scoreCodes = new char[n];
            this.bands = new byte[n];
            this.accounts = AccountSource.of(n, this::slice);
            this.today = VectorSink.of(bandLabels(), (from, rows, v) -> {
                double[] scores = v.scores();
                byte[] codes = v.bandCodes();
                for (int r = 0; r < rows; r++) {
                    scoreCodes[from + r] = ScoreHistoryColumns.nearestCode(scores[r]);
                }
                System.arraycopy(codes, 0, bands, from, rows);
            });
        }

        /** The facts of accounts [from, to): views of the pool slice's arrays, from row 0. */
        AccountBatch slice(int from, int to) {
            long c0 = THREAD_CPU.getCurrentThreadCpuTime();
            int s = Pool.poolSlice(from);
            AccountBatch batch = AccountBatch.builder(facts[s]).asOf(AS_OF).accountIds(r -> id(from + r)).segments(SEGMENTS, pool.segment[s])
                    .stages(pool.stage[s]).previousVectors(pool.yesterday[s]).build();
            AccountBatch slice = to - from == SLICE ? batch : batch.slice(0, to - from);
            hostReadCpu.add(THREAD_CPU.getCurrentThreadCpuTime() - c0);
            return slice;
        }
    }

    /** Yesterday's band of an account: 0, 1 or 2 from a fixed hash of its row (a quarter red, a quarter yellow, half green). */
    static byte yesterdayBand(int row) {
        int h = (int) ((row * 0x9E3779B97F4A7C15L) >>> 61); // 0..7
        return (byte) (h < 2 ? 0 : h < 4 ? 1 : 2);
    }

    /** What the night keeps beside the state, from the arrays' sizes. */
    static String columnBytes(Inputs in) {
        long n = in.n;
        return String.format("kept for the whole portfolio: today's scores as 2-byte codes and band codes, %,d MB; facts (%d float columns), "
                + "segment and stage codes and yesterday's vectors read a slice at a time in place from the pool's arrays (%,d MB for the pool's "
                + "%,d accounts)", 3 * n >> 20, in.factAt.length, (long) POOL * (4 * STANDARD.size() + 2 + 10) >> 20, POOL);
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

    /**
     * What one measured night took, and the same night run again on the state it left ({@code again} null when not run). Heap
     * figures are MiB beyond the used heap after a full GC before the run: {@code inUseMb} the most in use at once (the
     * largest just before a collection or at the end), {@code peakMb} the heap pools' peaks summed (each pool's at its own
     * moment), {@code afterGcMb} the largest right after a collection (NaN for none), {@code liveMb} the state after the run.
     */
    record Measured(double wallS, double cpuS, double hostReadS, String kinds, double inUseMb, double peakMb, double afterGcMb, double liveMb,
            long collections, long collectionMs, String slicesThenTrim, long plays, NightlyReport report, long states,
            double againWallS, long againPlays, NightlyReport again) {}

    static Measured cskit(Pool pool, Inputs in, List<Playbook> playbooks, boolean again) {
        long[] lastSlice = new long[2]; // the heap in use when the last slice is done (before the store's trim), and the most before then
        NightlyRun run = NightlyRun.builder().portfolio("bench").deriver(DERIVER).strategy(SCORECARD).playbooks(playbooks).sliceSize(SLICE)
                .threads(THREADS).progress((done, total, elapsed) -> {
                    if (done == total) {
                        lastSlice[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        lastSlice[1] = Math.max(lastSlice[0], AFTER_GC.maxBefore());
                    }
                }).build();
        NightlyState state = NightlyState.empty("bench");
        Counting sink = new Counting();
        SignalSource signals = SignalSource.of(in.n, pool::slice);
        long baseline = settledHeap();
        resetPeaks();
        AFTER_GC.arm();
        in.hostReadCpu.reset();
        double[] kinds0 = cpuByKind();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        NightlyReport report = run.run(in.accounts, signals, ScoreHistoryColumns.empty(in.n), state, sink, in.today);
        long t1 = System.nanoTime();
        long endUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long cpu1 = cpuNanos();
        double hostRead = in.hostReadCpu.sum() / 1e9;
        String kinds = cpuByKind(kinds0, cpuByKind(), (cpu1 - cpu0) / 1e9);
        long peak = peakHeap();
        long afterGc = AFTER_GC.disarm(); // 0: no collection during the run
        long live = settledHeap();
        // The same night again over the state it left (the same data): every play is still open, none may be made twice.
        Counting againSink = new Counting();
        long t2 = System.nanoTime();
        NightlyReport second = again ? run.run(in.accounts, signals, ScoreHistoryColumns.empty(in.n), state, againSink, in.today) : null;
        long t3 = System.nanoTime();
        long inUse = Math.max(AFTER_GC.maxBefore(), endUsed);
        String slicesThenTrim = String.format("until the last slice was done at most %.0f MB, %.0f MB then; the store's trim after it: %.0f MB "
                + "when the run returned; %.0f MB in use after a full GC before the run (the signal columns, the benchmark's other inputs, "
                + "the kept vectors)", (lastSlice[1] - baseline) / 1048576.0, (lastSlice[0] - baseline) / 1048576.0,
                (endUsed - baseline) / 1048576.0, baseline / 1048576.0);
        return new Measured((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, hostRead, kinds, (inUse - baseline) / 1048576.0, (peak - baseline) / 1048576.0,
                afterGc == 0 ? Double.NaN : (Math.max(afterGc, baseline) - baseline) / 1048576.0, (live - baseline) / 1048576.0,
                AFTER_GC.collections(), AFTER_GC.collectionMillis(), slicesThenTrim, sink.plays.sum(), report, state.inMemoryStore().size(), (t3 - t2) / 1e9, againSink.plays.sum(), second);
    }

    /**
     * The derivation kernel alone ({@link FeatureDeriver#derive}) over the same slices on the same threads: thread CPU
     * summed over the threads, to set beside the run's derive stage.
     */
    static double kernelCpu(Pool pool, int n, FeatureDeriver deriver) throws InterruptedException {
        int slices = (n + SLICE - 1) / SLICE;
        AtomicInteger next = new AtomicInteger();
        LongAdder cpu = new LongAdder();
        onThreads(() -> {
            FeatureColumns features = FeatureColumns.allocate(deriver.schema(), SLICE);
            for (int s; (s = next.getAndIncrement()) < slices;) {
                int lo = s * SLICE;
                SignalColumns signals = pool.slice(lo, Math.min(n, lo + SLICE));
                long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                deriver.derive(signals, AS_OF, features, 0);
                cpu.add(THREAD_CPU.getCurrentThreadCpuTime() - c0);
            }
        });
        return cpu.sum() / 1e9;
    }

    /**
     * The host's account ids for rows {@code [0, n)} alone, as cskit's engine asks them (once per row, on the run's
     * threads, a slice at a time): thread CPU summed over the threads.
     */
    static double idsCpu(int n) throws InterruptedException {
        int slices = (n + SLICE - 1) / SLICE;
        AtomicInteger next = new AtomicInteger();
        LongAdder cpu = new LongAdder();
        LongAdder sink = new LongAdder();
        onThreads(() -> {
            for (int s; (s = next.getAndIncrement()) < slices;) {
                int lo = s * SLICE;
                int hi = Math.min(n, lo + SLICE);
                long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                int h = 0;
                for (int r = lo; r < hi; r++) {
                    h += id(r).value().length();
                }
                cpu.add(THREAD_CPU.getCurrentThreadCpuTime() - c0);
                sink.add(h);
            }
        });
        if (sink.sum() < n) {
            throw new IllegalStateException("ids shorter than a character");
        }
        return cpu.sum() / 1e9;
    }

    /**
     * What the collections of a run tell, while armed: the largest heap in use right after a collection (the live
     * objects at that moment plus garbage the collection left, such as old regions not yet collected: nearer the
     * live peak than the pools' peaks, which include the young generation just before it is collected); the
     * largest heap in use right before a collection (the heap only grows between collections but for regions a
     * concurrent cycle frees, so this and the heap in use when the run ends bound the most heap the run had in use
     * at once, garbage included); and how many collections there were and their summed duration as the
     * collectors report it.
     */
    static final class AfterGc implements javax.management.NotificationListener {
        private final java.util.Set<String> heapPools = new java.util.HashSet<>();
        private final java.util.concurrent.atomic.AtomicLong max = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong maxBefore = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong collections = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong collectionMillis = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean armed;

        AfterGc() {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    heapPools.add(p.getName());
                }
            }
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener(this, null, null);
            }
        }

        void arm() {
            max.set(0);
            maxBefore.set(0);
            collections.set(0);
            collectionMillis.set(0);
            armed = true;
        }

        /** @return the largest heap in use right after a collection while armed, 0 for none */
        long disarm() {
            armed = false;
            return max.get();
        }

        /** @return the largest heap in use right before a collection while last armed, 0 for none */
        long maxBefore() {
            return maxBefore.get();
        }

        /** @return the collections while last armed */
        long collections() {
            return collections.get();
        }

        /** @return their summed duration as the collectors report it (for G1's young and mixed collections: the pauses), ms */
        long collectionMillis() {
            return collectionMillis.get();
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!armed || !n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) n.getUserData());
            max.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
            maxBefore.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
            collections.incrementAndGet();
            collectionMillis.addAndGet(info.getGcInfo().getDuration());
        }

        private long heapUsed(Map<String, java.lang.management.MemoryUsage> usage) {
            long used = 0;
            for (Map.Entry<String, java.lang.management.MemoryUsage> e : usage.entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
            return used;
        }
    }

    static final AfterGc AFTER_GC = new AfterGc();

    /**
     * The floor: the same work written out, on the same threads and slices, reading the pool's arrays
     * directly; the 50 rules as {@link RowRules}, the built-ins as {@link BuiltInRows}.
     */
    static final class Floor {
        final Pool pool;
        final Inputs in;
        final LongAdder plays = new LongAdder();
        final double[] from;
        final double[] hysteresisBounds;
        final double hysteresis;

        final boolean builtIns;

        Floor(Pool pool, Inputs in, boolean builtIns) {
            this.pool = pool;
            this.in = in;
            this.builtIns = builtIns;
            BandScheme bands = SCORECARD.config().bands();
            this.from = bands.ranges().stream().mapToDouble(BandScheme.Range::from).toArray();
            this.hysteresisBounds = bands.ranges().stream().mapToDouble(BandScheme.Range::to).toArray();
            this.hysteresis = bands.hysteresis();
        }

        /** Thread CPU of the floor's stages, summed over the threads: deriving (the ten features), scoring and the rules. */
        final LongAdder deriveCpu = new LongAdder();
        final LongAdder scoreAndRulesCpu = new LongAdder();

        double run() throws InterruptedException {
            int slices = (in.n + SLICE - 1) / SLICE;
            AtomicInteger next = new AtomicInteger();
            long t0 = System.nanoTime();
            onThreads(() -> {
                FeatureColumns features = FeatureColumns.allocate(DERIVER.schema(), SLICE);
                VectorColumns today = VectorColumns.allocate(SLICE, bandLabels());
                HandWrittenDerivation derivation = new HandWrittenDerivation(AS_OF);
                RowRules rules = builtIns ? null : new RowRules(SLICE);
                BuiltInRows builtIn = builtIns ? new BuiltInRows(SLICE, DERIVER.schema(), STANDARD) : null;
                for (int s; (s = next.getAndIncrement()) < slices;) {
                    int lo = s * SLICE;
                    int hi = Math.min(in.n, lo + SLICE);
                    long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                    SignalColumns signals = pool.slice(lo, hi);
                    derivation.derive(signals, features);
                    usersChangeAndTickets(signals, features);
                    long c1 = THREAD_CPU.getCurrentThreadCpuTime();
                    if (builtIns) {
                        builtIn.slice(features, pool.facts[Pool.poolSlice(lo)]);
                    } else {
                        rules.reset(lo);
                    }
                    scoreAndRules(lo, hi, features, today, rules, builtIn);
                    deriveCpu.add(c1 - c0);
                    scoreAndRulesCpu.add(THREAD_CPU.getCurrentThreadCpuTime() - c1);
                }
                plays.add(builtIns ? builtIn.plays() : rules.plays());
            });
            return (System.nanoTime() - t0) / 1e9;
        }

        /**
         * The floor's scoring alone (its loop without the playbooks), after deriving each slice untimed: thread CPU summed
         * over the threads, to split the floor's "score and rules" into its two parts.
         */
        double scoringCpu() throws InterruptedException {
            int slices = (in.n + SLICE - 1) / SLICE;
            AtomicInteger next = new AtomicInteger();
            LongAdder cpu = new LongAdder();
            onThreads(() -> {
                FeatureColumns features = FeatureColumns.allocate(DERIVER.schema(), SLICE);
                VectorColumns today = VectorColumns.allocate(SLICE, bandLabels());
                HandWrittenDerivation derivation = new HandWrittenDerivation(AS_OF);
                for (int s; (s = next.getAndIncrement()) < slices;) {
                    int lo = s * SLICE;
                    int hi = Math.min(in.n, lo + SLICE);
                    SignalColumns signals = pool.slice(lo, hi);
                    derivation.derive(signals, features);
                    usersChangeAndTickets(signals, features);
                    long c0 = THREAD_CPU.getCurrentThreadCpuTime();
                    scoreAndRules(lo, hi, features, today, null, null);
                    cpu.add(THREAD_CPU.getCurrentThreadCpuTime() - c0);
                }
            });
            return cpu.sum() / 1e9;
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

        private void scoreAndRules(int lo, int hi, FeatureColumns f, VectorColumns today, RowRules rules, BuiltInRows builtIn) {
            double[] seats = f.doubles(0);
            double[] logins = f.doubles(3);
            double[] loginsChange = f.doubles(4);
            double[] tickets = f.doubles(5);
            double[] nps = f.doubles(7);
            double[] usersChange = f.doubles(8);
            double[] ticketsOpen = f.doubles(9);
            int p = Pool.poolSlice(lo); // the pool slice accounts [lo, hi) read, from its row 0
            float[] renewal = pool.facts[p][in.factAt[0]];
            float[] arr = pool.facts[p][in.factAt[1]];
            byte[] segments = pool.segment[p];
            byte[] yesterday = pool.yesterdayBand[p];
            double[] score = today.scores();
            byte[] band = today.bandCodes();
            byte[] direction = today.directionCodes();
            double[] velocity = today.velocities();
            double[] coverage = today.coverages();
            char[] keptScores = in.scoreCodes;
            byte[] keptBands = in.bands;
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
                score[k] = s;
                byte previous = yesterday[k];
                byte b = bandOf(s, previous);
                band[k] = b;
                direction[k] = -1;
                velocity[k] = Double.NaN;
                coverage[k] = groups / 5;
                keptScores[r] = ScoreHistoryColumns.nearestCode(s);
                keptBands[r] = b;
                if (rules != null) {
                    rules.evaluate(r, now, logins[k], loginsChange[k], usersChange[k], ticketsOpen[k], seats[k], nps[k], renewal[k],
                            arr[k], s, segmentCode(segments[k]), (byte) -1, b, previous);
                } else if (builtIn != null) {
                    builtIn.evaluate(k, now, b, (byte) -1);
                }
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

    private static final java.lang.management.ThreadMXBean THREAD_CPU = ManagementFactory.getThreadMXBean();

    /** Runs {@code work} on {@value #THREADS} threads at once (each takes slices until none is left) and waits for them. */
    static void onThreads(Runnable work) throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            threads[t] = new Thread(work);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * The CPU of the JVM's garbage collector threads ({@code GC Thread#}, {@code G1 ...}) and JIT compilers
     * ({@code C1/C2 CompilerThre}), from Linux's {@code /proc/self/task/*} (10 ms ticks). A thread that ends between
     * two readings loses what it used since the first: the collector's threads stay, the compilers come and go
     * unless {@code -XX:-UseDynamicNumberOfCompilerThreads} (so {@code JIT} is a lower bound without it). Empty
     * where there is no {@code /proc}.
     */
    static double[] cpuByKind() {
        double[] kinds = new double[2]; // GC, JIT
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return new double[0];
        }
        for (java.io.File task : tasks) {
            try {
                String comm = java.nio.file.Files.readString(new java.io.File(task, "comm").toPath()).trim();
                String stat = java.nio.file.Files.readString(new java.io.File(task, "stat").toPath());
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime: fields 14 and 15
                int kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? 0 : comm.contains("CompilerThre") ? 1 : -1;
                if (kind >= 0) {
                    kinds[kind] += seconds;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended while being read: its time is lost, as said above
            }
        }
        return kinds;
    }

    /** What {@link #cpuByKind} grew by over a night of {@code cpu} seconds of process CPU, as {@code GC x s, JIT y s, the rest z s}. */
    static String cpuByKind(double[] before, double[] after, double cpu) {
        if (before.length == 0 || after.length == 0) {
            return "no /proc to tell";
        }
        double gc = after[0] - before[0];
        double jit = after[1] - before[1];
        return String.format("GC threads %.2f s, JIT compilers %.2f s, the rest %.2f s", gc, jit, cpu - gc - jit);
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

    /** The run's stages' thread CPU, summed. */
    private static double stageSum(NightlyReport r) {
        NightlyReport.Stages s = r.stagesCpu();
        return (s.signals().toNanos() + s.facts().toNanos() + s.derive().toNanos() + s.score().toNanos() + s.playbooks().toNanos()) / 1e9;
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
        int nights = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (nights < 1) {
            throw new IllegalArgumentException("nights must be at least 1, but was " + nights);
        }
        out("nightly job benchmark: %d threads, slices of %,d, %d processors, max heap %,d MB, %s %s", THREADS, SLICE,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        Pool pool = new Pool();
        long g0 = System.nanoTime();
        pool.generate();
        for (int n : sizes) {
            pool.prepareTail(n);
        }
        out("inputs: %,d pool accounts' signals (%,d observations, %.1f per account, about %,d MB as columns) and facts, made in %.1f s",
                POOL, pool.observations, pool.observations / (double) POOL, pool.observations * 20 >> 20, (System.nanoTime() - g0) / 1e9);
        String last = null;
        List<String> ordered = new ArrayList<>(sets);
        ordered.sort((a, b) -> a.equals("rules50") ? 1 : b.equals("rules50") ? -1 : 0); // rules50 last: its line ends the output
        for (String set : ordered) {
            boolean rules50 = set.equals("rules50");
            List<Playbook> playbooks = rules50 ? RuleSet.playbooks() : BuiltInPlaybooks.all();
            List<String> withoutEvents = playbooks.stream().filter(p -> !(p.trigger() instanceof org.cskit.playbooks.Trigger.OnEvent))
                    .map(Playbook::id).toList();
            if (!rules50 && !withoutEvents.equals(BuiltInRows.IDS)) {
                throw new IllegalStateException("the built-in floor is written for " + BuiltInRows.IDS + ", but the built-ins without an "
                        + "event trigger are " + withoutEvents);
            }
            FeatureSchema factSchema = rules50 ? FeatureSchema.of(StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.ARR) : STANDARD;
            // Warm-up: a night of WARM_UP accounts on each side (and each pass measured below), untimed, so that both sides run
            // code the JIT compiled from a whole night's profile rather than from a slice or two.
            Inputs warm = new Inputs(pool, WARM_UP, factSchema);
            cskit(pool, warm, playbooks, true);
            Floor warmFloor = new Floor(pool, warm, !rules50);
            warmFloor.run();
            warmFloor.scoringCpu();
            idsCpu(WARM_UP);
            kernelCpu(pool, WARM_UP, DERIVER);
            kernelCpu(pool, WARM_UP, GENERATOR_DERIVER);
            warm = null;
            warmFloor = null;
            for (int n : sizes) {
                long before = settledHeap();
                Inputs in = new Inputs(pool, n, factSchema);
                double inputsMb = (settledHeap() - before) / 1048576.0;
                out("%s, %,d accounts: %s", set, n, columnBytes(in));
                // Nights of cskit and floor in turn, so that both meet the same JIT state, heap and machine load; the figures are
                // the medians over the nights.
                List<Measured> runs = new ArrayList<>();
                List<double[]> floors = new ArrayList<>(); // wall, CPU, derive CPU, score and rules CPU, plays
                double beyond = 0;
                for (int night = 0; night < nights; night++) {
                    Measured m = cskit(pool, in, playbooks, night == 0);
                    runs.add(m);
                    double nightBeyond = inputsMb + m.inUseMb;
                    beyond = Math.max(beyond, nightBeyond);
                    String which = String.format("%s, %,d accounts, night %d of %d", set, n, night + 1, nights);
                    out("%s: heap beyond the signal columns: %.0f MB kept of today's vectors (score codes, bands) + %.0f MB most in use "
                            + "at once during the run, garbage included (%s; today's state %.0f MB live after the run) = %.0f MB%s; by the "
                            + "heap pools' peaks summed (the definition until session 11) %.0f MB; %,d collections during the run, %,d ms "
                            + "(max heap %,d MB); in use beyond the signal columns and kept vectors: %s", which, inputsMb,
                            m.inUseMb, Double.isNaN(m.afterGcMb) ? "no collection during the run" : String.format("at most %.0f MB in use right "
                                    + "after a collection", m.afterGcMb), m.liveMb, nightBeyond, Double.isNaN(m.afterGcMb) ? ""
                                    : String.format(" (%.0f MB by the after-collection peak)", inputsMb + m.afterGcMb), inputsMb + m.peakMb,
                            m.collections, m.collectionMs, Runtime.getRuntime().maxMemory() >> 20, m.slicesThenTrim);
                    out("%s: wall %.2f s, CPU %.2f s, heap in use at most +%.0f MB (pools' peaks summed +%.0f MB), live after +%.0f MB "
                            + "(%,d play states), plays %,d (suppressed %,d, failed %,d); %s", which, m.wallS, m.cpuS, m.inUseMb, m.peakMb, m.liveMb, m.states, m.plays,
                            m.report.suppressed(), m.report.failed(), stages(m.report));
                    out("%s: the host's reading of cskit's slices (AccountSource.slice: a batch over the pool's arrays per slice; in "
                            + "the facts stage and the CPU above): CPU %.3f s; the floor reads the same arrays in place; the night's CPU by "
                            + "thread: %s (the stages' thread CPU summed: %.2f s)", which, m.hostReadS, m.kinds, stageSum(m.report));
                    if (m.again != null) {
                        out("%s: the same night again on today's state: wall %.2f s, plays %,d, suppressed %,d (%s), closed %,d; "
                                + "CPU playbooks %.2f s (summed over %d threads)", which, m.againWallS, m.againPlays, m.again.suppressed(),
                                byReason(m.again), m.again.closed(), m.again.stagesCpu().playbooks().toNanos() / 1e9, THREADS);
                    }
                    char[] scores = in.scoreCodes.clone();
                    byte[] bands = in.bands.clone();
                    Floor floor = new Floor(pool, in, !rules50);
                    // As before cskit's night: a collected heap, so that no concurrent collection of the other side's garbage
                    // runs on the two processors while this side is measured.
                    settledHeap();
                    double[] floorKinds0 = cpuByKind();
                    long cpu0 = cpuNanos();
                    double fw = floor.run();
                    double fcpu = (cpuNanos() - cpu0) / 1e9;
                    String floorKinds = cpuByKind(floorKinds0, cpuByKind(), fcpu);
                    long scoreDiffs = 0;
                    int maxCodeDiff = 0;
                    long bandDiffs = 0;
                    for (int r = 0; r < n; r++) {
                        scoreDiffs += scores[r] != in.scoreCodes[r] ? 1 : 0;
                        maxCodeDiff = Math.max(maxCodeDiff, Math.abs(scores[r] - in.scoreCodes[r]));
                        bandDiffs += bands[r] != in.bands[r] ? 1 : 0;
                    }
                    floors.add(new double[] {fw, fcpu, floor.deriveCpu.sum() / 1e9, floor.scoreAndRulesCpu.sum() / 1e9, floor.plays.sum()});
                    out("%s: floor wall %.2f s, CPU %.2f s (thread CPU: derive %.2f s, score and rules %.2f s), plays %,d; "
                            + "cskit / floor %.2fx wall, %.2fx CPU; score codes differ on %,d rows (by at most %d code, a score on a half-way "
                            + "point rounded the other way), bands on %,d rows (a score on a band's edge); the floor's CPU by thread: %s",
                            which, fw, fcpu,
                            floor.deriveCpu.sum() / 1e9, floor.scoreAndRulesCpu.sum() / 1e9, floor.plays.sum(), m.wallS / fw, m.cpuS / fcpu,
                            scoreDiffs, maxCodeDiff, bandDiffs, floorKinds);
                }
                double wall = median(runs.stream().mapToDouble(Measured::wallS));
                double cpu = median(runs.stream().mapToDouble(Measured::cpuS));
                double floorWall = median(floors.stream().mapToDouble(f -> f[0]));
                double floorCpu = median(floors.stream().mapToDouble(f -> f[1]));
                out("%s, %,d accounts, median of %d nights: cskit wall %.2f s, CPU %.2f s (thread CPU: facts %.2f s, of which the "
                        + "host's reading %.3f s; derive %.2f s, score %.2f s, playbooks %.2f s); floor wall %.2f s, CPU %.2f s (thread CPU: derive %.2f s, score and rules %.2f s); cskit / floor "
                        + "%.2fx wall, %.2fx CPU (each night's: %s wall, %s CPU)", set, n, nights, wall, cpu,
                        median(runs.stream().mapToDouble(m -> m.report.stagesCpu().facts().toNanos() / 1e9)),
                        median(runs.stream().mapToDouble(Measured::hostReadS)),
                        median(runs.stream().mapToDouble(m -> m.report.stagesCpu().derive().toNanos() / 1e9)),
                        median(runs.stream().mapToDouble(m -> m.report.stagesCpu().score().toNanos() / 1e9)),
                        median(runs.stream().mapToDouble(m -> m.report.stagesCpu().playbooks().toNanos() / 1e9)), floorWall, floorCpu,
                        median(floors.stream().mapToDouble(f -> f[2])), median(floors.stream().mapToDouble(f -> f[3])), wall / floorWall,
                        cpu / floorCpu, ratios(runs.stream().mapToDouble(Measured::wallS).toArray(), floors.stream().mapToDouble(f -> f[0])
                                .toArray()), ratios(runs.stream().mapToDouble(Measured::cpuS).toArray(), floors.stream()
                                        .mapToDouble(f -> f[1]).toArray()));
                Measured m = runs.get(0);
                double kernel = kernelCpu(pool, n, DERIVER);
                double eight = kernelCpu(pool, n, GENERATOR_DERIVER);
                double ids = idsCpu(n);
                out("%s, %,d accounts: the host's account ids alone (AccountId.of(\"acct-\" + row), which cskit's engine asks once per row "
                        + "of the night to find the account's play state, in its playbooks stage; the floor keeps no state and asks none): "
                        + "CPU %.2f s (%.0f ns an account) on the same threads", set, n, ids, ids * 1e9 / n);
                out("%s, %,d accounts: the derivation kernel alone over the same slices and threads: CPU %.2f s (%.0f ns an account; %.0f ns "
                        + "for the generator's eight features without the two the 50 rules add) against the run's derive stage (median) %.2f s",
                        set, n, kernel, kernel * 1e9 / n, eight * 1e9 / n, median(runs.stream().mapToDouble(r -> r.report.stagesCpu().derive()
                                .toNanos() / 1e9)));
                double scoring = new Floor(pool, in, !rules50).scoringCpu();
                out("%s, %,d accounts: the floor's scoring alone (its loop without the playbooks): CPU %.2f s, so its playbooks about %.2f s; "
                        + "cskit's score stage (median) %.2f s", set, n, scoring, median(floors.stream().mapToDouble(f -> f[3])) - scoring,
                        median(runs.stream().mapToDouble(r -> r.report.stagesCpu().score().toNanos() / 1e9)));
                last = String.format("nightly accounts=%d wall_s=%.2f heap_mb=%.0f plays=%d floor_wall_s=%.2f", n, wall, beyond, m.plays,
                        floorWall);
                out("%s (%s)", last, set);
            }
        }
        out("%s", last);
    }

    /** The median of the values (the mean of the middle two for an even count). */
    static double median(java.util.stream.DoubleStream values) {
        double[] v = values.sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String ratios(double[] cskit, double[] floor) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < cskit.length; i++) {
            r.add(String.format("%.2f", cskit[i] / floor[i]));
        }
        return String.join(" / ", r);
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
