package org.cskit.testkit;

import java.time.LocalDate;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.Contract;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.Segment;
import org.cskit.model.Stakeholder;
import org.cskit.model.StakeholderRole;
import org.cskit.model.TeamMember;

/**
 * Accounts with valid defaults, as builders so that a test changes only what it is about.
 * Stateless and thread-safe; every builder is new.
 *
 * <p>Pass the id to the factory ({@code enterprise(id)}) rather than calling {@code .id(..)} on the
 * builder: the enterprise account's success plan names its account, and the two must agree.
 */
public final class TestAccounts {
    /** The contract start of every account here; the enterprise plan starts on it too. */
    public static final LocalDate CONTRACT_START = LocalDate.of(2026, 1, 15);

    private TestAccounts() {}

    /**
     * An enterprise account with id {@code acme}; see {@link #enterprise(AccountId)}.
     *
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder enterprise() {
        return enterprise(AccountId.of("acme"));
    }

    /**
     * An enterprise account: segment {@code enterprise} (high touch), in adoption, a one-year
     * contract of 120,000 EUR from {@link #CONTRACT_START} with auto-renewal, a champion and an
     * executive sponsor, a CSM and an account executive, and {@link TestPlans#onboarding} as its plan.
     *
     * @param id the account's id
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder enterprise(AccountId id) {
        return Account.builder()
                .id(id)
                .name("Acme Corp")
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .putAttributes("industry", "Manufacturing")
                .putAttributes("region", "EMEA")
                .contract(contract("120000.00", "EUR"))
                .addStakeholders(
                        Stakeholder.builder().id(PersonId.of("dana")).name("Dana Ruiz").title("Controller")
                                .addRoles(StakeholderRole.CHAMPION).build(),
                        Stakeholder.builder().id(PersonId.of("lee")).name("Lee Park").title("CFO")
                                .addRoles(StakeholderRole.EXECUTIVE_SPONSOR).build())
                .addAccountTeam(
                        TeamMember.of(PersonId.of("csm-1"), "Sam Okafor", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER),
                        TeamMember.of(PersonId.of("ae-1"), "Rae Chen", AccountTeamRole.ACCOUNT_EXECUTIVE))
                .successPlan(TestPlans.onboarding(id, CONTRACT_START).build());
    }

    /**
     * A mid-market account with id {@code globex}; see {@link #midMarket(AccountId)}.
     *
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder midMarket() {
        return midMarket(AccountId.of("globex"));
    }

    /**
     * A mid-market account: segment {@code mid-market} (scaled), in onboarding, a one-year contract
     * of 30,000 USD from {@link #CONTRACT_START}, a champion and a CSM, no plan.
     *
     * @param id the account's id
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder midMarket(AccountId id) {
        return Account.builder()
                .id(id)
                .name("Globex")
                .segment(Segment.of("mid-market", EngagementModel.SCALED))
                .lifecycleStage(LifecycleStage.ONBOARDING)
                .contract(contract("30000.00", "USD"))
                .addStakeholders(Stakeholder.builder().id(PersonId.of("hank")).name("Hank Scorpio")
                        .addRoles(StakeholderRole.CHAMPION).build())
                .addAccountTeam(TeamMember.of(PersonId.of("csm-2"), "Ida Lund", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER));
    }

    /**
     * A small-business account with id {@code initech}; see {@link #smb(AccountId)}.
     *
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder smb() {
        return smb(AccountId.of("initech"));
    }

    /**
     * A small-business account: segment {@code smb} (tech touch), steady state, a one-year contract
     * of 3,600 USD from {@link #CONTRACT_START}, one admin, no account team, no plan.
     *
     * @param id the account's id
     * @return a builder that builds a valid account as it is
     */
    public static Account.Builder smb(AccountId id) {
        return Account.builder()
                .id(id)
                .name("Initech")
                .segment(Segment.of("smb", EngagementModel.TECH_TOUCH))
                .lifecycleStage(LifecycleStage.STEADY_STATE)
                .contract(contract("3600.00", "USD"))
                .addStakeholders(Stakeholder.builder().id(PersonId.of("peter")).name("Peter Gibbons")
                        .addRoles(StakeholderRole.ADMIN).build());
    }

    /**
     * A one-year contract from {@link #CONTRACT_START}, auto-renewing.
     *
     * @param arr the annual recurring revenue, such as {@code "120000.00"}
     * @param currency the ISO 4217 currency code
     * @return the contract
     */
    public static Contract contract(String arr, String currency) {
        return Contract.builder()
                .arr(Money.of(arr, currency))
                .startDate(CONTRACT_START)
                .renewalDate(CONTRACT_START.plusYears(1))
                .termMonths(12)
                .autoRenew(true)
                .build();
    }
}
