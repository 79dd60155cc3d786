package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Fixtures.milestone;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuccessPlanTest {
    private static final LocalDate START = Fixtures.PLAN_START; // 2026-02-01

    /** The fixture plan with only the given milestones (and no gaps, which name fixture milestones). */
    private static SuccessPlan.Builder withMilestones(Milestone... milestones) {
        return Fixtures.planBuilder().milestones(List.of(milestones)).gaps(List.of());
    }

    private static Milestone.Builder due(String id, LocalDate due) {
        return milestone(id, "Milestone " + id, MilestoneKind.OTHER, due);
    }

    private static PlanRevision kept(int version, String planId, Instant at) {
        return PlanRevision.builder()
                .plan(Fixtures.planBuilder().id(PlanId.of(planId)).version(version).build())
                .supersededAt(at)
                .reason("revision " + version)
                .build();
    }

    /** The fixture plan with its required outcome's metric swapped for one with exact arithmetic. */
    private static SuccessPlan.Builder withOutcomeMetric(SuccessMetric metric) {
        DesiredOutcome d = Fixtures.desiredOutcome();
        return Fixtures.planBuilder().desiredOutcome(DesiredOutcome.of(
                RequiredOutcome.builder().from(d.requiredOutcome()).metric(metric).build(), d.appropriateExperience()));
    }

    /** close-days, lower is better, baseline 10, target 2; 6 on 2026-03-06 and 4 on 2026-04-06. */
    private static SuccessMetric exactCloseDays() {
        return SuccessMetric.builder().from(Fixtures.closeDays())
                .baseline(10)
                .target(2)
                .measurements(List.of(
                        Measurement.of(Instant.parse("2026-03-06T09:00:00Z"), 6),
                        Measurement.of(Instant.parse("2026-04-06T09:00:00Z"), 4)))
                .build();
    }

    @Nested
    class Rules {

        @Test
        void build_fixture_isValid() {
            assertThat(Fixtures.plan().version()).isEqualTo(1);
            assertThat(Fixtures.plan().revisions()).isEmpty();
        }

        @Test
        void build_blankPurpose_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().purpose(" ").build(), "purpose",
                    "purpose must not be blank, but was ' '");
        }

        @Test
        void build_zeroReviewCadence_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().reviewCadence(Period.ZERO).build(), "reviewCadence",
                    "reviewCadence must be a positive period such as P14D or P1M, but was P0D");
        }

        @Test
        void build_negativeReviewCadence_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().reviewCadence(Period.ofMonths(-1)).build(), "reviewCadence",
                    "reviewCadence must be a positive period such as P14D or P1M, but was P-1M");
        }

        @Test
        void build_versionZero_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().version(0).build(), "version", "version must be at least 1, but was 0");
        }

        @Test
        void build_deadlineBeforeStart_isRejected() {
            // the fixture's deadline is 2026-09-30
            assertViolation(() -> withMilestones().startDate(LocalDate.of(2026, 10, 1)).build(),
                    "desiredOutcome.requiredOutcome.deadline",
                    "required outcome deadline 2026-09-30 is before plan start 2026-10-01");
        }

        @Test
        void build_deadlineOnStart_isAccepted() {
            assertThat(withMilestones().startDate(LocalDate.of(2026, 9, 30)).build().startDate())
                    .isEqualTo(LocalDate.of(2026, 9, 30));
        }

        @Test
        void build_duplicateSupportingMetric_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().addMetrics(Fixtures.activeUsers()).build(), "metrics[1].id",
                    "duplicate metric id 'active-users' in plan 'acme-plan'");
        }

        @Test
        void build_supportingMetricWithOutcomeMetricId_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().metrics(List.of(Fixtures.closeDays())).build(), "metrics[0].id",
                    "duplicate metric id 'close-days' in plan 'acme-plan': it is the required outcome's metric");
        }

        @Test
        void build_duplicateMilestoneId_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().addMilestones(due("qbr", LocalDate.of(2026, 8, 1)).build()).build(),
                    "milestones[4].id", "duplicate milestone id 'qbr' in plan 'acme-plan'");
        }

        @Test
        void build_milestoneDueBeforeStart_isRejected() {
            Milestone goLive = milestone("go-live", "Go live", MilestoneKind.ROLLOUT, LocalDate.of(2026, 1, 10)).build();

            assertViolation(() -> withMilestones(goLive).build(), "milestones[0].dueDate",
                    "milestone 'Go live' due 2026-01-10 is before plan start 2026-02-01");
        }

        @Test
        void build_laterMilestoneDueBeforeStart_isRejectedAtItsIndex() {
            Milestone goLive = milestone("go-live", "Go live", MilestoneKind.ROLLOUT, LocalDate.of(2026, 1, 31)).build();

            assertViolation(() -> Fixtures.planBuilder().addMilestones(goLive).build(), "milestones[4].dueDate",
                    "milestone 'Go live' due 2026-01-31 is before plan start 2026-02-01");
        }

        @Test
        void build_milestoneDueOnStart_isAccepted() {
            assertThat(withMilestones(due("a", START).build()).build().milestones()).hasSize(1);
        }

        @Test
        void build_thresholdOnUnknownMetric_isRejected() {
            Milestone m = milestone("go-live", "Go live", MilestoneKind.ROLLOUT, LocalDate.of(2026, 5, 1))
                    .completion(MetricThreshold.of(MetricId.of("nps"), 40)).build();

            assertViolation(() -> Fixtures.planBuilder().addMilestones(m).build(), "milestones[4].completion.metric",
                    "milestone 'Go live' is completed by metric 'nps', which is not a metric of this plan");
        }

        @Test
        void build_thresholdOnSupportingMetric_isAccepted() {
            Milestone m = due("a", LocalDate.of(2026, 5, 1)).completion(MetricThreshold.of(MetricId.of("active-users"), 20)).build();

            assertThat(withMilestones(m).build().milestones()).containsExactly(m);
        }

        @Test
        void build_dependencyOnUnknownMilestone_isRejected() {
            Milestone m = milestone("go-live", "Go live", MilestoneKind.ROLLOUT, LocalDate.of(2026, 5, 1))
                    .addDependsOn(MilestoneId.of("nope")).build();

            assertViolation(() -> withMilestones(due("a", START).build(), m).build(), "milestones[1].dependsOn",
                    "milestone 'Go live' depends on 'nope', which is not a milestone of this plan");
        }

        @Test
        void build_dependencyOnLaterListedMilestone_isAccepted() {
            Milestone a = due("a", START).addDependsOn(MilestoneId.of("b")).build();
            Milestone b = due("b", START).build();

            assertThat(withMilestones(a, b).build().milestones()).containsExactly(a, b);
        }

        @Test
        void build_twoMilestoneCycle_isRejected() {
            Milestone a = due("a", START).addDependsOn(MilestoneId.of("b")).build();
            Milestone b = due("b", START).addDependsOn(MilestoneId.of("a")).build();

            assertViolation(() -> withMilestones(a, b).build(), "milestones[0].dependsOn",
                    "milestones depend on each other in a cycle: 'a' -> 'b' -> 'a'");
        }

        @Test
        void build_cycleReachedFromOutside_namesOnlyTheCycle() {
            Milestone x = due("x", START).addDependsOn(MilestoneId.of("a")).build();
            Milestone a = due("a", START).addDependsOn(MilestoneId.of("b")).build();
            Milestone b = due("b", START).addDependsOn(MilestoneId.of("c")).build();
            Milestone c = due("c", START).addDependsOn(MilestoneId.of("a")).build();

            assertViolation(() -> withMilestones(x, a, b, c).build(), "milestones[1].dependsOn",
                    "milestones depend on each other in a cycle: 'a' -> 'b' -> 'c' -> 'a'");
        }

        @Test
        void build_diamondDependencies_isNoCycle() {
            Milestone a = due("a", START).build();
            Milestone b = due("b", START).addDependsOn(MilestoneId.of("a")).build();
            Milestone c = due("c", START).addDependsOn(MilestoneId.of("a")).build();
            Milestone d = due("d", START).addDependsOn(MilestoneId.of("b"), MilestoneId.of("c")).build();

            assertThat(withMilestones(d, c, b, a).build().milestones()).hasSize(4);
        }

        @Test
        void build_gapBeforeUnknownMilestone_isRejected() {
            SuccessGap gap = SuccessGap.builder().description("No SSO").milestone(MilestoneId.of("sso")).build();

            assertViolation(() -> Fixtures.planBuilder().addGaps(gap).build(), "gaps[1].milestone",
                    "success gap 'No SSO' stands before milestone 'sso', which is not a milestone of this plan");
        }

        @Test
        void build_activeWithoutVendorResponsibility_isRejected() {
            assertViolation(() -> Fixtures.planBuilder()
                            .responsibilities(List.of(Responsibility.of(Side.CUSTOMER, "Champion", "Runs the close")))
                            .build(),
                    "responsibilities",
                    "an ACTIVE plan needs responsibilities on both sides, but plan 'acme-plan' has none on the VENDOR side");
        }

        @Test
        void build_activeWithoutCustomerResponsibility_isRejected() {
            assertViolation(() -> Fixtures.planBuilder()
                            .responsibilities(List.of(Responsibility.of(Side.VENDOR, "CSM", "Coaches the team")))
                            .build(),
                    "responsibilities",
                    "an ACTIVE plan needs responsibilities on both sides, but plan 'acme-plan' has none on the CUSTOMER side");
        }

        @Test
        void build_draftWithoutResponsibilities_isAccepted() {
            SuccessPlan draft = Fixtures.planBuilder().status(PlanStatus.DRAFT).responsibilities(List.of()).build();

            assertThat(draft.responsibilities()).isEmpty();
        }

        @Test
        void status_notGiven_isDraft() {
            SuccessPlan plan = Fixtures.plan();
            SuccessPlan.Builder b = SuccessPlan.builder()
                    .id(plan.id()).accountId(plan.accountId()).purpose(plan.purpose()).desiredOutcome(plan.desiredOutcome())
                    .reviewCadence(plan.reviewCadence()).startDate(plan.startDate());

            assertThat(b.build().status()).isEqualTo(PlanStatus.DRAFT);
        }

        @Test
        void build_revisionOfAnotherPlan_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().version(2)
                            .addRevisions(kept(1, "other-plan", Instant.parse("2026-03-01T00:00:00Z"))).build(),
                    "revisions[0].plan.id", "revisions[0] is a version of plan 'other-plan', not of plan 'acme-plan'");
        }

        @Test
        void build_revisionWithCurrentVersion_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().version(2)
                            .addRevisions(kept(2, "acme-plan", Instant.parse("2026-03-01T00:00:00Z"))).build(),
                    "revisions[0].plan.version",
                    "revisions[0] has version 2, but kept versions must increase and stay below the plan's version 2");
        }

        @Test
        void build_revisionsOutOfVersionOrder_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().version(3)
                            .addRevisions(kept(2, "acme-plan", Instant.parse("2026-03-01T00:00:00Z")),
                                    kept(1, "acme-plan", Instant.parse("2026-04-01T00:00:00Z")))
                            .build(),
                    "revisions[1].plan.version", "revisions[1] has version 1, but kept versions must increase and stay "
                            + "below the plan's version 3 (the one before is 2)");
        }

        @Test
        void build_revisionsOutOfTimeOrder_isRejected() {
            assertViolation(() -> Fixtures.planBuilder().version(3)
                            .addRevisions(kept(1, "acme-plan", Instant.parse("2026-04-01T00:00:00Z")),
                                    kept(2, "acme-plan", Instant.parse("2026-03-01T00:00:00Z")))
                            .build(),
                    "revisions[1].supersededAt", "revisions[1] was superseded at 2026-03-01T00:00:00Z, "
                            + "before the version kept before it (2026-04-01T00:00:00Z)");
        }

        @Test
        void build_revisionsWithGapInVersions_isAccepted() {
            SuccessPlan plan = Fixtures.planBuilder().version(5)
                    .addRevisions(kept(1, "acme-plan", Instant.parse("2026-03-01T00:00:00Z")),
                            kept(3, "acme-plan", Instant.parse("2026-03-01T00:00:00Z")))
                    .build();

            assertThat(plan.revisions()).hasSize(2);
        }
    }

    @Nested
    class Progress {

        @Test
        void progress_afterRolloutDue_countsAchievedOnTimeAndOverdue() {
            // setup achieved 02-18 (due 02-20), first-close achieved 03-12 (due 03-10, late),
            // rollout open and due 04-30, qbr open and due 06-15
            PlanProgress p = Fixtures.plan().progress(LocalDate.of(2026, 5, 1));

            assertThat(p).isEqualTo(new PlanProgress(4, 2, 1, 1));
            assertThat(p.achievedShare()).isEqualTo(0.5);
            assertThat(p.onTimeShare()).isEqualTo(0.25);
            assertThat(p.overdueShare()).isEqualTo(0.25);
        }

        @Test
        void progress_onRolloutDueDate_isNotOverdueYet() {
            assertThat(Fixtures.plan().progress(LocalDate.of(2026, 4, 30))).isEqualTo(new PlanProgress(4, 2, 1, 0));
        }

        @Test
        void progress_beforeLateAchievement_countsItOverdueNotAchieved() {
            assertThat(Fixtures.plan().progress(LocalDate.of(2026, 3, 11))).isEqualTo(new PlanProgress(4, 1, 1, 1));
        }

        @Test
        void progress_beforeAnyAchievement_countsNothingAchieved() {
            assertThat(Fixtures.plan().progress(LocalDate.of(2026, 2, 17))).isEqualTo(new PlanProgress(4, 0, 0, 0));
        }

        @Test
        void progress_cancelledMilestone_isNotCounted() {
            SuccessPlan plan = Fixtures.planBuilder()
                    .addMilestones(due("dropped", LocalDate.of(2026, 3, 1)).status(MilestoneStatus.CANCELLED).build())
                    .build();

            assertThat(plan.progress(LocalDate.of(2026, 5, 1))).isEqualTo(new PlanProgress(4, 2, 1, 1));
        }

        @Test
        void progress_noMilestones_isZeros() {
            PlanProgress p = withMilestones().build().progress(LocalDate.of(2026, 5, 1));

            assertThat(p).isEqualTo(new PlanProgress(0, 0, 0, 0));
            assertThat(p.achievedShare()).isZero();
            assertThat(p.onTimeShare()).isZero();
            assertThat(p.overdueShare()).isZero();
        }

        @Test
        void progress_onlyCancelledMilestones_isZeros() {
            SuccessPlan plan = withMilestones(due("a", START).status(MilestoneStatus.CANCELLED).build()).build();

            assertThat(plan.progress(LocalDate.of(2026, 5, 1))).isEqualTo(new PlanProgress(0, 0, 0, 0));
        }
    }

    @Nested
    class FirstValue {

        @Test
        void firstValueOn_beforeAchievement_isEmpty() {
            assertThat(Fixtures.plan().firstValueOn(LocalDate.of(2026, 3, 11))).isEmpty();
            assertThat(Fixtures.plan().daysToFirstValue(LocalDate.of(2026, 3, 11))).isEmpty();
        }

        @Test
        void firstValueOn_onAchievement_isThatDay() {
            assertThat(Fixtures.plan().firstValueOn(LocalDate.of(2026, 3, 12))).contains(LocalDate.of(2026, 3, 12));
        }

        @Test
        void daysToFirstValue_fromPlanStart_countsDays() {
            // 2026-02-01 -> 2026-03-01 is 28 days (2026 is no leap year), then 11 more to 2026-03-12
            assertThat(Fixtures.plan().daysToFirstValue(LocalDate.of(2026, 6, 1))).hasValue(39);
        }

        @Test
        void firstValueOn_twoFirstValueMilestones_isTheEarliestAchievement() {
            SuccessPlan plan = Fixtures.planBuilder()
                    .addMilestones(milestone("quick-win", "Quick win", MilestoneKind.FIRST_VALUE, LocalDate.of(2026, 3, 1))
                            .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 3, 5)).build())
                    .build();

            assertThat(plan.firstValueOn(LocalDate.of(2026, 3, 4))).isEmpty();
            assertThat(plan.firstValueOn(LocalDate.of(2026, 3, 31))).contains(LocalDate.of(2026, 3, 5));
            // 2026-02-01 -> 2026-03-05 is 28 + 4 days
            assertThat(plan.daysToFirstValue(LocalDate.of(2026, 3, 31))).hasValue(32);
        }

        @Test
        void firstValueOn_achievedOtherKinds_doNotCount() {
            SuccessPlan plan = withMilestones(milestone("setup", "Setup", MilestoneKind.SETUP, START)
                    .status(MilestoneStatus.ACHIEVED).achievedOn(START).build()).build();

            assertThat(plan.firstValueOn(LocalDate.of(2026, 12, 31))).isEmpty();
        }
    }

    @Nested
    class NextMilestoneDue {

        @Test
        void nextMilestoneDue_overdueMilestone_comesFirst() {
            // rollout (due 04-30) is overdue on 05-01, qbr is due 06-15
            assertThat(Fixtures.plan().nextMilestoneDue(LocalDate.of(2026, 5, 1)).map(Milestone::id))
                    .contains(MilestoneId.of("rollout"));
        }

        @Test
        void nextMilestoneDue_milestoneAchievedLater_isStillOpenBefore() {
            // first-close is achieved on 03-12 only
            assertThat(Fixtures.plan().nextMilestoneDue(LocalDate.of(2026, 3, 11)).map(Milestone::id))
                    .contains(MilestoneId.of("first-close"));
            assertThat(Fixtures.plan().nextMilestoneDue(LocalDate.of(2026, 3, 12)).map(Milestone::id))
                    .contains(MilestoneId.of("rollout"));
        }

        @Test
        void nextMilestoneDue_tie_goesToTheFirstListed() {
            Milestone a = due("a", LocalDate.of(2026, 5, 1)).build();
            Milestone b = due("b", LocalDate.of(2026, 5, 1)).build();

            assertThat(withMilestones(a, b).build().nextMilestoneDue(START)).contains(a);
            assertThat(withMilestones(b, a).build().nextMilestoneDue(START)).contains(b);
        }

        @Test
        void nextMilestoneDue_cancelledAndAchieved_areSkipped() {
            Milestone cancelled = due("cancelled", LocalDate.of(2026, 2, 10)).status(MilestoneStatus.CANCELLED).build();
            Milestone achieved = due("achieved", LocalDate.of(2026, 2, 11))
                    .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 5)).build();
            Milestone open = due("open", LocalDate.of(2026, 4, 1)).build();

            assertThat(withMilestones(cancelled, achieved, open).build().nextMilestoneDue(LocalDate.of(2026, 2, 6)))
                    .contains(open);
        }

        @Test
        void nextMilestoneDue_nothingOpen_isEmpty() {
            Milestone achieved = due("achieved", LocalDate.of(2026, 2, 11))
                    .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 2, 5)).build();

            assertThat(withMilestones(achieved).build().nextMilestoneDue(LocalDate.of(2026, 2, 6))).isEmpty();
            assertThat(withMilestones().build().nextMilestoneDue(LocalDate.of(2026, 2, 6))).isEmpty();
        }
    }

    @Nested
    class CompletionCriteria {

        @Test
        void isCompletionMetAsOf_thresholdLowerIsBetter_metOnceMeasuredAtThreshold() {
            // first-close: close-days <= 9; close-days measured 9 on 2026-03-06
            SuccessPlan plan = Fixtures.plan();

            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("first-close"), LocalDate.of(2026, 3, 5))).isFalse();
            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("first-close"), LocalDate.of(2026, 3, 6))).isTrue();
        }

        @Test
        void isCompletionMetAsOf_thresholdOnSupportingMetric_followsItsLatestMeasurement() {
            // rollout: active-users >= 35; measured 12, 31, then 36 on 2026-05-04
            SuccessMetric users = SuccessMetric.builder().from(Fixtures.activeUsers())
                    .addMeasurements(Measurement.of(Instant.parse("2026-05-04T08:00:00Z"), 36)).build();
            SuccessPlan plan = Fixtures.planBuilder().metrics(List.of(users)).build();

            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("rollout"), LocalDate.of(2026, 5, 3))).isFalse();
            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("rollout"), LocalDate.of(2026, 5, 4))).isTrue();
        }

        @Test
        void isCompletionMetAsOf_signOff_followsAchievement() {
            // setup is signed off, achieved 2026-02-18
            SuccessPlan plan = Fixtures.plan();

            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("setup"), LocalDate.of(2026, 2, 17))).isFalse();
            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("setup"), LocalDate.of(2026, 2, 18))).isTrue();
            assertThat(plan.isCompletionMetAsOf(MilestoneId.of("qbr"), LocalDate.of(2026, 12, 31))).isFalse();
        }

        @Test
        void isCompletionMetAsOf_unknownMilestone_isRejected() {
            assertViolation(() -> Fixtures.plan().isCompletionMetAsOf(MilestoneId.of("nope"), START), "milestone",
                    "milestone 'nope' is not a milestone of plan 'acme-plan'");
        }
    }

    @Nested
    class Outcome {

        @Test
        void outcomeAttainment_lowerIsBetter_isShareOfTheWay() {
            SuccessPlan plan = withOutcomeMetric(exactCloseDays()).build();

            // (6 - 10) / (2 - 10) = 0.5, then (4 - 10) / -8 = 0.75
            assertThat(plan.outcomeAttainment(LocalDate.of(2026, 3, 6)).map(Attainment::ratio)).contains(0.5);
            assertThat(plan.outcomeAttainment(LocalDate.of(2026, 4, 6)).map(Attainment::ratio)).contains(0.75);
        }

        @Test
        void outcomeAttainment_beforeMeasurement_isEmpty() {
            assertThat(withOutcomeMetric(exactCloseDays()).build().outcomeAttainment(LocalDate.of(2026, 3, 5))).isEmpty();
        }

        @Test
        void outcomeAttainment_fixture_isFiveSevenths() {
            // closeDays: baseline 10, target 3, last measured 5 on 2026-05-06: (5 - 10) / (3 - 10)
            assertThat(Fixtures.plan().outcomeAttainment(LocalDate.of(2026, 5, 6)).orElseThrow().ratio())
                    .isCloseTo(5.0 / 7.0, org.assertj.core.data.Offset.offset(1e-12));
        }

        @Test
        void isNearTarget_atAndBelowThreshold() {
            SuccessPlan plan = withOutcomeMetric(exactCloseDays()).build();
            LocalDate asOf = LocalDate.of(2026, 4, 6); // attainment 0.75

            assertThat(plan.isNearTarget(asOf, 0.75)).isTrue();
            assertThat(plan.isNearTarget(asOf, 0.8)).isFalse();
        }

        @Test
        void isNearTarget_notMeasured_isFalse() {
            assertThat(withOutcomeMetric(exactCloseDays()).build().isNearTarget(LocalDate.of(2026, 3, 5), 0.0)).isFalse();
        }

        @Test
        void isNearTarget_nan_isRejected() {
            assertViolation(() -> Fixtures.plan().isNearTarget(START, Double.NaN), "nearTarget",
                    "nearTarget must be a finite number, but was NaN");
        }

        @Test
        void needsNextPhase_nearWithoutNextPhase_isTrue() {
            SuccessPlan plan = withOutcomeMetric(exactCloseDays()).build();

            assertThat(plan.needsNextPhase(LocalDate.of(2026, 4, 6), 0.7)).isTrue();
        }

        @Test
        void needsNextPhase_nextPhaseAgreed_isFalse() {
            SuccessPlan plan = withOutcomeMetric(exactCloseDays()).nextPhase(NextPhase.of("Subsidiaries")).build();

            assertThat(plan.needsNextPhase(LocalDate.of(2026, 4, 6), 0.7)).isFalse();
        }

        @Test
        void needsNextPhase_notNear_isFalse() {
            SuccessPlan plan = withOutcomeMetric(exactCloseDays()).build();

            assertThat(plan.needsNextPhase(LocalDate.of(2026, 3, 6), 0.7)).isFalse();
        }

        @Test
        void needsNextPhase_nan_isRejected() {
            assertViolation(() -> Fixtures.plan().needsNextPhase(START, Double.POSITIVE_INFINITY), "nearTarget",
                    "nearTarget must be a finite number, but was Infinity");
        }
    }

    @Nested
    class Lookups {

        @Test
        void allMetrics_outcomeMetricFirst() {
            assertThat(Fixtures.plan().allMetrics()).extracting(SuccessMetric::id)
                    .containsExactly(MetricId.of("close-days"), MetricId.of("active-users"));
        }

        @Test
        void metric_byId_findsOutcomeAndSupportingMetrics() {
            assertThat(Fixtures.plan().metric(MetricId.of("close-days"))).contains(Fixtures.closeDays());
            assertThat(Fixtures.plan().metric(MetricId.of("active-users"))).contains(Fixtures.activeUsers());
            assertThat(Fixtures.plan().metric(MetricId.of("nps"))).isEmpty();
        }

        @Test
        void milestone_byId_findsIt() {
            assertThat(Fixtures.plan().milestone(MilestoneId.of("qbr")).map(Milestone::name)).contains("Quarterly business review");
            assertThat(Fixtures.plan().milestone(MilestoneId.of("nope"))).isEmpty();
        }
    }

    @Nested
    class Revise {
        private final Instant t1 = Instant.parse("2026-04-20T10:00:00Z");
        private final Instant t2 = Instant.parse("2026-05-20T10:00:00Z");

        @Test
        void revise_once_raisesVersionAndKeepsThePrevious() {
            SuccessPlan original = Fixtures.plan();

            SuccessPlan revised = original.revise(t1, "Purpose sharpened", b -> b.purpose("Close in 3 days"));

            assertThat(revised.version()).isEqualTo(2);
            assertThat(revised.id()).isEqualTo(original.id());
            assertThat(revised.purpose()).isEqualTo("Close in 3 days");
            assertThat(revised.revisions()).hasSize(1);
            PlanRevision r = revised.revisions().get(0);
            assertThat(r.plan()).isEqualTo(original);
            assertThat(r.plan().version()).isEqualTo(1);
            assertThat(r.supersededAt()).isEqualTo(t1);
            assertThat(r.reason()).isEqualTo("Purpose sharpened");
        }

        @Test
        void revise_original_isUnchanged() {
            SuccessPlan original = Fixtures.plan();

            original.revise(t1, "Purpose sharpened", b -> b.purpose("Close in 3 days"));

            assertThat(original).isEqualTo(Fixtures.plan());
            assertThat(original.revisions()).isEmpty();
        }

        @Test
        void revise_twice_keepsBothEarlierVersionsInOrderWithoutTheirHistory() {
            SuccessPlan v1 = Fixtures.plan();
            SuccessPlan v2 = v1.revise(t1, "first", b -> b.purpose("Second purpose"));

            SuccessPlan v3 = v2.revise(t2, "second", b -> b.purpose("Third purpose"));

            assertThat(v3.version()).isEqualTo(3);
            assertThat(v3.purpose()).isEqualTo("Third purpose");
            assertThat(v3.revisions()).extracting(PlanRevision::reason).containsExactly("first", "second");
            assertThat(v3.revisions()).extracting(PlanRevision::supersededAt).containsExactly(t1, t2);
            assertThat(v3.revisions()).extracting(r -> r.plan().version()).containsExactly(1, 2);
            assertThat(v3.revisions()).extracting(r -> r.plan().purpose())
                    .containsExactly("Finance closes faster with fewer manual steps", "Second purpose");
            assertThat(v3.revisions().get(1).plan().revisions()).isEmpty();
            assertThat(v3.revisions().get(0).plan()).isEqualTo(v1);
        }

        @Test
        void revise_changeSettingIdVersionAndRevisions_isOverridden() {
            SuccessPlan revised = Fixtures.plan().revise(t1, "tampering",
                    b -> b.id(PlanId.of("other")).version(9).revisions(List.of()));

            assertThat(revised.id()).isEqualTo(PlanId.of("acme-plan"));
            assertThat(revised.version()).isEqualTo(2);
            assertThat(revised.revisions()).hasSize(1);
        }

        @Test
        void revise_timeBeforeLastRevision_isRejected() {
            SuccessPlan v2 = Fixtures.plan().revise(t1, "first", b -> b);

            assertViolation(() -> v2.revise(t1.minusSeconds(1), "late", b -> b), "revisions[1].supersededAt",
                    "revisions[1] was superseded at 2026-04-20T09:59:59Z, before the version kept before it (2026-04-20T10:00:00Z)");
        }

        @Test
        void revise_sameTimeAsLastRevision_isAccepted() {
            SuccessPlan v3 = Fixtures.plan().revise(t1, "first", b -> b).revise(t1, "second", b -> b);

            assertThat(v3.version()).isEqualTo(3);
        }

        @Test
        void revise_blankReason_isRejected() {
            assertViolation(() -> Fixtures.plan().revise(t1, " ", b -> b), "reason", "reason must not be blank, but was ' '");
        }

        @Test
        void revise_changeBreakingARule_isRejected() {
            assertViolation(() -> Fixtures.plan().revise(t1, "moved", b -> b.startDate(LocalDate.of(2026, 2, 21))),
                    "milestones[0].dueDate", "milestone 'Connect the ledger' due 2026-02-20 is before plan start 2026-02-21");
        }
    }

    @Nested
    class Immutability {

        @Test
        void collections_returned_areUnmodifiable() {
            SuccessPlan plan = Fixtures.plan().revise(Instant.parse("2026-04-20T10:00:00Z"), "r", b -> b);
            Milestone extra = due("x", START).build();

            assertThatThrownBy(() -> plan.milestones().add(extra)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.metrics().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.allMetrics().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.responsibilities().remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.risks().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.gaps().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> plan.revisions().clear()).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void build_builderReusedAfterBuild_leavesBuiltValueAlone() {
            SuccessPlan.Builder b = Fixtures.planBuilder();
            SuccessPlan built = b.build();

            b.addMilestones(due("x", LocalDate.of(2026, 8, 1)).build()).purpose("Changed").version(7);

            assertThat(built.milestones()).hasSize(4);
            assertThat(built.purpose()).isEqualTo("Finance closes faster with fewer manual steps");
            assertThat(built.version()).isEqualTo(1);
            assertThat(built).isEqualTo(Fixtures.plan());
        }

        @Test
        void build_fromListMutatedAfterwards_leavesBuiltValueAlone() {
            java.util.ArrayList<Milestone> list = new java.util.ArrayList<>(List.of(due("a", START).build()));
            SuccessPlan built = withMilestones().milestones(list).build();

            list.add(due("b", START).build());

            assertThat(built.milestones()).hasSize(1);
        }
    }
}
