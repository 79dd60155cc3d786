package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

/** Evidence completes milestones: {@link SuccessPlan#completeByEvidence} and {@link SuccessPlan#withMeasurement}. */
class SuccessPlanEvidenceTest {
    private static final LocalDate START = LocalDate.of(2026, 2, 1);
    private static final MetricId USERS = MetricId.of("users");
    private static final ExpansionOpportunity MORE_SEATS = ExpansionOpportunity.builder().description("50 more seats")
            .estimatedArr(Money.of("12000.00", "EUR")).build();

    private static Milestone.Builder firstValue() {
        return Milestone.builder().id(MilestoneId.of("first-value")).name("Ten active users").kind(MilestoneKind.FIRST_VALUE)
                .ownerSide(Side.CUSTOMER).dueDate(LocalDate.of(2026, 3, 1)).completion(MetricThreshold.of(USERS, 10))
                .expansionOpportunity(MORE_SEATS);
    }

    private static Milestone.Builder kickOff() {
        return Milestone.builder().id(MilestoneId.of("kick-off")).name("Kick-off held").kind(MilestoneKind.SETUP)
                .ownerSide(Side.VENDOR).dueDate(LocalDate.of(2026, 2, 7)).completion(SignOff.of(Side.CUSTOMER, "Agenda agreed"));
    }

