package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.model.json.PlanTemplates;
import org.junit.jupiter.api.Test;

/** Plan templates: the shipped onboarding path, instantiation for an account, owners by role, and the rules. */
class PlanTemplateTest {
    private static final PlanTemplate HIGH_TOUCH = PlanTemplates.builtIns().get(0);

    private static DesiredOutcome outcome() {
        return Fixtures.desiredOutcome();
    }

    private static MilestoneTemplate.Builder step(String id, int day) {
        return MilestoneTemplate.builder().id(MilestoneId.of(id)).name("Step " + id).kind(MilestoneKind.OTHER)
                .ownerSide(Side.VENDOR).dueAfterDays(day).completion(SignOff.of(Side.CUSTOMER, "Done"));
    }

    private static PlanTemplate.Builder template(MilestoneTemplate... steps) {
        return PlanTemplate.builder().id("t").name("T").purpose("Go").addMilestones(steps).reviewCadence(Period.ofMonths(1));
    }

    @Test
    void builtIns_areTheOnboardingPathPerEngagementModel() {
        List<PlanTemplate> all = PlanTemplates.builtIns();

        assertThat(all).extracting(PlanTemplate::id).containsExactly("onboarding-high-touch", "onboarding-scaled", "onboarding-tech-touch");
        assertThat(all).extracting(t -> t.engagementModel().orElseThrow())
                .containsExactly(EngagementModel.HIGH_TOUCH, EngagementModel.SCALED, EngagementModel.TECH_TOUCH);
        for (PlanTemplate t : all) {
            assertThat(t.milestones()).extracting(MilestoneTemplate::id).startsWith(MilestoneId.of("setup"), MilestoneId.of("first-value"),
                    MilestoneId.of("habit"));
            assertThat(t.milestones()).extracting(MilestoneTemplate::dueAfterDays).startsWith(7, 30, 90);
            assertThat(t.milestones().get(1).kind()).isEqualTo(MilestoneKind.FIRST_VALUE);
            assertThat(t.milestones().get(1).completion()).isInstanceOf(MetricThreshold.class);
        }
        CsJson json = CsJson.create();
        assertThat(json.readList(json.write(all), PlanTemplate.class)).isEqualTo(all);
    }

    @Test
    void forSegment_picksTheTemplateOfTheEngagementModel() {
        assertThat(PlanTemplate.forSegment(PlanTemplates.builtIns(), Segment.of("smb", EngagementModel.TECH_TOUCH)).orElseThrow().id())
                .isEqualTo("onboarding-tech-touch");
        assertThat(PlanTemplate.forSegment(List.of(template(step("a", 1).build()).segment("emea").build()),
                Segment.of("apac", EngagementModel.SCALED))).isEmpty();
    }

    @Test
    void instantiate_forAcme_givesAValidDraftPlanWithOwnersResolved() {
        Account acme = Fixtures.accountBuilder().successPlan(Optional.empty()).build();

        SuccessPlan plan = HIGH_TOUCH.instantiate(acme, PlanId.of("onboarding"), outcome());

        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(plan.startDate()).isEqualTo(LocalDate.of(2026, 1, 15));
        assertThat(plan.milestones()).extracting(Milestone::dueDate).containsExactly(LocalDate.of(2026, 1, 22),
                LocalDate.of(2026, 2, 14), LocalDate.of(2026, 4, 15), LocalDate.of(2026, 4, 15));
        assertThat(plan.milestones()).extracting(m -> m.owner().map(PersonId::toString).orElse("-"))
                .containsExactly("csm-1", "dana", "dana", "csm-1");
        assertThat(plan.responsibilities()).extracting(r -> r.person().map(PersonId::toString).orElse("-"))
                .containsExactly("csm-1", "dana", "lee");
        assertThat(plan.reviewCadence()).isEqualTo(Period.ofMonths(1));
        assertThat(Fixtures.accountBuilder().successPlan(plan).build().successPlan()).contains(plan);
    }

