package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.datagen.GeneratedAccount;
import org.cskit.datagen.PortfolioGenerator;
import org.junit.jupiter.api.Test;

/** How {@link GeneratedSource} sees a generated account as of a day ({@link GeneratedAccount#accountOn}). */
class GeneratedSourceTest {
    /** The stage rule {@link GeneratedAccount#accountOn} documents. */
    private static final int RENEWAL_WINDOW_DAYS = 120, ADOPTION_DAYS = 120;

    private static final List<GeneratedAccount> ACCOUNTS = PortfolioGenerator.builder().seed(5).accounts(400)
            .start(GeneratedSource.START).months(GeneratedSource.MONTHS).build().stream().toList();

    @Test
    void defaultAsOf_isBeforeEveryRenewal_soEveryOutcomeIsAhead() {
        GeneratedSource source = GeneratedSource.of(400, 5, GeneratedSource.assembler(null));

        assertThat(source.defaultAsOf()).isEqualTo(LocalDate.of(2025, 7, 1)).isEqualTo(GeneratedSource.FIRST_RENEWAL.minusDays(1));
        assertThat(ACCOUNTS).allSatisfy(a -> assertThat(a.outcome().date()).as("renewal of %s", a)
                .isAfterOrEqualTo(GeneratedSource.FIRST_RENEWAL).isBeforeOrEqualTo(source.last()));
    }

    @Test
    void atTheWindowsStart_theAccountIsTheGenerators() {
        assertThat(ACCOUNTS).allSatisfy(a -> assertThat(a.accountOn(GeneratedSource.START)).contains(a.account()));
    }

    @Test
    void beforeTheRenewal_onlyTheStageMoves_withTheContractsAge() {
        LocalDate day = GeneratedSource.FIRST_RENEWAL.minusDays(1);
        for (GeneratedAccount a : ACCOUNTS) {
            Account on = a.accountOn(day).orElseThrow();
            assertThat(on.contract()).isEqualTo(a.account().contract());
            assertThat(on.successPlan()).isEqualTo(a.account().successPlan());
            long age = on.contract().daysSinceStart(day);
            if (on.contract().daysToRenewal(day) <= RENEWAL_WINDOW_DAYS) {
                assertThat(on.lifecycleStage()).as("%s", a).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
            } else if (age >= ADOPTION_DAYS) {
                assertThat(on.lifecycleStage()).as("%s", a).isIn(LifecycleStage.STEADY_STATE, LifecycleStage.EXPANSION);
            }
        }
        // half a year in, nobody who was onboarding at the start still is
        assertThat(ACCOUNTS).anyMatch(a -> a.account().lifecycleStage() == LifecycleStage.ONBOARDING);
        assertThat(ACCOUNTS).noneMatch(a -> a.accountOn(day).orElseThrow().lifecycleStage() == LifecycleStage.ONBOARDING);
    }

    @Test
    void fromTheRenewal_aChurnedAccountIsGone_andARenewedOneHasItsNextTerm() {
        GeneratedAccount churned = ACCOUNTS.stream().filter(a -> a.outcome().churned()).findFirst().orElseThrow();
        GeneratedAccount expanded = ACCOUNTS.stream().filter(a -> a.outcome().kind() == GeneratedAccount.Outcome.Kind.EXPANDED).findFirst()
                .orElseThrow();
        LocalDate renewal = expanded.outcome().date();

        assertThat(churned.accountOn(churned.outcome().date().minusDays(1))).isPresent();
        assertThat(churned.accountOn(churned.outcome().date())).isEmpty();
        Account before = expanded.accountOn(renewal.minusDays(1)).orElseThrow();
        Account after = expanded.accountOn(renewal).orElseThrow();
        assertThat(before.contract().arr()).isEqualTo(expanded.account().contract().arr());
        assertThat(after.contract().arr()).isEqualTo(expanded.outcome().arr()).isNotEqualTo(before.contract().arr());
        assertThat(after.contract().startDate()).isEqualTo(before.contract().startDate());
        assertThat(after.contract().renewalDate()).isEqualTo(renewal.plusMonths(before.contract().termMonths()));
        assertThat(after.lifecycleStage()).isIn(LifecycleStage.STEADY_STATE, LifecycleStage.EXPANSION);
    }

    @Test
    void member_signalsUpToADay_areTheGeneratorsUpToThatDay() {
        GeneratedSource source = GeneratedSource.of(3, 5, GeneratedSource.assembler(null));
        LocalDate day = LocalDate.of(2025, 3, 1);

        PortfolioSource.Member member = source.member(2, source.defaultAsOf());

        assertThat(member.signalsUpTo(ScoredPortfolio.startOf(day)))
                .isEqualTo(ACCOUNTS.get(2).signals().stream().filter(s -> !s.observedAt().isAfter(ScoredPortfolio.startOf(day))).toList())
                .isNotEmpty();
        assertThat(member.outcome()).contains(new PortfolioSource.KnownOutcome(ACCOUNTS.get(2).outcome().date(),
                ACCOUNTS.get(2).outcome().churned()));
    }

    @Test
    void account_byId_isTheMembersAccountAndAnUnknownIdIsEmpty() {
        GeneratedSource source = GeneratedSource.of(400, 5, GeneratedSource.assembler(null));
        LocalDate day = GeneratedSource.FIRST_RENEWAL.minusDays(1);
        GeneratedAccount third = ACCOUNTS.get(3);

        assertThat(source.account(third.account().id(), day)).isEqualTo(source.member(3, day).on(day)).isPresent();
        assertThat(source.account(AccountId.of("acct-9999999"), day)).isEmpty();
        assertThat(source.account(AccountId.of("A-12"), day)).isEmpty();
    }
}
