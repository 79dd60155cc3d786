package org.cskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.StakeholderRole;
import org.cskit.model.SuccessPlan;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.Play;
import org.junit.jupiter.api.Test;

class BuildersTest {
    private final CsJson json = CsJson.create();

    @Test
    void accounts_buildValid_andRoundTripThroughJson() {
        for (Account account : new Account[] {TestAccounts.enterprise().build(), TestAccounts.midMarket().build(),
                TestAccounts.smb().build(), TestAccounts.enterprise(AccountId.of("other")).build()}) {
            assertThat(json.read(json.write(account), Account.class)).as(account.id().value()).isEqualTo(account);
        }
    }

    @Test
    void enterprise_hasChampionSponsorAndAPlanForItsId() {
        Account account = TestAccounts.enterprise(AccountId.of("umbrella")).build();

        assertThat(account.champion()).isPresent();
        assertThat(account.executiveSponsor()).isPresent();
        assertThat(account.successPlan()).get().extracting(SuccessPlan::accountId).isEqualTo(AccountId.of("umbrella"));
        assertThat(TestAccounts.smb().build().stakeholders()).allMatch(s -> s.hasRole(StakeholderRole.ADMIN));
    }

    @Test
    void accountBuilder_changesOnlyWhatTheTestSets() {
        Account account = TestAccounts.smb().lifecycleStage(LifecycleStage.RENEWAL_WINDOW).build();

        assertThat(account.lifecycleStage()).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
        assertThat(account.name()).isEqualTo("Initech");
    }

    @Test
    void onboarding_datesCountFromTheStart() {
        SuccessPlan plan = TestPlans.onboarding(AccountId.of("acme"), LocalDate.of(2026, 3, 1)).build();

        assertThat(plan.milestones()).extracting(m -> m.id().value()).containsExactly("kickoff", "first-value", "rollout");
        assertThat(plan.milestones().get(1).dueDate()).isEqualTo(LocalDate.of(2026, 4, 15));
        assertThat(plan.desiredOutcome().requiredOutcome().deadline()).isEqualTo(LocalDate.of(2026, 8, 28));
        assertThat(json.read(json.write(plan), SuccessPlan.class)).isEqualTo(plan);
    }

    @Test
    void snapshot_setsTheGivenFeatures_andLeavesTheRestMissing() {
        FeatureSchema schema = FeatureSchema.of("logins_14d", "nps");

        AccountSnapshot snapshot = TestSnapshots.snapshot(schema, Map.of("logins_14d", 12)).build();

        assertThat(snapshot.features().value("logins_14d")).hasValue(12.0);
        assertThat(snapshot.features().value("nps")).isEmpty();
        assertThat(snapshot.accountId()).isEqualTo(TestSnapshots.ACCOUNT);
        assertThat(snapshot.asOf()).isEqualTo(TestSnapshots.AS_OF);
    }

    @Test
    void snapshot_unknownFeature_namesIt() {
        FeatureSchema schema = FeatureSchema.of("logins_14d");

        assertThatThrownBy(() -> TestSnapshots.snapshot(schema, Map.of("nps", 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown feature 'nps'");
    }

    @Test
    void vectors_areValid_andAgreeWithTheirDirection() {
        assertThat(TestVectors.red().velocity()).isNegative();
        assertThat(TestVectors.green().velocity()).isZero();
        SuccessVector improving = TestVectors.vector(33.3, TestVectors.YELLOW, Direction.IMPROVING);
        assertThat(improving.velocity()).isPositive();
        assertThat(json.read(json.write(improving), SuccessVector.class)).isEqualTo(improving);
    }

    @Test
    void plays_haveTheEnginesKey() {
        Play play = TestPlays.play();

        assertThat(play.key()).isEqualTo("red-account-rescue|acme|band:red|2026-05-10T00:00:00Z");
        assertThat(TestPlays.play()).isEqualTo(play);
    }
}
