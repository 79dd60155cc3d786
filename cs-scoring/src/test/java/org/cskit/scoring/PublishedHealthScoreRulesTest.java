package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

/**
 * Two platforms' published health-score rules, reproduced by configuration (issue 17, items 6 to 8).
 *
 * <p><b>Gainsight</b>, Scorecard FAQs, "Which range does the 'From' value fall into when using the
 * Numeric (0-100) ranges?" (https://support.gainsight.com/Gainsight_NXT/05Scorecards/FAQs/Scorecard_FAQs):
 * "Except for the 0-X range, the 'From' value is not included in the scoring scheme ranges. So in
 * the case of: 0 - 50 range, scores 0 - 50 are considered as Red. 50 - 75 range, scores 51 - 75 are
 * Yellow. 75 - 100 range, scores 76 - 100 are Green." That is {@link BandScheme.Boundary#TO_INCLUSIVE}.
 * The page does not say how a fractional score is rounded; the test rounds to two decimals.
 *
 * <p><b>Totango</b>, "Configure profiles for multidimensional health"
 * (https://support.totango.com/hc/en-us/articles/4410017625748-Configure-profiles-for-multidimensional-health):
 * "Good = 100 points if the good criteria is met; Average = 60 points if average criteria is met;
 * Red = 0 points if the poor criteria is met. Dimensions score: ... MetricScore1 X Weight1 +
 * MetricScore2 X Weight2 + ...MetricScoreN X WeightN, rounded to the nearest integer. Overall score:
 * the score(s) from each dimension are calculated and weighted to provide a total score (a number
 * between 0 and 100)." A metric is a tiers input scoring 0, 0.6 or 1, a dimension a group, and the
 * overall score is rounded to whole points before banding. Not expressible in cskit: the rounding of
 * each <i>dimension</i> score before the overall sum (cskit rounds only the overall score), so the
 * example below has whole dimension scores. The page leaves the good/average/poor score ranges to
 * the customer; the test uses 0-40-70.
 */
class PublishedHealthScoreRulesTest {
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");

    private static BandScheme gainsight(Integer decimals) {
        BandScheme.Builder b = BandScheme.builder().ranges(List.of(new BandScheme.Range("Red", 0, 50),
                new BandScheme.Range("Yellow", 50, 75), new BandScheme.Range("Green", 75, 100)))
                .boundary(BandScheme.Boundary.TO_INCLUSIVE).hysteresis(0);
        if (decimals != null) {
            b.scoreDecimals(decimals);
        }
        return b.build();
    }

    @Test
    void gainsight_fromIsExclusiveExceptInTheFirstRange() {
        BandScheme scheme = gainsight(null);

        assertThat(scheme.bandOf(0).label()).isEqualTo("Red");
        assertThat(scheme.bandOf(50).label()).isEqualTo("Red");
        assertThat(scheme.bandOf(51).label()).isEqualTo("Yellow");
        assertThat(scheme.bandOf(75).label()).isEqualTo("Yellow");
        assertThat(scheme.bandOf(76).label()).isEqualTo("Green");
        assertThat(scheme.bandOf(100).label()).isEqualTo("Green");
    }

    @Test
    void gainsight_aScoreOf75UpToRoundingError_isYellowOnceRounded() {
        // Weights 0.1 and 0.3 on values 60 and 80 make 75 exactly, but the doubles make 75.00000000000001.
        AccountSnapshot s = snapshot(60, 80);
        double raw = WeightedScorecard.of(twoInputs(0.1, 0.3, gainsight(null))).score(s).score();

        SuccessVector unrounded = WeightedScorecard.of(twoInputs(0.1, 0.3, gainsight(null))).score(s);
        SuccessVector rounded = WeightedScorecard.of(twoInputs(0.1, 0.3, gainsight(2))).score(s);

        assertThat(raw).isNotEqualTo(75.0).isEqualTo(75.00000000000001);
        assertThat(unrounded.band().label()).isEqualTo("Green");
        assertThat(rounded.band().label()).isEqualTo("Yellow");
        assertThat(rounded.score()).as("the vector keeps the exact score").isEqualTo(raw);
    }

