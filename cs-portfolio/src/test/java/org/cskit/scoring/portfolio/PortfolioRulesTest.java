package org.cskit.scoring.portfolio;

import static org.cskit.scoring.portfolio.PortfolioFixtures.CONTRACT_START;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.EUR;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.assertViolation;
import static org.cskit.scoring.portfolio.PortfolioFixtures.churned;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.report;
import static org.cskit.scoring.portfolio.PortfolioFixtures.revenue;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;
import static org.cskit.scoring.portfolio.PortfolioFixtures.withFirstValueAfter;

import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;
import org.junit.jupiter.api.Test;

/** Every rule of the portfolio measures: the exception type, its exact message and its exact field. */
class PortfolioRulesTest {

    @Test
    void period_endBeforeStart_isRefused() {
        assertViolation(() -> ReportingPeriod.of(LocalDate.of(2026, 12, 31), LocalDate.of(2026, 1, 1)),
                "end", "end 2026-01-01 must not be before start 2026-12-31");
    }

    @Test
    void period_missingStart_isRefused() {
        assertViolation(() -> ReportingPeriod.of(null, LocalDate.of(2026, 1, 1)), "start", "start must not be null");
    }

    @Test
    void accountRevenue_negativeStartArr_isRefused() {
        assertViolation(() -> revenue("a", -1, 10).build(),
                "startArr", "account 'a': startArr must not be negative, but was -1 EUR");
    }

    @Test
    void accountRevenue_negativeEndArr_isRefused() {
        assertViolation(() -> revenue("a", 10, -5).build(),
                "endArr", "account 'a': endArr must not be negative, but was -5 EUR");
    }

    @Test
    void accountRevenue_endArrInAnotherCurrency_isRefused() {
        assertViolation(() -> revenue("a", 100, 0).endArr(Money.of("100", "USD")).build(),
                "endArr", "account 'a': endArr 100 USD must be in the currency of startArr 100 EUR: cskit never converts");
    }

    @Test
    void accountRevenue_churnedButArrAtEndNotZero_isRefused() {
        assertViolation(() -> revenue("a", 50_000, 40_000).churnedOn(LocalDate.of(2026, 6, 30)).build(),
                "endArr", "account 'a': endArr must be 0 for an account that churned on 2026-06-30, but was 40000 EUR");
    }

    @Test
    void accountRevenue_arrAtEndZeroWithoutChurnDate_isRefused() {
        assertViolation(() -> revenue("a", 50_000, 0).build(),
                "churnedOn", "account 'a': churnedOn must be set when endArr is 0 EUR: an account without ARR at the "
                        + "period's end churned");
    }

    @Test
    void report_accountInAnotherCurrency_isRefusedNamingTheAccount() {
        AccountRevenue dollars = revenue("us", 0, 0).startArr(Money.of("100", "USD")).endArr(Money.of("100", "USD")).build();

        assertViolation(() -> report(revenue("eu", 100, 100).build(), dollars),
                "startArr", "account 'us': startArr 100 USD is not in the report's currency EUR: cskit never converts");
    }

    @Test
    void report_churnAfterThePeriod_isRefused() {
        assertViolation(() -> report(churned("late", 100, LocalDate.of(2027, 1, 5))),
                "churnedOn", "account 'late': churnedOn 2027-01-05 is outside the period [2026-01-01, 2026-12-31]");
    }

    @Test
    void report_churnBeforeThePeriod_isRefused() {
        assertViolation(() -> report(churned("early", 100, LocalDate.of(2025, 12, 31))),
                "churnedOn", "account 'early': churnedOn 2025-12-31 is outside the period [2026-01-01, 2026-12-31]");
    }

    @Test
    void combine_reportsOverOtherPeriods_isRefused() {
        RetentionReport h1 = RetentionReport.of(ReportingPeriod.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)), EUR,
                Stream.empty());

        assertViolation(() -> report().combine(h1), "period", "cannot combine a report over [2026-01-01, 2026-12-31] "
                + "with one over [2026-01-01, 2026-06-30]: the periods differ");
    }

    @Test
    void combine_reportsInOtherCurrencies_isRefused() {
        RetentionReport usd = RetentionReport.of(FY2026, Currency.getInstance("USD"), Stream.empty());

        assertViolation(() -> report().combine(usd), "currency",
                "cannot combine a report in EUR with one in USD: cskit never converts");
    }

    @Test
    void ttfv_firstValueBeforeTheContractStarted_isRefused() {
        // Contract starts 2026-01-01; first value recorded on 2025-12-22, 10 days earlier.
        assertViolation(() -> TimeToFirstValue.of(LocalDate.of(2026, 12, 31), Stream.of(account("odd",
                        Optional.of(plan("odd", Optional.of(CONTRACT_START.minusDays(10)), Optional.empty()))))),
                "contract.startDate", "account 'odd': first value was reached on 2025-12-22, 10 days before "
                        + "contract.startDate 2026-01-01; time to first value cannot be negative");
    }

    @Test
    void ttfv_percentileZero_isRefused() {
        TimeToFirstValue t = TimeToFirstValue.of(LocalDate.of(2026, 12, 31), Stream.of(withFirstValueAfter("a", 5)));

        assertViolation(() -> t.percentileDays(0), "percentile", "percentile must be in [1, 100], but was 0");
        assertViolation(() -> t.percentileDays(101), "percentile", "percentile must be in [1, 100], but was 101");
    }

    @Test
    void ttfv_combineOtherDays_isRefused() {
        TimeToFirstValue june = TimeToFirstValue.of(LocalDate.of(2026, 6, 30), Stream.empty());

        assertViolation(() -> TimeToFirstValue.of(LocalDate.of(2026, 12, 31), Stream.empty()).combine(june), "asOf",
                "cannot combine a measure as of 2026-12-31 with one as of 2026-06-30: the days differ");
    }

    @Test
    void outcomeShare_combineOtherDays_isRefused() {
        OutcomeShare june = OutcomeShare.of(LocalDate.of(2026, 6, 30), Stream.empty());

        assertViolation(() -> OutcomeShare.of(LocalDate.of(2026, 12, 31), Stream.empty()).combine(june), "asOf",
                "cannot combine a share as of 2026-12-31 with one as of 2026-06-30: the days differ");
    }

    @Test
    void scoredAccount_vectorOfAnotherAccount_isRefused() {
        assertViolation(() -> new ScoredAccount(AccountId.of("acme"), ENTERPRISE, vector("globex", 50, Band.of("yellow", 1))),
                "vector.accountId", "vector.accountId 'globex' does not match accountId 'acme': a vector counts for the "
                        + "account it scored");
    }

    @Test
    void scoredAccount_ofAccountWithAnotherAccountsVector_isRefused() {
        assertViolation(() -> ScoredAccount.of(account("acme", Optional.empty()), vector("globex", 50, Band.of("yellow", 1))),
                "vector.accountId", "vector.accountId 'globex' does not match accountId 'acme': a vector counts for the "
                        + "account it scored");
    }

    @Test
    void scoredAccount_missingVector_isRefused() {
        assertViolation(() -> new ScoredAccount(AccountId.of("acme"), ENTERPRISE, null), "vector", "vector must not be null");
    }
}
