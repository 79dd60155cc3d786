package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.EUR;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.SMB;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;
import static org.cskit.scoring.portfolio.PortfolioFixtures.withFirstValueAfter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;

/**
 * Properties of the portfolio measures. jqwik's generated edge cases are off: with several
 * parameters they outnumber the tries (and jqwik logs it); the empty inputs they would bring are
 * worked examples in the *Test classes.
 */
class PortfolioProperties {
    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 31);

    @Provide
    Arbitrary<List<AccountRevenue>> revenues() {
        // Amounts in cents up to 1M EUR, a quarter of them 0 (new logos at the start, churns at the end);
        // renewals anywhere from 2025-07 to 2027-06; some month-to-month.
        Arbitrary<Long> cents = Arbitraries.longs().between(-30_000_000L, 100_000_000L).map(c -> Math.max(c, 0L));
        Arbitrary<AccountRevenue> one = Combinators.combine(cents, cents, Arbitraries.integers().between(-180, 545),
                Arbitraries.integers().between(0, 364), Arbitraries.of(true, false), Arbitraries.of(true, false))
                .as((start, end, renewal, churnDay, churns, monthly) -> {
                    boolean churned = churns || end == 0;
                    AccountRevenue.Builder b = AccountRevenue.builder().accountId(AccountId.of("x"))
                            .segment(monthly ? SMB : ENTERPRISE)
                            .startArr(Money.of(BigDecimal.valueOf(start, 2), "EUR"))
                            .endArr(Money.of(BigDecimal.valueOf(churned ? 0 : end, 2), "EUR"))
                            .renewalDate(FY2026.start().plusDays(renewal))
                            .monthToMonth(monthly && renewal % 2 == 0);
                    if (churned) {
                        b.churnedOn(FY2026.start().plusDays(churnDay));
                    }
                    return b.build();
                });
        // Each account once (a report refuses an account that appears twice): ids x0, x1, ...
        return one.list().ofMaxSize(40).map(list -> java.util.stream.IntStream.range(0, list.size())
                .mapToObj(i -> AccountRevenue.builder().from(list.get(i)).accountId(AccountId.of("x" + i)).build()).toList());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void grr_isBetweenZeroAndOneAndAtMostNrr(@ForAll("revenues") List<AccountRevenue> accounts) {
        RetentionReport r = RetentionReport.of(FY2026, EUR, accounts);

        r.grossRevenueRetention().ifPresent(grr -> {
            assertThat(grr).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
            assertThat(grr).isLessThanOrEqualTo(r.netRevenueRetention().orElseThrow());
        });
        assertThat(r.grossRevenueRetention().isPresent()).isEqualTo(r.startingAccounts() > 0);
        r.logoChurn().ifPresent(churn -> assertThat(churn).isBetween(BigDecimal.ZERO, BigDecimal.ONE));
        assertThat(r.churnedAccounts()).isLessThanOrEqualTo(r.accountsThatCouldChurn());
        assertThat(r.startingAccounts() + r.newAccounts()).isEqualTo(accounts.size());
        assertThat(r.expandedAccounts() + r.contractedAccounts() + r.unchangedAccounts() + r.churnedAccounts())
                .isEqualTo(r.startingAccounts());
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void report_endingArr_isTheSumOfEveryAccountsEndArr(@ForAll("revenues") List<AccountRevenue> accounts) {
        Money sum = accounts.stream().map(AccountRevenue::endArr).reduce(Money.zero(EUR), Money::plus);

        assertThat(RetentionReport.of(FY2026, EUR, accounts).endingArr()).isEqualTo(sum);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void report_anyOrder_isTheSame(@ForAll("revenues") List<AccountRevenue> accounts, @ForAll Random random) {
        List<AccountRevenue> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, random);

        assertThat(RetentionReport.of(FY2026, EUR, shuffled)).isEqualTo(RetentionReport.of(FY2026, EUR, accounts));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void report_splitAndCombined_isTheWhole(@ForAll("revenues") List<AccountRevenue> accounts,
            @ForAll @IntRange(min = 0, max = 40) int cut) {
        int at = Math.min(cut, accounts.size());

        RetentionReport parts = RetentionReport.of(FY2026, EUR, accounts.subList(0, at))
                .combine(RetentionReport.of(FY2026, EUR, accounts.subList(at, accounts.size())));

        assertThat(parts).isEqualTo(RetentionReport.of(FY2026, EUR, accounts));
        assertThat(accounts.parallelStream().collect(RetentionReport.collector(FY2026, EUR))).isEqualTo(parts);
    }

    @Provide
    Arbitrary<List<Account>> accounts() {
        // -1: a plan still waiting for first value; -2: no plan; otherwise days to first value.
        return Arbitraries.integers().between(-2, 400).map(days -> switch (days) {
            case -2 -> account("none", Optional.empty());
            case -1 -> account("waiting", Optional.of(plan("waiting", Optional.empty(), Optional.empty())));
            default -> withFirstValueAfter("a" + days, days);
        }).list().ofMaxSize(15);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void ttfv_splitReorderedAndCombined_isTheWhole(@ForAll("accounts") List<Account> accounts,
            @ForAll @IntRange(min = 0, max = 15) int cut, @ForAll Random random) {
        List<Account> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, random);
        int at = Math.min(cut, accounts.size());

        TimeToFirstValue whole = TimeToFirstValue.of(AS_OF, accounts);

        assertThat(TimeToFirstValue.of(AS_OF, shuffled.subList(0, at))
                .combine(TimeToFirstValue.of(AS_OF, shuffled.subList(at, shuffled.size())))).isEqualTo(whole);
        assertThat(whole.accounts()).isEqualTo(accounts.size());
        whole.medianDays().ifPresent(median -> {
            assertThat(median).isBetween(BigDecimal.valueOf(whole.percentileDays(1).getAsLong()),
                    BigDecimal.valueOf(whole.percentileDays(100).getAsLong()));
            assertThat(whole.percentileDays(50).getAsLong()).isLessThanOrEqualTo(whole.percentileDays(90).getAsLong());
        });
    }

    @Provide
    Arbitrary<List<ScoredAccount>> scored() {
        List<Band> bands = List.of(Band.of("red", 0), Band.of("yellow", 1), Band.of("green", 2));
        return Combinators.combine(Arbitraries.of(ENTERPRISE, SMB), Arbitraries.doubles().between(0, 100),
                        Arbitraries.of(bands))
                .as((segment, score, band) -> new ScoredAccount(AccountId.of("a"), segment, vector("a", score, band)))
                .list().ofMaxSize(30);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void distribution_splitReorderedAndCombined_isTheWhole(@ForAll("scored") List<ScoredAccount> accounts,
            @ForAll @IntRange(min = 0, max = 30) int cut, @ForAll Random random) {
        List<ScoredAccount> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, random);
        int at = Math.min(cut, accounts.size());

        VectorDistribution whole = VectorDistribution.of(accounts);

        assertThat(VectorDistribution.of(shuffled.subList(0, at))
                .combine(VectorDistribution.of(shuffled.subList(at, shuffled.size())))).isEqualTo(whole);
        assertThat(whole.accounts()).isEqualTo(accounts.size());
        whole.segments().forEach(s -> assertThat(s.meanScore()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100)));
    }
}
