package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A role as people write it, resolved to a person of the account or to why nobody. */
class RoleHolderTest {
    private final Account acme = Fixtures.account();

    @Test
    void resolve_abbreviationAndWords_findTheAccountTeam() {
        RoleHolder csm = RoleHolder.resolve(acme, "CSM");

        assertThat(csm.person()).contains(PersonId.of("csm-1"));
        assertThat(csm.side()).contains(Side.VENDOR);
        assertThat(csm.explanation()).isEqualTo("Sam Okafor holds CUSTOMER_SUCCESS_MANAGER on the account team");
        assertThat(RoleHolder.resolve(acme, "Account executive").name()).contains("Rae Chen");
    }

    @Test
    void resolve_customerRole_findsTheStakeholder() {
        assertThat(RoleHolder.resolve(acme, "champion").person()).contains(PersonId.of("dana"));
        assertThat(RoleHolder.resolve(acme, Side.CUSTOMER, "Executive sponsor").person()).contains(PersonId.of("lee"));
    }

    @Test
    void resolve_roleNobodyHolds_saysSo() {
        RoleHolder sponsor = RoleHolder.resolve(acme, "Executive sponsor");

        assertThat(sponsor.isHeld()).isFalse();
        assertThat(sponsor.side()).contains(Side.VENDOR);
        assertThat(sponsor.explanation()).isEqualTo("nobody on the account team of 'acme' holds EXECUTIVE_SPONSOR");
        assertThat(RoleHolder.resolve(acme, Side.CUSTOMER, "User").explanation()).isEqualTo("no stakeholder of 'acme' holds USER");
    }

    @Test
    void resolve_wordsThatAreNoRole_saySo() {
        RoleHolder lead = RoleHolder.resolve(acme, "Support lead");

        assertThat(lead.person()).isEmpty();
        assertThat(lead.side()).isEqualTo(Optional.empty());
        assertThat(lead.explanation()).isEqualTo("'Support lead' is not a role of the customer's stakeholders [CHAMPION, EXECUTIVE_SPONSOR, ADMIN, USER]");
    }
}
