package org.cskit.benchmarks.columns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cskit.benchmarks.HandWrittenScorer;
import org.cskit.benchmarks.PortfolioData;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.spi.RowSnapshots;
import org.cskit.scoring.spi.ScoreSummary;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -jar cs-benchmarks/target/benchmarks.jar ColumnScoringBenchmark -prof gc
 * }</pre>
 * <p>
 * Scores {@value #ACCOUNTS} accounts of {@link PortfolioData} (8 inputs in 4 groups, all three
 * normalisers and missing-data policies, band hysteresis, 12 weekly history points for velocity)
 * held as columns: one {@code double[]} and one {@code int[]} of observations per feature, one score
 * column per history point (weekly, at shared times; NaN where an account was not scored), the
 * previous band codes. One invocation scores the whole portfolio; the score is per account
 * ({@code avgt}, ns/op), {@code gc.alloc.rate.norm} bytes per account.
 * <p>
 * {@code impl}: {@code cskit} is {@link WeightedScorecard#scoreAll} into {@link VectorColumns};
 * {@code cskitObserved} the same through {@link org.cskit.scoring.ObservedScoring}, whose listener adds
 * the accounts per band up (the price of observing);
 * {@code handWritten} is {@link HandWrittenScorer#summarizeColumns}, the same arithmetic in a plain
 * loop over the same arrays, writing the same five output columns (the floor); {@code objects} is
 * today's object path, {@link WeightedScorecard#summarize} on each row's {@link AccountSnapshot}
 * (made before measuring). Target: cskit at most 1.5x the floor.
 * <p>
 * Every fork refuses to run unless cskit and the floor agree on every account (score, velocity and
 * coverage within 1e-9, the same band and direction) and cskit equals the object path to the bit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseG1GC"})
@State(Scope.Thread)
public class ColumnScoringBenchmark {
    /** Accounts per invocation. */
    static final int ACCOUNTS = 200_000;
    private static final long WEEK = 7L * 24 * 3600;
    private static final List<String> BANDS = List.of("red", "yellow", "green");

    @Param({"cskit", "cskitObserved", "handWritten", "objects"})
    String impl;

    private Data data;
    private VectorColumns into;
    private HandWrittenScorer floor;
    private HandWrittenScorer.Result result;
    private WeightedScorecard strategy;
    private org.cskit.scoring.ObservedScoring observed;
    private final java.util.concurrent.atomic.LongAdder[] perBand = {new java.util.concurrent.atomic.LongAdder(),
        new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder()};

    @Setup(Level.Trial)
    public void setup() {
        data = Data.make();
        into = VectorColumns.allocate(ACCOUNTS, BANDS);
        floor = new HandWrittenScorer(data.portfolio.scorecard, PortfolioData.SCHEMA);
        result = new HandWrittenScorer.Result();
        strategy = WeightedScorecard.of(data.portfolio.scorecard);
        observed = org.cskit.scoring.ObservedScoring.of(strategy, "portfolio", report -> {
            for (int b = 0; b < report.bands().size(); b++) {
                perBand[b].add(report.count(b));
            }
        });
        String problem = data.disagreement();
        if (problem != null) {
            throw new IllegalStateException("the three paths disagree; the run is invalid: " + problem);
        }
        if (!"objects".equals(impl)) {
            data.snapshots = null;
        }
    }

    /** The portfolio as columns and, for the object path, as snapshots. */
    static final class Data {
        PortfolioData portfolio;
        double[][] values = new double[PortfolioData.SCHEMA.size()][ACCOUNTS];
        int[][] observations = new int[PortfolioData.SCHEMA.size()][ACCOUNTS];
        byte[] previousBand = new byte[ACCOUNTS];
        long[] historySeconds = new long[PortfolioData.HISTORY];
        double[][] historyScores = new double[PortfolioData.HISTORY][ACCOUNTS];
        AccountBatch batch;
        ScoreHistoryColumns history;
        AccountSnapshot[] snapshots;

        static Data make() {
            Data d = new Data();
            PortfolioData p = PortfolioData.generate(ACCOUNTS, PortfolioData.SEED);
            d.portfolio = p;
            int features = PortfolioData.SCHEMA.size();
            double[] previousScore = new double[ACCOUNTS];
            byte[] previousDirection = new byte[ACCOUNTS];
            for (int k = 0; k < PortfolioData.HISTORY; k++) {
                d.historySeconds[k] = p.asOfSecond - (PortfolioData.HISTORY - k) * WEEK;
                java.util.Arrays.fill(d.historyScores[k], Double.NaN);
            }
            for (int r = 0; r < ACCOUNTS; r++) {
                for (int f = 0; f < features; f++) {
                    d.values[f][r] = p.values[r * features + f];
                    d.observations[f][r] = p.observations[r * features + f];
                }
                int length = p.historyLength[r];
                for (int j = 0; j < length; j++) {
                    d.historyScores[PortfolioData.HISTORY - length + j][r] = p.historyScores[r * PortfolioData.HISTORY + j];
                }
                d.previousBand[r] = (byte) p.previousBand[r];
                boolean scored = p.previousBand[r] >= 0;
                previousScore[r] = scored ? p.historyScores[r * PortfolioData.HISTORY + length - 1] : Double.NaN;
                previousDirection[r] = (byte) (scored ? 1 : -1);
            }
            FeatureColumns.Builder f = FeatureColumns.builder(PortfolioData.SCHEMA, ACCOUNTS);
            for (int k = 0; k < features; k++) {
                String name = PortfolioData.SCHEMA.names().get(k);
                f.feature(name, d.values[k]).observations(name, d.observations[k]);
            }
            AccountId[] ids = new AccountId[ACCOUNTS];
            for (int r = 0; r < ACCOUNTS; r++) {
                ids[r] = AccountId.of("acc-" + r);
            }
            d.batch = AccountBatch.builder(f.build()).asOf(PortfolioData.AS_OF).accountIds(r -> ids[r])
                    .segments(List.of(Segment.of("smb", EngagementModel.TECH_TOUCH)), null).stage(LifecycleStage.STEADY_STATE)
                    .previousVectors(VectorColumns.builder(ACCOUNTS).bands(BANDS).scores(previousScore).bandCodes(d.previousBand)
                            .directionCodes(previousDirection).build())
                    .build();
            ScoreHistoryColumns.Builder h = ScoreHistoryColumns.builder(ACCOUNTS);
            for (int k = 0; k < PortfolioData.HISTORY; k++) {
                h.point(Instant.ofEpochSecond(d.historySeconds[k]), d.historyScores[k]);
            }
            d.history = h.build();
            d.snapshots = new AccountSnapshot[ACCOUNTS];
            for (int r = 0; r < ACCOUNTS; r++) {
                d.snapshots[r] = RowSnapshots.of(d.batch, d.history, r);
            }
            return d;
        }

        /** Null when cskit matches the floor (within 1e-9) and the object path (to the bit) on every account. */
        String disagreement() {
            WeightedScorecard cskit = WeightedScorecard.of(portfolio.scorecard);
            VectorColumns out = VectorColumns.allocate(ACCOUNTS, BANDS);
            cskit.scoreAll(batch, history, out);
            HandWrittenScorer hand = new HandWrittenScorer(portfolio.scorecard, PortfolioData.SCHEMA);
            HandWrittenScorer.Result r = new HandWrittenScorer.Result();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS && problems.size() < 5; i++) {
                hand.summarizeColumns(values, observations, previousBand, historySeconds, historyScores, portfolio.asOfSecond, i, r);
                ScoreSummary s = cskit.summarize(snapshots[i]);
                if (Math.abs(r.score - out.scores()[i]) > 1e-9 || r.band != out.bandCodes()[i]
                        || r.direction.ordinal() != out.directionCodes()[i] || Math.abs(r.velocity - out.velocities()[i]) > 1e-9
                        || Math.abs(r.coverage - out.coverages()[i]) > 1e-9) {
                    problems.add("account " + i + ": floor " + r.score + " " + r.band + " " + r.direction + " " + r.velocity
                            + ", columns " + out.scores()[i] + " " + out.band(i) + " " + out.direction(i) + " " + out.velocities()[i]);
                }
                if (Double.doubleToLongBits(s.score()) != Double.doubleToLongBits(out.scores()[i])
                        || Double.doubleToLongBits(s.velocity()) != Double.doubleToLongBits(out.velocities()[i])
                        || !s.band().label().equals(out.band(i)) || s.direction() != out.direction(i)) {
                    problems.add("account " + i + ": objects " + s + ", columns " + out.scores()[i]);
                }
            }
            return problems.isEmpty() ? null : problems.toString();
        }
    }

    /**
     * Scores the portfolio once.
     *
     * @param bh consumes the object path's results
     * @return something from the output, so nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(ACCOUNTS)
    public double scorePortfolio(Blackhole bh) {
        switch (impl) {
            case "cskit":
                strategy.scoreAll(data.batch, data.history, into);
                return into.scores()[ACCOUNTS - 1];
            case "cskitObserved":
                observed.scoreAll(data.batch, data.history, into);
                return into.scores()[ACCOUNTS - 1];
            case "handWritten": {
                double[] scores = into.scores();
                byte[] bands = into.bandCodes();
                byte[] directions = into.directionCodes();
                double[] velocities = into.velocities();
                double[] coverages = into.coverages();
                Data d = data;
                for (int r = 0; r < ACCOUNTS; r++) {
                    floor.summarizeColumns(d.values, d.observations, d.previousBand, d.historySeconds, d.historyScores,
                            d.portfolio.asOfSecond, r, result);
                    scores[r] = result.score;
                    bands[r] = (byte) result.band;
                    directions[r] = (byte) result.direction.ordinal();
                    velocities[r] = result.velocity;
                    coverages[r] = result.coverage;
                }
                return scores[ACCOUNTS - 1];
            }
            case "objects":
                for (int r = 0; r < ACCOUNTS; r++) {
                    bh.consume(strategy.summarize(data.snapshots[r]));
                }
                return 0;
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "'; expected cskit, handWritten or objects");
        }
    }
}