    @Test
    void instantiate_thenEvidence_completesFirstValue() {
        Account acme = Fixtures.accountBuilder().successPlan(Optional.empty()).build();
        SuccessPlan plan = HIGH_TOUCH.instantiate(acme, PlanId.of("onboarding"), outcome())
                .withMeasurement(MetricId.of("weekly-active-users"), Measurement.of(Instant.parse("2026-02-09T00:00:00Z"), 12));
        SuccessPlan signedOff = SuccessPlan.builder().from(plan).milestones(List.of(Milestone.builder().from(plan.milestones().get(0))
                .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 1, 21)).build(), plan.milestones().get(1),
                plan.milestones().get(2), plan.milestones().get(3))).build();

        SuccessPlan done = signedOff.completeByEvidence(LocalDate.of(2026, 2, 10)).plan();

        assertThat(done.milestone(MilestoneId.of("first-value")).orElseThrow().achievedOn()).contains(LocalDate.of(2026, 2, 9));
        assertThat(done.milestone(MilestoneId.of("habit")).orElseThrow().isOpenAsOf(LocalDate.of(2026, 2, 10))).isTrue();
    }

    @Test
    void instantiate_roleNobodyHolds_leavesTheOwnerOpen() {
        Account noChampion = Fixtures.accountBuilder().successPlan(Optional.empty()).stakeholders(List.of(Stakeholder.builder()
                .id(PersonId.of("lee")).name("Lee Park").addRoles(StakeholderRole.EXECUTIVE_SPONSOR).build())).build();

        SuccessPlan plan = HIGH_TOUCH.instantiate(noChampion, PlanId.of("onboarding"), outcome());

        assertThat(plan.milestone(MilestoneId.of("first-value")).orElseThrow().owner()).isEmpty();
    }

    @Test
    void instantiate_outcomeMetricWithATemplateMetricsId_isRejected() {
        SuccessMetric clash = SuccessMetric.builder().from(Fixtures.closeDays()).id(MetricId.of("weekly-active-users")).build();
        DesiredOutcome o = DesiredOutcome.of(RequiredOutcome.builder().from(outcome().requiredOutcome()).metric(clash).build(),
                outcome().appropriateExperience());

        assertViolation(() -> HIGH_TOUCH.instantiate(Fixtures.account(), PlanId.of("p"), o), "metrics[0].id",
                "duplicate metric id 'weekly-active-users' in plan 'p': it is the required outcome's metric");
    }

    @Test
    void build_unknownOwnerRole_isRejected() {
        assertViolation(() -> step("a", 1).ownerRole("Support lead").build(), "ownerRole",
                "milestone 'Step a' is owned by role 'Support lead', which is not a role of the account team "
                        + "[CUSTOMER_SUCCESS_MANAGER, ACCOUNT_EXECUTIVE, SOLUTIONS_ENGINEER, SUPPORT_ENGINEER, EXECUTIVE_SPONSOR, OTHER]");
        assertViolation(() -> step("a", 1).ownerSide(Side.CUSTOMER).ownerRole("CSM").build(), "ownerRole",
                "milestone 'Step a' is owned by role 'CSM', which is not a role of the customer's stakeholders "
                        + "[CHAMPION, EXECUTIVE_SPONSOR, ADMIN, USER]");
    }

    @Test
    void build_negativeDay_isRejected() {
        assertViolation(() -> step("a", -1).build(), "dueAfterDays", "dueAfterDays must be at least 0, but was -1");
    }

    @Test
    void build_thresholdOnAMetricTheTemplateLacks_isRejected() {
        assertViolation(() -> template(step("a", 1).completion(MetricThreshold.of(MetricId.of("nps"), 30)).build()).build(),
                "milestones[0].completion.metric", "milestone 'Step a' is completed by metric 'nps', which is not a metric of template 't'");
    }

    @Test
    void build_dependencyDueLater_isRejected() {
        assertViolation(() -> template(step("a", 10).addDependsOn(MilestoneId.of("b")).build(), step("b", 20).build()).build(),
                "milestones[0].dependsOn", "milestone 'Step a' (day 10) depends on 'b', which is due later (day 20)");
        assertViolation(() -> template(step("a", 10).addDependsOn(MilestoneId.of("c")).build()).build(),
                "milestones[0].dependsOn", "milestone 'Step a' depends on 'c', which is not a milestone of template 't'");
    }

    @Test
    void build_metricWithMeasurementsOrResponsibilityWithAPerson_isRejected() {
        assertViolation(() -> template(step("a", 1).build()).addMetrics(Fixtures.closeDays()).build(), "metrics[0].measurements",
                "metric 'Days to close the books' of template 't' has 3 measurements: measurements belong to an account's plan");
        assertViolation(() -> template(step("a", 1).build()).addResponsibilities(Responsibility.builder().side(Side.VENDOR)
                        .role("CSM").person(PersonId.of("csm-1")).duty("Runs it").build()).build(), "responsibilities[0].person",
                "responsibility 'CSM' of template 't' names a person: a template names roles, people come from the account");
    }

    @Test
    void build_noMilestonesOrDuplicates_isRejected() {
        assertViolation(() -> template().build(), "milestones", "template 't' has no milestones");
        assertViolation(() -> template(step("a", 1).build(), step("a", 2).build()).build(), "milestones[1].id",
                "duplicate milestone id 'a' in template 't'");
    }

    @Test
    void json_badStep_namesItsPath() {
        String json = CsJson.create().write(template(step("a", 1).build()).build()).replace("\"dueAfterDays\" : 1", "\"dueAfterDays\" : -3");

        assertThatThrownBy(() -> CsJson.create().read(json, PlanTemplate.class)).isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$.milestones[0].dueAfterDays: dueAfterDays must be at least 0, but was -3");
    }
}
