package org.cskit.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/** A complete, realistic account with a success plan, shared by the model's tests. */
public final class Fixtures {
    public static final LocalDate PLAN_START = LocalDate.of(2026, 2, 1);

    private Fixtures() {}

    public static SuccessMetric closeDays() {
        return SuccessMetric.builder()
                .id(MetricId.of("close-days"))
                .name("Days to close the books")
                .unit("days")
                .direction(MetricDirection.LOWER_IS_BETTER)
                .baseline(10)
                .target(3)
                .measurementMethod("Finance team's month-end checklist, read on the 5th working day")
                .addMeasurements(Measurement.of(Instant.parse("2026-03-06T09:00:00Z"), 9))
                .addMeasurements(Measurement.of(Instant.parse("2026-04-06T09:00:00Z"), 7))
                .addMeasurements(Measurement.of(Instant.parse("2026-05-06T09:00:00Z"), 5))
                .build();
    }

    public static SuccessMetric activeUsers() {
        return SuccessMetric.builder()
                .id(MetricId.of("active-users"))
                .name("Weekly active finance users")
                .unit("count")
                .direction(MetricDirection.HIGHER_IS_BETTER)
                .baseline(0)
                .target(40)
                .measurementMethod("Product analytics, distinct users per ISO week")
                .addMeasurements(Measurement.of(Instant.parse("2026-03-02T00:00:00Z"), 12))
                .addMeasurements(Measurement.of(Instant.parse("2026-04-06T00:00:00Z"), 31))
                .build();
    }

    public static DesiredOutcome desiredOutcome() {
        return DesiredOutcome.of(
                RequiredOutcome.builder()
                        .statement("Close the books in 3 days instead of 10")
                        .metric(closeDays())
                        .deadline(LocalDate.of(2026, 9, 30))
                        .build(),
                AppropriateExperience.builder()
                        .engagementModel(EngagementModel.HIGH_TOUCH)
                        .addChannels(Channel.VIDEO_CALL, Channel.EMAIL)
                        .cadence(Period.ofWeeks(2))
                        .addConstraints("All data stays in the EU")
                        .build());
    }

    public static Milestone.Builder milestone(String id, String name, MilestoneKind kind, LocalDate due) {
        return Milestone.builder()
                .id(MilestoneId.of(id))
                .name(name)
                .kind(kind)
                .ownerSide(Side.VENDOR)
                .dueDate(due)
                .completion(SignOff.of(Side.CUSTOMER, "Controller confirms"));
    }

    public static SuccessPlan.Builder planBuilder() {
        return SuccessPlan.builder()
                .id(PlanId.of("acme-plan"))
                .accountId(AccountId.of("acme"))
                .purpose("Finance closes faster with fewer manual steps")
                .desiredOutcome(desiredOutcome())
                .addMetrics(activeUsers())
                .addMilestones(
                        milestone("setup", "Connect the ledger", MilestoneKind.SETUP, LocalDate.of(2026, 2, 20))
                                .owner(PersonId.of("csm-1"))
                                .status(MilestoneStatus.ACHIEVED)
                                .achievedOn(LocalDate.of(2026, 2, 18))
                                .build(),
                        milestone("first-close", "First close in the product", MilestoneKind.FIRST_VALUE, LocalDate.of(2026, 3, 10))
                                .ownerSide(Side.CUSTOMER)
                                .owner(PersonId.of("dana"))
                                .completion(MetricThreshold.of(MetricId.of("close-days"), 9))
                                .status(MilestoneStatus.ACHIEVED)
                                .achievedOn(LocalDate.of(2026, 3, 12))
                                .addDependsOn(MilestoneId.of("setup"))
                                .build(),
                        milestone("rollout", "All finance users on board", MilestoneKind.ROLLOUT, LocalDate.of(2026, 4, 30))
                                .completion(MetricThreshold.of(MetricId.of("active-users"), 35))
                                .status(MilestoneStatus.IN_PROGRESS)
                                .addDependsOn(MilestoneId.of("first-close"))
                                .expansionOpportunity(ExpansionOpportunity.builder()
                                        .description("Procurement module for the purchasing team")
                                        .estimatedArr(Money.of("24000.00", "EUR"))
                                        .build())
                                .build(),
                        milestone("qbr", "Quarterly business review", MilestoneKind.REVIEW, LocalDate.of(2026, 6, 15))
                                .build())
                .addResponsibilities(
                        Responsibility.builder().side(Side.CUSTOMER).role("Champion").person(PersonId.of("dana"))
                                .duty("Runs the close in the product and gathers the team's feedback").build(),
                        Responsibility.builder().side(Side.VENDOR).role("Customer success manager").person(PersonId.of("csm-1"))
                                .duty("Coaches the team and reports progress every two weeks").build())
                .addRisks(Risk.builder().description("Controller leaves before rollout").level(RiskLevel.MEDIUM)
                        .mitigation("Name a deputy controller").ownerSide(Side.CUSTOMER).build())
                .addGaps(SuccessGap.builder().description("No one on the team can map the chart of accounts")
                        .milestone(MilestoneId.of("setup")).bridge("Solutions engineer maps it with them").closed(true).build())
                .reviewCadence(Period.ofMonths(1))
                .status(PlanStatus.ACTIVE)
                .startDate(PLAN_START);
    }

