package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import java.util.Optional;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.PlanTemplates;
import org.junit.jupiter.api.Test;

/** The Sales-to-CS handoff: a record on the account that drafts the first plan. */
class SalesHandoffTest {
    static SalesHandoff.Builder handoff() {
        return Fixtures.handoffBuilder();
    }

    private static Account withoutPlan() {
        return Fixtures.accountBuilder().successPlan(Optional.empty()).handoff(handoff().build()).build();
    }

    @Test
    void draftPlan_takesTheUseCaseOutcomeAndRisksOverTheTemplate() {
        SuccessPlan plan = handoff().build().draftPlan(withoutPlan(), PlanTemplates.builtIns().get(0), PlanId.of("first"));

        assertThat(plan.purpose()).isEqualTo("Month-end close in the product instead of spreadsheets");
        assertThat(plan.desiredOutcome().requiredOutcome()).isEqualTo(Fixtures.desiredOutcome().requiredOutcome());
        assertThat(plan.risks()).extracting(Risk::description).containsExactly("IT has not approved the ledger integration");
        assertThat(plan.status()).isEqualTo(PlanStatus.DRAFT);
        assertThat(plan.milestones()).hasSize(4);
    }

    @Test
    void draftPlan_forAnotherAccount_isRejected() {
        Account globex = Fixtures.accountBuilder().id(AccountId.of("globex")).successPlan(Optional.empty()).build();

        assertViolation(() -> handoff().build().draftPlan(globex, PlanTemplates.builtIns().get(0), PlanId.of("p")), "account",
                "the handoff of account 'acme' cannot draft a plan for account 'globex'");
    }

    @Test
    void feature_daysWithoutPlan_countsFromTheHandoffUntilAPlanExists() {
        Features.Builder b = Features.builder(FeatureSchema.of(StandardFeatures.names()));
        StandardFeatures.write(withoutPlan(), LocalDate.of(2026, 2, 1), b);
        assertThat(b.build().value(StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN)).hasValue(22.0);

        Features.Builder before = Features.builder(FeatureSchema.of(StandardFeatures.names()));
        StandardFeatures.write(withoutPlan(), LocalDate.of(2026, 1, 9), before);
        assertThat(before.build().value(StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN)).isEmpty();

        Features.Builder planned = Features.builder(FeatureSchema.of(StandardFeatures.names()));
        StandardFeatures.write(Fixtures.accountBuilder().handoff(handoff().build()).build(), LocalDate.of(2026, 2, 1), planned);
        assertThat(planned.build().value(StandardFeatures.HANDOFF_DAYS_WITHOUT_PLAN)).isEmpty();
    }

    @Test
    void json_accountWithHandoff_roundTrips() {
        CsJson json = CsJson.create();
        Account account = withoutPlan();

        assertThat(json.read(json.write(account), Account.class)).isEqualTo(account);
    }

    @Test
    void build_blankUseCaseOrDeadlineBeforeHandoff_isRejected() {
        assertViolation(() -> handoff().useCase("").build(), "useCase", "useCase must not be blank, but was ''");
        assertViolation(() -> handoff().handedOverOn(LocalDate.of(2026, 10, 1)).build(), "promisedOutcome.deadline",
                "promised outcome deadline 2026-09-30 is before the handoff on 2026-10-01");
    }

    @Test
    void account_handoffNamingStrangers_isRejected() {
        assertViolation(() -> Fixtures.accountBuilder().handoff(handoff().addStakeholders(PersonId.of("kim")).build()).build(),
                "handoff.stakeholders[2]", "the handoff names 'kim', who is not a stakeholder of account 'acme'");
        assertViolation(() -> Fixtures.accountBuilder().handoff(handoff().soldBy(PersonId.of("dana")).build()).build(),
                "handoff.soldBy", "the handoff was sold by 'dana', who is not on the account team of 'acme'");
        assertViolation(() -> Fixtures.accountBuilder().handoff(handoff().accountId(AccountId.of("globex")).build()).build(),
                "handoff.accountId", "handoff.accountId 'globex' does not match account id 'acme'");
    }
}
