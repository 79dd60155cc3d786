package org.cskit.benchmarks.flink;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.cskit.flink.AccountInput;
import org.cskit.flink.CsDefinitions;
import org.cskit.flink.CsFlink;
import org.cskit.flink.Fixtures;
import org.cskit.flink.InJvmReference;
import org.cskit.flink.PlayRecord;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.AccountId;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.datagen.PortfolioGenerator;

/**
 * cs-flink beside the in-JVM engine, in one run, on a local MiniCluster with parallelism 2 (Flink is
 * provided, so it is not in benchmarks.jar; run the module's own jar on the class path Maven resolves):
 *
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=compile
 * java -Xmx4g -cp cs-benchmarks/target/cs-benchmarks-0.1.0-SNAPSHOT.jar:$(cat /tmp/cp.txt) org.cskit.benchmarks.flink.FlinkBenchmark events 2000 150
 * java -Xmx8g -cp cs-benchmarks/target/cs-benchmarks-0.1.0-SNAPSHOT.jar:$(cat /tmp/cp.txt) org.cskit.benchmarks.flink.FlinkBenchmark nightly 1000000 [ROUNDS]
 * </pre>
 *
 * <p>{@code events ACCOUNTS DAYS}: a generated portfolio's observations over DAYS days and a champion
 * change for every fifth account, one record per observation, in time order: through
 * {@code CsFlink.plays} (keyed by account, daily evaluations and events in event-time timers) and
 * through the in-JVM engine on the same records (cs-flink's reference run: at each evaluation time
 * every due account as one columnar batch). Also Flink with the same source and keying but a
 * function that does nothing, the floor of Flink's own cost. Each side runs twice; the second run
 * is reported.
 *
 * <p>Each side is also timed by the process's CPU time (all threads, JIT and GC included; Flink's
 * task threads end with each job, so a thread's own CPU time cannot be read): on a machine shared
 * with other builds the wall time measures the scheduler, the CPU time much less so.
 *
 * <p>{@code nightly ACCOUNTS}: the bounded nightly job in BATCH mode, the accounts' signals of 180
 * days generated inside the job (one record per account and signal), derived, scored and
 * evaluated as of one day; beside the in-JVM nightly path (generate a slice of signal columns,
 * derive, {@code scoreAll}, {@code evaluateParallel}) over the same accounts, with the time to
 * generate shown apart, and Flink generating only, and generating and keying by account with a
 * function that does nothing (the floor of Flink's sort-based keyed input). Play state starts
 * empty on both sides (a first night); the Flink job also writes every account's state for the
 * next night (to a discarding sink).
 */
