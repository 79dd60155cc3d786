package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.MeasuresTest.GREEN;
import static org.cskit.scoring.portfolio.MeasuresTest.RED;
import static org.cskit.scoring.portfolio.MeasuresTest.YELLOW;
import static org.cskit.scoring.portfolio.PortfolioFixtures.CONTRACT_START;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.SMB;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.assertViolation;
import static org.cskit.scoring.portfolio.PortfolioFixtures.eur;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.revenue;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.PersonId;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.TeamMember;
import org.junit.jupiter.api.Test;

class DashboardTest {
    static final Dashboard.Spec SPEC = new Dashboard.Spec(FY2026, MeasuresTest.rates(), Set.of("red"), 10);

    /**
     * a: a customer that expanded 10,000 -> 12,000 at its renewal on 2026-03-01, forecast to renew at 10,000; outcome
     *    measured at 4 of 10 (600 EUR of value), first value after 30 days; CSM Sam; yellow -> green; one promoter.
     * b: churned on 2026-06-30 from 5,000 for 'competitor', forecast to churn; one detractor.
     * c: a new logo (0 -> 3,000) without a plan; green -> red; its renewal on 2027-02-01 is forecast, not yet closed.
     */
    static List<DashboardAccount> accounts() {
        Account a = Account.builder().from(account("a", Optional.of(plan("a", Optional.of(CONTRACT_START.plusDays(30)),
                        Optional.of(4.0)))))
                .addAccountTeam(TeamMember.of(PersonId.of("csm-1"), "Sam", AccountTeamRole.CUSTOMER_SUCCESS_MANAGER)).build();
        Account c = account("c", SMB, Optional.empty());
        return List.of(
                DashboardAccount.builder()
                        .revenue(revenue("a", 10_000, 12_000).renewalDate(LocalDate.of(2026, 3, 1)).build())
                        .account(a).vector(vector("a", 80, GREEN)).weekBefore(vector("a", 60, YELLOW))
                        .addResponses(SurveyResponse.of(AccountId.of("a"), SurveyKind.NPS, 9, Instant.parse("2026-04-01T09:00:00Z")))
                        .forecast(new RenewalForecast(AccountId.of("a"), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 1, 15), false,
                                eur(10_000), RenewalForecast.Source.SCORE))
                        .openPlays(1).build(),
                DashboardAccount.builder()
                        .revenue(revenue("b", 5_000, 0).churnedOn(LocalDate.of(2026, 6, 30)).reason("competitor").build())
                        .addResponses(SurveyResponse.of(AccountId.of("b"), SurveyKind.NPS, 2, Instant.parse("2026-04-01T09:00:00Z")))
                        .forecast(new RenewalForecast(AccountId.of("b"), LocalDate.of(2026, 6, 30), LocalDate.of(2026, 5, 1), true,
                                eur(0), RenewalForecast.Source.PERSON))
                        .build(),
                DashboardAccount.builder()
                        .revenue(revenue("c", 0, 3_000).segment(SMB).build())
                        .account(c).vector(vector("c", 20, RED)).weekBefore(vector("c", 75, GREEN))
                        .forecast(new RenewalForecast(AccountId.of("c"), LocalDate.of(2027, 2, 1), LocalDate.of(2026, 12, 1), false,
                                eur(3_000), RenewalForecast.Source.SCORE))
                        .build());
    }

    @Test
    void of_threeAccounts_givesTheHandComputedDashboard() {
        Dashboard d = Dashboard.of(SPEC, accounts().stream());

        // Right: starting 15,000 (a, b), expansion 2,000, churned 5,000; a and b could churn, b did.
        assertThat(d.retention().netRevenueRetention()).contains(new BigDecimal("0.8"));
        assertThat(d.retention().grossRevenueRetention()).contains(new BigDecimal("0.6666666666666667"));
        assertThat(d.retention().logoChurn()).contains(new BigDecimal("0.5"));
        assertThat(d.retention().newArr()).isEqualTo(eur(3_000));
        assertThat(d.churnReasons().byReason()).containsExactly(Map.entry("competitor",
                new ChurnReasons.Loss(1, eur(5_000), 0, eur(0))));
        assertThat(d.book().books()).containsExactly(
                Map.entry(new BookOfBusiness.Owner("Sam", "csm-1"), new BookOfBusiness.Book(1, eur(10_000), 0, 1)),
                Map.entry(BookOfBusiness.UNASSIGNED, new BookOfBusiness.Book(1, eur(10_000), 1, 0)));
        // a renewed as forecast, b churned as forecast; ARR: forecast 10,000 against 12,000.
        assertThat(d.forecasts().countAccuracy()).contains(BigDecimal.ONE);
        assertThat(d.forecasts().arrAccuracy()).contains(new BigDecimal("0.8333333333333333"));
        assertThat(d.openForecasts()).isEqualTo(1);
        // Left: a and c are customers on the day; a is 4 of 10 toward its target, c has no plan.
        assertThat(d.outcome().accounts()).isEqualTo(2);
        assertThat(d.outcome().share()).contains(BigDecimal.ZERO);
        assertThat(d.value().totalValue()).isEqualTo(eur(600));
        assertThat(d.value().shareReachedValue()).contains(new BigDecimal("0.5"));
        assertThat(d.timeToValue().medianDays()).contains(BigDecimal.valueOf(30));
        assertThat(d.surveys().nps()).contains(BigDecimal.ZERO);
        // What moved: c fell to red (first), a rose to green.
        assertThat(d.moves()).isEqualTo(2);
        assertThat(d.topMoves()).extracting(m -> m.accountId().value()).containsExactly("c", "a");
        assertThat(d.topMoves().get(0).worse()).isTrue();
        assertThat(d.topMoves().get(0).why().delta()).isEqualTo(-55.0);
        assertThat(d.topMoves().get(0).why().inputs()).extracting(ch -> ch.input()).containsExactly("all");
    }

    @Test
    void of_movesShownLimit_keepsTheFirstInOrder() {
        Dashboard d = Dashboard.of(new Dashboard.Spec(FY2026, MeasuresTest.rates(), Set.of("red"), 1), accounts().stream());

        assertThat(d.moves()).isEqualTo(2);
        assertThat(d.topMoves()).extracting(m -> m.accountId().value()).containsExactly("c");
    }

    @Test
    void of_forecastForARenewalBeforeThePeriod_isRejected() {
        DashboardAccount old = DashboardAccount.builder().revenue(revenue("a", 10_000, 10_000).build())
                .forecast(new RenewalForecast(AccountId.of("a"), LocalDate.of(2025, 12, 1), LocalDate.of(2025, 11, 1), false,
                        eur(10_000), RenewalForecast.Source.SCORE)).build();

        assertViolation(() -> Dashboard.of(SPEC, java.util.stream.Stream.of(old)), "forecast.renewalDate",
                "account 'a': forecast for the renewal on 2025-12-01 is before the period [2026-01-01, 2026-12-31]: give the "
                        + "forecast of a renewal in it or after it");
    }

    @Test
    void build_partOfAnotherAccount_isRejected() {
        assertViolation(() -> DashboardAccount.builder().revenue(revenue("a", 10_000, 10_000).build())
                .vector(vector("b", 50, RED)).build(), "vector.accountId",
                "vector.accountId 'b' does not match the revenue's account 'a'");
        assertViolation(() -> DashboardAccount.builder().revenue(revenue("a", 10_000, 10_000).build()).openPlays(-1).build(),
                "openPlays", "openPlays must be at least 0, but was -1");
    }

    @Test
    void combine_slicesUnderEqualSpecsBuiltApart_isTheWhole() {
        Dashboard.Spec again = new Dashboard.Spec(FY2026, MeasuresTest.rates(), Set.of("red"), 10);

        assertThat(Dashboard.of(SPEC, accounts().subList(0, 1).stream()).combine(Dashboard.of(again, accounts().subList(1, 3).stream())))
                .isEqualTo(Dashboard.of(SPEC, accounts().stream()));
    }

    @Test
    void combine_anotherSpec_isRejected() {
        Dashboard d = Dashboard.of(SPEC, accounts().stream());
        Dashboard other = Dashboard.of(new Dashboard.Spec(FY2026, MeasuresTest.rates(), Set.of("red", "yellow"), 10),
                accounts().stream());

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> d.combine(other)))
                .isInstanceOf(org.cskit.model.ValidationException.class).hasMessageStartingWith("cannot combine a dashboard under");
    }
}
