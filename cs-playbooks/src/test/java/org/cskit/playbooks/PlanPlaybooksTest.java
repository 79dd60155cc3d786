package org.cskit.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.Contract;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.TeamMember;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.junit.jupiter.api.Test;

/**
 * The built-in playbooks that read the plan's gaps, risks, review cadence and the sales handoff:
 * each fires in its situation and not in a near miss; and the owners of a play are resolved.
 */
class PlanPlaybooksTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    private static final FeatureSchema SCHEMA = FeatureSchema.of(BuiltInPlaybooks.features());

    private static Account account(String id) {
        return Account.builder().id(AccountId.of(id)).name("Acme Corp").segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.STEADY_STATE)
                .contract(Contract.builder().arr(Money.of("120000.00", "EUR")).startDate(LocalDate.of(2026, 1, 15))
                        .renewalDate(LocalDate.of(2027, 1, 15)).termMonths(12).build())
                .addAccountTeam(TeamMember.of(PersonId.of("csm-1"), "Sam Okafor", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER))
                .build();
    }

    /** A healthy steady-state account with a plan: nothing fires. */
    private static Features.Builder healthy() {
        return Features.builder(SCHEMA)
                .set(BuiltInPlaybooks.SEAT_UTILISATION, 0.7, 30)
                .set(BuiltInPlaybooks.TICKETS, 1, 1).set(BuiltInPlaybooks.TICKETS_CHANGE_PCT, 0, 2)
                .set(StandardFeatures.HAS_PLAN, 1, 1).set(StandardFeatures.OUTCOME_ATTAINMENT, 0.5, 4)
                .set(StandardFeatures.NEXT_PHASE_DEFINED, 0, 1).set(StandardFeatures.MAX_DAYS_OVERDUE, 0, 4)
                .set(StandardFeatures.OPEN_GAPS_DUE_SOON, 0, 1).set(StandardFeatures.HIGH_RISKS_UNOWNED, 0, 1)
                .set(StandardFeatures.DAYS_TO_REVIEW, 20, 1)
                .set(StandardFeatures.DAYS_TO_RENEWAL, 250, 1).set(StandardFeatures.DAYS_SINCE_START, 115, 1);
    }

    private static List<Play> plays(Features features) {
        SuccessVector vector = SuccessVector.builder().accountId(ACME).asOf(AS_OF).score(65).band(Band.of("yellow", 0))
                .direction(Direction.FLAT).velocity(0).coverage(1).scorecardId(ScorecardId.of("card")).scorecardVersion(1)
                .addContributions(Contribution.builder().input("all").group("all").points(65).weight(1).build()).build();
        AccountSnapshot snapshot = AccountSnapshot.builder().accountId(ACME).asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.STEADY_STATE)
                .features(features).build();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(BuiltInPlaybooks.all()).build();
        return engine.evaluate(PlaybookInput.of(snapshot, vector)).plays();
    }

    /** No plan, so every plan feature is missing, and a handoff that many days ago. */
    private static Features handedOverWithoutPlan(int days) {
        return healthy().set(StandardFeatures.HAS_PLAN, 0, 1).clear(StandardFeatures.OUTCOME_ATTAINMENT)
                .clear(StandardFeatures.NEXT_PHASE_DEFINED).clear(StandardFeatures.MAX_DAYS_OVERDUE)
                .clear(StandardFeatures.OPEN_GAPS_DUE_SOON).clear(StandardFeatures.HIGH_RISKS_UNOWNED).clear(StandardFeatures.DAYS_TO_REVIEW)
                .set(StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN, days, 1).build();
    }

    private static List<String> fired(Features features) {
        return plays(features).stream().map(Play::playbookId).toList();
    }

    @Test
    void healthyAccount_firesNone() {
        assertThat(fired(healthy().build())).isEmpty();
    }

    @Test
    void successGapNearDue_firesForAnOpenGapBeforeAMilestoneDueSoon() {
        List<Play> plays = plays(healthy().set(StandardFeatures.OPEN_GAPS_DUE_SOON, 2, 1).build());

        assertThat(plays).extracting(Play::playbookId).containsExactly("success-gap-near-due");
        assertThat(plays.get(0).actions().get(0).text())
                .isEqualTo("Open success gaps before milestones due within 14 days: 2; bridge them with the customer");
    }

    @Test
    void successGapNearDue_nearMiss_noGapDueSoon() {
        assertThat(fired(healthy().set(StandardFeatures.OPEN_GAPS_DUE_SOON, 0, 1).build())).isEmpty();
    }

    @Test
    void highRiskUnowned_firesForAHighRiskWithoutAnOwner() {
        assertThat(fired(healthy().set(StandardFeatures.HIGH_RISKS_UNOWNED, 1, 1).build())).containsExactly("high-risk-unowned");
    }

    @Test
    void highRiskUnowned_nearMiss_everyHighRiskOwned() {
        assertThat(fired(healthy().set(StandardFeatures.HIGH_RISKS_UNOWNED, 0, 1).build())).isEmpty();
    }

    @Test
    void planReviewDue_firesAWeekBeforeThePlansOwnCadenceCallsForIt() {
        assertThat(fired(healthy().set(StandardFeatures.DAYS_TO_REVIEW, 7, 1).build())).containsExactly("plan-review-due");
        assertThat(fired(healthy().set(StandardFeatures.DAYS_TO_REVIEW, -3, 1).build())).containsExactly("plan-review-due");
    }

    @Test
    void planReviewDue_nearMiss_eightDaysAhead() {
        assertThat(fired(healthy().set(StandardFeatures.DAYS_TO_REVIEW, 8, 1).build())).isEmpty();
    }

    @Test
    void promisedOutcomeNoPlan_firesTwoWeeksAfterTheHandoffAndWinsOverNoPlan() {
        assertThat(fired(handedOverWithoutPlan(14))).containsExactly("promised-outcome-no-plan");
    }

    @Test
    void promisedOutcomeNoPlan_nearMiss_thirteenDaysLeavesTheGeneralNoPlanPlay() {
        assertThat(fired(handedOverWithoutPlan(13))).containsExactly("no-success-plan");
    }

    @Test
    void playOwners_resolveTheTaskOwnerOrSayWhyNobody() {
        Play gap = plays(healthy().set(StandardFeatures.OPEN_GAPS_DUE_SOON, 1, 1).build()).get(0);
        Play spike = plays(healthy().set(BuiltInPlaybooks.TICKETS, 6, 6).set(BuiltInPlaybooks.TICKETS_CHANGE_PCT, 100, 2).build()).get(0);

        assertThat(PlayOwners.describe(gap, account("acme"))).containsExactly("CSM: Sam Okafor");
        assertThat(PlayOwners.describe(spike, account("acme"))).containsExactly(
                "Support lead: nobody ('Support lead' is not a role of the customer's stakeholders [CHAMPION, EXECUTIVE_SPONSOR, ADMIN, USER])");
    }

    @Test
    void playOwners_anotherAccount_isRejected() {
        Play gap = plays(healthy().set(StandardFeatures.OPEN_GAPS_DUE_SOON, 1, 1).build()).get(0);

        assertThatThrownBy(() -> PlayOwners.of(gap, account("globex"))).isInstanceOf(ValidationException.class)
                .hasMessage("play '" + gap.key() + "' is for account 'acme', not for account 'globex'");
    }
}
