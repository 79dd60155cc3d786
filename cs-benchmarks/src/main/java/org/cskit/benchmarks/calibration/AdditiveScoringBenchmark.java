package org.cskit.benchmarks.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.calibration.FitOptions;
import org.cskit.scoring.calibration.FittedScorecard;
import org.cskit.scoring.calibration.ScorecardFitter;
import org.cskit.scoring.calibration.TrainingSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -jar cs-benchmarks/target/benchmarks.jar AdditiveScoringBenchmark
 * }</pre>
 * <p>
 * The cost of scoring one account with a fitted additive scorecard against today's scorecard of
 * the same size. {@code card}: {@code additive} is what {@code ScorecardFitter} with
 * {@link FitOptions.Method#ADDITIVE} fits on {@link CalibrationData} (10,000 rows, 20 inputs: 20
 * shapes as steps or tiers of up to 32 bins, and up to 10 interaction grids); {@code tiers} has one
 * input for each of those, reading the same feature, as a six-tier table (the shape of the linear
 * fitter's inputs), all in one group. Both score the same 10,000 snapshots, one per invocation, in
 * turn. {@code explain}: {@code true} builds the full {@code SuccessVector} with one contribution
 * per input, {@code false} only the {@code ScoreSummary}. Target: additive within 1.5x of tiers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class AdditiveScoringBenchmark {
    @Param({"additive", "tiers"})
    public String card;

    @Param({"false", "true"})
    public boolean explain;

    private WeightedScorecard strategy;
    private AccountSnapshot[] snapshots;
    private int next;

    /** Fits the additive card and builds the same-size tiers card and the snapshots. */
    @Setup(Level.Trial)
    public void setUp() {
        TrainingSet rows = CalibrationData.generate(10_000, 2024);
        FittedScorecard fitted = ScorecardFitter.of(FitOptions.builder().method(FitOptions.Method.ADDITIVE).build()).fit(rows);
        Scorecard additive = fitted.scorecard();
        strategy = WeightedScorecard.of(card.equals("additive") ? additive : sameSizeTiers(additive));
        snapshots = new AccountSnapshot[rows.size()];
        for (int r = 0; r < snapshots.length; r++) {
            snapshots[r] = fitted.snapshot(rows, r);
        }
    }

    /** Today's kind of scorecard with as many inputs: each a six-tier table over the same feature. */
    static Scorecard sameSizeTiers(Scorecard additive) {
        List<ScorecardInput> inputs = new ArrayList<>();
        for (ScorecardGroup g : additive.groups()) {
            for (ScorecardInput in : g.inputs()) {
                inputs.add(ScorecardInput.builder().name(in.name()).feature(in.feature()).weight(in.weight())
                        .normalizer(new Normalizer.Tiers(List.of(-1.0, -0.5, 0.0, 0.5, 1.0), List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)))
                        .missing(MissingDataPolicy.FIXED).missingGoodness(0.5).categories(in.categories()).build());
            }
        }
        return Scorecard.builder().id(ScorecardId.of("tiers")).addGroups(ScorecardGroup.builder().name("all").weight(1).inputs(inputs)
                .build()).build();
    }

    /** @return the score of the next snapshot (with its explanation when asked) */
    @Benchmark
    public Object score() {
        AccountSnapshot s = snapshots[next];
        next = next + 1 == snapshots.length ? 0 : next + 1;
        return explain ? strategy.score(s) : strategy.summarize(s);
    }
}
