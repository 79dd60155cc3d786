package org.cskit.scoring;

import java.time.Duration;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.Features;
import org.cskit.model.ManualOverride;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.PersonId;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoreSummary;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Hand-worked scores over one small scorecard: usage (weight 3) holds a and b, each weight 1, linear 0..100;
 * support (weight 1) holds c, weight 1, linear 0..10. Shares: a and b 3/8 = 0.375 each, c 1/4 = 0.25.
 */
class WeightedScorecardTest {

    private static Scorecard card(MissingDataPolicy bPolicy, int bMinObservations) {
        return Scorecard.builder()
                .id(ScorecardId.of("abc"))
                .version(4)
                .addGroups(
                        ScorecardGroup.of("usage", 3,
                                ScoringFixtures.input("a", 1, new Normalizer.Linear(0, 100)),
                                ScorecardInput.builder().name("b").weight(1).normalizer(new Normalizer.Linear(0, 100))
                                        .missing(bPolicy).minObservations(bMinObservations).build()),
                        ScorecardGroup.of("support", 1, ScoringFixtures.input("c", 1, new Normalizer.Linear(0, 10))))
                .build();
    }

    private static Scorecard card(MissingDataPolicy bPolicy) {
        return card(bPolicy, 0);
    }

    private static final org.cskit.model.FeatureSchema SCHEMA = org.cskit.model.FeatureSchema.of("a", "b", "c");

    private static Features.Builder features() {
        return Features.builder(SCHEMA);
    }

    private static AccountSnapshot snapshot(Features f) {
        return ScoringFixtures.snapshot(f).build();
    }

    private static SuccessVector score(Scorecard card, Features f) {
        return WeightedScorecard.of(card).score(snapshot(f));
    }

    private static Contribution contribution(SuccessVector v, String input) {
        return v.contributions().stream().filter(c -> c.input().equals(input)).findFirst().orElseThrow();
    }

    private static double sum(SuccessVector v) {
        return v.contributions().stream().mapToDouble(Contribution::points).sum();
    }

    @Test
    void score_allPresent_rollsUpInputToGroupToOverall() {
        // a 60 -> 0.6 * 37.5 = 22.5; b 90 -> 0.9 * 37.5 = 33.75; c 5 -> 0.5 * 25 = 12.5; score 68.75.
        SuccessVector v = score(card(MissingDataPolicy.REDISTRIBUTE), features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.contributions()).extracting(Contribution::input).containsExactly("a", "b", "c");
        assertThat(v.contributions()).extracting(Contribution::group).containsExactly("usage", "usage", "support");
        assertThat(contribution(v, "a").points()).isCloseTo(22.5, within(1e-9));
        assertThat(contribution(v, "b").points()).isCloseTo(33.75, within(1e-9));
        assertThat(contribution(v, "c").points()).isCloseTo(12.5, within(1e-9));
        assertThat(contribution(v, "a").weight()).isCloseTo(0.375, within(1e-12));
        assertThat(contribution(v, "c").weight()).isCloseTo(0.25, within(1e-12));
        assertThat(contribution(v, "b").value()).hasValue(90.0);
        assertThat(v.coverage()).isCloseTo(1.0, within(1e-12));
        assertThat(v.band().label()).isEqualTo("yellow");
        assertThat(v.scorecardId()).isEqualTo(ScorecardId.of("abc"));
        assertThat(v.scorecardVersion()).isEqualTo(4);
        assertThat(v.accountId().value()).isEqualTo("acme");
        assertThat(v.asOf()).isEqualTo(ScoringFixtures.AS_OF);
    }