    @Test
    void defaultBoundary_aScoreOf75UpToRoundingError_isInTheBandStartingAt75OnceRounded() {
        // Weights 0.2 and 0.9 on 75 and 75 give 74.99999999999999.
        BandScheme exact = BandScheme.of(List.of("red", "yellow", "green"), 50, 75);
        BandScheme rounding = BandScheme.builder().from(exact).scoreDecimals(2).build();
        AccountSnapshot s = snapshot(75, 75);

        assertThat(WeightedScorecard.of(twoInputs(0.2, 0.9, exact)).score(s).score()).isEqualTo(74.99999999999999);
        assertThat(WeightedScorecard.of(twoInputs(0.2, 0.9, exact)).score(s).band().label()).isEqualTo("yellow");
        assertThat(WeightedScorecard.of(twoInputs(0.2, 0.9, rounding)).score(s).band().label()).isEqualTo("green");
    }

    @Test
    void totango_multidimensionalExample_isReproduced() {
        // Usage (60%): logins good (100) and seats average (60), 50% each: 80. Support (40%): tickets poor (0): 0.
        // Overall 0.6 * 80 + 0.4 * 0 = 48: Average on 0-40-70.
        Normalizer engagement = new Normalizer.Tiers(List.of(30.0, 60.0), List.of(0.0, 0.6, 1.0));
        // Open tickets: good if at most 2, poor if more than 5; lower is better, the bound in the lower tier.
        Normalizer tickets = new Normalizer.Tiers(List.of(2.0, 5.0), List.of(0.0, 0.4, 1.0), Normalizer.Tiers.AtBound.LOWER_TIER);
        BandScheme scheme = BandScheme.builder().ranges(List.of(new BandScheme.Range("Poor", 0, 40),
                new BandScheme.Range("Average", 40, 70), new BandScheme.Range("Good", 70, 100))).scoreDecimals(0).build();
        Scorecard card = Scorecard.builder().id(ScorecardId.of("totango")).bands(scheme)
                .addGroups(ScorecardGroup.of("usage", 60,
                                ScorecardInput.builder().name("logins").weight(50).normalizer(engagement).build(),
                                ScorecardInput.builder().name("seats").weight(50).normalizer(engagement).build()),
                        ScorecardGroup.of("support", 40, ScorecardInput.builder().name("tickets").weight(100).normalizer(tickets)
                                .direction(MetricDirection.LOWER_IS_BETTER).build()))
                .build();
        FeatureSchema schema = FeatureSchema.of(List.of("logins", "seats", "tickets"));

        SuccessVector v = WeightedScorecard.of(card).score(snapshot(Features.builder(schema)
                .set("logins", 75, 1).set("seats", 45, 1).set("tickets", 6, 1).build()));

        assertThat(scheme.bandedScore(v.score())).isEqualTo(48.0);
        assertThat(v.band().label()).isEqualTo("Average");
        assertThat(v.contributions()).extracting(c -> Math.round(c.points() * 1e9) / 1e9).containsExactly(30.0, 18.0, 0.0);
    }

