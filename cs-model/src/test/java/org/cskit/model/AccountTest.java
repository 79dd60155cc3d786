package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static Stakeholder person(String id, String name, StakeholderRole role) {
        return Stakeholder.builder().id(PersonId.of(id)).name(name).addRoles(role).build();
    }

    @Test
    void build_fixture_isValid() {
        assertThat(Fixtures.account().successPlan()).contains(Fixtures.plan());
    }

    @Test
    void build_blankName_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().name("").build(), "name", "name must not be blank, but was ''");
    }

    @Test
    void build_blankAttributeKey_isRejectedNamingTheKey() {
        // the map is not blank (it holds industry and region): one key is
        assertViolation(() -> Fixtures.accountBuilder().putAttributes(" ", "x").build(), "attributes",
                "attribute key must not be blank, but was ' '");
    }

    @Test
    void build_blankAttributeValue_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().putAttributes("tier", "").build(), "attributes.tier",
                "attributes.tier must not be blank, but was ''");
    }

    @Test
    void build_duplicateStakeholderId_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().addStakeholders(person("dana", "Dana Two", StakeholderRole.USER)).build(),
                "stakeholders[2].id", "duplicate person id 'dana' in account 'acme'");
    }

    @Test
    void build_teamMemberWithStakeholderId_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder()
                        .addAccountTeam(TeamMember.of(PersonId.of("lee"), "Lee Vendor", AccountTeamRole.SOLUTIONS_ENGINEER))
                        .build(),
                "accountTeam[2].id",
                "duplicate person id 'lee' in account 'acme': each person is either a stakeholder or on the account team, once");
    }

    @Test
    void build_duplicateTeamMemberId_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder()
                        .addAccountTeam(TeamMember.of(PersonId.of("csm-1"), "Sam Again", AccountTeamRole.OTHER))
                        .build(),
                "accountTeam[2].id",
                "duplicate person id 'csm-1' in account 'acme': each person is either a stakeholder or on the account team, once");
    }

    @Test
    void build_twoChampions_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().addStakeholders(person("kim", "Kim Lo", StakeholderRole.CHAMPION)).build(),
                "stakeholders",
                "account 'acme' has 2 stakeholders with role CHAMPION ('Dana Ruiz', 'Kim Lo'), but at most one is allowed");
    }

    @Test
    void build_twoExecutiveSponsors_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder()
                        .addStakeholders(person("kim", "Kim Lo", StakeholderRole.EXECUTIVE_SPONSOR)).build(),
                "stakeholders",
                "account 'acme' has 2 stakeholders with role EXECUTIVE_SPONSOR ('Lee Park', 'Kim Lo'), but at most one is allowed");
    }

    @Test
    void build_planOfAnotherAccount_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder()
                        .successPlan(Fixtures.planBuilder().accountId(AccountId.of("globex")).build()).build(),
                "successPlan.accountId", "successPlan.accountId 'globex' does not match account id 'acme'");
    }

    @Test
    void build_milestoneOwnerUnknown_isRejected() {
        // csm-1 owns the first milestone; take them off the account team
        assertViolation(() -> Fixtures.accountBuilder()
                        .accountTeam(List.of(TeamMember.of(PersonId.of("ae-1"), "Rae Chen", AccountTeamRole.ACCOUNT_EXECUTIVE)))
                        .build(),
                "successPlan.milestones[0].owner",
                "milestone 'Connect the ledger' is owned by 'csm-1', who is neither a stakeholder nor on the account team");
    }

    @Test
    void build_responsibilityPersonUnknown_isRejected() {
        SuccessPlan plan = Fixtures.planBuilder()
                .addResponsibilities(Responsibility.builder().side(Side.CUSTOMER).role("Observer").person(PersonId.of("ghost"))
                        .duty("Reads the reports").build())
                .build();

        assertViolation(() -> Fixtures.accountBuilder().successPlan(plan).build(), "successPlan.responsibilities[2].person",
                "responsibility 'Observer' names 'ghost', who is neither a stakeholder nor on the account team");
    }

    @Test
    void build_withoutPlan_isAccepted() {
        Account a = Fixtures.accountBuilder().successPlan(java.util.Optional.empty()).build();

        assertThat(a.successPlan()).isEmpty();
    }

    @Test
    void champion_andExecutiveSponsor_areFoundByRole() {
        Account a = Fixtures.account();

        assertThat(a.champion().map(Stakeholder::id)).contains(PersonId.of("dana"));
        assertThat(a.executiveSponsor().map(Stakeholder::id)).contains(PersonId.of("lee"));
    }

    @Test
    void champion_noneWithTheRole_isEmpty() {
        Account a = Fixtures.accountBuilder()
                .stakeholders(List.of(
                        person("dana", "Dana Ruiz", StakeholderRole.ADMIN),
                        person("lee", "Lee Park", StakeholderRole.USER)))
                .build();

        assertThat(a.champion()).isEmpty();
        assertThat(a.executiveSponsor()).isEmpty();
    }

    @Test
    void daysToRenewal_delegatesToContract() {
        // renewal 2027-01-15: 15 days to the end of 2026-12 from 12-16, then 15
        assertThat(Fixtures.account().daysToRenewal(LocalDate.of(2026, 12, 16))).isEqualTo(30);
        assertThat(Fixtures.account().daysToRenewal(LocalDate.of(2027, 1, 16))).isEqualTo(-1);
    }

    @Test
    void daysToFirstValue_countsFromContractStart() {
        // contract starts 2026-01-15, first value 2026-03-12: 16 days to 01-31, 28 in February, 12 in March
        assertThat(Fixtures.account().daysToFirstValue(LocalDate.of(2026, 3, 12))).hasValue(56);
    }

    @Test
    void daysToFirstValue_beforeFirstValue_isEmpty() {
        assertThat(Fixtures.account().daysToFirstValue(LocalDate.of(2026, 3, 11))).isEmpty();
    }

    @Test
    void daysToFirstValue_withoutPlan_isEmpty() {
        assertThat(Fixtures.accountBuilder().successPlan(java.util.Optional.empty()).build()
                .daysToFirstValue(LocalDate.of(2027, 1, 1))).isEmpty();
    }

    @Test
    void attributes_keepTheOrderGiven() {
        assertThat(Fixtures.account().attributes().keySet()).containsExactly("industry", "region");
    }

    @Test
    void collections_returned_areUnmodifiable() {
        Account a = Fixtures.account();

        assertThatThrownBy(() -> a.stakeholders().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.accountTeam().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> a.attributes().put("tier", "gold")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_builderReusedAfterBuild_leavesBuiltValueAlone() {
        Account.Builder b = Fixtures.accountBuilder();
        Account built = b.build();

        b.putAttributes("tier", "gold").name("Changed").addStakeholders(person("kim", "Kim Lo", StakeholderRole.USER));

        assertThat(built.attributes()).doesNotContainKey("tier");
        assertThat(built.name()).isEqualTo("Acme Corp");
        assertThat(built.stakeholders()).hasSize(2);
        assertThat(built).isEqualTo(Fixtures.account());
    }
}
