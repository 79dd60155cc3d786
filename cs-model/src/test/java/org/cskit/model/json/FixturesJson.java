package org.cskit.model.json;

import java.time.Instant;
import java.time.LocalDate;
import org.cskit.model.Fixtures;
import org.cskit.model.Measurement;
import org.cskit.model.MetricId;
import org.cskit.model.SalesHandoff;
import org.cskit.model.SuccessPlan;
import org.cskit.model.SuccessReview;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.MilestoneAchieved;

/** Values of the plan types whose JSON form is pinned by committed fixtures. */
final class FixturesJson {
    private FixturesJson() {}

    /** Acme's revised plan with 36 active users on 2026-05-04, which achieves the rollout by evidence. */
    static SuccessPlan rolledOut() {
        return Fixtures.revisedAccount().successPlan().orElseThrow()
                .withMeasurement(MetricId.of("active-users"), Measurement.of(Instant.parse("2026-05-04T00:00:00Z"), 36));
    }

    static MilestoneAchieved achieved() {
        return AccountEvents.milestonesAchieved(rolledOut().completeByEvidence(LocalDate.of(2026, 5, 10))).get(0);
    }

    static SalesHandoff handoff() {
        return Fixtures.handoffBuilder().build();
    }

    static SuccessReview review() {
        return SuccessReview.of(Fixtures.accountBuilder().successPlan(rolledOut()).build(), LocalDate.of(2026, 5, 10));
    }
}
