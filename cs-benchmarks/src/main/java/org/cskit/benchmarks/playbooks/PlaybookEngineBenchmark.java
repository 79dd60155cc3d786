package org.cskit.benchmarks.playbooks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.cskit.playbooks.engine.PlaybookInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -jar cs-benchmarks/target/benchmarks.jar PlaybookEngineBenchmark -prof gc -f 1 -wi 3 -w 3s -i 5 -r 3s
 * </pre>
 *
 * <p>50 customer-success rules over a seeded portfolio, per engine and fire rate.
 *
 * <p>Each operation is one account (all 50 rules); an invocation evaluates a batch of
 * {@value #BATCH} consecutive accounts, cycling through the portfolio, and the score is time per
 * account ({@code @OperationsPerInvocation}). Before each batch (outside the timed region) every
 * engine gets a fresh play history: cskit a new {@code InMemoryPlayStateStore} (the engine is rebuilt
 * around it), the peers and the floor a cleared {@link Cooldowns}. So every account is evaluated as
 * if for the first time and {@code dense} really fires about 7 plays per account in every batch;
 * without the reset, cskit would find its plays open and the peers their cooldowns running, and
 * nothing would fire after the first pass. The reset's allocation (cskit: one engine build per
 * batch, about 0.1 ms) is part of {@code gc.alloc.rate.norm}.
 *
 * <p>The trial setup prints {@code HEAP engine=... MB} (heap used after loading the portfolio and
 * building the engine, after GC) and {@code BUILD engine=... ms} (building the 50 rules, cold: the first build in the fork,
 * class loading included), and the
 * tear-down prints plays per account.
 *
 * <p>Engines: {@code cskit} (objects: {@code evaluate(PlaybookInput)} per account);
 * {@code cskitColumns} (the same engine's columnar path over the primitive columns);
 * {@code cskitObserved} and {@code cskitObservedColumns} (the same two with an
 * {@link org.cskit.playbooks.spi.EngineListener} that adds every report's counts up, as a metrics
 * binding does: the price of observing, against {@code cskit} and {@code cskitColumns} in the same run); {@code easyRules} (4.1.0, lambdas, new Facts per account);
 * {@code drools} (10.x executable model, Java DSL, a stateful session reused for a batch: insert, fire, delete per
 * account), {@code droolsStateless} (stateless session per account), {@code droolsBatch} (a session per
 * batch with all its accounts inserted, fired once); {@code easyRulesColumns} and {@code droolsColumns}
 * (the same peer rules over a {@link RowFact}, a flyweight over one row of the primitive columns created
 * per account in the timed region; Drools with a session per batch, as {@code droolsBatch}); {@code handWritten}
 * (if-chains over primitive columns: the floor). cskit, easyRules and the three object Drools modes read
 * the same {@code PlaybookInput} objects; handWritten and the {@code ...Columns} modes hold only the
 * columns (their trial setup builds no objects, so HEAP is what they hold).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
public class PlaybookEngineBenchmark {
    static final int BATCH = 10_000;

    @Param({"cskit", "cskitObserved", "cskitColumns", "cskitObservedColumns", "easyRules", "easyRulesColumns", "drools", "droolsStateless", "droolsBatch", "droolsColumns",
        "handWritten"})
    public String engine;

    @Param({"dense", "sparse"})
    public String fireRate;

    @Param({"1000000"})
    public int accounts;

    private Engine subject;
    private Firings firings;
    private int next;
    private int base;
    private long evaluated;

    @Setup(Level.Trial)
    public void load() {
        if (accounts % BATCH != 0) {
            throw new IllegalArgumentException("accounts must be a multiple of " + BATCH);
        }
        Portfolio portfolio = Portfolio.generate(accounts, fireRate, 42);
        boolean columnar = Engines.columnar(engine);
        PlaybookInput[] inputs = columnar ? null : portfolio.inputs();
        firings = new Firings(false);
        // Build time of the 50 rules alone (no accounts to wrap), cold: the first build in this JVM.
        Portfolio forBuild = engine.startsWith("cskit") && columnar ? Portfolio.generate(BATCH, fireRate, 1) : columnar ? portfolio : null;
        long start = System.nanoTime();
        Engines.create(engine, forBuild, new PlaybookInput[0], BATCH, new Firings(false), false);
        long buildMicros = (System.nanoTime() - start) / 1000;
        System.out.printf("%nBUILD engine=%s fireRate=%s %.1f ms (cold)%n", engine, fireRate, buildMicros / 1000.0);
        subject = Engines.create(engine, columnar ? portfolio : null, inputs, BATCH, firings, false);
        System.out.printf("HEAP engine=%s fireRate=%s accounts=%d %.1f MB%n", engine, fireRate, accounts, heapUsedMb());
    }

    static double heapUsedMb() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used / 1e6;
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        base = next;
        next = next + BATCH >= accounts ? 0 : next + BATCH;
        subject.reset(base);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long evaluate() {
        evaluated += BATCH;
        return subject.evaluate(base, base + BATCH);
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%nPLAYS engine=%s fireRate=%s %.2f plays per account over %d evaluations%n", engine, fireRate,
                firings.count() / (double) evaluated, evaluated);
    }
}
