package org.cskit.scoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.MetricDirection;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoreSummary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Generated scorecards (1-4 groups of 1-4 inputs) over generated features, some missing. */
class ScorecardProperties {
    private static final int MAX_INPUTS = 16;
    private static final FeatureSchema SCHEMA = FeatureSchema.of(features());

    private static List<String> features() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < MAX_INPUTS; i++) {
            names.add("f" + i);
        }
        return names;
    }

    /** A scorecard and, for each of the schema's features, a value (NaN for missing) and observations. */
    record Case(Scorecard scorecard, double[] values, int[] observations) {
        AccountSnapshot snapshot() {
            return snapshotWith(values);
        }

        AccountSnapshot snapshotWith(double[] vs) {
            Features.Builder f = Features.builder(SCHEMA);
            for (int i = 0; i < vs.length; i++) {
                if (!Double.isNaN(vs[i])) {
                    f.setAt(i, vs[i], observations[i]);
                }
            }
            return ScoringFixtures.snapshot(f.build()).build();
        }

        List<ScorecardInput> inputs() {
            return scorecard.groups().stream().flatMap(g -> g.inputs().stream()).toList();
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Normalizer> normalizers = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.doubles().between(-50, 50), Arbitraries.doubles().between(0.5, 100))
                        .as((min, width) -> (Normalizer) new Normalizer.Linear(min, min + width)),
                Combinators.combine(Arbitraries.doubles().between(-50, 50), Arbitraries.doubles().between(0.01, 5))
                        .as((mid, steep) -> (Normalizer) new Normalizer.Logistic(mid, steep)),
                Arbitraries.integers().between(1, 4).flatMap(n -> Combinators.combine(
                        Arbitraries.doubles().between(-50, 50),
                        Arbitraries.doubles().between(0.5, 20).list().ofSize(n),
                        Arbitraries.doubles().between(0, 1).list().ofSize(n + 1))
                        .as((start, gaps, rawScores) -> {
                            List<Double> bounds = new ArrayList<>();
                            double b = start;
                            for (double gap : gaps) {
                                bounds.add(b);
                                b += gap;
                            }
                            List<Double> scores = rawScores.stream().sorted().toList();
                            return (Normalizer) new Normalizer.Tiers(bounds, scores);
                        })));
        Arbitrary<double[]> inputSpec = Combinators.combine(
                Arbitraries.doubles().between(0.1, 10), // weight
                Arbitraries.integers().between(0, 1), // direction
                Arbitraries.integers().between(0, 2), // policy
                Arbitraries.integers().between(0, 3)) // minObservations
                .as((w, d, p, m) -> new double[] {w, d, p, m});
        Arbitrary<List<Integer>> groupSizes = Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(4);
        return groupSizes.flatMap(sizes -> {
            int n = sizes.stream().mapToInt(Integer::intValue).sum();
            return Combinators.combine(
                    normalizers.list().ofSize(n),
                    inputSpec.list().ofSize(n),
                    Arbitraries.doubles().between(0.1, 10).list().ofSize(sizes.size()),
                    Arbitraries.doubles().between(-80, 80).injectDuplicates(0.1).list().ofSize(MAX_INPUTS),
                    Arbitraries.integers().between(0, 4).list().ofSize(MAX_INPUTS),
                    Arbitraries.integers().between(0, 99).list().ofSize(MAX_INPUTS))
                    .as((norms, specs, groupWeights, values, obs, missingDice) -> {
                        Scorecard.Builder card = Scorecard.builder().id(ScorecardId.of("generated"));
                        int k = 0;
                        for (int g = 0; g < sizes.size(); g++) {
                            ScorecardGroup.Builder group = ScorecardGroup.builder().name("g" + g).weight(groupWeights.get(g));
                            for (int j = 0; j < sizes.get(g); j++, k++) {
                                double[] s = specs.get(k);
                                group.addInputs(ScorecardInput.builder().name("i" + k).feature("f" + k).weight(s[0])
                                        .normalizer(norms.get(k))
                                        .direction(s[1] == 0 ? MetricDirection.HIGHER_IS_BETTER : MetricDirection.LOWER_IS_BETTER)
                                        .missing(MissingDataPolicy.values()[(int) s[2]])
                                        .minObservations((int) s[3]).build());
                            }
                            card.addGroups(group.build());
                        }
                        double[] vs = new double[MAX_INPUTS];
                        int[] os = new int[MAX_INPUTS];
                        for (int i = 0; i < MAX_INPUTS; i++) {
                            vs[i] = missingDice.get(i) < 30 ? Double.NaN : values.get(i);
                            os[i] = obs.get(i);
                        }
                        return new Case(card.build(), vs, os);
                    });
        });
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void score_isWithinZeroToHundredWithCoverageInZeroToOne(@ForAll("cases") Case c) {
        SuccessVector v = WeightedScorecard.of(c.scorecard()).score(c.snapshot());

        if (v.unscored()) {
            assertThat(v.score()).isNaN();
            assertThat(v.coverage()).isZero();
            assertThat(v.band()).isNull();
            return;
        }
        assertThat(v.score()).isBetween(0.0, 100.0);
        assertThat(v.coverage()).isBetween(0.0, 1.0);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void score_contributionsAddUpToTheScore(@ForAll("cases") Case c) {
        SuccessVector v = WeightedScorecard.of(c.scorecard()).score(c.snapshot());

        double sum = v.contributions().stream().mapToDouble(Contribution::points).sum();
        assertThat(v.contributions()).hasSize(c.inputs().size());
        double weights = v.contributions().stream().mapToDouble(Contribution::weight).sum();
        if (v.unscored()) { // nothing scored: nothing contributed
            assertThat(sum).isZero();
            assertThat(weights).isZero();
            return;
        }
        assertThat(sum).isCloseTo(v.score(), within(SuccessVector.TOLERANCE));
        assertThat(weights).isCloseTo(1.0, within(1e-9));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void score_isDeterministic(@ForAll("cases") Case c) {
        SuccessVector first = WeightedScorecard.of(c.scorecard()).score(c.snapshot());
        SuccessVector second = WeightedScorecard.of(c.scorecard()).score(c.snapshot());

        assertThat(second).isEqualTo(first);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void summarize_equalsTheVectorsFields(@ForAll("cases") Case c) {
        WeightedScorecard card = WeightedScorecard.of(c.scorecard());
        // A history, so that velocity and direction are compared too.
        AccountSnapshot snapshot = AccountSnapshot.builder().from(c.snapshot())
                .addHistory(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(21)), 35.0))
                .addHistory(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(14)), 61.5))
                .addHistory(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(7)), 47.25))
                .build();
        SuccessVector v = card.score(snapshot);

        assertThat(card.summarize(snapshot))
                .isEqualTo(new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(), v.bandHeld()));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void score_raisingOnePresentInput_movesTheScoreOnlyItsDirectionsWay(
            @ForAll("cases") Case c, @ForAll("inputIndexes") int which, @ForAll("raises") double raise) {
        List<ScorecardInput> inputs = c.inputs();
        ScorecardInput input = inputs.get(which % inputs.size());
        int f = SCHEMA.indexOf(input.feature());
        double[] raised = c.values().clone();
        if (Double.isNaN(raised[f])) {
            raised[f] = 0.0; // make it present, so that there is something to raise
        }
        WeightedScorecard card = WeightedScorecard.of(c.scorecard());
        double before = card.score(c.snapshotWith(raised)).score();
        raised[f] += raise;
        double after = card.score(c.snapshotWith(raised)).score();
        Assume.that(!Double.isNaN(before) && !Double.isNaN(after)); // unscored (too few observations) has no score to move

        // Raising a value never moves the goodness against the direction; rounding may wobble by a few ulps.
        if (input.direction() == MetricDirection.HIGHER_IS_BETTER) {
            assertThat(after).isGreaterThanOrEqualTo(before - 1e-9);
        } else {
            assertThat(after).isLessThanOrEqualTo(before + 1e-9);
        }
    }

    /** The documented rules, written out plainly: the score and coverage an account should get. */
    private static double[] expected(Case c) {
        List<ScorecardGroup> groups = c.scorecard().groups();
        double groupTotal = groups.stream().mapToDouble(ScorecardGroup::weight).sum();
        double activeGroups = 0.0;
        double coverage = 0.0;
        for (ScorecardGroup g : groups) {
            double inputTotal = g.inputs().stream().mapToDouble(ScorecardInput::weight).sum();
            boolean active = false;
            for (ScorecardInput in : g.inputs()) {
                active |= hasData(c, in) || in.missing() != MissingDataPolicy.REDISTRIBUTE;
                if (hasData(c, in)) {
                    coverage += g.weight() / groupTotal * in.weight() / inputTotal;
                }
            }
            activeGroups += active ? g.weight() / groupTotal : 0.0;
        }
        if (activeGroups == 0.0) {
            return new double[] {Double.NaN, 0.0}; // nothing to redistribute to: unscored
        }
        double score = 0.0;
        for (ScorecardGroup g : groups) {
            double activeInputs = g.inputs().stream()
                    .filter(in -> hasData(c, in) || in.missing() != MissingDataPolicy.REDISTRIBUTE)
                    .mapToDouble(ScorecardInput::weight).sum();
            for (ScorecardInput in : g.inputs()) {
                double goodness;
                if (hasData(c, in)) {
                    goodness = in.goodness(c.values()[SCHEMA.indexOf(in.feature())]);
                } else if (in.missing() == MissingDataPolicy.NEUTRAL) {
                    goodness = 0.5;
                } else if (in.missing() == MissingDataPolicy.WORST) {
                    goodness = 0.0;
                } else {
                    continue;
                }
                score += 100.0 * (g.weight() / groupTotal / activeGroups) * (in.weight() / activeInputs) * goodness;
            }
        }
        return new double[] {score, coverage};
    }

    private static boolean hasData(Case c, ScorecardInput in) {
        int f = SCHEMA.indexOf(in.feature());
        return !Double.isNaN(c.values()[f]) && c.observations()[f] >= in.minObservations();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void score_followsTheDocumentedRules(@ForAll("cases") Case c) {
        SuccessVector v = WeightedScorecard.of(c.scorecard()).score(c.snapshot());
        double[] expected = expected(c);

        assertThat(v.unscored()).as("unscored exactly when every input is missing and redistributed").isEqualTo(Double.isNaN(expected[0]));
        assertThat(v.coverage()).isCloseTo(expected[1], within(1e-12));
        if (v.unscored()) {
            assertThat(v.score()).isNaN();
            assertThat(v.band()).isNull();
            assertThat(v.direction()).isNull();
            return;
        }
        assertThat(v.score()).isCloseTo(expected[0], within(1e-9));
        assertThat(v.coverage()).isCloseTo(expected[1], within(1e-12));
        assertThat(v.band()).isEqualTo(c.scorecard().bands().bandOf(v.score()));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void score_contributionHasAValueExactlyWhenItsInputHadData(@ForAll("cases") Case c) {
        SuccessVector v = WeightedScorecard.of(c.scorecard()).score(c.snapshot());
        List<ScorecardInput> inputs = c.inputs();

        for (int i = 0; i < inputs.size(); i++) {
            Contribution contribution = v.contributions().get(i);
            assertThat(contribution.input()).isEqualTo(inputs.get(i).name());
            assertThat(contribution.value().isPresent()).as(contribution.input()).isEqualTo(hasData(c, inputs.get(i)));
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void explain_inputDeltasAddUpToTheChange(@ForAll("cases") Case before, @ForAll("cases") Case after) {
        // Score both accounts' features with the same scorecard, a week apart.
        WeightedScorecard card = WeightedScorecard.of(before.scorecard());
        SuccessVector previous = card.score(AccountSnapshot.builder().from(before.snapshot())
                .asOf(ScoringFixtures.AS_OF.minus(Duration.ofDays(7))).build());
        SuccessVector current = card.score(after.snapshotWith(after.values()));
        Assume.that(!previous.unscored() && !current.unscored()); // no score, no change to explain
        ScoreChange change = ScoreChange.explain(previous, current);

        assertThat(change.scorecardChanged()).isFalse();
        assertThat(change.delta()).isEqualTo(current.score() - previous.score());
        assertThat(change.inputs().stream().mapToDouble(ScoreChange.InputChange::delta).sum())
                .isCloseTo(change.delta(), within(1e-6));
        for (int i = 1; i < change.inputs().size(); i++) {
            assertThat(Math.abs(change.inputs().get(i - 1).delta())).isGreaterThanOrEqualTo(Math.abs(change.inputs().get(i).delta()));
        }
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void bandOf_withAPreviousBand_keepsItOrFollowsTheScore(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 2, max = 12) int bands,
            @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 100) double score,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 11) int previousRank,
            @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 20) double hysteresis) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < bands; i++) {
            labels.add("b" + i);
        }
        BandScheme scheme = BandScheme.builder().from(BandScheme.evenly(labels)).hysteresis(hysteresis).build();
        org.cskit.model.Band previous = scheme.bandOf(Math.min(100, (previousRank % bands) * 100.0 / bands + 0.001));
        org.cskit.model.Band band = scheme.bandOf(score, java.util.Optional.of(previous));
        BandScheme.Range range = scheme.ranges().get(previous.rank());

        if (score >= range.from() - hysteresis && score < range.to() + hysteresis) {
            assertThat(band).isEqualTo(previous);
        } else {
            assertThat(band).isEqualTo(scheme.bandOf(score));
        }
        // Within the previous band's own range the band never changes; without hysteresis the history never matters.
        if (score >= range.from() && score < range.to()) {
            assertThat(band).isEqualTo(previous);
        }
        BandScheme sharp = BandScheme.builder().from(scheme).hysteresis(0).build();
        assertThat(sharp.bandOf(score, java.util.Optional.of(previous))).isEqualTo(sharp.bandOf(score));
    }

    @Provide
    Arbitrary<Integer> inputIndexes() {
        return Arbitraries.integers().between(0, MAX_INPUTS - 1);
    }

    @Provide
    Arbitrary<Double> raises() {
        return Arbitraries.doubles().between(0, 60);
    }
}
