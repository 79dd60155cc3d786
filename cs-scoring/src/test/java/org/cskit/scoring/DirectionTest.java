package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.junit.jupiter.api.Test;

/** One input, linear 0..100, so the current score is the value; history points are weekly unless said otherwise. */
class DirectionTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("x");

    private static WeightedScorecard strategy(DirectionPolicy policy) {
        return WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("one")).direction(policy)
                .addGroups(ScorecardGroup.of("g", 1, ScoringFixtures.input("x", 1, new Normalizer.Linear(0, 100)))).build());
    }

    private static SuccessVector score(DirectionPolicy policy, double now, List<ScorePoint> history) {
        AccountSnapshot s = ScoringFixtures.snapshot(Features.builder(SCHEMA).set("x", now, 1).build()).history(history).build();
        SuccessVector v = strategy(policy).score(s);
        assertThat(strategy(policy).summarize(s).velocity()).isEqualTo(v.velocity());
        return v;
    }

    private static ScorePoint weeksAgo(double weeks, double score) {
        return ScorePoint.of(ScoringFixtures.AS_OF.minusSeconds(Math.round(weeks * 7 * 24 * 3600)), score);
    }

    /** Weekly points from {@code weeks} weeks ago to last week, on the line now - slope * weeksAgo. */
    private static List<ScorePoint> line(int weeks, double now, double slope) {
        List<ScorePoint> h = new ArrayList<>();
        for (int k = weeks; k >= 1; k--) {
            h.add(weeksAgo(k, now - slope * k));
        }
        return h;
    }

    @Test
    void policy_defaults_areTwelveWeeksThreePointsHalfAPoint() {
        DirectionPolicy d = DirectionPolicy.ofDefaults();
        assertThat(d.lookback()).isEqualTo(Duration.ofDays(84));
        assertThat(d.minPoints()).isEqualTo(3);
        assertThat(d.flatBelow()).isEqualTo(0.5);
    }

    @Test
    void score_risingTwoPointsPerWeekOverTwelvePoints_isImprovingAtTwo() {
        // 11 weekly points 38, 40, ..., 58 and the current 60: an exact line of slope 2 per week.
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 60, line(11, 60, 2));

        assertThat(v.velocity()).isCloseTo(2.0, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.IMPROVING);
    }

    @Test
    void score_fallingThreePointsPerWeek_isDecliningAtMinusThree() {
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 40, line(5, 40, -3));

        assertThat(v.velocity()).isCloseTo(-3.0, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.DECLINING);
    }

    @Test
    void score_smallWiggle_isFlat() {
        // 60.3, 59.7, 60.3, 59.7, 60.3 and 60 now: the slope is well under 0.5 points a week.
        List<ScorePoint> h = List.of(weeksAgo(5, 60.3), weeksAgo(4, 59.7), weeksAgo(3, 60.3), weeksAgo(2, 59.7), weeksAgo(1, 60.3));
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 60, h);

        assertThat(Math.abs(v.velocity())).isLessThan(0.5);
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_slopeBelowACustomNoiseThreshold_isFlatButKeepsItsVelocity() {
        SuccessVector v = score(DirectionPolicy.builder().flatBelow(2.5).build(), 60, line(11, 60, 2));

        assertThat(v.velocity()).isCloseTo(2.0, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_fewerThanMinPoints_isFlatWithVelocityZero() {
        // One history point and the current score are 2 points; 3 are needed. The jump 20 -> 60 is ignored.
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 60, List.of(weeksAgo(1, 20)));

        assertThat(v.velocity()).isZero();
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_noHistory_isFlatWithVelocityZero() {
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 60, List.of());

        assertThat(v.velocity()).isZero();
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_pointsOlderThanTheLookback_areIgnored() {
        // 20..13 weeks ago at 0 would make a steep rise; within 12 weeks the score is a flat 60.
        List<ScorePoint> h = new ArrayList<>();
        for (int k = 20; k >= 13; k--) {
            h.add(weeksAgo(k, 0));
        }
        h.addAll(List.of(weeksAgo(3, 60), weeksAgo(2, 60), weeksAgo(1, 60)));
        SuccessVector v = score(DirectionPolicy.ofDefaults(), 60, h);

        assertThat(v.velocity()).isCloseTo(0.0, within(1e-12));
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_pointExactlyAtTheLookback_counts_oneSecondOlderDoesNot() {
        // minPoints 2: 12 weeks ago 36, now 60: (60 - 36) / 12 = 2 per week.
        DirectionPolicy two = DirectionPolicy.builder().minPoints(2).build();
        SuccessVector at = score(two, 60, List.of(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(84)), 36)));
        SuccessVector before = score(two, 60, List.of(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(84)).minusSeconds(1), 36)));

        assertThat(at.velocity()).isCloseTo(2.0, within(1e-9));
        assertThat(before.velocity()).isZero();
        assertThat(before.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_lookbackLongerThanTime_takesTheWholeHistory() {
        // Any positive lookback is valid; one reaching before Instant.MIN must not break scoring.
        SuccessVector v = score(DirectionPolicy.builder().lookback(Duration.ofSeconds(Long.MAX_VALUE)).build(), 60, line(11, 60, 2));

        assertThat(v.velocity()).isCloseTo(2.0, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.IMPROVING);
    }

    @Test
    void score_shorterLookback_usesOnlyRecentPoints() {
        // Lookback 3 weeks: only 53, 52, 51 (3, 2, 1 weeks ago) and 50 now count: -1 per week, beyond the 0.5 noise.
        List<ScorePoint> h = new ArrayList<>(line(10, 50, 5).subList(0, 7)); // 10..4 weeks ago, steeply rising
        h.addAll(List.of(weeksAgo(3, 53), weeksAgo(2, 52), weeksAgo(1, 51)));
        SuccessVector v = score(DirectionPolicy.builder().lookback(Duration.ofDays(21)).build(), 50, h);

        assertThat(v.velocity()).isCloseTo(-1.0, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.DECLINING);
    }

    @Test
    void score_overrideIsTheCurrentPointOfTheLine() {
        // History 38..58 as above; the computed score would be 10, but an override of 60 is the current score.
        AccountSnapshot s = ScoringFixtures.snapshot(Features.builder(SCHEMA).set("x", 10, 1).build()).history(line(11, 60, 2))
                .override(org.cskit.model.ManualOverride.builder().score(60).by(org.cskit.model.PersonId.of("p")).reason("r")
                        .setAt(ScoringFixtures.AS_OF.minus(Duration.ofDays(1))).expiresAt(ScoringFixtures.AS_OF.plus(Duration.ofDays(1))).build())
                .build();

        assertThat(strategy(DirectionPolicy.ofDefaults()).score(s).velocity()).isCloseTo(2.0, within(1e-9));
    }
}
