package org.cskit.testkit;

import java.time.LocalDate;
import java.time.Period;
import org.cskit.model.AccountId;
import org.cskit.model.AppropriateExperience;
import org.cskit.model.Channel;
import org.cskit.model.DesiredOutcome;
import org.cskit.model.EngagementModel;
import org.cskit.model.MetricDirection;
import org.cskit.model.MetricId;
import org.cskit.model.MetricThreshold;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.PlanId;
import org.cskit.model.PlanStatus;
import org.cskit.model.RequiredOutcome;
import org.cskit.model.Responsibility;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;

/**
 * Success plans with valid defaults, as builders so that a test changes only what it is about.
 * Stateless and thread-safe; every builder is new.
 *
 * <p>The onboarding plan: required outcome "50 weekly active users" on metric
 * {@value #ACTIVE_USERS} (baseline 0, target 50) due 180 days after the start; milestones
 * {@code kickoff} (setup, day 14, customer sign-off), {@code first-value} (day 45, 10 active users)
 * and {@code rollout} (day 90, 40 active users, after first value), all planned; a champion and a
 * CSM responsible; monthly reviews; status active. No milestone or responsibility names a person,
 * so the plan fits any account.
 */
public final class TestPlans {
    /** The metric of the onboarding plan's required outcome. */
    public static final String ACTIVE_USERS = "active-users";

    private TestPlans() {}

    /**
     * An onboarding plan for an account.
     *
     * @param account the account; the plan's id is {@code <account>-onboarding}
     * @param start the plan's start; due dates count from it
     * @return a builder that builds a valid plan as it is
     */
    public static SuccessPlan.Builder onboarding(AccountId account, LocalDate start) {
        SuccessMetric activeUsers = SuccessMetric.builder()
                .id(MetricId.of(ACTIVE_USERS))
                .name("Weekly active users")
                .unit("count")
                .direction(MetricDirection.HIGHER_IS_BETTER)
                .baseline(0)
                .target(50)
                .measurementMethod("Product analytics, distinct users per ISO week")
                .build();
        SuccessPlan.Builder plan = SuccessPlan.builder()
                .id(PlanId.of(account.value() + "-onboarding"))
                .accountId(account)
                .purpose("The team works in the product every week")
                .desiredOutcome(DesiredOutcome.of(
                        RequiredOutcome.builder()
                                .statement("50 weekly active users")
                                .metric(activeUsers)
                                .deadline(start.plusDays(180))
                                .build(),
                        AppropriateExperience.builder()
                                .engagementModel(EngagementModel.HIGH_TOUCH)
                                .addChannels(Channel.VIDEO_CALL, Channel.EMAIL)
                                .cadence(Period.ofWeeks(2))
                                .build()))
                .addMilestones(
                        milestone("kickoff", "Kick-off and setup", MilestoneKind.SETUP, start.plusDays(14)).build(),
                        milestone("first-value", "Ten weekly active users", MilestoneKind.FIRST_VALUE, start.plusDays(45))
                                .completion(MetricThreshold.of(MetricId.of(ACTIVE_USERS), 10))
                                .addDependsOn(MilestoneId.of("kickoff"))
                                .build(),
                        milestone("rollout", "Forty weekly active users", MilestoneKind.ROLLOUT, start.plusDays(90))
                                .completion(MetricThreshold.of(MetricId.of(ACTIVE_USERS), 40))
                                .addDependsOn(MilestoneId.of("first-value"))
                                .build())
                .addResponsibilities(
                        Responsibility.builder().side(Side.CUSTOMER).role("Champion")
                                .duty("Brings the team into the product and gathers its feedback").build(),
                        Responsibility.builder().side(Side.VENDOR).role("Customer success manager")
                                .duty("Coaches the team and reports progress every two weeks").build())
                .reviewCadence(Period.ofMonths(1))
                .status(PlanStatus.ACTIVE)
                .startDate(start);
        return plan;
    }

    /**
     * A planned milestone owned by the vendor side and completed by the customer's sign-off.
     *
     * @param id the milestone's id
     * @param name its name
     * @param kind its kind
     * @param due its due date
     * @return a builder that builds a valid milestone as it is
     */
    public static Milestone.Builder milestone(String id, String name, MilestoneKind kind, LocalDate due) {
        return Milestone.builder()
                .id(MilestoneId.of(id))
                .name(name)
                .kind(kind)
                .ownerSide(Side.VENDOR)
                .dueDate(due)
                .completion(SignOff.of(Side.CUSTOMER, "The customer confirms"));
    }
}
