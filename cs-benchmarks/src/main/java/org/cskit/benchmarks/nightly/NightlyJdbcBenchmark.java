package org.cskit.benchmarks.nightly;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cskit.jdbc.CsJdbc;
import org.cskit.jdbc.OutboxOptions;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.benchmarks.jdbc.JdbcBench;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
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

/**
 * One night of cs-run's {@code NightlyRun} with its play state on a real, durable PostgreSQL
 * (fsync and synchronous commit on, started by the benchmark), the way the Spring Boot starter runs
 * it with cs-jdbc, beside the same night in memory, in one run:
 *
 * <ul>
 *   <li>{@code memory}: {@code NightlyState.empty}, plays to a no-op sink (the floor: no database);</li>
 *   <li>{@code slice-tx}: {@code NightlyState.on(id, db.playStateStore(), db::inTransaction)}, plays to
 *       the outbox's sink: each slice's state changes and outbox rows in one transaction;</li>
 *   <li>{@code per-write}: {@code NightlyState.on(id, db.playStateStore())}, plays to the outbox's sink
 *       outside any transaction: each play and each state write commits on its own (what the starter
 *       did before the slice transactions).</li>
 * </ul>
 *
 * Every night starts from an empty state (fresh tables per mode and round), so every firing is a new
 * play; one account in five fires. Reports wall time, the worker threads' CPU time per stage (from
 * the run's report) and plays per second of wall time. Rounds alternate the modes.
 *
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -Xmx2g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.nightly.NightlyJdbcBenchmark \
 *     [--accounts 20000] [--slice 4096] [--threads 2] [--rounds 2]
 * </pre>
 */
public final class NightlyJdbcBenchmark {
    private static final Instant AS_OF = Instant.parse("2026-06-01T02:00:00Z");
    private static final FeatureSchema FACTS = FeatureSchema.of(StandardFeatures.ARR);
    private static final FeatureDeriver DERIVER = FeatureDeriver.of(List.of(
            FeatureDefinition.of("logins_14d", "logins", Aggregate.SUM, Duration.ofDays(14))));
    private static final WeightedScorecard SCORECARD = WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("logins"))
            .addGroups(ScorecardGroup.of("usage", 1, ScorecardInput.builder().name("logins_14d").weight(1)
                    .normalizer(new Normalizer.Linear(0, 10)).build()))
            .build());
    private static final Playbook FEW_LOGINS = Playbook.builder().id("few-logins").name("Few logins")
            .trigger(new Trigger.Threshold("logins_14d", Operator.LT, 2))
            .addActions(new Action.Task(Template.of("Only {{logins_14d}} logins: call"), "CSM", 3, Priority.HIGH)).build();

    private NightlyJdbcBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code --accounts N --slice S --threads T --rounds R}
     * @throws Exception if the database cannot be started
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        int accounts = intArg(args, "--accounts", 20_000);
        int slice = intArg(args, "--slice", 4096);
        int threads = intArg(args, "--threads", 2);
        int rounds = intArg(args, "--rounds", 2);
        out.printf("NightlyJdbcBenchmark: %,d accounts, slices of %,d on %d threads, %d rounds; load %s%n", accounts, slice, threads,
                rounds, load());
        NightlyRun run = NightlyRun.builder().portfolio("bench").deriver(DERIVER).strategy(SCORECARD).playbooks(List.of(FEW_LOGINS))
                .sliceSize(slice).threads(threads).build();
        AccountBatch facts = facts(accounts);
        SignalColumns signals = signals(accounts);
        List<String> bands = SCORECARD.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
        try (JdbcBench bench = JdbcBench.start(args, threads + 2, List.of())) {
            HikariDataSource pool = bench.pool();
            for (int round = 1; round <= rounds; round++) {
                for (String mode : List.of("memory", "slice-tx", "per-write")) {
                    NightlyState state;
                    ActionSink sink;
                    PlayOutbox outbox = null;
                    if (mode.equals("memory")) {
                        state = NightlyState.empty("bench");
                        sink = play -> { };
                    } else {
                        CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("b" + round + mode.charAt(0) + "_").build();
                        db.migrate();
                        outbox = db.playOutbox(OutboxOptions.defaults());
                        state = mode.equals("slice-tx") ? NightlyState.on("bench", db.playStateStore(), db::inTransaction)
                                : NightlyState.on("bench", db.playStateStore());
                        sink = outbox.sink();
                    }
                    NightlyReport r = run.run(facts, SignalSource.of(signals), ScoreHistoryColumns.empty(accounts), state, sink,
                            VectorColumns.allocate(accounts, bands));
                    long pending = outbox == null ? r.created() : outbox.stats().pending();
                    NightlyReport.Stages cpu = r.stagesCpu();
                    double wall = r.wall().toNanos() / 1e9;
                    out.printf("round %d %-9s wall %7.3f s  CPU %7.3f s (derive %.3f, score %.3f, playbooks %.3f)  plays %,d (in the outbox "
                            + "%,d)  %,.0f plays/s  load %s%n", round, mode, wall, cpu.total().toNanos() / 1e9, cpu.derive().toNanos() / 1e9,
                            cpu.score().toNanos() / 1e9, cpu.playbooks().toNanos() / 1e9, r.created(), pending, r.created() / wall, load());
                }
            }
        }
    }

    private static AccountBatch facts(int n) {
        double[] arr = new double[n];
        java.util.Arrays.fill(arr, 50_000);
        FeatureColumns columns = FeatureColumns.builder(FACTS, n).feature(StandardFeatures.ARR, arr).build();
        return AccountBatch.builder(columns).asOf(AS_OF).accountIds(r -> AccountId.of("acct-" + r))
                .segments(List.of(Segment.of("smb", EngagementModel.TECH_TOUCH)), null).stage(LifecycleStage.STEADY_STATE).build();
    }

    /** One login count per account a day before the night: 0 to 9, so one account in five has fewer than 2. */
    private static SignalColumns signals(int n) {
        int[] rows = new int[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
            rows[r] = r;
            times[r] = AS_OF.minus(Duration.ofDays(1)).toEpochMilli();
            values[r] = r % 10;
        }
        return SignalColumns.of(n, List.of(SignalColumn.of("logins", rows, times, values)));
    }

    private static String load() {
        return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static int intArg(String[] args, String name, int fallback) {
        return JdbcBench.intArg(args, name, fallback);
    }
}
