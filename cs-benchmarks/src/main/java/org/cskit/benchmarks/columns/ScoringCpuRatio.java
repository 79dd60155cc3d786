package org.cskit.benchmarks.columns;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.cskit.benchmarks.HandWrittenScorer;
import org.cskit.benchmarks.PortfolioData;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.WeightedScorecard;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -Xmx3g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.ScoringCpuRatio 300
 * }</pre>
 * <p>
 * A check of {@link ColumnScoringBenchmark}'s ratio that holds up on a loaded machine: scores the
 * benchmark's portfolio (after its agreement gate) with {@link WeightedScorecard#scoreAll} over a
 * {@code double} history, the same over the history held as 2-byte codes
 * ({@link ScoreHistoryColumns#nearestCodes(double[])}), and with {@link HandWrittenScorer} (the floor),
 * one after the other, {@code rounds} times, and keeps each one's smallest thread CPU time after the
 * first fifth. Prints one line.
 */
public final class ScoringCpuRatio {
    private ScoringCpuRatio() {}

    /**
     * Runs the comparison.
     *
     * @param args the number of rounds
     */
    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ColumnScoringBenchmark.Data d = ColumnScoringBenchmark.Data.make();
        String problem = d.disagreement();
        if (problem != null) {
            throw new IllegalStateException("cskit and the floor disagree; the run is invalid: " + problem);
        }
        d.snapshots = null;
        int n = ColumnScoringBenchmark.ACCOUNTS;
        ScoreHistoryColumns.Builder h = ScoreHistoryColumns.builder(n);
        for (int p = 0; p < d.history.points(); p++) {
            h.point(d.history.time(p), ScoreHistoryColumns.nearestCodes(d.history.scores(p)));
        }
        ScoreHistoryColumns codes = h.build();
        WeightedScorecard strategy = WeightedScorecard.of(d.portfolio.scorecard);
        HandWrittenScorer floor = new HandWrittenScorer(d.portfolio.scorecard, PortfolioData.SCHEMA);
        HandWrittenScorer.Result result = new HandWrittenScorer.Result();
        VectorColumns into = VectorColumns.allocate(n, List.of("red", "yellow", "green"));
        long bestD = Long.MAX_VALUE;
        long bestC = Long.MAX_VALUE;
        long bestF = Long.MAX_VALUE;
        double sink = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            strategy.scoreAll(d.batch, d.history, into);
            long t1 = cpu.getCurrentThreadCpuTime();
            sink += into.velocities()[n - 1];
            strategy.scoreAll(d.batch, codes, into);
            long t2 = cpu.getCurrentThreadCpuTime();
            sink += into.velocities()[n - 1];
            double[] scores = into.scores();
            byte[] bands = into.bandCodes();
            byte[] directions = into.directionCodes();
            double[] velocities = into.velocities();
            double[] coverages = into.coverages();
            for (int r = 0; r < n; r++) {
                floor.summarizeColumns(d.values, d.observations, d.previousBand, d.historySeconds, d.historyScores, d.portfolio.asOfSecond,
                        r, result);
                scores[r] = result.score;
                bands[r] = (byte) result.band;
                directions[r] = (byte) result.direction.ordinal();
                velocities[r] = result.velocity;
                coverages[r] = result.coverage;
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            sink += scores[n - 1];
            if (round >= rounds / 5) {
                bestD = Math.min(bestD, t1 - t0);
                bestC = Math.min(bestC, t2 - t1);
                bestF = Math.min(bestF, t3 - t2);
            }
        }
        System.out.printf(Locale.ROOT, "scoring %d accounts, min thread CPU of %d alternating passes: cskit (double history) %.0f ns/account, "
                + "cskit (2-byte codes) %.0f ns/account, floor %.0f ns/account; cskit/floor %.2f (double), %.2f (codes)%s%n", n, rounds,
                (double) bestD / n, (double) bestC / n, (double) bestF / n, (double) bestD / bestF, (double) bestC / bestF,
                sink > Double.NEGATIVE_INFINITY ? "" : " ");
    }
}
