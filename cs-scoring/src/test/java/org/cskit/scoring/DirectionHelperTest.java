package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.junit.jupiter.api.Test;

/**
 * One public rule for direction and velocity (issue 17, item 13): plug-ins computed their own, so
 * DECLINING meant different things in different strategies.
 */
class DirectionHelperTest {
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");

    @Test
    void historyVelocity_isWhatTheScorecardReports() {
        Scorecard card = Scorecard.builder().id(ScorecardId.of("t")).addGroups(ScorecardGroup.of("g", 1,
                ScorecardInput.builder().name("x").weight(1).normalizer(new Normalizer.Linear(0, 100)).build())).build();
        AccountSnapshot s = snapshot(40, List.of(ScorePoint.of(AS_OF.minusSeconds(14 * 86_400), 50),
                ScorePoint.of(AS_OF.minusSeconds(7 * 86_400), 46)));

        SuccessVector v = WeightedScorecard.of(card).score(s);
        DirectionPolicy policy = card.direction();

        assertThat(policy.historyVelocity(s, v.score())).hasValue(v.velocity());
        assertThat(v.velocity()).isEqualTo(-5.0);
        assertThat(policy.directionOf(v.velocity())).isEqualTo(v.direction()).isEqualTo(Direction.DECLINING);
    }

    @Test
    void historyVelocity_tooFewPoints_isEmpty_andSmallSlopesAreFlat() {
        DirectionPolicy policy = DirectionPolicy.ofDefaults();

        assertThat(policy.historyVelocity(snapshot(40, List.of(ScorePoint.of(AS_OF.minusSeconds(86_400), 50))), 40)).isEmpty();
        assertThat(policy.directionOf(0.49)).isEqualTo(Direction.FLAT);
        assertThat(policy.directionOf(-0.5)).isEqualTo(Direction.DECLINING);
        assertThat(policy.directionOf(0.5)).isEqualTo(Direction.IMPROVING);
    }

    private static AccountSnapshot snapshot(double x, List<ScorePoint> history) {
        return AccountSnapshot.builder().accountId(AccountId.of("a")).asOf(AS_OF)
                .segment(Segment.of("s", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
                .features(Features.builder(FeatureSchema.of(List.of("x"))).set("x", x, 1).build()).history(history).build();
    }
}
