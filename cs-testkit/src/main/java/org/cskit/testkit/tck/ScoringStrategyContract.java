package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.json.CsJson;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.spi.RowSnapshots;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;
import org.cskit.testkit.CsAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ScoringStrategy} must meet. Extend it in a test, give it a strategy and
 * a few snapshots the strategy can score (different segments, missing data, several feature
 * schemas: the more varied, the more the contract sees), and, if the strategy has a provider, the
 * provider:
 *
 * <pre>{@code
 * class MyStrategyContractTest extends ScoringStrategyContract {
 *     protected ScoringStrategy strategy() { return MyStrategy.of(MyConfig.ofDefaults()); }
 *     protected List<AccountSnapshot> snapshots() { return List.of(...); }
 *     protected Optional<ScoringStrategyProvider<?>> provider() { return Optional.of(new MyStrategy.Provider()); }
 * }
 * }</pre>
 *
 * <p>What it checks, for every snapshot: the name is not blank and the config is present; scoring
 * is deterministic (twice gives equal vectors, on the same and on a rebuilt instance); the vector
 * is of the snapshot's account as of the snapshot's time; the score is in [0, 100] and the coverage
 * in [0, 1]; the explanation is consistent: the contributions add up to the score, their weights are
 * shares of one total (they add up to at most 1), and the coverage agrees with them (1 when no
 * input's data was missing, 0 when every input's was); {@code summarize} equals the vector's fields;
 * scoring from many threads at once gives the same vectors as scoring in sequence; and, with a
 * provider, the provider is what {@link java.util.ServiceLoader} can create (a public class with a
 * public no-arg constructor) and actually finds (listed in {@code META-INF/services} and, in a
 * module, provided by its {@code module-info}), and has the strategy's name, the config is of the provider's config
 * type, it reads back from its own JSON as an equal value, a strategy created from the read-back
 * config scores as the original does, and so does one that {@link ScoringStrategies} creates by
 * name from that JSON (the config line a host writes).
 *
 * <p>JUnit creates one instance of the test class per test, so {@link #strategy()} and
 * {@link #snapshots()} are called once per test.
 */
public abstract class ScoringStrategyContract {
    /** Floating-point slack for sums of weights and coverage. */
    private static final double TOLERANCE = 1e-9;

    private ScoringStrategy strategy;
    private List<AccountSnapshot> snapshots;

    /** For subclasses. */
    protected ScoringStrategyContract() {}

    /**
     * The strategy under test.
     *
     * @return a strategy
     */
    protected abstract ScoringStrategy strategy();

    /**
     * Snapshots the strategy can score: at least one.
     *
     * @return the snapshots
     */
    protected abstract List<AccountSnapshot> snapshots();

    /**
     * The strategy's provider, if it has one; the JSON round trip is checked only with one.
     * Default: none.
     *
     * @return the provider
     */
    protected Optional<ScoringStrategyProvider<?>> provider() {
        return Optional.empty();
    }

    /**
     * How many threads score at once in the thread-safety check. Default: 8.
     *
     * @return the number of threads, at least 2
     */
    protected int threads() {
        return 8;
    }

    /** Asks the subclass for the strategy and the snapshots. */
    @BeforeEach
    public void setUpScoringStrategyContract() {
        strategy = strategy();
        snapshots = List.copyOf(snapshots());
        assertThat(strategy).as("strategy()").isNotNull();
        assertThat(snapshots).as("snapshots(): the contract needs at least one snapshot to score").isNotEmpty();
    }

    /** The name is what a provider registers: it must not be blank. */
    @Test
    public void name_isNotBlank() {
        assertThat(strategy.name()).as("name() of %s", strategy).isNotBlank();
    }

    /** Every strategy exposes its configuration so that it can be rebuilt. */
    @Test
    public void config_isPresent() {
        assertThat(strategy.config()).as("config() of %s", strategy).isNotNull();
    }

    /** The same snapshot gives an equal vector, from the same instance and from a second one. */
    @Test
    public void score_isDeterministic() {
        ScoringStrategy second = strategy();
        for (AccountSnapshot s : snapshots) {
            SuccessVector first = strategy.score(s);
            assertThat(strategy.score(s)).as("scoring %s twice", describe(s)).isEqualTo(first);
            assertThat(second.score(s)).as("scoring %s with a second instance from strategy()", describe(s)).isEqualTo(first);
        }
    }

    /** The vector describes the snapshot's account as of the snapshot's time. */
    @Test
    public void score_isOfTheSnapshotsAccountAndTime() {
        for (AccountSnapshot s : snapshots) {
            SuccessVector v = strategy.score(s);
            assertThat(v.accountId()).as("accountId of the vector for %s", describe(s)).isEqualTo(s.accountId());
            assertThat(v.asOf()).as("asOf of the vector for %s", describe(s)).isEqualTo(s.asOf());
        }
    }

    /**
     * Score in [0, 100], coverage in [0, 1]; an {@linkplain SuccessVector#unscored() unscored}
     * account (no input had data) has no score, band or direction, and coverage 0.
     */
    @Test
    public void score_staysWithinBounds() {
        for (AccountSnapshot s : snapshots) {
            SuccessVector v = strategy.score(s);
            if (v.unscored()) {
                assertThat(v.score()).as("score of the unscored vector for %s", describe(s)).isNaN();
                assertThat(v.band()).as("band of the unscored vector for %s", describe(s)).isNull();
                assertThat(v.coverage()).as("coverage of the unscored vector for %s", describe(s)).isZero();
                continue;
            }
            CsAssertions.assertThat(v).as("vector for %s", describe(s)).hasScoreBetween(0, 100);
            assertThat(v.coverage()).as("coverage of the vector for %s", describe(s)).isBetween(0.0, 1.0);
        }
    }

    /** The explanation is consistent: the contributions add up to the score. */
    @Test
    public void score_contributionsAddUpToScore() {
        for (AccountSnapshot s : snapshots) {
            CsAssertions.assertThat(strategy.score(s)).as("vector for %s", describe(s)).contributionsAddUpToScore();
        }
    }

    /**
     * Contributions are shares of one total weight: their weights add up to at most 1 (exactly 1
     * for a strategy that spreads all of its weight over its inputs).
     */
    @Test
    public void score_contributionWeightsAreSharesOfOneTotal() {
        for (AccountSnapshot s : snapshots) {
            SuccessVector v = strategy.score(s);
            double total = v.contributions().stream().mapToDouble(Contribution::weight).sum();
            assertThat(total).as("sum of the contribution weights of the vector for %s: %s", describe(s), v.contributions())
                    .isLessThanOrEqualTo(1 + TOLERANCE);
        }
    }

    /**
     * Coverage is the share of the weight that rested on data: 1 when no input's contribution says
     * its data was missing, 0 when every input's does. (A manual override's contribution is not an
     * input.)
     */
    @Test
    public void score_coverageAgreesWithTheContributions() {
        for (AccountSnapshot s : snapshots) {
            SuccessVector v = strategy.score(s);
            List<Contribution> inputs = v.contributions().stream()
                    .filter(c -> !c.input().equals(SuccessVector.OVERRIDE_INPUT)).toList();
            if (inputs.isEmpty()) {
                continue;
            }
            if (inputs.stream().noneMatch(c -> c.missing().isPresent())) {
                assertThat(v.coverage()).as("coverage of the vector for %s, where no input's data was missing: %s", describe(s),
                        inputs).isCloseTo(1.0, within(TOLERANCE));
            }
            if (inputs.stream().allMatch(c -> c.missing().isPresent())) {
                assertThat(v.coverage()).as("coverage of the vector for %s, where every input's data was missing: %s",
                        describe(s), inputs).isCloseTo(0.0, within(TOLERANCE));
            }
        }
    }

    /** {@code summarize} is the vector without its explanation: its fields are equal. */
    @Test
    public void summarize_equalsTheVectorsFields() {
        for (AccountSnapshot s : snapshots) {
            SuccessVector v = strategy.score(s);
            ScoreSummary expected = new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(), v.bandHeld());
            assertThat(strategy.summarize(s)).as("summarize(%s) against score(%s)", describe(s), describe(s)).isEqualTo(expected);
        }
    }

    /**
     * {@code scoreAll} over columns gives, for every row, what {@code summarize} gives for that
     * row's snapshot ({@link RowSnapshots#of}): a strategy that overrides the batch method with a
     * loop of its own must agree with its row method. Each snapshot becomes a one-row batch of
     * {@code double} feature columns with its observation counts, its segment, stage and manual
     * override, without previous vectors or history (those are what the built-ins' own equivalence
     * tests cover); where the override is active, the computed score written is the vector's score
     * without the override's contribution.
     */
    @Test
    public void scoreAll_equalsSummarizeOfEachRow() {
        List<AccountBatch> batches = new ArrayList<>();
        List<ScoreSummary> expected = new ArrayList<>();
        List<String> labels = new ArrayList<>(bandLabels());
        ScoreHistoryColumns history = ScoreHistoryColumns.empty(1);
        for (AccountSnapshot s : snapshots) {
            Features f = s.features();
            FeatureSchema schema = f.schema();
            FeatureColumns.Builder columns = FeatureColumns.builder(schema, 1);
            for (int i = 0; i < schema.size(); i++) {
                String name = schema.names().get(i);
                columns.feature(name, new double[] {f.isPresentAt(i) ? f.valueAt(i) : Double.NaN})
                        .observations(name, new int[] {f.observationsAt(i)});
            }
            AccountBatch.Builder builder = AccountBatch.builder(columns.build()).asOf(s.asOf()).accountIds(r -> s.accountId())
                    .segments(List.of(s.segment()), null).stage(s.lifecycleStage());
            s.override().ifPresent(o -> builder.override(0, o));
            AccountBatch batch = builder.build();
            ScoreSummary summary = strategy.summarize(RowSnapshots.of(batch, history, 0));
            batches.add(batch);
            expected.add(summary);
            if (summary.scored() && !labels.contains(summary.band().label())) {
                labels.add(summary.band().label());
            }
        }
        for (int k = 0; k < batches.size(); k++) {
            VectorColumns into = VectorColumns.allocate(1, labels);

            strategy.scoreAll(batches.get(k), history, into);

            ScoreSummary e = expected.get(k);
            String row = "scoreAll over " + describe(snapshots.get(k)) + " as one row";
            // Boxed, so that an unscored row's NaN equals the summary's NaN.
            assertThat((Object) into.scores()[0]).as(row + ": score").isEqualTo(e.score());
            assertThat(into.band(0)).as(row + ": band").isEqualTo(e.scored() ? e.band().label() : null);
            assertThat(into.direction(0)).as(row + ": direction").isEqualTo(e.direction());
            assertThat((Object) into.velocities()[0]).as(row + ": velocity").isEqualTo(e.velocity());
            assertThat((Object) into.coverages()[0]).as(row + ": coverage").isEqualTo(e.coverage());
            assertThat(into.bandHeld(0)).as(row + ": band held").isEqualTo(e.bandHeld());
            AccountSnapshot s = snapshots.get(k);
            if (s.override().isPresent() && s.override().get().isActiveAt(s.asOf())) {
                SuccessVector v = strategy.score(s);
                double computed = v.contributions().stream().filter(c -> !c.input().equals(SuccessVector.OVERRIDE_INPUT))
                        .mapToDouble(c -> c.points()).sum();
                assertThat(into.computedScores()[0]).as(row + ": computed score under the override").isCloseTo(computed,
                        within(TOLERANCE));
            } else {
                assertThat(into.overridden(0)).as(row + ": overridden").isFalse();
            }
        }
    }

    /**
     * Every band label the strategy can give, for the vector columns {@code scoreAll} writes into
     * (the built-in scorecards refuse columns that lack one of their bands). The default is none:
     * the contract then uses the bands its snapshots' summaries give; override it when a strategy
     * needs all of its labels and the snapshots do not reach every band.
     *
     * @return the labels, in any order
     */
    protected List<String> bandLabels() {
        return List.of();
    }

    /**
     * One instance scores many accounts at once: concurrent scoring on a fresh instance gives the
     * vectors that sequential scoring gives.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void score_isThreadSafe() throws InterruptedException {
        List<SuccessVector> sequential = new ArrayList<>();
        for (AccountSnapshot s : snapshots) {
            sequential.add(strategy.score(s));
        }
        ScoringStrategy shared = strategy();
        int rounds = Math.max(1, 200 / snapshots.size());
        List<List<SuccessVector>> concurrent = Concurrently.run(threads(), t -> {
            List<SuccessVector> out = new ArrayList<>(Collections.nCopies(snapshots.size(), null));
            for (int r = 0; r < rounds; r++) {
                // Each thread walks the snapshots from its own starting point, to mix schemas and segments.
                for (int i = 0; i < snapshots.size(); i++) {
                    int k = (i + t) % snapshots.size();
                    SuccessVector v = shared.score(snapshots.get(k));
                    out.set(k, v);
                    assertThat(v).as("vector for %s scored on thread %s, round %s", describe(snapshots.get(k)), t, r)
                            .isEqualTo(sequential.get(k));
                }
            }
            return out;
        });
        assertThat(concurrent).allSatisfy(vectors -> assertThat(vectors).isEqualTo(sequential));
    }

    /** A provider registers the strategy's name, ignoring case and surrounding spaces. */
    @Test
    public void provider_hasTheStrategysName() {
        ScoringStrategyProvider<?> provider = requireProvider();
        assertThat(normalise(provider.name())).as("provider name against strategy name").isEqualTo(normalise(strategy.name()));
    }

    /**
     * {@link java.util.ServiceLoader} can create the provider: a public class (a public static one
     * if nested) with a public no-arg constructor.
     */
    @Test
    public void provider_canBeCreatedByServiceLoader() {
        Class<?> type = requireProvider().getClass();
        assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", type.getName()).isTrue();
        assertThat(type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()))
                .as("%s is top-level or static", type.getName()).isTrue();
        assertThat(type.getConstructors()).as("public constructors of %s", type.getName())
                .anyMatch(c -> c.getParameterCount() == 0);
    }

    /**
     * A host creates the strategy by name from a JSON config line: {@link ScoringStrategies} with
     * the provider registered creates, from the JSON of {@link ScoringStrategy#config()}, a strategy
     * that scores as this one does.
     */
    @Test
    public void registry_createsTheStrategyByNameFromItsJson() {
        ScoringStrategyProvider<?> provider = requireProvider();
        String line = CsJson.create().write(strategy.config());

        ScoringStrategy created = ScoringStrategies.create().register(provider).create(strategy.name(), line);

        for (AccountSnapshot s : snapshots) {
            assertThat(created.score(s)).as("vector for %s from ScoringStrategies.create(\"%s\", json)", describe(s), strategy.name())
                    .isEqualTo(strategy.score(s));
        }
    }

    /**
     * The config is of the provider's config type, reads back from its own JSON as an equal value,
     * and a strategy created from the read-back config scores every snapshot as the original does.
     */
    @Test
    public void config_roundTripsThroughJson() {
        roundTrip(requireProvider());
    }

    private <C> void roundTrip(ScoringStrategyProvider<C> provider) {
        Object config = strategy.config();
        assertThat(config).as("config() of %s", strategy).isInstanceOf(provider.configType());
        CsJson json = CsJson.create();
        String written = json.write(config);
        C read = json.read(written, provider.configType());
        assertThat(read).as("config read back from its JSON:%n%s", written).isEqualTo(config);
        assertThat(json.write(read)).as("JSON of the read-back config").isEqualTo(written);
        ScoringStrategy rebuilt = provider.create(read);
        for (AccountSnapshot s : snapshots) {
            assertThat(rebuilt.score(s)).as("vector for %s from a strategy rebuilt from JSON", describe(s))
                    .isEqualTo(strategy.score(s));
        }
    }

    /**
     * The provider is registered so that hosts actually find it, not only constructible:
     * {@link java.util.ServiceLoader} finds the provider's class where this test runs; the jar or
     * classes directory holding it lists it in {@code META-INF/services} (the class path); and if
     * it holds a {@code module-info}, that {@code provides} it (the module path).
     */
    @Test
    public void provider_isRegisteredForServiceLoader() throws Exception {
        Class<?> type = requireProvider().getClass();
        String service = ScoringStrategyProvider.class.getName();
        List<String> found = java.util.ServiceLoader.load(ScoringStrategyProvider.class, type.getClassLoader()).stream()
                .map(p -> p.type().getName()).toList();
        assertThat(found).as("providers java.util.ServiceLoader finds for %s where this test runs (is %s listed in "
                + "META-INF/services/%s, or provided by its module-info?)", service, type.getName(), service)
                .contains(type.getName());

        java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
        assertThat(source).as("where %s was loaded from", type.getName()).isNotNull();
        java.nio.file.Path where = java.nio.file.Path.of(source.getLocation().toURI());
        assertThat(servicesFile(where, service)).as("META-INF/services/%s in %s, read on the class path", service, where)
                .contains(type.getName());
        for (java.lang.module.ModuleReference module : java.lang.module.ModuleFinder.of(where).findAll()) {
            java.lang.module.ModuleDescriptor descriptor = module.descriptor();
            if (!descriptor.isAutomatic()) {
                assertThat(descriptor.provides()).as("'provides %s with %s;' in module-info of %s, read on the module path",
                        service, type.getName(), descriptor.name())
                        .anyMatch(p -> p.service().equals(service) && p.providers().contains(type.getName()));
            }
        }
    }

    private static List<String> servicesFile(java.nio.file.Path where, String service) throws java.io.IOException {
        String entry = "META-INF/services/" + service;
        String text;
        if (java.nio.file.Files.isDirectory(where)) {
            java.nio.file.Path file = where.resolve(entry);
            text = java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        } else {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(where.toFile())) {
                java.util.zip.ZipEntry e = zip.getEntry(entry);
                text = e == null ? "" : new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return text.lines().map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    private ScoringStrategyProvider<?> requireProvider() {
        Optional<ScoringStrategyProvider<?>> provider = provider();
        assumeTrue(provider.isPresent(), "no provider() given: provider checks skipped");
        return provider.get();
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String describe(AccountSnapshot s) {
        return "snapshot of '" + s.accountId() + "' as of " + s.asOf() + " (" + s.segment().name() + ", "
                + s.lifecycleStage() + ")";
    }
}
