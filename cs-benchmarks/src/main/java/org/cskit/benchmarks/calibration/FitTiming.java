package org.cskit.benchmarks.calibration;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.calibration.FitOptions;
import org.cskit.scoring.calibration.FittedScorecard;
import org.cskit.scoring.calibration.ScorecardFitter;
import org.cskit.scoring.calibration.Splits;
import org.cskit.scoring.calibration.TrainingSet;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.calibration.FitTiming [rows] [repeats]
 * }</pre>
 * <p>
 * How long fitting takes on {@link CalibrationData} (10,000 rows by default, 20 inputs), the linear
 * and the additive fitter side by side in the same JVM, each run {@code repeats} times (5 by
 * default) after one warm-up fit of each; it prints every time, the median, the holdout AUC on 20%
 * of the rows the fits never saw, the process's CPU time per fit (all threads: on a machine shared
 * with other work, wall time above CPU time / 2 is time spent waiting for a core), and the load
 * average before and after. The target: the additive
 * fitter under 10 s on 2 cores. A benchmark main rather than JMH because one fit takes seconds
 * and the question is wall time, including the parallel bags.
 */
public final class FitTiming {
    private FitTiming() {}

    /**
     * Runs the timing.
     *
     * @param args optional: rows, repeats
     * @throws IOException if the load average cannot be read
     */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        TrainingSet all = CalibrationData.generate((int) Math.round(rows / 0.8), 2024);
        Splits.Split split = Splits.holdout(all.outcomes(), 0.2, 7);
        TrainingSet train = all.subset(split.train());
        TrainingSet test = all.subset(split.test());
        out.printf(Locale.ROOT, "%d training rows x %d inputs, %d processors, load %s%n", train.size(), train.columns().size(),
                Runtime.getRuntime().availableProcessors(), load());
        for (FitOptions.Method method : FitOptions.Method.values()) {
            ScorecardFitter fitter = ScorecardFitter.of(FitOptions.builder().method(method).build());
            FittedScorecard fitted = fitter.fit(train);
            long[] millis = new long[repeats];
            long[] cpu = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long startCpu = processCpuNanos();
                long start = System.nanoTime();
                fitted = fitter.fit(train);
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                cpu[i] = (processCpuNanos() - startCpu) / 1_000_000;
            }
            long[] sorted = millis.clone();
            java.util.Arrays.sort(sorted);
            Evaluation e = fitted.evaluate(test, 200, 1);
            out.printf(Locale.ROOT, "%-8s fit ms %s, median %d (process CPU ms %s); holdout AUC %.4f [%.4f, %.4f]; %s%n",
                    method.name().toLowerCase(Locale.ROOT), java.util.Arrays.toString(millis), sorted[repeats / 2], java.util.Arrays.toString(cpu),
                    e.auc(), e.aucLow(), e.aucHigh(), fitted);
            out.println("  " + fitted.scorecard().description().orElse(""));
        }
        out.printf("load after: %s%n", load());
    }

    /** CPU time of the whole process (every thread), or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.isReadable(p) ? Files.readString(p, StandardCharsets.US_ASCII).trim() : "unknown";
    }
}
