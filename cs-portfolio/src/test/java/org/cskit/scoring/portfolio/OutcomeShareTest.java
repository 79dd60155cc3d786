package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.PlanId;
import org.cskit.model.SuccessPlan;
import org.junit.jupiter.api.Test;

class OutcomeShareTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 1);

    /** An account whose outcome (baseline 0, target 10) was measured at {@code value} on 2026-03-01. */
    private static Account measured(String id, double value) {
        return account(id, Optional.of(plan(id, Optional.empty(), Optional.of(value))));
    }

    @Test
    void share_sixAccounts_givesHandComputedShares() {
        // Attainment = value / 10: 12 -> 1.2 reached, 10 -> 1.0 reached (exactly at target), 9.9 -> 0.99 not yet,
        // -1 -> -0.1 not yet; one plan without measurement; one account without a plan.
        // share = 2 / 6 = 0.3333333333333333 (DECIMAL64); shareOfMeasured = 2 / 4 = 0.5.
        OutcomeShare s = OutcomeShare.of(AS_OF, List.of(measured("a", 12), measured("b", 10), measured("c", 9.9),
                measured("d", -1), account("e", Optional.of(plan("e", Optional.empty(), Optional.empty()))),
                account("f", Optional.empty())));

        assertThat(s.reached()).isEqualTo(2);
        assertThat(s.notYetReached()).isEqualTo(2);
        assertThat(s.notMeasured()).isEqualTo(1);
        assertThat(s.withoutPlan()).isEqualTo(1);
        assertThat(s.accounts()).isEqualTo(6);
        assertThat(s.share()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.3333333333333333"));
        assertThat(s.shareOfMeasured()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
        assertThat(s.asOf()).isEqualTo(AS_OF);
    }

    @Test
    void share_measurementAfterAsOf_isNotMeasuredYet() {
        // The measurement is on 2026-03-01; as of 2026-02-01 nothing had been measured.
        OutcomeShare s = OutcomeShare.of(LocalDate.of(2026, 2, 1), Stream.of(measured("a", 12)));

        assertThat(s.notMeasured()).isEqualTo(1);
        assertThat(s.reached()).isZero();
        assertThat(s.share()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(s.shareOfMeasured()).isEmpty();
    }

    @Test
    void share_severalPlans_reachedOnlyWhenEveryPlanIsAtTarget() {
        // Each account's primary plan is at target (12 of 10); the second plan is at target, short, or unmeasured.
        OutcomeShare s = OutcomeShare.of(AS_OF, List.of(withSecond("a", Optional.of(10.0)), withSecond("b", Optional.of(4.0)),
                withSecond("c", Optional.empty())));

        assertThat(s.reached()).isEqualTo(1);
        assertThat(s.notYetReached()).isEqualTo(2);
        assertThat(s.notMeasured()).isZero();
    }

    @Test
    void share_severalPlansNoneMeasured_isNotMeasured() {
        Account a = account("a", Optional.of(plan("a", Optional.empty(), Optional.empty())));
        Account both = Account.builder().from(a).addAdditionalPlans(SuccessPlan.builder().from(plan("a", Optional.empty(),
                Optional.empty())).id(PlanId.of("second")).build()).build();

        assertThat(OutcomeShare.of(AS_OF, List.of(both)).notMeasured()).isEqualTo(1);
    }

    private static Account withSecond(String id, Optional<Double> second) {
        Account a = measured(id, 12);
        return Account.builder().from(a).addAdditionalPlans(SuccessPlan.builder().from(plan(id, Optional.empty(), second))
                .id(PlanId.of(id + "-second")).build()).build();
    }

    @Test
    void share_noAccounts_isEmptyNotNaN() {
        OutcomeShare s = OutcomeShare.of(AS_OF, Stream.empty());

        assertThat(s.share()).isEmpty();
        assertThat(s.shareOfMeasured()).isEmpty();
    }

    @Test
    void combine_twoParts_equalsTheWhole() {
        List<Account> all = List.of(measured("a", 12), measured("c", 3), account("f", Optional.empty()));

        OutcomeShare parts = OutcomeShare.of(AS_OF, all.subList(0, 1)).combine(OutcomeShare.of(AS_OF, all.subList(1, 3)));

        assertThat(parts).isEqualTo(OutcomeShare.of(AS_OF, all));
        assertThat(parts.hashCode()).isEqualTo(OutcomeShare.of(AS_OF, all).hashCode());
        assertThat(all.parallelStream().collect(OutcomeShare.collector(AS_OF))).isEqualTo(parts);
    }
}
