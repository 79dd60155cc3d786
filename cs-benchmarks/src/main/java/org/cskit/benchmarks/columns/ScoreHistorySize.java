package org.cskit.benchmarks.columns;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.cskit.model.columns.ScoreHistoryColumns;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -Xmx2g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.ScoreHistorySize 10000000 12 double
 *   java -Xmx2g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.ScoreHistorySize 10000000 12 codes
 * }</pre>
 * <p>
 * Measures the heap a {@link ScoreHistoryColumns} of {@code accounts} rows and {@code points} points
 * (weekly, oldest first), held as {@code double} scores or 2-byte codes, takes: used heap after a full collection, before and after building it
 * (score arrays filled, as a restored history would be), in bytes per account and in total. The
 * default {@link org.cskit.scoring.DirectionPolicy} reads 84 days back, so a weekly run needs 12
 * points and a nightly one 84. Prints one line.
 */
public final class ScoreHistorySize {
    private ScoreHistorySize() {}

    /**
     * Runs the measurement.
     *
     * @param args accounts, points, and {@code double} or {@code codes}
     */
    public static void main(String[] args) {
        int accounts = Integer.parseInt(args[0]);
        int points = Integer.parseInt(args[1]);
        boolean compact = args.length > 2 && args[2].equals("codes");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = used(memory);
        Instant asOf = Instant.parse("2026-10-01T00:00:00Z");
        ScoreHistoryColumns.Builder b = ScoreHistoryColumns.builder(accounts);
        for (int p = 0; p < points; p++) {
            Instant at = asOf.minus(Duration.ofDays(7L * (points - p)));
            if (compact) {
                char[] codes = new char[accounts];
                Arrays.fill(codes, ScoreHistoryColumns.encode(50.0 + p));
                b.point(at, codes);
            } else {
                double[] scores = new double[accounts];
                Arrays.fill(scores, 50.0 + p);
                b.point(at, scores);
            }
        }
        ScoreHistoryColumns history = b.build();
        long after = used(memory);
        long bytes = after - before;
        System.out.printf(Locale.ROOT, "%,d accounts x %d %s points: %,.1f MB, %.2f bytes per account (%.2f per point) [%s]%n", accounts,
                points, compact ? "code" : "double", bytes / 1e6, (double) bytes / accounts, (double) bytes / accounts / points, history);
    }

    private static long used(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
