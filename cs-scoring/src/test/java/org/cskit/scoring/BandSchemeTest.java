package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.junit.jupiter.api.Test;

class BandSchemeTest {
    private static final BandScheme RYG = BandScheme.redYellowGreen();
    private static final Band YELLOW = Band.of("yellow", 1);

    @Test
    void redYellowGreen_rangesAreRedBelow40YellowTo70GreenAbove() {
        assertThat(RYG.ranges()).containsExactly(
                new BandScheme.Range("red", 0, 40), new BandScheme.Range("yellow", 40, 70), new BandScheme.Range("green", 70, 100));
        assertThat(RYG.hysteresis()).isEqualTo(2.0);
    }

    @Test
    void bandOf_rangesAreClosedBelowOpenAbove_lastIncludesHundred() {
        assertThat(RYG.bandOf(0)).isEqualTo(Band.of("red", 0));
        assertThat(RYG.bandOf(39.999)).isEqualTo(Band.of("red", 0));
        assertThat(RYG.bandOf(40)).isEqualTo(Band.of("yellow", 1));
        assertThat(RYG.bandOf(69.999)).isEqualTo(Band.of("yellow", 1));
        assertThat(RYG.bandOf(70)).isEqualTo(Band.of("green", 2));
        assertThat(RYG.bandOf(100)).isEqualTo(Band.of("green", 2));
    }

    @Test
    void bandOf_withinHysteresisOfThePreviousBand_staysInIt() {
        // yellow is [40, 70); widened by 2 points it holds [38, 72).
        assertThat(RYG.bandOf(38.0, Optional.of(YELLOW))).isEqualTo(YELLOW);
        assertThat(RYG.bandOf(39.5, Optional.of(YELLOW))).isEqualTo(YELLOW);
        assertThat(RYG.bandOf(71.999, Optional.of(YELLOW))).isEqualTo(YELLOW);
        // green [70, 100] holds down to 68; red [0, 40) holds up to below 42.
        assertThat(RYG.bandOf(68.0, Optional.of(Band.of("green", 2)))).isEqualTo(Band.of("green", 2));
        assertThat(RYG.bandOf(41.9, Optional.of(Band.of("red", 0)))).isEqualTo(Band.of("red", 0));
    }

    @Test
    void bandOf_beyondHysteresis_leavesThePreviousBand() {
        assertThat(RYG.bandOf(37.999, Optional.of(YELLOW))).isEqualTo(Band.of("red", 0));
        assertThat(RYG.bandOf(72.0, Optional.of(YELLOW))).isEqualTo(Band.of("green", 2));
        assertThat(RYG.bandOf(67.9, Optional.of(Band.of("green", 2)))).isEqualTo(YELLOW);
        assertThat(RYG.bandOf(42.0, Optional.of(Band.of("red", 0)))).isEqualTo(YELLOW);
        // far away, straight to the band of the score
        assertThat(RYG.bandOf(5, Optional.of(Band.of("green", 2)))).isEqualTo(Band.of("red", 0));
    }

    @Test
    void bandOf_withoutHysteresis_followsTheRangesExactly() {
        BandScheme sharp = BandScheme.builder().from(RYG).hysteresis(0).build();

        assertThat(sharp.bandOf(39.999, Optional.of(YELLOW))).isEqualTo(Band.of("red", 0));
        assertThat(sharp.bandOf(40.0, Optional.of(YELLOW))).isEqualTo(YELLOW);
        assertThat(sharp.bandOf(70.0, Optional.of(YELLOW))).isEqualTo(Band.of("green", 2));
    }

    @Test
    void bandOf_unknownPreviousLabel_isIgnored() {
        // 'amber' is not in this scheme: 39 is simply red, and no previous band is the same as none.
        assertThat(RYG.bandOf(39, Optional.of(Band.of("amber", 1)))).isEqualTo(Band.of("red", 0));
        assertThat(RYG.bandOf(39, Optional.empty())).isEqualTo(Band.of("red", 0));
    }

    @Test
    void bandOf_previousBandIsMatchedByLabel_andGetsThisSchemesRank() {
        assertThat(RYG.bandOf(39, Optional.of(Band.of("yellow", 7)))).isEqualTo(YELLOW);
    }

    @Test
    void of_startsSplitTheRange() {
        BandScheme s = BandScheme.of(List.of("low", "mid", "high"), 25, 80);

        assertThat(s.ranges()).containsExactly(
                new BandScheme.Range("low", 0, 25), new BandScheme.Range("mid", 25, 80), new BandScheme.Range("high", 80, 100));
        assertThat(s.hysteresis()).isEqualTo(2.0);
        assertThat(s.bandOf(24.9)).isEqualTo(Band.of("low", 0));
        assertThat(s.bandOf(80)).isEqualTo(Band.of("high", 2));
    }

    @Test
    void evenly_fiveLetters_areTwentyPointsWide() {
        BandScheme s = BandScheme.evenly(List.of("E", "D", "C", "B", "A"));

        assertThat(s.ranges()).extracting(BandScheme.Range::from).containsExactly(0.0, 20.0, 40.0, 60.0, 80.0);
        assertThat(s.ranges()).extracting(BandScheme.Range::to).containsExactly(20.0, 40.0, 60.0, 80.0, 100.0);
        assertThat(s.bandOf(59.9)).isEqualTo(Band.of("C", 2));
        assertThat(s.bandOf(100)).isEqualTo(Band.of("A", 4));
    }

    @Test
    void evenly_twoAndTwelveBands_areTheLimits() {
        assertThat(BandScheme.evenly(List.of("bad", "good")).ranges()).containsExactly(
                new BandScheme.Range("bad", 0, 50), new BandScheme.Range("good", 50, 100));
        List<String> twelve = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
        BandScheme s = BandScheme.evenly(twelve);
        assertThat(s.ranges()).hasSize(12);
        // 100 / 12 = 8.333...: 8.4 is the second band, 99 the twelfth.
        assertThat(s.bandOf(8.4)).isEqualTo(Band.of("2", 1));
        assertThat(s.bandOf(99)).isEqualTo(Band.of("12", 11));
    }

    @Test
    void score_singleDataPointNearABoundary_doesNotFlipTheBand() {
        // One input, linear 0..100, so the score is the value. Last week 45 (yellow); now 38.5: within
        // hysteresis the account stays yellow; without a previous vector it would be red.
        Scorecard card = Scorecard.builder().id(ScorecardId.of("one"))
                .addGroups(ScorecardGroup.of("g", 1, ScoringFixtures.input("x", 1, new Normalizer.Linear(0, 100)))).build();
        WeightedScorecard strategy = WeightedScorecard.of(card);
        FeatureSchema schema = FeatureSchema.of("x");
        SuccessVector lastWeek = strategy.score(ScoringFixtures.snapshot(Features.builder(schema).set("x", 45, 1).build())
                .asOf(ScoringFixtures.AS_OF.minus(Duration.ofDays(7))).build());
        AccountSnapshot.Builder now = ScoringFixtures.snapshot(Features.builder(schema).set("x", 38.5, 1).build());

        assertThat(lastWeek.band()).isEqualTo(YELLOW);
        assertThat(strategy.score(now.build()).band().label()).isEqualTo("red");
        assertThat(strategy.score(now.previousVector(lastWeek).build()).band()).isEqualTo(YELLOW);
        assertThat(strategy.summarize(now.previousVector(lastWeek).build()).band()).isEqualTo(YELLOW);
    }
}