    @Test
    void score_weightsNeedNotAddUpToHundred_onlyTheirRatiosCount() {
        // Groups 75 : 25 and inputs 0.2 : 0.2 are the same ratios as 3 : 1 and 1 : 1: still 68.75.
        Scorecard scaled = Scorecard.builder().id(ScorecardId.of("abc"))
                .addGroups(
                        ScorecardGroup.of("usage", 75,
                                ScoringFixtures.input("a", 0.2, new Normalizer.Linear(0, 100)),
                                ScoringFixtures.input("b", 0.2, new Normalizer.Linear(0, 100))),
                        ScorecardGroup.of("support", 25, ScoringFixtures.input("c", 7, new Normalizer.Linear(0, 10))))
                .build();
        SuccessVector v = score(scaled, features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
    }

    @Test
    void score_missingInputWithRedistributePolicy_givesItsWeightToTheGroup() {
        // b missing: a takes all of usage's 0.75: 0.6 * 75 = 45; c 12.5; score 57.5.
        // Coverage: a 0.375 + c 0.25 = 0.625 of the weight rested on data.
        SuccessVector v = score(card(MissingDataPolicy.REDISTRIBUTE), features().set("a", 60, 1).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(57.5, within(1e-9));
        assertThat(contribution(v, "a").points()).isCloseTo(45.0, within(1e-9));
        assertThat(contribution(v, "a").weight()).isCloseTo(0.75, within(1e-12));
        assertThat(contribution(v, "b").points()).isZero();
        assertThat(contribution(v, "b").weight()).isZero();
        assertThat(contribution(v, "b").value()).isEmpty();
        assertThat(v.coverage()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void score_missingInputWithNeutralPolicy_countsAsHalf() {
        // b missing counts 0.5: 22.5 + 0.5 * 37.5 = 18.75 + 12.5 = 53.75; coverage still 0.625.
        SuccessVector v = score(card(MissingDataPolicy.NEUTRAL), features().set("a", 60, 1).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(53.75, within(1e-9));
        assertThat(contribution(v, "b").points()).isCloseTo(18.75, within(1e-9));
        assertThat(contribution(v, "b").weight()).isCloseTo(0.375, within(1e-12));
        assertThat(contribution(v, "b").value()).isEmpty();
        assertThat(v.coverage()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void score_missingInputWithWorstPolicy_countsAsZero() {
        // b missing counts 0: 22.5 + 0 + 12.5 = 35 -> red; coverage 0.625.
        SuccessVector v = score(card(MissingDataPolicy.WORST), features().set("a", 60, 1).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(35.0, within(1e-9));
        assertThat(contribution(v, "b").points()).isZero();
        assertThat(contribution(v, "b").weight()).isCloseTo(0.375, within(1e-12));
        assertThat(v.band().label()).isEqualTo("red");
        assertThat(v.coverage()).isCloseTo(0.625, within(1e-12));
    }

    @Test
    void score_fewerObservationsThanMinObservations_countsAsMissing() {
        // b = 90 rests on 4 observations, b needs 5: it counts as missing (neutral): 53.75, coverage 0.625,
        // and its contribution has no value, as for any missing input.
        SuccessVector v = score(card(MissingDataPolicy.NEUTRAL, 5), features().set("a", 60, 1).set("b", 90, 4).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(53.75, within(1e-9));
        assertThat(v.coverage()).isCloseTo(0.625, within(1e-12));
        assertThat(contribution(v, "b").value()).isEmpty();
    }

    @Test
    void score_exactlyMinObservations_countsAsData() {
        // b = 90 on 5 observations counts: 22.5 + 33.75 + 12.5 = 68.75.
        SuccessVector v = score(card(MissingDataPolicy.NEUTRAL, 5), features().set("a", 60, 1).set("b", 90, 5).set("c", 5, 1).build());

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.coverage()).isCloseTo(1.0, within(1e-12));
        assertThat(contribution(v, "b").value()).hasValue(90.0);
    }

    @Test
    void score_allInputsMissingOneWorst_scoresOnlyTheWorstStandIn() {
        // a and c redistribute, b counts as worst: only b is active, so it takes the whole weight: score 0.
        SuccessVector v = score(card(MissingDataPolicy.WORST), features().build());

        assertThat(v.score()).isZero();
        assertThat(contribution(v, "b").weight()).isCloseTo(1.0, within(1e-12));
        assertThat(v.coverage()).isZero();
    }

    @Test
    void score_wholeGroupMissingUnderRedistribute_givesItsWeightToTheOtherGroups() {
        // usage has no data: support carries the whole score: c 8 -> 0.8 * 100 = 80. Coverage: c's 0.25.
        SuccessVector v = score(card(MissingDataPolicy.REDISTRIBUTE), features().set("c", 8, 1).build());

        assertThat(v.score()).isCloseTo(80.0, within(1e-9));
        assertThat(contribution(v, "c").weight()).isCloseTo(1.0, within(1e-12));
        assertThat(contribution(v, "a").weight()).isZero();
        assertThat(contribution(v, "b").weight()).isZero();
        assertThat(v.coverage()).isCloseTo(0.25, within(1e-12));
        assertThat(v.band().label()).isEqualTo("green");
    }

    @Test
    void score_rawValueBeyondTheBounds_isKeptInTheContribution() {
        // a = 250 saturates at goodness 1 (37.5 points) but the vector keeps the raw 250: nothing is clamped.
        SuccessVector v = score(card(MissingDataPolicy.REDISTRIBUTE), features().set("a", 250, 1).set("b", 90, 1).set("c", 5, 1).build());

        assertThat(contribution(v, "a").points()).isCloseTo(37.5, within(1e-9));
        assertThat(contribution(v, "a").value()).hasValue(250.0);
    }

    private static ManualOverride override(double score, Duration setBefore, Duration expiresAfter) {
        return ManualOverride.builder().score(score).by(PersonId.of("csm-1")).reason("exec sponsor confirmed renewal")
                .setAt(ScoringFixtures.AS_OF.minus(setBefore)).expiresAt(ScoringFixtures.AS_OF.plus(expiresAfter)).build();
    }

    @Test
    void score_activeOverride_setsTheScoreAndAddsTheDifferenceAsAContribution() {
        // computed 68.75; the override sets 90; manual_override carries 90 - 68.75 = 21.25.
        ManualOverride o = override(90, Duration.ofDays(1), Duration.ofDays(10));
        AccountSnapshot s = ScoringFixtures.snapshot(features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build()).override(o).build();
        SuccessVector v = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE)).score(s);

        assertThat(v.score()).isEqualTo(90.0);
        assertThat(v.override()).contains(o);
        assertThat(v.override().get().reason()).isEqualTo("exec sponsor confirmed renewal");
        Contribution adjustment = contribution(v, SuccessVector.OVERRIDE_INPUT);
        assertThat(adjustment.points()).isCloseTo(21.25, within(1e-9));
        assertThat(adjustment.group()).isEqualTo("override");
        assertThat(adjustment.weight()).isZero();
        assertThat(sum(v)).isCloseTo(90.0, within(SuccessVector.TOLERANCE));
        assertThat(v.band().label()).isEqualTo("green");
    }

    @Test
    void score_overrideBelowTheComputedScore_carriesANegativeAdjustment() {
        // computed 68.75, override 20: adjustment -48.75.
        AccountSnapshot s = ScoringFixtures.snapshot(features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build())
                .override(override(20, Duration.ofDays(1), Duration.ofDays(1))).build();
        SuccessVector v = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE)).score(s);

        assertThat(v.score()).isEqualTo(20.0);
        assertThat(contribution(v, SuccessVector.OVERRIDE_INPUT).points()).isCloseTo(-48.75, within(1e-9));
        assertThat(v.band().label()).isEqualTo("red");
    }

    @Test
    void score_expiredOverride_isIgnoredAndAbsentFromTheVector() {
        AccountSnapshot s = ScoringFixtures.snapshot(features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build())
                .override(ManualOverride.builder().score(90).by(PersonId.of("csm-1")).reason("old news")
                        .setAt(ScoringFixtures.AS_OF.minus(Duration.ofDays(30)))
                        .expiresAt(ScoringFixtures.AS_OF).build()) // expiry is exclusive: expired at asOf
                .build();
        SuccessVector v = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE)).score(s);

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.override()).isEmpty();
        assertThat(v.contributions()).extracting(Contribution::input).doesNotContain(SuccessVector.OVERRIDE_INPUT);
    }

    @Test
    void score_overrideSetAfterAsOf_isNotYetActive() {
        AccountSnapshot s = ScoringFixtures.snapshot(features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build())
                .override(override(90, Duration.ofDays(-1), Duration.ofDays(5))).build();
        SuccessVector v = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE)).score(s);

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.override()).isEmpty();
    }

    @Test
    void summarize_equalsTheVectorsFields_withAndWithoutOverride() {
        WeightedScorecard strategy = WeightedScorecard.of(card(MissingDataPolicy.NEUTRAL));
        Features f = features().set("a", 33.3, 1).set("c", 7.1, 1).build();
        for (AccountSnapshot s : List.of(snapshot(f),
                ScoringFixtures.snapshot(f).override(override(12, Duration.ofDays(1), Duration.ofDays(1))).build())) {
            SuccessVector v = strategy.score(s);
            assertThat(strategy.summarize(s)).isEqualTo(new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(), v.bandHeld()));
        }
    }

    @Test
    void score_allInputsMissingAndRedistributed_isUnscored_notFiftyYellow() {
        // Nothing to redistribute to and nothing to stand in: no score, not a neutral 50 in yellow.
        SuccessVector v = score(card(MissingDataPolicy.REDISTRIBUTE), features().build());

        assertThat(v.unscored()).isTrue();
        assertThat(v.score()).isNaN();
        assertThat(v.band()).isNull();
        assertThat(v.direction()).isNull();
        assertThat(v.velocity()).isNaN();
        assertThat(v.coverage()).isZero();
        assertThat(v.bandHeld()).isFalse();
        assertThat(v.contributions()).extracting(Contribution::points).containsOnly(0.0);
        assertThat(v.contributions()).allSatisfy(c -> assertThat(c.missing()).contains(MissingDataPolicy.REDISTRIBUTE));
    }

    @Test
    void score_allInputsMissingButNeutral_isScoredByThePolicy() {
        // A policy that stands in for missing data scores: neutral everywhere is 50, as the scorecard says.
        SuccessVector v = score(card(MissingDataPolicy.NEUTRAL), features().build());

        assertThat(v.unscored()).isFalse();
        assertThat(v.score()).isCloseTo(50.0, within(1e-9));
        assertThat(v.coverage()).isZero();
    }

    @Test
    void score_allInputsMissingUnderAnActiveOverride_isTheOverridesScore() {
        ManualOverride override = ManualOverride.builder().score(80).by(PersonId.of("dana")).reason("renewal signed")
                .setAt(ScoringFixtures.AS_OF.minusSeconds(60)).expiresAt(ScoringFixtures.AS_OF.plusSeconds(86_400)).build();
        WeightedScorecard strategy = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE));
        AccountSnapshot s = AccountSnapshot.builder().from(snapshot(features().build())).override(override).build();

        SuccessVector v = strategy.score(s);

        assertThat(v.unscored()).isFalse();
        assertThat(v.score()).isEqualTo(80.0);
        assertThat(v.coverage()).isZero();
        assertThat(strategy.summarize(s)).isEqualTo(new ScoreSummary(v.score(), v.band(), v.direction(), v.velocity(), v.coverage(),
                v.bandHeld()));
    }

    @Test
    void summarize_allMissing_isUnscoredAsTheVector() {
        WeightedScorecard strategy = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE));

        ScoreSummary s = strategy.summarize(snapshot(features().build()));

        assertThat(s.scored()).isFalse();
        assertThat(s).isEqualTo(new ScoreSummary(Double.NaN, null, null, Double.NaN, 0.0, false));
    }

    @Test
    void scoreAll_allMissingRow_isUnscoredInTheColumns_asTheObjectPath() {
        org.cskit.model.columns.FeatureColumns f = org.cskit.model.columns.FeatureColumns.builder(SCHEMA, 2)
                .feature("a", new double[] {Double.NaN, 40}).feature("b", new double[] {Double.NaN, 80})
                .feature("c", new double[] {Double.NaN, 3}).build();
        AccountSnapshot like = snapshot(features().build());
        org.cskit.model.columns.AccountBatch batch = org.cskit.model.columns.AccountBatch.builder(f).asOf(like.asOf())
                .accountIds(r -> org.cskit.model.AccountId.of("r" + r)).segments(List.of(like.segment()), null)
                .stage(like.lifecycleStage()).build();
        org.cskit.model.columns.VectorColumns into = org.cskit.model.columns.VectorColumns.allocate(2, List.of("red", "yellow", "green"));

        WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE)).scoreAll(batch,
                org.cskit.model.columns.ScoreHistoryColumns.empty(2), into);

        assertThat(into.scores()[0]).isNaN();
        assertThat(into.bandCodes()[0]).isEqualTo((byte) -1);
        assertThat(into.directionCodes()[0]).isEqualTo((byte) -1);
        assertThat(into.velocities()[0]).isNaN();
        assertThat(into.coverages()[0]).isZero();
        assertThat(into.band(1)).as("a row with data is scored").isNotNull();
    }

    @Test
    void score_anotherSchema_isCompiledAgainstIt() {
        // The same strategy first meets one schema, then another that orders the features differently.
        WeightedScorecard strategy = WeightedScorecard.of(card(MissingDataPolicy.REDISTRIBUTE));
        org.cskit.model.FeatureSchema reversed = org.cskit.model.FeatureSchema.of("c", "b", "a", "extra");
        double first = strategy.score(snapshot(features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build())).score();
        double second = strategy.score(snapshot(Features.builder(reversed).set("a", 60, 1).set("b", 90, 1).set("c", 5, 1)
                .set("extra", 1, 1).build())).score();

        assertThat(second).isEqualTo(first);
        assertThat(strategy.name()).isEqualTo("weighted-scorecard");
        assertThat(strategy.config()).isEqualTo(card(MissingDataPolicy.REDISTRIBUTE));
        assertThat(strategy).hasToString("weighted-scorecard[abc v4]");
    }

    @Test
    void score_hugeWeights_areNormalisedWithoutOverflow() {
        // Every weight is finite and > 0, so the rules accept them; only their ratios count: still 68.75.
        double huge = Double.MAX_VALUE;
        Scorecard scaled = Scorecard.builder().id(ScorecardId.of("abc"))
                .addGroups(
                        ScorecardGroup.of("usage", huge,
                                ScoringFixtures.input("a", huge, new Normalizer.Linear(0, 100)),
                                ScoringFixtures.input("b", huge, new Normalizer.Linear(0, 100))),
                        ScorecardGroup.of("support", huge / 3, ScoringFixtures.input("c", 1, new Normalizer.Linear(0, 10))))
                .build();
        Features f = features().set("a", 60, 1).set("b", 90, 1).set("c", 5, 1).build();
        SuccessVector v = score(scaled, f);

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.coverage()).isCloseTo(1.0, within(1e-12));
        assertThat(WeightedScorecard.of(scaled).summarize(snapshot(f)).score()).isEqualTo(v.score());
    }
}
