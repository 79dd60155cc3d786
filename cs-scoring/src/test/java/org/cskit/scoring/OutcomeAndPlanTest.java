package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.junit.jupiter.api.Test;

class OutcomeAndPlanTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(StandardFeatures.names());
    private static final WeightedScorecard CARD = WeightedScorecard.of(Scorecard.builder()
            .id(ScorecardId.of("outcome-only")).addGroups(OutcomeAndPlan.group(1)).build());

    private static SuccessVector score(Features features) {
        return CARD.score(AccountSnapshot.builder().accountId(AccountId.of("a")).asOf(Instant.parse("2026-05-10T00:00:00Z"))
                .segment(Segment.of("smb", EngagementModel.TECH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
                .features(features).build());
    }

    @Test
    void score_planOnTrack_weighsTheOutcomeMost() {
        // weights 3,1,1,1,1 of 7: attainment 0.5 -> 3/7*0.5; achieved 0.5 -> 1/7*0.5; on time 0.25 -> 1/7*0.25;
        // one overdue -> 0.5 -> 1/7*0.5; has plan -> 1/7. Sum = (1.5 + 0.5 + 0.25 + 0.5 + 1) / 7 = 3.75/7.
        SuccessVector v = score(Features.builder(SCHEMA)
                .set(StandardFeatures.OUTCOME_ATTAINMENT, 0.5, 3).set(StandardFeatures.MILESTONES_ACHIEVED, 0.5, 4)
                .set(StandardFeatures.MILESTONES_ON_TIME, 0.25, 4).set(StandardFeatures.MILESTONES_OVERDUE, 1, 4)
                .set(StandardFeatures.HAS_PLAN, 1, 1).build());

        assertThat(v.score()).isCloseTo(100 * 3.75 / 7, within(1e-9));
        assertThat(v.coverage()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void score_noPlan_scoresOnlyTheNeutralOutcome() {
        // Only the outcome (neutral, 3/7 * 0.5) scores; every plan input counts as worst.
        SuccessVector v = score(Features.builder(SCHEMA).set(StandardFeatures.HAS_PLAN, 0, 1).build());

        assertThat(v.score()).isCloseTo(100 * 1.5 / 7, within(1e-9));
        assertThat(v.band().label()).isEqualTo("red");
        assertThat(v.coverage()).isCloseTo(1.0 / 7, within(1e-12));
    }

    @Test
    void score_targetReachedBeatsTargetMissedWithTheSameActivity() {
        Features.Builder base = Features.builder(SCHEMA).set(StandardFeatures.MILESTONES_ACHIEVED, 1, 4)
                .set(StandardFeatures.MILESTONES_ON_TIME, 1, 4).set(StandardFeatures.MILESTONES_OVERDUE, 0, 4)
                .set(StandardFeatures.HAS_PLAN, 1, 1);

        double reached = score(base.set(StandardFeatures.OUTCOME_ATTAINMENT, 1.2, 5).build()).score();
        double regressed = score(base.set(StandardFeatures.OUTCOME_ATTAINMENT, -0.3, 5).build()).score();

        assertThat(reached).isCloseTo(100.0, within(1e-9));
        assertThat(regressed).isCloseTo(100 * 4.0 / 7, within(1e-9));
    }

    @Test
    void score_accountWithTwoPlans_scoresTheirCombinedFeatures() {
        // Plan one: attainment 0.8, 1 of 2 milestones achieved on time, none overdue. Plan two: attainment 0.2, 0 of 2.
        // Combined: attainment (0.8 + 0.2) / 2 = 0.5; achieved 1/4; on time 1/4; none overdue; has plan.
        Account account = TwoPlans.account(0.8, 0.2);
        Features.Builder b = Features.builder(SCHEMA);
        StandardFeatures.write(account, TwoPlans.AS_OF, b);

        SuccessVector v = score(b.build());

        assertThat(v.score()).isCloseTo(100 * (3 * 0.5 + 0.25 + 0.25 + 1 + 1) / 7, within(1e-9));
    }
}
