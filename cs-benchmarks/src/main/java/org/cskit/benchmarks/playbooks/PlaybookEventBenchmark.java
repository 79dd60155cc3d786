package org.cskit.benchmarks.playbooks;

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
 * java -jar cs-benchmarks/target/benchmarks.jar PlaybookEventBenchmark -prof gc -f 1 -wi 3 -w 3s -i 5 -r 3s
 * </pre>
 *
 * <p>The incremental path, one event against one account.
 *
 * <p>Each operation handles one {@code CHAMPION_CHANGED} event for one account of the dense or
 * sparse portfolio; see {@link EventPath} for the modes ({@code cskit} is {@code onEvent}). As in
 * {@link PlaybookEngineBenchmark}, an invocation is a batch of {@value #BATCH} consecutive accounts,
 * each with a fresh history / cooldown state (reset outside the timed region), so each event
 * is the first for its account and rules really fire.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "-XX:+UseParallelGC"})
public class PlaybookEventBenchmark {
    static final int BATCH = 10_000;

    @Param({"cskit", "cskitEvaluate", "handWritten", "handWrittenEvaluate"})
    public String engine;

    /** {@code dense}: about 2 event rules fire per event; {@code sparse}: none does (scores of 65 and more). */
    @Param({"dense", "sparse"})
    public String fireRate;

    @Param({"200000"})
    public int accounts;

    private Engine subject;
    private Firings firings;
    private int next;
    private int base;
    private long evaluated;

    @Setup(Level.Trial)
    public void load() {
        Portfolio portfolio = Portfolio.generate(accounts, fireRate, 42);
        PlaybookInput[] inputs = engine.startsWith("cskit") ? portfolio.inputs() : null;
        firings = new Firings(false);
        subject = new EventPath(engine, portfolio, inputs, BATCH, firings, false);
        System.out.printf("%nHEAP engine=%s fireRate=%s accounts=%d %.1f MB%n", engine, fireRate, accounts, PlaybookEngineBenchmark.heapUsedMb());
    }

    @Setup(Level.Invocation)
    public void nextBatch() {
        base = next;
        next = next + BATCH >= accounts ? 0 : next + BATCH;
        subject.reset(base);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long onEvent() {
        evaluated += BATCH;
        return subject.evaluate(base, base + BATCH);
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf("%nPLAYS engine=%s fireRate=%s %.2f plays per event over %d events%n", engine, fireRate,
                firings.count() / (double) evaluated,
                evaluated);
    }
}
