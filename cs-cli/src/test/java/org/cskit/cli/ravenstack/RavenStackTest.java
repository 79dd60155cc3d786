package org.cskit.cli.ravenstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RavenStackTest {
    @TempDir
    Path tmp;

    private Map<String, Account> accountsOn(RavenStack data, LocalDate day) {
        return data.accountsOn(day).stream().collect(Collectors.toMap(a -> a.id().value(), Function.identity()));
    }

    @Test
    void read_tinyData_countsRowsSignalsAndDays() {
        RavenStack data = RavenStack.read(TinyData.write(tmp), () -> { });

        RavenStack.Counts c = data.counts();
        assertThat(List.of(c.accounts(), c.subscriptions(), c.usage(), c.tickets())).containsExactly(4, 5, 42, 4);
        // usage: 3 signals a row; tickets: ticket, priority, first response, and resolution once closed (T-4 closes on 2024-07-02),
        // satisfaction where rated (2), escalation (1); subscriptions: 1 upgrade and 1 downgrade
        assertThat(c.signals()).isEqualTo(42 * 3 + 4 * 4 + 2 + 1 + 2);
        assertThat(c.first()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(c.last()).isEqualTo(LocalDate.of(2024, 6, 29));
        assertThat(c.beforeSignup()).isZero();
    }

    @Test
    void accountsOn_day_contractFromTheActiveSubscriptions() {
        RavenStack data = RavenStack.read(TinyData.write(tmp), () -> { });

        Map<String, Account> accounts = accountsOn(data, LocalDate.of(2024, 6, 29));

        assertThat(accounts).containsOnlyKeys("A-1", "A-2", "A-3");
        Account acme = accounts.get("A-1");
        assertThat(acme.contract().arr().amount()).isEqualByComparingTo("18000");
        assertThat(acme.contract().arr().currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(acme.contract().startDate()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(acme.contract().renewalDate()).as("the annual subscription, the larger").isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(acme.contract().termMonths()).isEqualTo(12);
        assertThat(acme.contract().autoRenew()).isTrue();
        assertThat(acme.segment().name()).isEqualTo("Enterprise");
        assertThat(acme.segment().engagementModel()).isEqualTo(EngagementModel.HIGH_TOUCH);
        assertThat(acme.attributes()).containsEntry("industry", "FinTech").containsEntry("country", "US")
                .containsEntry("referral_source", "partner");
        assertThat(acme.lifecycleStage()).isEqualTo(LifecycleStage.STEADY_STATE);

        Account beta = accounts.get("A-2");
        assertThat(beta.name()).isEqualTo("Beta, Co");
        assertThat(beta.contract().startDate()).as("its first subscription, four days after it signed up").isEqualTo(LocalDate.of(2024, 2, 5));
        // Issue 17, item 16: billed monthly, but it renews on the anniversary, not every month.
        assertThat(beta.contract().renewalDate()).as("billed monthly from 2024-02-05: the next anniversary").isEqualTo(LocalDate.of(2025, 2, 5));
        assertThat(beta.contract().termMonths()).isEqualTo(12);
        assertThat(beta.segment().engagementModel()).isEqualTo(EngagementModel.SCALED);

        assertThat(accounts.get("A-3").lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(accounts.get("A-3").segment().engagementModel()).isEqualTo(EngagementModel.TECH_TOUCH);
    }

    @Test
    void accountsOn_earlierDay_onlyAccountsSignedUpWithAnActiveSubscription() {
        RavenStack data = RavenStack.read(TinyData.write(tmp), () -> { });

        Map<String, Account> accounts = accountsOn(data, LocalDate.of(2024, 3, 1));

        assertThat(accounts).containsOnlyKeys("A-1", "A-2", "A-4");
        assertThat(accounts.get("A-1").contract().arr().amount()).as("S-2 starts on 2024-03-10").isEqualByComparingTo("12000");
        assertThat(accounts.get("A-1").lifecycleStage()).isEqualTo(LifecycleStage.ADOPTION);
        assertThat(accounts.get("A-2").lifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(accountsOn(data, LocalDate.of(2024, 5, 1))).as("S-5 ended on 2024-05-01").doesNotContainKey("A-4");
    }

    @Test
    void accountsOn_annualRenewalNear_renewalWindow() {
        RavenStack data = RavenStack.read(TinyData.write(tmp), () -> { });

        Account acme = accountsOn(data, LocalDate.of(2024, 11, 1)).get("A-1");

        assertThat(acme.contract().daysToRenewal(LocalDate.of(2024, 11, 1))).isEqualTo(61);
        assertThat(acme.lifecycleStage()).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
    }

    @Test
    void signalsUpTo_onlyWhatWasKnownThen() {
        RavenStack data = RavenStack.read(TinyData.write(tmp), () -> { });
        AccountId beta = AccountId.of("A-2");

        List<Signal> june29 = data.signalsUpTo(beta, RavenStack.startOf(LocalDate.of(2024, 6, 29)));
        List<Signal> july2 = data.signalsUpTo(beta, RavenStack.startOf(LocalDate.of(2024, 7, 2)));

        assertThat(june29).extracting(Signal::name).filteredOn(RavenStack.TICKET::equals).hasSize(4);
        assertThat(june29).extracting(Signal::name).filteredOn(RavenStack.RESOLUTION::equals).as("T-4 is still open").hasSize(3);
        assertThat(july2).extracting(Signal::name).filteredOn(RavenStack.RESOLUTION::equals).hasSize(4);
        assertThat(june29).filteredOn(s -> s.name().equals(RavenStack.CSAT)).extracting(Signal::value).containsExactly(3.0, 4.0);
        assertThat(june29).filteredOn(s -> s.name().equals(RavenStack.DOWNGRADE)).hasSize(1);
        assertThat(june29).isSortedAccordingTo(java.util.Comparator.comparing(Signal::observedAt));
        assertThat(data.signalsUpTo(beta, RavenStack.startOf(LocalDate.of(2024, 1, 31)))).isEmpty();
    }

    @Test
    void read_shippedData_allRowsAsItsReadmeCounts() {
        RavenStack data = RavenStack.read(RavenStackScoring.shippedData(), () -> { });

        RavenStack.Counts c = data.counts();
        assertThat(List.of(c.accounts(), c.subscriptions(), c.usage(), c.tickets())).containsExactly(500, 5000, 25000, 2000);
        assertThat(c.first()).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(c.last()).isEqualTo(LocalDate.of(2024, 12, 31));
    }
}
