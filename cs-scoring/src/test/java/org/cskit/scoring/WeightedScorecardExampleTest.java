package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;
import org.junit.jupiter.api.Test;

class WeightedScorecardExampleTest {

    @Test
    void score_workedExample_matchesHandArithmetic() {
        // usage share 3/4, each usage input half of it: 3/8 each; support share 1/4.
        // logins 60 -> 0.6; seats 0.9 -> 0.9; tickets 3 -> tier 0.5 (lower is better: 1 - 0.5 = 0.5).
        // points: 37.5 * 0.6 = 22.5; 37.5 * 0.9 = 33.75; 25 * 0.5 = 12.5; score 68.75 -> yellow.
        SuccessVector v = WeightedScorecard.of(ScoringFixtures.scorecard()).score(ScoringFixtures.snapshot(
                ScoringFixtures.features().set("logins_14d", 60, 14).set("seat_utilisation", 0.9, 1)
                        .set("open_tickets", 3, 3).build()).build());

        assertThat(v.score()).isCloseTo(68.75, within(1e-9));
        assertThat(v.band().label()).isEqualTo("yellow");
        assertThat(v.contributions()).extracting(Contribution::points)
                .containsExactly(22.5, 33.75, 12.5);
        assertThat(v.coverage()).isCloseTo(1.0, within(1e-12));
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
        assertThat(v.scorecardVersion()).isEqualTo(2);
    }

    @Test
    void score_missingInputRedistributed_sharesItsWeightWithinTheGroup() {
        // seats missing: logins takes the whole usage share 3/4: 75 * 0.6 = 45; tickets 12.5; score 57.5.
        SuccessVector v = WeightedScorecard.of(ScoringFixtures.scorecard()).score(ScoringFixtures.snapshot(
                ScoringFixtures.features().set("logins_14d", 60, 14).set("open_tickets", 3, 3).build()).build());

        assertThat(v.score()).isCloseTo(57.5, within(1e-9));
        assertThat(v.coverage()).isCloseTo(0.625, within(1e-12));
        assertThat(v.contributions().get(1).weight()).isZero();
        assertThat(v.contributions().get(1).value()).isEmpty();
        assertThat(v.contributions().get(1).missing()).contains(org.cskit.model.MissingDataPolicy.REDISTRIBUTE);
        assertThat(v.contributions().get(0).missing()).isEmpty();
    }

    @Test
    void score_noHistoryButAnInputTrend_projectsTheVelocity() {
        // logins fall by 6 a week: 60 -> 54 is 0.6 -> 0.54 of usage's logins share 3/8: 37.5 * -0.06 = -2.25/week.
        Scorecard card = Scorecard.builder().from(ScoringFixtures.scorecard())
                .direction(DirectionPolicy.builder().putInputTrends("logins_14d", "nps").build()).build();
        SuccessVector v = WeightedScorecard.of(card).score(ScoringFixtures.snapshot(
                ScoringFixtures.features().set("logins_14d", 60, 14).set("seat_utilisation", 0.9, 1)
                        .set("open_tickets", 3, 3).set("nps", -6, 2).build()).build());

        assertThat(v.velocity()).isCloseTo(-2.25, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.DECLINING);
    }

    @Test
    void build_trendOfAnUnknownInput_isRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scorecard.builder().from(ScoringFixtures.scorecard())
                        .direction(DirectionPolicy.builder().putInputTrends("logins", "nps").build()).build())
                .isInstanceOf(org.cskit.model.ValidationException.class)
                .hasMessage("direction.inputTrends names 'logins', which is not an input of scorecard 'test-card'");
    }
}