    @Test
    void tiers_atBoundLowerTier_putsABoundValueInTheTierBelow() {
        Normalizer.Tiers tickets = new Normalizer.Tiers(List.of(2.0, 5.0), List.of(0.0, 0.4, 1.0), Normalizer.Tiers.AtBound.LOWER_TIER);
        Normalizer.Tiers usual = new Normalizer.Tiers(List.of(2.0, 5.0), List.of(0.0, 0.4, 1.0));

        assertThat(tickets.goodness(2)).isEqualTo(0.0);
        assertThat(tickets.goodness(2.0001)).isEqualTo(0.4);
        assertThat(tickets.goodness(5)).isEqualTo(0.4);
        assertThat(tickets.goodness(5.0001)).isEqualTo(1.0);
        assertThat(usual.goodness(2)).isEqualTo(0.4);
        assertThat(usual.goodness(5)).isEqualTo(1.0);
        // The scorecard's compiled evaluator agrees with the normaliser: 2 open tickets is good.
        Scorecard card = Scorecard.builder().id(ScorecardId.of("t")).addGroups(ScorecardGroup.of("support", 1,
                ScorecardInput.builder().name("tickets").weight(1).normalizer(tickets).direction(MetricDirection.LOWER_IS_BETTER).build()))
                .build();
        FeatureSchema schema = FeatureSchema.of(List.of("tickets"));
        assertThat(WeightedScorecard.of(card).score(snapshot(Features.builder(schema).set("tickets", 2, 1).build())).score())
                .isEqualTo(100.0);
    }

    @Test
    void json_boundaryDecimalsAndAtBound_roundTripAndDefaultsStayOut() {
        CsJson json = CsJson.create();
        Normalizer tickets = new Normalizer.Tiers(List.of(2.0, 5.0), List.of(0.0, 0.4, 1.0), Normalizer.Tiers.AtBound.LOWER_TIER);

        assertThat(json.read(json.write(gainsight(2)), BandScheme.class)).isEqualTo(gainsight(2));
        assertThat(json.read(json.write(tickets), Normalizer.class)).isEqualTo(tickets);
        assertThat(json.write(BandScheme.redYellowGreen())).doesNotContain("boundary").doesNotContain("scoreDecimals");
        assertThat(json.write(new Normalizer.Tiers(List.of(1.0), List.of(0.0, 1.0)))).doesNotContain("atBound");
        assertThat(json.read("{\"type\": \"TIERS\", \"bounds\": [1], \"scores\": [0, 1]}", Normalizer.class))
                .isEqualTo(new Normalizer.Tiers(List.of(1.0), List.of(0.0, 1.0)));
    }

    @Test
    void score_bandKeptByHysteresis_isMarkedHeldInTheVector() {
        Scorecard card = twoInputs(1, 1, BandScheme.redYellowGreen());
        SuccessVector green = WeightedScorecard.of(card).score(snapshot(71, 71));
        AccountSnapshot later = AccountSnapshot.builder().from(snapshot(69, 69)).asOf(AS_OF.plusSeconds(86_400))
                .previousVector(green).build();

        SuccessVector held = WeightedScorecard.of(card).score(later);

        assertThat(green.bandHeld()).isFalse();
        assertThat(held.score()).isEqualTo(69.0);
        assertThat(held.band().label()).isEqualTo("green");
        assertThat(held.bandHeld()).isTrue();
        assertThat(CsJson.create().write(held)).contains("\"bandHeld\" : true");
        assertThat(CsJson.create().write(green)).doesNotContain("bandHeld");
    }

    private static Scorecard twoInputs(double wx, double wy, BandScheme bands) {
        return Scorecard.builder().id(ScorecardId.of("t")).bands(bands).addGroups(ScorecardGroup.of("g", 1,
                ScorecardInput.builder().name("x").weight(wx).normalizer(new Normalizer.Linear(0, 100)).build(),
                ScorecardInput.builder().name("y").weight(wy).normalizer(new Normalizer.Linear(0, 100)).build())).build();
    }

    private static AccountSnapshot snapshot(double x, double y) {
        FeatureSchema schema = FeatureSchema.of(List.of("x", "y"));
        return snapshot(Features.builder(schema).set("x", x, 1).set("y", y, 1).build());
    }

    private static AccountSnapshot snapshot(Features f) {
        return AccountSnapshot.builder().accountId(AccountId.of("a")).asOf(AS_OF)
                .segment(Segment.of("s", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION).features(f).build();
    }

}
