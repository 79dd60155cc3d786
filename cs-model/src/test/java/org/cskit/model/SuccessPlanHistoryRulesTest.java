package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import org.cskit.model.event.PlanRevised;
import org.junit.jupiter.api.Test;

class SuccessPlanHistoryRulesTest {
    private static final Instant AT = Instant.parse("2026-04-20T10:00:00Z");

    @Test
    void revise_changeOfAccount_isIgnored() {
        SuccessPlan revised = Fixtures.plan().revise(AT, "moved", b -> b.accountId(AccountId.of("other")));

        assertThat(revised.accountId()).isEqualTo(AccountId.of("acme"));
    }

    @Test
    void build_revisionOfAnotherAccount_isRejected() {
        SuccessPlan revised = Fixtures.plan().revise(AT, "moved", b -> b);
        PlanRevision foreign = PlanRevision.builder().from(revised.revisions().get(0))
                .plan(Fixtures.planBuilder().accountId(AccountId.of("other")).build()).build();

        assertViolation(() -> Fixtures.planBuilder().version(2).addRevisions(foreign).build(),
                "revisions[0].plan.accountId", "revisions[0] belongs to account 'other', not to account 'acme'");
    }

    @Test
    void planRevised_blankReason_isRejected() {
        assertViolation(() -> new PlanRevised(AccountId.of("acme"), PlanId.of("p"), 1, 2, " ", AT),
                "reason", "reason must not be blank, but was ' '");
    }
}
