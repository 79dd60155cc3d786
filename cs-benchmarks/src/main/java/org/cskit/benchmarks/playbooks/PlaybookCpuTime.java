package org.cskit.benchmarks.playbooks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cskit.playbooks.engine.PlaybookInput;

/**
 * The engines of {@link PlaybookEngineBenchmark} and {@link PlaybookEventBenchmark} side by side in
 * one JVM, timed by the evaluating thread's CPU time as well as by the clock: on a machine shared
 * with other builds, wall time per account measures the scheduler more than the engine, while the
 * thread's CPU time barely moves with the load. The work is the JMH benchmarks' (same portfolio,
 * rules, batches of {@value #BATCH} accounts each with fresh state, reset outside the timing).
 *
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -Xms4g -Xmx4g -XX:+UseParallelGC -cp cs-benchmarks/target/benchmarks.jar \
 *   org.cskit.benchmarks.playbooks.PlaybookCpuTime [accounts] [seconds per engine] [engines...]
 * </pre>
 *
 * <p>Engines are the names of {@link Engines#NAMES}, and {@code event:cskit} / {@code event:handWritten}
 * for the event path ({@link EventPath}, one {@code CHAMPION_CHANGED} per account). Each engine runs
 * on {@code dense} and {@code sparse} (or the fire rates of {@code -Drates=...}, one JVM per rate
 * keeps the heap small): a warm-up of the given seconds, then as long again measured.
 * Printed per engine and fire rate: CPU ns per account, wall ns per account, bytes allocated per
 * account by the evaluating thread, and the collections' time during the measurement (the
 * collector's threads' CPU time is not in the thread's CPU time: read the two together).
 *
 * <p>{@code -Dstore=full} runs cskit's {@code cskitColumns} and {@code cskit} over a store that
 * already holds a nightly run's states ({@link FullStore}: 12 million states of 10 million other
 * accounts, {@code -Dfill=N} for N accounts), instead of an empty one per batch; the peers keep no
 * such state and run as before. The portfolio's accounts still start each batch with no state, so
 * the plays are the same; what changes is that every read looks into full buckets of a large heap.
 */
public final class PlaybookCpuTime {
    static final int BATCH = 10_000;

    private PlaybookCpuTime() {}

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        List<String> engines = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            engines.add(args[i]);
        }
        if (engines.isEmpty()) {
            engines.addAll(List.of("cskitColumns", "cskit", "droolsColumns", "handWritten", "event:cskit", "event:handWritten"));
        }
        if (accounts % BATCH != 0) {
            throw new IllegalArgumentException("accounts must be a multiple of " + BATCH);
        }
        boolean full = FullStore.wanted();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-18s %-7s %12s %12s %10s %9s %8s%n", "engine", "rate", "cpu ns/acc", "wall ns/acc", "B/acc",
                "gc ms", "plays");
        for (String rate : System.getProperty("rates", "dense,sparse").split(",")) {
            Portfolio portfolio = Portfolio.generate(accounts, rate, 42);
            PlaybookInput[] inputs = null;
            for (String name : engines) {
                boolean event = name.startsWith("event:");
                String engine = event ? name.substring(6) : name;
                if (!Engines.columnar(engine) && inputs == null) {
                    inputs = portfolio.inputs();
                }
                Firings firings = new Firings(false);
                Engine subject = event ? new EventPath(engine, portfolio, inputs, BATCH, firings, false)
                        : Engines.create(engine, portfolio, inputs, BATCH, firings, false);
                if (full && subject instanceof CskitColumnsEngine c) {
                    c.overFullStore();
                } else if (full && subject instanceof CskitEngine c) {
                    c.overFullStore();
                }
                run(subject, accounts, seconds, threads, null); // warm-up
                long playsBefore = firings.count();
                long[] m = new long[5];
                run(subject, accounts, seconds, threads, m);
                System.out.printf(Locale.ROOT, "%-18s %-7s %,12.1f %,12.1f %,10.1f %,9d %8.2f%n", name, rate, m[0] / (double) m[3],
                        m[1] / (double) m[3], m[2] / (double) m[3], m[4], (firings.count() - playsBefore) / (double) m[3]);
            }
        }
    }

    /** Runs batches for about {@code seconds} of CPU; into {@code m}: cpu ns, wall ns, bytes, accounts, gc ms. */
    private static void run(Engine subject, int accounts, double seconds, com.sun.management.ThreadMXBean threads, long[] m) {
        long thread = Thread.currentThread().getId();
        long budget = (long) (seconds * 1e9);
        long cpu = 0, wall = 0, bytes = 0, evaluated = 0;
        long gc0 = gcMillis();
        int base = 0;
        while (cpu < budget) {
            subject.reset(base);
            long c0 = threads.getCurrentThreadCpuTime(), a0 = threads.getThreadAllocatedBytes(thread), w0 = System.nanoTime();
            subject.evaluate(base, base + BATCH);
            long w1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime(), a1 = threads.getThreadAllocatedBytes(thread);
            cpu += c1 - c0;
            wall += w1 - w0;
            bytes += a1 - a0;
            evaluated += BATCH;
            base = base + BATCH >= accounts ? 0 : base + BATCH;
        }
        if (m != null) {
            m[0] = cpu;
            m[1] = wall;
            m[2] = bytes;
            m[3] = evaluated;
            m[4] = gcMillis() - gc0;
        }
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }
}
