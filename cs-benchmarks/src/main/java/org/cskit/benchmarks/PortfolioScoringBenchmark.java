package org.cskit.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountSnapshot;
import org.cskit.scoring.WeightedScorecard;
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
 *   java -jar cs-benchmarks/target/benchmarks.jar PortfolioScoringBenchmark -prof gc
 * }</pre>
 * <p>
 * Scores a generated portfolio of 1,000,000 accounts (8 inputs in 4 groups, up to 12 weekly history
 * points for direction; see {@link PortfolioData}) one account per invocation, cycling through the
 * portfolio, so ops/s is accounts per second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is
 * bytes allocated per account. A run takes about 4 minutes (four forks of about 50 s).
 * <p>
 * {@code impl}: {@code cskit} scores the {@link AccountSnapshot}s with {@link WeightedScorecard};
 * {@code handWritten} is {@link HandWrittenScorer}, the same arithmetic in a plain loop over
 * primitive arrays: the floor. {@code explain}: {@code true} asks for the explanation (cskit's
 * {@code score}, a full {@code SuccessVector} with one contribution per input; the hand-written
 * scorer fills preallocated arrays of per-input points and weights), {@code false} does not (cskit's
 * {@code summarize}, a {@code ScoreSummary}). Target: cskit within 2x of the floor without
 * explanations, within 4x with them.
 * <p>
 * Fair by construction: one fork per configuration with the same heap and GC; every fork generates
 * both forms of the portfolio from the same seed before measuring (so the live heap is the same
 * whichever implementation runs), and refuses to run unless both implementations agree on the first
 * 10,000 accounts ({@link ScoringGate}).
 * <p>
 * {@code -XX:+AlwaysPreTouch} (about 15 s per fork for 10 GB): without it, an implementation that
 * allocates runs at the speed of the kernel's first-touch page faults until the young generation has
 * been used once; on a virtual machine that was 10 times slower (160,000 against 1,500,000 accounts
 * per second for cskit with explanations, with no GC in the slow iterations), and it would have been
 * charged to the allocating implementation only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class PortfolioScoringBenchmark {
    /** Accounts the setup gate compares. */
    static final int GATE_ACCOUNTS = 10_000;

    @Param({"cskit", "handWritten"})
    String impl;

    @Param({"true", "false"})
    boolean explain;

    @Param({"1000000"})
    int accounts;

    private AccountScorer scorer;
    private int size;
    private int next;

    /** Scores the account at an index; one implementation per fork, so the call is monomorphic. */
    interface AccountScorer {
        Object score(int account);
    }

    @Setup(Level.Trial)
    public void setup() {
        PortfolioData d = PortfolioData.generate(accounts, PortfolioData.SEED);
        List<String> mismatches = ScoringGate.mismatches(d, GATE_ACCOUNTS, explain);
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("cskit and the hand-written scorer disagree; the run is invalid: " + mismatches);
        }
        size = d.size;
        next = 0;
        scorer = scorer(impl, explain, d);
    }

    static AccountScorer scorer(String impl, boolean explain, PortfolioData d) {
        switch (impl) {
            case "cskit": {
                WeightedScorecard strategy = WeightedScorecard.of(d.scorecard);
                AccountSnapshot[] snapshots = d.snapshots;
                return explain ? a -> strategy.score(snapshots[a]) : a -> strategy.summarize(snapshots[a]);
            }
            case "handWritten": {
                HandWrittenScorer hand = new HandWrittenScorer(d.scorecard, PortfolioData.SCHEMA);
                HandWrittenScorer.Result result = new HandWrittenScorer.Result();
                double[] points = new double[hand.inputCount()];
                double[] weights = new double[hand.inputCount()];
                return explain ? a -> hand.explain(d, a, result, points, weights) : a -> hand.summarize(d, a, result);
            }
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "'; expected cskit or handWritten");
        }
    }

    /**
     * Scores the next account of the portfolio.
     *
     * @return the result, consumed by JMH
     */
    @Benchmark
    public Object scoreAccount() {
        int a = next;
        next = a + 1 == size ? 0 : a + 1;
        return scorer.score(a);
    }
}
