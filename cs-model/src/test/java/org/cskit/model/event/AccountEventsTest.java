package org.cskit.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Contract;
import org.cskit.model.Fixtures;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.cskit.model.Stakeholder;
import org.cskit.model.StakeholderRole;
import org.cskit.model.SuccessPlan;
import org.junit.jupiter.api.Test;

class AccountEventsTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final PlanId PLAN = PlanId.of("acme-plan");
    private static final Instant AT = Instant.parse("2026-06-20T08:00:00Z");
    private static final Instant REVISED_AT = Instant.parse("2026-04-20T10:00:00Z"); // Fixtures.revisedAccount()

    private static Stakeholder person(String id, String name, StakeholderRole... roles) {
        return Stakeholder.builder().id(PersonId.of(id)).name(name).addRoles(roles).build();
    }

    /** The plan with one milestone's status changed. */
    private static SuccessPlan withStatus(SuccessPlan plan, String id, MilestoneStatus status, LocalDate achievedOn) {
        return SuccessPlan.builder().from(plan)
                .milestones(plan.milestones().stream()
                        .map(m -> m.id().value().equals(id)
                                ? Milestone.builder().from(m).status(status).achievedOn(Optional.ofNullable(achievedOn)).build()
                                : m)
                        .toList())
                .build();
    }

    private static Contract renewedContract() {
        return Contract.builder().from(Fixtures.account().contract())
                .renewalDate(LocalDate.of(2028, 1, 15))
                .arr(Money.of("130000.00", "EUR"))
                .build();
    }

    @Test
    void changes_identicalStates_isEmpty() {
        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.account(), AT)).isEmpty();
    }

    @Test
    void changes_sameInstance_isEmpty() {
        Account a = Fixtures.revisedAccount();

        assertThat(AccountEvents.changes(a, a, AT)).isEmpty();
    }

    @Test
    void changes_lifecycleStage_isReported() {
        Account after = Fixtures.accountBuilder().lifecycleStage(LifecycleStage.EXPANSION).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT))
                .containsExactly(new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION, LifecycleStage.EXPANSION, AT));
    }

    @Test
    void changes_newChampion_isReported() {
        Account after = Fixtures.accountBuilder()
                .stakeholders(List.of(
                        person("dana", "Dana Ruiz", StakeholderRole.ADMIN),
                        person("lee", "Lee Park", StakeholderRole.EXECUTIVE_SPONSOR),
                        person("kim", "Kim Lo", StakeholderRole.CHAMPION)))
                .build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                new ChampionChanged(ACME, Optional.of(PersonId.of("dana")), Optional.of(PersonId.of("kim")), AT));
    }

    @Test
    void changes_championGone_isReportedWithNoCurrent() {
        Account after = Fixtures.accountBuilder()
                .stakeholders(List.of(
                        person("dana", "Dana Ruiz", StakeholderRole.ADMIN),
                        person("lee", "Lee Park", StakeholderRole.EXECUTIVE_SPONSOR)))
                .build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT))
                .containsExactly(new ChampionChanged(ACME, Optional.of(PersonId.of("dana")), Optional.empty(), AT));
    }

    @Test
    void changes_championDetailsOnly_isNotAChange() {
        Account after = Fixtures.accountBuilder()
                .stakeholders(List.of(
                        person("dana", "Dana Ruiz-Lopez", StakeholderRole.CHAMPION),
                        person("lee", "Lee Park", StakeholderRole.EXECUTIVE_SPONSOR)))
                .build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).isEmpty();
    }

    @Test
    void changes_sponsorGone_isReported() {
        Account after = Fixtures.accountBuilder()
                .stakeholders(List.of(
                        Fixtures.account().stakeholders().get(0),
                        person("lee", "Lee Park", StakeholderRole.USER)))
                .build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT))
                .containsExactly(new ExecutiveSponsorChanged(ACME, Optional.of(PersonId.of("lee")), Optional.empty(), AT));
    }

    @Test
    void changes_firstSponsor_isReported() {
        Account before = Fixtures.accountBuilder()
                .stakeholders(List.of(Fixtures.account().stakeholders().get(0), person("lee", "Lee Park", StakeholderRole.USER)))
                .build();

        assertThat(AccountEvents.changes(before, Fixtures.account(), AT))
                .containsExactly(new ExecutiveSponsorChanged(ACME, Optional.empty(), Optional.of(PersonId.of("lee")), AT));
    }

    @Test
    void changes_renewalDateMovedLater_isContractRenewedWithNewArr() {
        Account after = Fixtures.accountBuilder().contract(renewedContract()).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(new ContractRenewed(ACME,
                LocalDate.of(2027, 1, 15), LocalDate.of(2028, 1, 15), Money.of("130000.00", "EUR"), AT));
    }

    @Test
    void changes_renewalDateMovedEarlierOrArrOnly_isNoRenewal() {
        Contract earlier = Contract.builder().from(Fixtures.account().contract()).renewalDate(LocalDate.of(2026, 12, 15)).build();
        Contract repriced = Contract.builder().from(Fixtures.account().contract()).arr(Money.of("1.00", "EUR")).build();

        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.accountBuilder().contract(earlier).build(), AT)).isEmpty();
        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.accountBuilder().contract(repriced).build(), AT)).isEmpty();
    }

    @Test
    void changes_planRevised_carriesTheRevisionsReasonAndTime() {
        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.revisedAccount(), AT)).containsExactly(
                new PlanRevised(ACME, PLAN, 1, 2, "QBR moved after the rollout slipped", REVISED_AT));
    }

    @Test
    void changes_planRevisedTwiceBetweenStates_reportsTheLatestRevision() {
        SuccessPlan v3 = Fixtures.revisedAccount().successPlan().orElseThrow()
                .revise(Instant.parse("2026-05-01T00:00:00Z"), "Second look", b -> b.purpose("Faster close"));
        Account after = Fixtures.accountBuilder().successPlan(v3).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                new PlanRevised(ACME, PLAN, 1, 3, "Second look", Instant.parse("2026-05-01T00:00:00Z")));
    }

    @Test
    void changes_milestoneNewlyAchieved_isReported() {
        SuccessPlan plan = withStatus(Fixtures.plan(), "rollout", MilestoneStatus.ACHIEVED, LocalDate.of(2026, 5, 2));
        Account after = Fixtures.accountBuilder().successPlan(plan).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                achieved(plan, "rollout", LocalDate.of(2026, 5, 2)));
        MilestoneAchieved event = (MilestoneAchieved) AccountEvents.changes(Fixtures.account(), after, AT).get(0);
        assertThat(event.expansionOpportunity().orElseThrow().description()).isEqualTo("Procurement module for the purchasing team");
        assertThat(event.evidence()).isEmpty();
    }

    @Test
    void changes_milestoneNewlyMissed_isReportedWithItsDueDate() {
        SuccessPlan plan = withStatus(Fixtures.plan(), "qbr", MilestoneStatus.MISSED, null);
        Account after = Fixtures.accountBuilder().successPlan(plan).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                new MilestoneMissed(ACME, PLAN, MilestoneId.of("qbr"), LocalDate.of(2026, 6, 15), AT));
    }

    @Test
    void changes_milestoneOtherStatusChange_isNotReported() {
        SuccessPlan started = withStatus(Fixtures.plan(), "qbr", MilestoneStatus.IN_PROGRESS, null);
        SuccessPlan cancelled = withStatus(Fixtures.plan(), "qbr", MilestoneStatus.CANCELLED, null);

        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.accountBuilder().successPlan(started).build(), AT)).isEmpty();
        assertThat(AccountEvents.changes(Fixtures.account(), Fixtures.accountBuilder().successPlan(cancelled).build(), AT)).isEmpty();
    }

    @Test
    void changes_milestoneAddedAlreadyAchieved_isReported() {
        SuccessPlan plan = Fixtures.planBuilder()
                .addMilestones(Fixtures.milestone("training", "Team trained", MilestoneKind.ADOPTION, LocalDate.of(2026, 5, 1))
                        .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 4, 28)).build())
                .build();
        Account after = Fixtures.accountBuilder().successPlan(plan).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                achieved(plan, "training", LocalDate.of(2026, 4, 28)));
    }

    @Test
    void changes_firstPlan_reportsItsAchievedMilestonesInPlanOrderAndNoRevision() {
        Account before = Fixtures.accountBuilder().successPlan(Optional.empty()).build();

        assertThat(AccountEvents.changes(before, Fixtures.account(), AT)).containsExactly(
                achieved(Fixtures.plan(), "setup", LocalDate.of(2026, 2, 18)),
                achieved(Fixtures.plan(), "first-close", LocalDate.of(2026, 3, 12)));
    }

    @Test
    void changes_planRemoved_isEmpty() {
        Account after = Fixtures.accountBuilder().successPlan(Optional.empty()).build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).isEmpty();
    }

    @Test
    void changes_everything_inDocumentedOrder() {
        SuccessPlan revised = Fixtures.revisedAccount().successPlan().orElseThrow();
        SuccessPlan plan = withStatus(withStatus(revised, "qbr", MilestoneStatus.MISSED, null),
                "rollout", MilestoneStatus.ACHIEVED, LocalDate.of(2026, 5, 2));
        Account after = Fixtures.accountBuilder()
                .lifecycleStage(LifecycleStage.RENEWAL_WINDOW)
                .stakeholders(List.of(
                        person("dana", "Dana Ruiz", StakeholderRole.ADMIN),
                        person("lee", "Lee Park", StakeholderRole.CHAMPION),
                        person("kim", "Kim Lo", StakeholderRole.EXECUTIVE_SPONSOR)))
                .contract(renewedContract())
                .successPlan(plan)
                .build();

        assertThat(AccountEvents.changes(Fixtures.account(), after, AT)).containsExactly(
                new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION, LifecycleStage.RENEWAL_WINDOW, AT),
                new ChampionChanged(ACME, Optional.of(PersonId.of("dana")), Optional.of(PersonId.of("lee")), AT),
                new ExecutiveSponsorChanged(ACME, Optional.of(PersonId.of("lee")), Optional.of(PersonId.of("kim")), AT),
                new ContractRenewed(ACME, LocalDate.of(2027, 1, 15), LocalDate.of(2028, 1, 15), Money.of("130000.00", "EUR"), AT),
                new PlanRevised(ACME, PLAN, 1, 2, "QBR moved after the rollout slipped", REVISED_AT),
                achieved(plan, "rollout", LocalDate.of(2026, 5, 2)),
                new MilestoneMissed(ACME, PLAN, MilestoneId.of("qbr"), LocalDate.of(2026, 7, 1), AT));
    }

    @Test
    void changes_differentAccounts_isRejected() {
        Account globex = Fixtures.accountBuilder().id(AccountId.of("globex")).successPlan(Optional.empty()).build();

        assertViolation(() -> AccountEvents.changes(Fixtures.account(), globex, AT), "after.id",
                "cannot compare account 'acme' with account 'globex': they are different accounts");
    }

    @Test
    void changes_result_isUnmodifiable() {
        Account after = Fixtures.accountBuilder().lifecycleStage(LifecycleStage.EXPANSION).build();
        List<AccountEvent> events = AccountEvents.changes(Fixtures.account(), after, AT);

        assertThatThrownBy(() -> events.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changes_nullArgument_isRejected() {
        assertThatThrownBy(() -> AccountEvents.changes(Fixtures.account(), Fixtures.account(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("at");
    }

    private static MilestoneAchieved achieved(SuccessPlan plan, String id, LocalDate day) {
        return new MilestoneAchieved(ACME, PLAN, MilestoneId.of(id), day, AT, plan.milestone(MilestoneId.of(id)));
    }
}
