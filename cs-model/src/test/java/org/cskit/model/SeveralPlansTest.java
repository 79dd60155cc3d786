package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

/** An account with several plans, and the plan features that read gaps, risks and the review cadence. */
class SeveralPlansTest {
    private static final LocalDate MAY_10 = LocalDate.of(2026, 5, 10);

    /** A second plan, for payroll: outcome measured at 20 of 0 -> 40 users (attainment 0.5), one open milestone. */
    static SuccessPlan payroll() {
        SuccessMetric users = SuccessMetric.builder().id(MetricId.of("payroll-users")).name("Payroll users").unit("users")
                .direction(MetricDirection.HIGHER_IS_BETTER).baseline(0).target(40).measurementMethod("Analytics")
                .addMeasurements(Measurement.of(Instant.parse("2026-04-01T00:00:00Z"), 20)).build();
        return SuccessPlan.builder().from(Fixtures.plan()).id(PlanId.of("payroll")).product("Payroll").forRole("HR")
                .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().statement("HR runs payroll in the product")
                        .metric(users).deadline(LocalDate.of(2026, 9, 30)).build(), Fixtures.desiredOutcome().appropriateExperience()))
                .metrics(List.of()).gaps(List.of()).nextPhase(Optional.empty())
                .milestones(List.of(Fixtures.milestone("payroll-live", "First payroll run", MilestoneKind.FIRST_VALUE,
                        LocalDate.of(2026, 5, 20)).build()))
                .build();
    }

    private static Features write(Account account, LocalDate asOf) {
        Features.Builder b = Features.builder(FeatureSchema.of(StandardFeatures.names()));
        StandardFeatures.write(account, asOf, b);
        return b.build();
    }

    @Test
    void plans_listsThePrimaryFirst() {
        Account account = Fixtures.accountBuilder().addAdditionalPlans(payroll()).build();

        assertThat(account.plans()).extracting(SuccessPlan::id).containsExactly(PlanId.of("acme-plan"), PlanId.of("payroll"));
        assertThat(Fixtures.accountBuilder().successPlan(Optional.empty()).build().plans()).isEmpty();
    }

    @Test
    void write_severalPlans_combinesThemAsDocumented() {
        Features f = write(Fixtures.accountBuilder().addAdditionalPlans(payroll()).build(), MAY_10);

        // Acme's close-days at 5/7, payroll at 0.5: mean and minimum; 3 + 1 measurements.
        assertThat(f.value(StandardFeatures.OUTCOME_ATTAINMENT).orElseThrow()).isCloseTo((5.0 / 7.0 + 0.5) / 2, within(1e-12));
        assertThat(f.get(StandardFeatures.OUTCOME_ATTAINMENT).orElseThrow().observations()).isEqualTo(4);
        assertThat(f.value(StandardFeatures.OUTCOME_ATTAINMENT_MIN)).hasValue(0.5);
        // Milestones pooled: 2 of 5 achieved, 1 on time, 1 overdue.
        assertThat(f.value(StandardFeatures.MILESTONES_ACHIEVED)).hasValue(0.4);
        assertThat(f.value(StandardFeatures.MILESTONES_ON_TIME)).hasValue(0.2);
        assertThat(f.value(StandardFeatures.MILESTONES_OVERDUE)).hasValue(1.0);
        // Payroll has no next phase, and its first value is not due yet.
        assertThat(f.value(StandardFeatures.NEXT_PHASE_DEFINED)).hasValue(0.0);
        assertThat(f.value(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE)).hasValue(0.0);
        assertThat(f.get(StandardFeatures.NEXT_PHASE_DEFINED).orElseThrow().observations()).isEqualTo(2);
    }

    @Test
    void write_openGapNearItsMilestone_isCountedWithinFourteenDays() {
        SuccessPlan plan = Fixtures.planBuilder().addGaps(SuccessGap.builder().description("No admin trained")
                .milestone(MilestoneId.of("qbr")).build()).build();
        Account account = Fixtures.accountBuilder().successPlan(plan).build();

        // qbr is due 2026-06-15: 15 days ahead on May 31, 14 on June 1, and still counted once overdue.
        assertThat(write(account, LocalDate.of(2026, 5, 31)).value(StandardFeatures.OPEN_GAPS_DUE_SOON)).hasValue(0.0);
        assertThat(write(account, LocalDate.of(2026, 6, 1)).value(StandardFeatures.OPEN_GAPS_DUE_SOON)).hasValue(1.0);
        assertThat(write(account, LocalDate.of(2026, 6, 20)).value(StandardFeatures.OPEN_GAPS_DUE_SOON)).hasValue(1.0);
    }

    @Test
    void write_closedGapOrAchievedMilestone_isNotCounted() {
        SuccessPlan plan = Fixtures.planBuilder().addGaps(SuccessGap.builder().description("No admin trained")
                        .milestone(MilestoneId.of("qbr")).closed(true).build(),
                SuccessGap.builder().description("Ledger export").milestone(MilestoneId.of("first-close")).build()).build();

        assertThat(write(Fixtures.accountBuilder().successPlan(plan).build(), LocalDate.of(2026, 6, 10))
                .value(StandardFeatures.OPEN_GAPS_DUE_SOON)).hasValue(0.0);
    }

    @Test
    void write_highRiskWithoutAnOwner_isCounted() {
        SuccessPlan plan = Fixtures.planBuilder().addRisks(
                Risk.builder().description("Budget freeze").level(RiskLevel.HIGH).build(),
                Risk.builder().description("Sponsor leaves").level(RiskLevel.HIGH).ownerSide(Side.VENDOR).build(),
                Risk.builder().description("Slow IT").level(RiskLevel.MEDIUM).build()).build();

        assertThat(write(Fixtures.accountBuilder().successPlan(plan).build(), MAY_10).value(StandardFeatures.HIGH_RISKS_UNOWNED))
                .hasValue(1.0);
        assertThat(write(Fixtures.account(), MAY_10).value(StandardFeatures.HIGH_RISKS_UNOWNED)).hasValue(0.0);
    }

    @Test
    void write_daysToReview_followsThePlansCadenceFromTheLastReview() {
        // Monthly cadence from the start (2026-02-01): due 2026-03-01, 70 days overdue on May 10.
        assertThat(write(Fixtures.account(), MAY_10).value(StandardFeatures.DAYS_TO_REVIEW)).hasValue(-70.0);
        SuccessPlan reviewed = Fixtures.planBuilder().lastReviewOn(LocalDate.of(2026, 5, 1)).build();
        assertThat(reviewed.nextReviewDue(MAY_10)).isEqualTo(LocalDate.of(2026, 6, 1));
        // As of a day before that review, it had not been held: the cadence runs from the start.
        assertThat(reviewed.nextReviewDue(LocalDate.of(2026, 4, 30))).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(write(Fixtures.accountBuilder().successPlan(reviewed).build(), MAY_10).value(StandardFeatures.DAYS_TO_REVIEW))
                .hasValue(22.0);
    }

    @Test
    void build_additionalPlansWithoutAPrimary_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().successPlan(Optional.empty()).addAdditionalPlans(payroll()).build(),
                "successPlan", "account 'acme' has 1 additional plans but no successPlan: the first plan is the primary one");
    }

    @Test
    void build_duplicatePlanId_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().addAdditionalPlans(Fixtures.plan()).build(), "additionalPlans[0].id",
                "duplicate plan id 'acme-plan' in account 'acme'");
    }

    @Test
    void build_additionalPlanNamingAStranger_isRejectedWithItsPath() {
        SuccessPlan plan = SuccessPlan.builder().from(payroll()).milestones(List.of(Fixtures.milestone("payroll-live",
                "First payroll run", MilestoneKind.FIRST_VALUE, LocalDate.of(2026, 5, 20)).owner(PersonId.of("kim")).build())).build();

        assertViolation(() -> Fixtures.accountBuilder().addAdditionalPlans(plan).build(), "additionalPlans[0].milestones[0].owner",
                "milestone 'First payroll run' is owned by 'kim', who is neither a stakeholder nor on the account team");
    }

    @Test
    void build_blankProductOrLastReviewBeforeStart_isRejected() {
        assertViolation(() -> Fixtures.planBuilder().product(" ").build(), "product", "product must not be blank, but was ' '");
        assertViolation(() -> Fixtures.planBuilder().lastReviewOn(LocalDate.of(2026, 1, 2)).build(), "lastReviewOn",
                "last review on 2026-01-02 is before plan start 2026-02-01");
    }

    @Test
    void json_severalPlans_roundTripAndTheSinglePlanFormIsUnchanged() {
        CsJson json = CsJson.create();
        Account account = Fixtures.accountBuilder().addAdditionalPlans(payroll()).build();

        String text = json.write(account);

        assertThat(text).contains("\"additionalPlans\"").contains("\"product\" : \"Payroll\"");
        assertThat(json.read(text, Account.class)).isEqualTo(account);
        assertThat(json.write(Fixtures.account())).doesNotContain("additionalPlans").doesNotContain("\"product\"");
    }

    @Test
    void changes_milestoneOfAnAdditionalPlan_isReportedWithThatPlan() {
        Account before = Fixtures.accountBuilder().addAdditionalPlans(payroll()).build();
        SuccessPlan achieved = payroll().recordAchieved(MilestoneId.of("payroll-live"), LocalDate.of(2026, 5, 18));
        Account after = Fixtures.accountBuilder().addAdditionalPlans(achieved).build();

        List<AccountEvent> events = AccountEvents.changes(before, after,
                Instant.parse("2026-05-19T00:00:00Z"));

        assertThat(events).hasSize(1);
        MilestoneAchieved e = (MilestoneAchieved) events.get(0);
        assertThat(e.planId()).isEqualTo(PlanId.of("payroll"));
        assertThat(e.milestone().orElseThrow().achievedOn()).contains(LocalDate.of(2026, 5, 18));
    }

    @Test
    void json_duplicatePlanOrBadHandoff_namesTheJsonPath() {
        CsJson json = CsJson.create();
        String duplicate = json.write(Fixtures.accountBuilder().build()).replaceFirst("\"successPlan\" : ",
                Matcher.quoteReplacement("\"additionalPlans\" : [ " + json.write(Fixtures.plan()) + " ], \"successPlan\" : "));
        String handoff = json.write(Fixtures.accountBuilder().handoff(Fixtures.handoffBuilder().build()).build())
                .replace("\"handedOverOn\" : \"2026-01-10\"", "\"handedOverOn\" : \"2026-10-10\"");

        assertThatThrownBy(() -> json.read(duplicate, Account.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$.additionalPlans[0].id: duplicate plan id 'acme-plan' in account 'acme'");
        assertThatThrownBy(() -> json.read(handoff, Account.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$.handoff.promisedOutcome.deadline: promised outcome deadline 2026-09-30 is before the handoff on 2026-10-10");
    }
}
