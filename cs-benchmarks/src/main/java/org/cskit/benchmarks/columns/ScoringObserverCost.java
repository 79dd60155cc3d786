package org.cskit.benchmarks.columns;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.ObservedScoring;
import org.cskit.scoring.WeightedScorecard;

/**
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.ScoringObserverCost [rounds]
 * </pre>
 *
 * <p>The price of {@link ObservedScoring} over the columns, paired: the portfolio of
 * {@link ColumnScoringBenchmark} (200,000 accounts) scored with {@link WeightedScorecard#scoreAll}
 * and through {@link ObservedScoring} (a listener adding the accounts per band up), alternating which
 * goes first, round after round in one JVM. Prints the median time per account of each and the
 * median of the rounds' ratios (observed / plain) with its quartiles.
 */
public final class ScoringObserverCost {
    private ScoringObserverCost() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        ColumnScoringBenchmark.Data data = ColumnScoringBenchmark.Data.make();
        WeightedScorecard plain = WeightedScorecard.of(data.portfolio.scorecard);
        LongAdder[] perBand = {new LongAdder(), new LongAdder(), new LongAdder()};
        ObservedScoring observed = ObservedScoring.of(plain, "portfolio", report -> {
            for (int b = 0; b < report.bands().size(); b++) {
                perBand[b].add(report.count(b));
            }
        });
        VectorColumns into = VectorColumns.allocate(ColumnScoringBenchmark.ACCOUNTS, java.util.List.of("red", "yellow", "green"));
        int warmup = Math.max(10, rounds / 3);
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            boolean plainFirst = (r & 1) == 0;
            double first = time(plainFirst, plain, observed, data, into);
            double second = time(!plainFirst, plain, observed, data, into);
            if (r >= 0) {
                a[r] = plainFirst ? first : second;
                b[r] = plainFirst ? second : first;
                ratio[r] = b[r] / a[r];
            }
        }
        System.out.printf("scoreAll plain %7.1f ns/account  observed %7.1f ns/account  ratio median %.3f [q1 %.3f, q3 %.3f] over %d rounds%n",
                quantile(a, 0.5), quantile(b, 0.5), quantile(ratio, 0.5), quantile(ratio, 0.25), quantile(ratio, 0.75), rounds);
    }

    private static double time(boolean plainNow, WeightedScorecard plain, ObservedScoring observed, ColumnScoringBenchmark.Data data,
            VectorColumns into) {
        long start = System.nanoTime();
        (plainNow ? (org.cskit.scoring.spi.ScoringStrategy) plain : observed).scoreAll(data.batch, data.history, into);
        return (System.nanoTime() - start) / (double) ColumnScoringBenchmark.ACCOUNTS;
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }
}