public final class FlinkBenchmark {
    private FlinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String mode = args.length > 0 ? args[0] : "events";
        if (mode.equals("events")) {
            int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
            int days = args.length > 2 ? Integer.parseInt(args[2]) : 150;
            events(out, accounts, days);
        } else {
            nightly(out, args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000, args.length > 2 ? Integer.parseInt(args[2]) : 2);
        }
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        return StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    }

    private static void events(PrintStream out, int accounts, int days) throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        List<AccountInput> inputs = Fixtures.stream(accounts, days, 7);
        out.printf("events: %,d accounts, %d days, %,d records%n", accounts, days, inputs.size());
        for (int round = 1; round <= 2; round++) {
            long c0 = cpu();
            long t0 = System.nanoTime();
            List<PlayRecord> reference = InJvmReference.run(definitions, inputs);
            long jvm = System.nanoTime() - t0;
            long jvmCpu = cpu() - c0;

            StreamExecutionEnvironment env = environment();
            c0 = cpu();
            t0 = System.nanoTime();
            DataStream<AccountInput> source = env.fromData(inputs, TypeInformation.of(AccountInput.class))
                    .assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO));
            CsFlink.plays(source, definitions).sinkTo(new DiscardingSink<>());
            env.execute("cskit events");
            long flink = System.nanoTime() - t0;
            long flinkCpu = cpu() - c0;

            StreamExecutionEnvironment floorEnv = environment();
            c0 = cpu();
            t0 = System.nanoTime();
            floorEnv.fromData(inputs, TypeInformation.of(AccountInput.class)).assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO))
                    .keyBy(in -> in.accountId, org.apache.flink.api.common.typeinfo.Types.STRING)
                    .process(new Nothing(), TypeInformation.of(PlayRecord.class)).sinkTo(new DiscardingSink<>());
            floorEnv.execute("flink floor");
            long floor = System.nanoTime() - t0;
            long floorCpu = cpu() - c0;

            out.printf("round %d: in-JVM engine %,d ms (%,.0f records/s, %,d plays and closes); Flink keyed operator %,d ms (%,.0f records/s); "
                    + "Flink with a function that does nothing %,d ms (%,.0f records/s)%n", round, jvm / 1_000_000, rate(inputs.size(), jvm),
                    reference.size(), flink / 1_000_000, rate(inputs.size(), flink), floor / 1_000_000, rate(inputs.size(), floor));
            out.printf("round %d CPU (the process, all threads): in-JVM %,d ms (%,.1f us/record); Flink keyed operator %,d ms (%,.1f us/record); "
                    + "Flink doing nothing %,d ms (%,.1f us/record)%n", round, jvmCpu / 1_000_000, jvmCpu / 1e3 / inputs.size(),
                    flinkCpu / 1_000_000, flinkCpu / 1e3 / inputs.size(), floorCpu / 1_000_000, floorCpu / 1e3 / inputs.size());
        }
    }

    private static void nightly(PrintStream out, int accounts, int rounds) throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        Instant asOf = Fixtures.AS_OF;
        out.printf("nightly: %,d accounts as of %s%n", accounts, asOf);
        for (int round = 1; round <= rounds; round++) {
            long[] generate = new long[1];
            long c0 = cpu();
            long t0 = System.nanoTime();
            long plays = inJvm(definitions, accounts, asOf, generate);
            long jvm = System.nanoTime() - t0;
            long jvmCpu = cpu() - c0;

            long[] cpus = new long[3];
            long flink = timeBatch("cskit nightly", accounts, cpus, 0,
                    portfolio -> {
                        org.cskit.flink.Nightly night = CsFlink.nightly(portfolio, definitions, asOf);
                        night.plays().sinkTo(new DiscardingSink<>());
                        night.state().sinkTo(new DiscardingSink<>());
                    });
            long gen = timeBatch("generate only", accounts, cpus, 1, portfolio -> portfolio.sinkTo(new DiscardingSink<>()));
            long keyed = timeBatch("generate and key only", accounts, cpus, 2, portfolio -> portfolio
                    .keyBy(in -> in.accountId, org.apache.flink.api.common.typeinfo.Types.STRING)
                    .process(new Nothing(), TypeInformation.of(PlayRecord.class)).sinkTo(new DiscardingSink<>()));

            out.printf("round %d: in-JVM %,d ms (of which generating signals %,d ms; %,d plays); Flink BATCH job %,d ms; "
                    + "Flink generating the same signals only %,d ms; generating and keying by account, nothing done per account %,d ms%n",
                    round, jvm / 1_000_000, generate[0] / 1_000_000, plays, flink / 1_000_000, gen / 1_000_000, keyed / 1_000_000);
            out.printf("round %d CPU (the process, all threads): in-JVM %,d ms (generating wall %,d ms); Flink BATCH job %,d ms; "
                    + "generating only %,d ms; generating and keying %,d ms; Flink job minus keyed floor %,d ms = %,.1f us/account%n", round,
                    jvmCpu / 1_000_000, generate[0] / 1_000_000, cpus[0] / 1_000_000, cpus[1] / 1_000_000, cpus[2] / 1_000_000,
                    (cpus[0] - cpus[2]) / 1_000_000, (cpus[0] - cpus[2]) / 1e3 / accounts);
        }
    }

    /** Runs one BATCH job over the generated portfolio's records and returns its wall time in nanoseconds. */
    private static long timeBatch(String name, int accounts, long[] cpus, int slot, java.util.function.Consumer<DataStream<AccountInput>> job)
            throws Exception {
        StreamExecutionEnvironment env = environment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        long c0 = cpu();
        long t0 = System.nanoTime();
        job.accept(env.fromSequence(0, accounts - 1).flatMap(new Generate(accounts), TypeInformation.of(AccountInput.class)));
        env.execute(name);
        long wall = System.nanoTime() - t0;
        cpus[slot] = cpu() - c0;
        return wall;
    }

    /** The process's CPU time, all threads (Flink's task threads end with each job), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The in-JVM nightly path over the same definitions: slices of signal columns, derive, score, evaluate in parallel. */
    private static long inJvm(CsDefinitions d, int accounts, Instant asOf, long[] generateNanos) {
        InJvmReference.Compiled c = InJvmReference.Compiled.of(d);
        FeatureDeriver deriver = c.deriver();
        WeightedScorecard card = c.card();
        List<String> bands = c.bands();
        PlaybookEngine engine = c.engine();
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(7).accounts(accounts).start(Fixtures.START).months(24).build();
        FeatureColumns features = FeatureColumns.allocate(deriver.schema(), accounts);
        int slice = 50_000;
        for (int from = 0; from < accounts; from += slice) {
            int to = Math.min(accounts, from + slice);
            long t = System.nanoTime();
            SignalColumns signals = generator.signalColumns(from, to, asOf, Duration.ofDays(180));
            generateNanos[0] += System.nanoTime() - t;
            deriver.derive(signals, asOf, features, from);
        }
        AccountBatch.Builder batch = AccountBatch.builder(features).asOf(asOf).accountIds(r -> AccountId.of(Fixtures.accountId(r)))
                .segments(List.of(Segment.of("default", EngagementModel.SCALED)), null).stage(LifecycleStage.ADOPTION);
        VectorColumns today = VectorColumns.allocate(accounts, bands);
        card.scoreAll(batch.build(), ScoreHistoryColumns.empty(accounts), today);
        AtomicLong plays = new AtomicLong();
        engine.evaluateParallel(batch.vectors(today).build(), h -> plays.incrementAndGet());
        return plays.get();
    }

    private static double rate(long records, long nanos) {
        return records / (nanos / 1e9);
    }

    /** Per account index, its records: one per signal with its observations of the 180 days before the as-of time. */
    static final class Generate implements FlatMapFunction<Long, AccountInput> {
        private static final long serialVersionUID = 1L;
        private final int accounts;
        private transient PortfolioGenerator generator;

        Generate(int accounts) {
            this.accounts = accounts;
        }

        @Override
        public void flatMap(Long index, Collector<AccountInput> out) {
            if (generator == null) {
                generator = PortfolioGenerator.builder().seed(7).accounts(accounts).start(Fixtures.START).months(24).build();
            }
            int i = index.intValue();
            for (AccountInput in : Fixtures.records(generator.signalColumns(i, i + 1, Fixtures.AS_OF, Duration.ofDays(180)), i)) {
                out.collect(in);
            }
        }
    }

    /** The floor: keyed, and nothing done per record. */
    static final class Nothing extends org.apache.flink.streaming.api.functions.KeyedProcessFunction<String, AccountInput, PlayRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(AccountInput value, Context ctx, Collector<PlayRecord> out) { }
    }

}