    public static SuccessPlan plan() {
        return planBuilder().build();
    }

    public static Account.Builder accountBuilder() {
        return Account.builder()
                .id(AccountId.of("acme"))
                .name("Acme Corp")
                .segment(Segment.of("enterprise-emea", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .putAttributes("industry", "Manufacturing")
                .putAttributes("region", "EMEA")
                .contract(Contract.builder()
                        .arr(Money.of("120000.00", "EUR"))
                        .startDate(LocalDate.of(2026, 1, 15))
                        .renewalDate(LocalDate.of(2027, 1, 15))
                        .termMonths(12)
                        .autoRenew(true)
                        .build())
                .addStakeholders(
                        Stakeholder.builder().id(PersonId.of("dana")).name("Dana Ruiz").title("Controller")
                                .email("dana@acme.example").roles(Set.of(StakeholderRole.CHAMPION, StakeholderRole.ADMIN)).build(),
                        Stakeholder.builder().id(PersonId.of("lee")).name("Lee Park").title("CFO")
                                .addRoles(StakeholderRole.EXECUTIVE_SPONSOR).build())
                .addAccountTeam(
                        TeamMember.of(PersonId.of("csm-1"), "Sam Okafor", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER),
                        TeamMember.of(PersonId.of("ae-1"), "Rae Chen", AccountTeamRole.ACCOUNT_EXECUTIVE))
                .successPlan(plan());
    }

    public static SuccessVector vector() {
        return SuccessVector.builder()
                .accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-05-10T00:00:00Z"))
                .score(62.5)
                .band(Band.of("yellow", 1))
                .direction(Direction.IMPROVING)
                .velocity(1.75)
                .coverage(0.8)
                .addContributions(
                        Contribution.builder().input("logins_14d").group("usage").points(30).weight(0.4).value(212).build(),
                        Contribution.builder().input("outcome_attainment").group("outcome").points(32.5).weight(0.4).value(0.71).build(),
                        Contribution.builder().input("nps").group("sentiment").points(0).weight(0.2).build())
                .scorecardId(ScorecardId.of("enterprise-default"))
                .scorecardVersion(3)
                .build();
    }

    public static Signal signal() {
        return Signal.builder()
                .id(SignalId.of("sig-1"))
                .accountId(AccountId.of("acme"))
                .family(SignalFamily.SUPPORT)
                .name("tickets_open_sev1")
                .value(2)
                .unit(Signal.COUNT)
                .observedAt(Instant.parse("2026-05-09T14:30:00Z"))
                .source("zendesk")
                .build();
    }

    /** What sales handed over for Acme: the fixture's outcome, two stakeholders, one high risk, sold by the AE. */
    public static SalesHandoff.Builder handoffBuilder() {
        return SalesHandoff.builder().accountId(AccountId.of("acme")).handedOverOn(LocalDate.of(2026, 1, 10))
                .useCase("Month-end close in the product instead of spreadsheets")
                .promisedOutcome(desiredOutcome().requiredOutcome())
                .appropriateExperience(desiredOutcome().appropriateExperience())
                .addStakeholders(PersonId.of("lee"), PersonId.of("dana"))
                .addRiskFlags(Risk.builder().description("IT has not approved the ledger integration").level(RiskLevel.HIGH).build())
                .soldBy(PersonId.of("ae-1"));
    }

    public static Account account() {
        return accountBuilder().build();
    }

    /** The account whose plan was revised once: the QBR moved and a next phase was agreed. */
    public static Account revisedAccount() {
        SuccessPlan revised = plan().revise(Instant.parse("2026-04-20T10:00:00Z"), "QBR moved after the rollout slipped",
                b -> b.milestones(plan().milestones().stream()
                                .map(m -> m.id().value().equals("qbr")
                                        ? Milestone.builder().from(m).dueDate(LocalDate.of(2026, 7, 1)).build()
                                        : m)
                                .toList())
                        .nextPhase(NextPhase.builder().description("Extend the close process to the two subsidiaries")
                                .plannedStart(LocalDate.of(2026, 10, 1)).build()));
        return accountBuilder().successPlan(revised).build();
    }
}
