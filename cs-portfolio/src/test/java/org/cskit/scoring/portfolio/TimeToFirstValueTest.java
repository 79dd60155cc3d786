package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.PortfolioFixtures.CONTRACT_START;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.withFirstValueAfter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.PlanId;
import org.cskit.model.SuccessPlan;
import org.junit.jupiter.api.Test;

class TimeToFirstValueTest {
    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);
    private static final Account NO_PLAN = account("noPlan", Optional.empty());
    private static final Account WAITING = account("waiting", Optional.of(plan("waiting", Optional.empty(), Optional.empty())));

    @Test
    void ttfv_fiveAccounts_givesHandComputedMedianMeanAndP90() {
        // Days 10, 20, 30, 40, 100: median 30; mean 200 / 5 = 40; p90 = rank ceil(0.9 * 5) = 5 -> 100.
        // Plus one plan still waiting and one account without a plan: counted, not in the statistics.
        TimeToFirstValue t = TimeToFirstValue.of(AS_OF, List.of(withFirstValueAfter("a", 40), withFirstValueAfter("b", 10),
                withFirstValueAfter("c", 100), withFirstValueAfter("d", 20), withFirstValueAfter("e", 30), WAITING, NO_PLAN));

        assertThat(t.accounts()).isEqualTo(7);
        assertThat(t.withFirstValue()).isEqualTo(5);
        assertThat(t.withoutFirstValue()).isEqualTo(1);
        assertThat(t.withoutPlan()).isEqualTo(1);
        assertThat(t.medianDays()).contains(BigDecimal.valueOf(30));
        assertThat(t.meanDays()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("40"));
        assertThat(t.percentileDays(90)).hasValue(100);
        assertThat(t.percentileDays(50)).hasValue(30);
        assertThat(t.percentileDays(100)).hasValue(100);
        assertThat(t.percentileDays(1)).hasValue(10);
        assertThat(t.distribution()).containsExactly(java.util.Map.entry(10L, 1L), java.util.Map.entry(20L, 1L),
                java.util.Map.entry(30L, 1L), java.util.Map.entry(40L, 1L), java.util.Map.entry(100L, 1L));
        assertThat(t.asOf()).isEqualTo(AS_OF);
    }

    @Test
    void medianDays_evenCount_isTheMeanOfTheTwoMiddleValues() {
        // Days 7, 7, 8, 30: median (7 + 8) / 2 = 7.5; mean 52 / 4 = 13.
        TimeToFirstValue t = TimeToFirstValue.of(AS_OF, Stream.of(withFirstValueAfter("a", 7), withFirstValueAfter("b", 8),
                withFirstValueAfter("c", 30), withFirstValueAfter("d", 7)));

        assertThat(t.medianDays()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("7.5"));
        assertThat(t.meanDays()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("13"));
        assertThat(t.distribution()).containsEntry(7L, 2L);
    }

    @Test
    void ttfv_severalPlans_countsTheEarliestFirstValue() {
        // The primary plan reached first value on day 40, a second plan (another product) on day 25.
        Account a = withFirstValueAfter("two", 40);
        Account both = Account.builder().from(a).addAdditionalPlans(SuccessPlan.builder()
                .from(plan("two", Optional.of(CONTRACT_START.plusDays(25)), Optional.empty())).id(PlanId.of("second")).build()).build();

        TimeToFirstValue t = TimeToFirstValue.of(AS_OF, Stream.of(both));

        assertThat(t.withFirstValue()).isEqualTo(1);
        assertThat(t.medianDays()).hasValueSatisfying(d -> assertThat(d).isEqualByComparingTo("25"));
    }

    @Test
    void ttfv_firstValueAfterAsOf_isNotYetReached() {
        // First value on day 200 (2026-07-20) does not count as of 2026-06-01.
        TimeToFirstValue t = TimeToFirstValue.of(LocalDate.of(2026, 6, 1), Stream.of(withFirstValueAfter("late", 200)));

        assertThat(t.withFirstValue()).isZero();
        assertThat(t.withoutFirstValue()).isEqualTo(1);
    }

    @Test
    void ttfv_noFirstValue_givesEmptyStatisticsNotNaN() {
        TimeToFirstValue t = TimeToFirstValue.of(AS_OF, Stream.of(WAITING, NO_PLAN));

        assertThat(t.medianDays()).isEmpty();
        assertThat(t.meanDays()).isEmpty();
        assertThat(t.percentileDays(90)).isEmpty();
        assertThat(t.accounts()).isEqualTo(2);
    }

    @Test
    void ttfv_firstValueOnTheContractsFirstDay_isZeroDays() {
        TimeToFirstValue t = TimeToFirstValue.of(AS_OF, Stream.of(account("now",
                Optional.of(plan("now", Optional.of(CONTRACT_START), Optional.empty())))));

        assertThat(t.medianDays()).contains(BigDecimal.ZERO);
    }

    @Test
    void combine_twoParts_equalsTheWhole() {
        List<Account> all = List.of(withFirstValueAfter("a", 40), withFirstValueAfter("b", 10), WAITING, NO_PLAN);

        TimeToFirstValue parts = TimeToFirstValue.of(AS_OF, all.subList(0, 2)).combine(TimeToFirstValue.of(AS_OF, all.subList(2, 4)));

        assertThat(parts).isEqualTo(TimeToFirstValue.of(AS_OF, all));
        assertThat(parts.hashCode()).isEqualTo(TimeToFirstValue.of(AS_OF, all).hashCode());
        assertThat(all.parallelStream().collect(TimeToFirstValue.collector(AS_OF))).isEqualTo(parts);
    }
}
