package org.cskit.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AppropriateExperience;
import org.cskit.model.Channel;
import org.cskit.model.Contract;
import org.cskit.model.DesiredOutcome;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Measurement;
import org.cskit.model.MetricDirection;
import org.cskit.model.MetricId;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.PlanId;
import org.cskit.model.RequiredOutcome;
import org.cskit.model.Segment;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;

/** An account with two plans, one per product, each measured once and with two milestones due after the day. */
final class TwoPlans {
    static final LocalDate AS_OF = LocalDate.of(2026, 5, 10);
    private static final LocalDate START = LocalDate.of(2026, 1, 1);

    private TwoPlans() {}

    static Account account(double firstAttainment, double secondAttainment) {
        return Account.builder().id(AccountId.of("a")).name("A").segment(Segment.of("smb", EngagementModel.TECH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .contract(Contract.builder().arr(Money.of("10000.00", "EUR")).startDate(START).renewalDate(LocalDate.of(2027, 1, 1))
                        .termMonths(12).build())
                .successPlan(plan("one", firstAttainment, true)).addAdditionalPlans(plan("two", secondAttainment, false)).build();
    }

    private static SuccessPlan plan(String id, double attainment, boolean firstAchieved) {
        SuccessMetric metric = SuccessMetric.builder().id(MetricId.of(id + "-metric")).name(id).unit("count")
                .direction(MetricDirection.HIGHER_IS_BETTER).baseline(0).target(10).measurementMethod("counted")
                .addMeasurements(Measurement.of(Instant.parse("2026-04-01T00:00:00Z"), 10 * attainment)).build();
        Milestone.Builder first = milestone("m1", LocalDate.of(2026, 6, 1));
        if (firstAchieved) {
            first.status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 4, 1));
        }
        return SuccessPlan.builder().id(PlanId.of(id)).accountId(AccountId.of("a")).purpose("Reach " + id).product(id)
                .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().statement("Ten " + id).metric(metric)
                        .deadline(LocalDate.of(2026, 12, 31)).build(), AppropriateExperience.builder()
                        .engagementModel(EngagementModel.TECH_TOUCH).addChannels(Channel.EMAIL).cadence(Period.ofMonths(1)).build()))
                .addMilestones(first.build(), milestone("m2", LocalDate.of(2026, 7, 1)).build())
                .reviewCadence(Period.ofMonths(1)).startDate(START).build();
    }

    private static Milestone.Builder milestone(String id, LocalDate due) {
        return Milestone.builder().id(MilestoneId.of(id)).name(id).kind(MilestoneKind.OTHER).ownerSide(Side.VENDOR).dueDate(due)
                .completion(SignOff.of(Side.CUSTOMER, "done"));
    }
}
