package org.cskit.benchmarks.columns;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.Signal;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.datagen.GeneratedAccount;
import org.cskit.datagen.PortfolioGenerator;
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
 *   java -jar cs-benchmarks/target/benchmarks.jar FeatureDerivationBenchmark -prof gc
 * }</pre>
 * <p>
 * Derives the generator's eight features ({@link PortfolioGenerator#featureDefinitions()}: LAST,
 * SUM, percent changes, a three-period trend of a mean, LAST over 180 days) for {@value #ACCOUNTS}
 * generated accounts as of 2026-10-01, from their signals of the 180 days before (about 105
 * observations per account: four weekly signals and the surveys). One invocation derives the whole
 * portfolio; the score is per account ({@code avgt}, ns/op) and {@code gc.alloc.rate.norm} is bytes
 * per account.
 * <p>
 * {@code impl}: {@code cskit} is {@link FeatureDeriver#derive(SignalColumns, Instant, FeatureColumns)}
 * over the generator's {@link SignalColumns}; {@code handWritten} is {@link HandWrittenDerivation},
 * the same eight features in a plain loop over the same arrays (the floor); {@code objects} is
 * today's object path, {@link FeatureDeriver#derive(AccountId, java.util.Collection, Instant)} per
 * account over its {@link Signal}s (made before measuring), building a {@link Features} each.
 * Targets: cskit at most 1 µs per account and 2x the floor, about 0 bytes per account.
 * <p>
 * Every fork builds all three inputs before measuring and refuses to run unless the three agree on
 * every account, to the bit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseG1GC"})
@State(Scope.Thread)
public class FeatureDerivationBenchmark {
    /** Accounts per invocation. */
    static final int ACCOUNTS = 20_000;
    static final Instant AS_OF = Instant.parse("2026-10-01T00:00:00Z");
    static final Duration LOOKBACK = Duration.ofDays(180);

    @Param({"cskit", "handWritten", "objects"})
    String impl;

    private FeatureDeriver deriver;
    private SignalColumns signals;
    private FeatureColumns into;
    private HandWrittenDerivation floor;
    private AccountId[] ids;
    private List<List<Signal>> perAccount;

    @Setup(Level.Trial)
    public void setup() {
        Inputs in = Inputs.make();
        deriver = in.deriver;
        signals = in.signals;
        into = FeatureColumns.allocate(deriver.schema(), ACCOUNTS);
        floor = new HandWrittenDerivation(AS_OF);
        ids = in.ids;
        perAccount = in.perAccount;
        String problem = in.disagreement();
        if (problem != null) {
            throw new IllegalStateException("the three paths disagree; the run is invalid: " + problem);
        }
    }

    /** The portfolio in both forms, made from the generator. */
    static final class Inputs {
        final FeatureDeriver deriver = FeatureDeriver.of(PortfolioGenerator.featureDefinitions());
        SignalColumns signals;
        AccountId[] ids;
        List<List<Signal>> perAccount;

        static Inputs make() {
            Inputs in = new Inputs();
            PortfolioGenerator generator = PortfolioGenerator.builder().seed(42).accounts(ACCOUNTS).start(LocalDate.of(2026, 1, 1))
                    .months(12).build();
            in.signals = generator.signalColumns(0, ACCOUNTS, AS_OF, LOOKBACK);
            in.ids = new AccountId[ACCOUNTS];
            in.perAccount = new ArrayList<>(ACCOUNTS);
            Instant from = AS_OF.minus(LOOKBACK);
            for (int i = 0; i < ACCOUNTS; i++) {
                GeneratedAccount a = generator.account(i);
                in.ids[i] = a.account().id();
                in.perAccount.add(a.signals().stream().filter(s -> s.observedAt().isAfter(from) && !s.observedAt().isAfter(AS_OF))
                        .toList());
            }
            return in;
        }

        /** Null when the column path, the floor and the object path give the same bits for every account. */
        String disagreement() {
            FeatureColumns cskit = FeatureColumns.allocate(deriver.schema(), ACCOUNTS);
            FeatureColumns hand = FeatureColumns.allocate(deriver.schema(), ACCOUNTS);
            deriver.derive(signals, AS_OF, cskit);
            new HandWrittenDerivation(AS_OF).derive(signals, hand);
            for (int i = 0; i < ACCOUNTS; i++) {
                Features objects = deriver.derive(ids[i], perAccount.get(i), AS_OF);
                for (int f = 0; f < deriver.schema().size(); f++) {
                    long c = Double.doubleToLongBits(cskit.value(f, i));
                    if (c != Double.doubleToLongBits(hand.value(f, i)) || c != Double.doubleToLongBits(objects.valueAt(f))
                            || cskit.observations(f, i) != hand.observations(f, i)
                            || cskit.observations(f, i) != objects.observationsAt(f)) {
                        return deriver.schema().names().get(f) + " of account " + i + ": columns " + cskit.value(f, i) + "/"
                                + cskit.observations(f, i) + ", floor " + hand.value(f, i) + "/" + hand.observations(f, i)
                                + ", objects " + objects.valueAt(f) + "/" + objects.observationsAt(f);
                    }
                }
            }
            return null;
        }

        long observations() {
            long n = 0;
            for (SignalColumn c : signals.columns()) {
                n += c.count();
            }
            return n;
        }
    }

    /**
     * Derives the portfolio once.
     *
     * @param bh consumes the object path's results
     * @return something from the output, so nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(ACCOUNTS)
    public double derivePortfolio(Blackhole bh) {
        switch (impl) {
            case "cskit":
                deriver.derive(signals, AS_OF, into);
                return into.doubles(0)[ACCOUNTS - 1];
            case "handWritten":
                floor.derive(signals, into);
                return into.doubles(0)[ACCOUNTS - 1];
            case "objects":
                for (int i = 0; i < ACCOUNTS; i++) {
                    bh.consume(deriver.derive(ids[i], perAccount.get(i), AS_OF));
                }
                return 0;
            default:
                throw new IllegalArgumentException("unknown impl '" + impl + "'; expected cskit, handWritten or objects");
        }
    }
}