    private static SuccessPlan.Builder plan(Milestone... milestones) {
        return SuccessPlan.builder().id(PlanId.of("plan")).accountId(AccountId.of("acme")).purpose("Teams work in the product")
                .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().statement("40 weekly active users")
                        .metric(SuccessMetric.builder().id(USERS).name("Weekly active users").unit("users")
                                .direction(MetricDirection.HIGHER_IS_BETTER).baseline(0).target(40)
                                .measurementMethod("Product analytics").build())
                        .deadline(LocalDate.of(2026, 6, 30)).build(),
                        AppropriateExperience.builder().engagementModel(EngagementModel.SCALED).addChannels(Channel.EMAIL)
                                .cadence(Period.ofWeeks(2)).build()))
                .addMilestones(milestones).reviewCadence(Period.ofMonths(1)).startDate(START);
    }

    private static SuccessPlan measured(SuccessPlan plan, Object... timesAndValues) {
        SuccessPlan p = plan;
        for (int i = 0; i < timesAndValues.length; i += 2) {
            p = p.withMeasurement(USERS, Measurement.of(Instant.parse((String) timesAndValues[i]), ((Number) timesAndValues[i + 1]).doubleValue()));
        }
        return p;
    }

    @Test
    void completeByEvidence_twelveMeetsTen_achievedOnTheFirstMeasurementThatMetIt() {
        SuccessPlan plan = measured(plan(firstValue().build()).build(),
                "2026-02-10T08:00:00Z", 4, "2026-02-20T08:00:00Z", 12, "2026-03-01T08:00:00Z", 15);

        PlanCompletion completion = plan.completeByEvidence(LocalDate.of(2026, 3, 5));

        Milestone m = completion.plan().milestones().get(0);
        assertThat(m.status()).isEqualTo(MilestoneStatus.ACHIEVED);
        assertThat(m.achievedOn()).contains(LocalDate.of(2026, 2, 20));
        assertThat(m.evidence()).contains(Measurement.of(Instant.parse("2026-02-20T08:00:00Z"), 12));
        assertThat(completion.plan().progress(LocalDate.of(2026, 3, 5)).achieved()).isEqualTo(1);
        assertThat(completion.plan().daysToFirstValue(LocalDate.of(2026, 3, 5))).hasValue(19);
        assertThat(completion.plan().version()).isEqualTo(1);
        assertThat(completion.newlyAchieved()).containsExactly(m);
    }

    @Test
    void milestonesAchieved_carryTheMilestoneItsExpansionAndEvidence() {
        SuccessPlan plan = measured(plan(firstValue().build()).build(), "2026-02-20T08:00:00Z", 12);

        List<MilestoneAchieved> events = AccountEvents.milestonesAchieved(plan.completeByEvidence(LocalDate.of(2026, 3, 5)));

        assertThat(events).hasSize(1);
        MilestoneAchieved e = events.get(0);
        assertThat(e.milestoneId()).isEqualTo(MilestoneId.of("first-value"));
        assertThat(e.achievedOn()).isEqualTo(LocalDate.of(2026, 2, 20));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-02-20T08:00:00Z"));
        assertThat(e.expansionOpportunity()).contains(MORE_SEATS);
        assertThat(e.evidence()).contains(Measurement.of(Instant.parse("2026-02-20T08:00:00Z"), 12));
        CsJson json = CsJson.create();
        assertThat(json.read(json.write(e), org.cskit.model.event.AccountEvent.class)).isEqualTo(e);
    }

    @Test
    void completeByEvidence_asOfTheDayBefore_leavesItOpen() {
        SuccessPlan plan = measured(plan(firstValue().build()).build(), "2026-02-20T08:00:00Z", 12);

        PlanCompletion completion = plan.completeByEvidence(LocalDate.of(2026, 2, 19));

        assertThat(completion.plan()).isSameAs(plan);
        assertThat(completion.newlyAchieved()).isEmpty();
    }

    @Test
    void completeByEvidence_rerunAsOfAnEarlierDay_reopensAMilestoneEvidenceAchieved() {
        SuccessPlan done = measured(plan(firstValue().status(MilestoneStatus.IN_PROGRESS).build()).build(), "2026-02-20T08:00:00Z", 12)
                .completeByEvidence(LocalDate.of(2026, 3, 1)).plan();

        Milestone then = done.completeByEvidence(LocalDate.of(2026, 2, 15)).plan().milestones().get(0);

        assertThat(then.status()).isEqualTo(MilestoneStatus.PLANNED);
        assertThat(then.achievedOn()).isEmpty();
        assertThat(then.evidence()).isEmpty();
    }

    @Test
    void completeByEvidence_measurementBeforeThePlanStarted_isNotEvidence() {
        SuccessPlan plan = measured(plan(firstValue().build()).build(), "2026-01-20T08:00:00Z", 30);

        assertThat(plan.completeByEvidence(LocalDate.of(2026, 3, 5)).newlyAchieved()).isEmpty();
    }

    @Test
    void completeByEvidence_lowerIsBetterThreshold_isMetAtOrBelow() {
        SuccessPlan plan = Fixtures.planBuilder().milestones(List.of(Milestone.builder().from(Fixtures.plan().milestones().get(1))
                .status(MilestoneStatus.PLANNED).achievedOn(Optional.empty()).dependsOn(List.of()).build())).gaps(List.of()).build();

        Milestone m = plan.completeByEvidence(LocalDate.of(2026, 5, 31)).plan().milestones().get(0);

        assertThat(m.achievedOn()).contains(LocalDate.of(2026, 3, 6));
        assertThat(m.evidence().orElseThrow().value()).isEqualTo(9);
    }

    @Test
    void completeByEvidence_signOffMilestone_staysManual() {
        SuccessPlan plan = measured(plan(kickOff().build()).build(), "2026-02-20T08:00:00Z", 40);

        assertThat(plan.completeByEvidence(LocalDate.of(2026, 3, 5)).plan()).isSameAs(plan);
    }

    @Test
    void completeByEvidence_achievementPeopleRecorded_isKept() {
        Milestone recorded = firstValue().status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 25)).build();
        SuccessPlan plan = measured(plan(recorded).build(), "2026-02-20T08:00:00Z", 12);

        assertThat(plan.completeByEvidence(LocalDate.of(2026, 3, 5)).plan()).isSameAs(plan);
    }

    @Test
    void completeByEvidence_cancelledMilestone_staysCancelled() {
        SuccessPlan plan = measured(plan(firstValue().status(MilestoneStatus.CANCELLED).build()).build(), "2026-02-20T08:00:00Z", 12);

        assertThat(plan.completeByEvidence(LocalDate.of(2026, 3, 5)).plan()).isSameAs(plan);
    }

    @Test
    void completeByEvidence_dependencyNotYetSignedOff_waitsForIt() {
        SuccessPlan waiting = measured(plan(kickOff().build(), firstValue().addDependsOn(MilestoneId.of("kick-off")).build()).build(),
                "2026-02-20T08:00:00Z", 12);
        assertThat(waiting.completeByEvidence(LocalDate.of(2026, 3, 5)).newlyAchieved()).isEmpty();

        SuccessPlan signedLater = measured(plan(kickOff().status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 24)).build(),
                firstValue().addDependsOn(MilestoneId.of("kick-off")).build()).build(), "2026-02-20T08:00:00Z", 12);
        PlanCompletion completion = signedLater.completeByEvidence(LocalDate.of(2026, 3, 5));

        assertThat(completion.newlyAchieved()).extracting(m -> m.achievedOn().orElseThrow()).containsExactly(LocalDate.of(2026, 2, 24));
        assertThat(AccountEvents.milestonesAchieved(completion)).extracting(MilestoneAchieved::occurredAt)
                .containsExactly(Instant.parse("2026-02-24T00:00:00Z"));
    }

    @Test
    void completeByEvidence_isIdempotent() {
        SuccessPlan done = measured(plan(firstValue().build()).build(), "2026-02-20T08:00:00Z", 12)
                .completeByEvidence(LocalDate.of(2026, 3, 5)).plan();

        PlanCompletion again = done.completeByEvidence(LocalDate.of(2026, 3, 5));

        assertThat(again.plan()).isSameAs(done);
        assertThat(again.newlyAchieved()).isEmpty();
    }

    @Test
    void account_completeByEvidence_completesEveryPlanAndTimeToFirstValueFollows() {
        SuccessPlan other = measured(plan(firstValue().build()).id(PlanId.of("second")).product("Payroll").build(),
                "2026-02-20T08:00:00Z", 12);
        Account account = Fixtures.accountBuilder().addAdditionalPlans(other).build();

        Account done = account.completeByEvidence(LocalDate.of(2026, 3, 5));

        assertThat(done.additionalPlans().get(0).milestones().get(0).achievedOn()).contains(LocalDate.of(2026, 2, 20));
        assertThat(done.daysToFirstValue(LocalDate.of(2026, 3, 5))).hasValue(36);
        assertThat(done.successPlan()).isEqualTo(account.successPlan());
    }

    @Test
    void withMeasurement_keepsTimeOrderAndReachesTheOutcomeMetric() {
        SuccessPlan plan = measured(plan().build(), "2026-03-01T00:00:00Z", 5, "2026-02-20T00:00:00Z", 3);

        assertThat(plan.desiredOutcome().requiredOutcome().metric().measurements()).extracting(Measurement::value).containsExactly(3.0, 5.0);
    }

    @Test
    void withMeasurement_unknownMetric_isRejected() {
        assertViolation(() -> plan().build().withMeasurement(MetricId.of("nps"), Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), 5)),
                "metric", "metric 'nps' is not a metric of plan 'plan'");
    }

    @Test
    void withMeasurement_sameTimeTwice_isRejected() {
        SuccessPlan plan = measured(plan().build(), "2026-03-01T00:00:00Z", 5);

        assertViolation(() -> measured(plan, "2026-03-01T00:00:00Z", 6), "measurement.at",
                "metric 'Weekly active users' already has a measurement at 2026-03-01T00:00:00Z (value 5)");
    }

    @Test
    void evidenceFor_unknownMilestone_isRejected() {
        assertViolation(() -> plan().build().evidenceFor(MilestoneId.of("go-live"), START), "milestone",
                "milestone 'go-live' is not a milestone of plan 'plan'");
    }

    @Test
    void milestone_evidenceOnAnOpenMilestone_isRejected() {
        assertViolation(() -> firstValue().evidence(Measurement.of(Instant.parse("2026-02-20T08:00:00Z"), 12)).build(), "evidence",
                "milestone 'Ten active users' has evidence but is PLANNED with a metric threshold: only an ACHIEVED milestone completed by a metric threshold has evidence");
    }

    @Test
    void milestone_evidenceOnASignOff_isRejected() {
        assertViolation(() -> kickOff().status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 25))
                        .evidence(Measurement.of(Instant.parse("2026-02-20T08:00:00Z"), 12)).build(), "evidence",
                "milestone 'Kick-off held' has evidence but is ACHIEVED with a sign-off: only an ACHIEVED milestone completed by a metric threshold has evidence");
    }

    @Test
    void milestone_evidenceAfterTheAchievement_isRejected() {
        assertViolation(() -> firstValue().status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 19))
                        .evidence(Measurement.of(Instant.parse("2026-02-20T08:00:00Z"), 12)).build(), "evidence",
                "milestone 'Ten active users' was achieved on 2026-02-19 but its evidence was measured later, at 2026-02-20T08:00:00Z");
    }

    @Test
    void milestoneAchieved_carryingAnotherMilestone_isRejected() {
        Milestone m = firstValue().status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 20)).build();

        assertViolation(() -> new MilestoneAchieved(AccountId.of("acme"), PlanId.of("plan"), MilestoneId.of("go-live"),
                LocalDate.of(2026, 2, 20), Instant.parse("2026-02-20T08:00:00Z"), Optional.of(m)), "milestone.id",
                "the event is about milestone 'go-live' but carries milestone 'first-value'");
        assertViolation(() -> new MilestoneAchieved(AccountId.of("acme"), PlanId.of("plan"), MilestoneId.of("first-value"),
                LocalDate.of(2026, 2, 21), Instant.parse("2026-02-20T08:00:00Z"), Optional.of(m)), "milestone.status",
                "milestone 'Ten active users' carried by the event is ACHIEVED on 2026-02-20, not ACHIEVED on 2026-02-21");
    }

    @Test
    void milestoneAchieved_jsonWithoutTheMilestone_readsAsBefore() {
        String json = "{\"type\":\"MILESTONE_ACHIEVED\",\"accountId\":\"acme\",\"planId\":\"plan\",\"milestoneId\":\"go-live\","
                + "\"achievedOn\":\"2026-02-20\",\"occurredAt\":\"2026-02-20T08:00:00Z\"}";

        MilestoneAchieved e = (MilestoneAchieved) CsJson.create().read(json, org.cskit.model.event.AccountEvent.class);

        assertThat(e.milestone()).isEmpty();
        assertThat(e.expansionOpportunity()).isEmpty();
    }

    @Test
    void recordAchieved_signOff_isAchievedWithoutEvidence() {
        SuccessPlan plan = plan(kickOff().build()).build().recordAchieved(MilestoneId.of("kick-off"), LocalDate.of(2026, 2, 5));

        Milestone m = plan.milestones().get(0);
        assertThat(m.status()).isEqualTo(MilestoneStatus.ACHIEVED);
        assertThat(m.achievedOn()).contains(LocalDate.of(2026, 2, 5));
        assertThat(m.evidence()).isEmpty();
    }

    @Test
    void recordAchieved_twiceOrUnknown_isRejected() {
        SuccessPlan plan = plan(kickOff().build()).build().recordAchieved(MilestoneId.of("kick-off"), LocalDate.of(2026, 2, 5));

        assertViolation(() -> plan.recordAchieved(MilestoneId.of("kick-off"), LocalDate.of(2026, 2, 6)), "milestone",
                "milestone 'Kick-off held' is already ACHIEVED on 2026-02-05: it cannot be achieved on 2026-02-06");
        assertViolation(() -> plan.recordAchieved(MilestoneId.of("go-live"), LocalDate.of(2026, 2, 6)), "milestone",
                "milestone 'go-live' is not a milestone of plan 'plan'");
    }
}
