package org.cskit.benchmarks.columns;

import org.cskit.model.columns.FeatureColumns;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -Xmx3g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.DerivationCpuRatio 300
 * }</pre>
 * <p>
 * A check of {@link FeatureDerivationBenchmark}'s ratio that holds up on a loaded machine: derives
 * the benchmark's portfolio with the column deriver and with {@link HandWrittenDerivation}, one after
 * the other, {@code rounds} times, and keeps each one's smallest thread CPU time (after the first
 * fifth, the warm-up). Thread CPU time leaves out the time the thread waits for a core, and the
 * minimum leaves out passes slowed by others; what remains is each loop's own cost. Also counts the
 * bytes the thread allocates in the cskit passes after the warm-up (the whole call: the per-call setup
 * and anything per account), per account. Prints one line.
 */
public final class DerivationCpuRatio {
    private DerivationCpuRatio() {}

    /**
     * Runs the comparison.
     *
     * @param args the number of rounds
     */
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long allocated = 0;
        int measured = 0;
        FeatureDerivationBenchmark.Inputs in = FeatureDerivationBenchmark.Inputs.make();
        FeatureColumns into = FeatureColumns.allocate(in.deriver.schema(), FeatureDerivationBenchmark.ACCOUNTS);
        HandWrittenDerivation floor = new HandWrittenDerivation(FeatureDerivationBenchmark.AS_OF);
        long bestC = Long.MAX_VALUE, bestF = Long.MAX_VALUE;
        double sink = 0;
        for (int i = 0; i < rounds; i++) {
            long a0 = cpu.getThreadAllocatedBytes(self);
            long t0 = cpu.getCurrentThreadCpuTime();
            in.deriver.derive(in.signals, FeatureDerivationBenchmark.AS_OF, into);
            long t1 = cpu.getCurrentThreadCpuTime();
            long a1 = cpu.getThreadAllocatedBytes(self);
            floor.derive(in.signals, into);
            long t2 = cpu.getCurrentThreadCpuTime();
            sink += into.value(0, 5);
            if (i >= rounds / 5) {
                bestC = Math.min(bestC, t1 - t0);
                bestF = Math.min(bestF, t2 - t1);
                allocated += a1 - a0;
                measured++;
            }
        }
        double n = FeatureDerivationBenchmark.ACCOUNTS;
        System.out.printf(java.util.Locale.ROOT, "min thread CPU of %d alternating passes: cskit %.0f ns/account, floor %.0f ns/account, ratio %.2f; cskit allocated %.3f bytes/account%s%n",
                rounds, bestC / n, bestF / n, (double) bestC / bestF, allocated / n / measured, sink > -1 ? "" : " ");
    }
}
