package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.EUR;
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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.Band;
import org.cskit.model.Contract;
import org.cskit.model.ExpansionOpportunity;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.SuccessPlan;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.cskit.model.Segment;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.TeamMember;
import org.junit.jupiter.api.Test;

/** Every new portfolio measure against a hand computation. */
class MeasuresTest {
    static final LocalDate MAY_10 = LocalDate.of(2026, 5, 10);
    static final Band RED = Band.of("red", 0);
    static final Band YELLOW = Band.of("yellow", 1);
    static final Band GREEN = Band.of("green", 2);

    static Account measured(String id, Segment segment, double value) {
        return account(id, segment, Optional.of(plan(id, Optional.empty(), Optional.of(value))));
    }

    static ValueRates rates() {
        return ValueRates.builder(EUR).segment("enterprise", "count", eur(150)).plan(PlanId.of("b-plan"), "Count", eur(1000)).build();
    }

    @Test
    void valueGenerated_sixAccounts_givesTheHandComputedFigures() {
        List<Account> accounts = List.of(
                measured("a", ENTERPRISE, 4),        // 4 x 150 = 600
                measured("b", ENTERPRISE, 2.5),      // its plan's rate: 2.5 x 1000 = 2500
                measured("c", ENTERPRISE, -1),       // regressed: -150, no value yet
                account("d", Optional.of(plan("d", Optional.empty(), Optional.empty()))), // not measured
                measured("e", SMB, 3),               // no rate for smb
                account("f", Optional.empty()));     // no plan

        ValueGenerated v = ValueGenerated.of(MAY_10, rates(), accounts.stream());

        assertThat(rates().valueOf(accounts.get(0), MAY_10)).contains(eurs("600.00"));
        assertThat(rates().valueOf(accounts.get(1), MAY_10)).contains(eurs("2500.00"));
        assertThat(rates().valueOf(accounts.get(2), MAY_10)).contains(eurs("-150.00"));
        assertThat(rates().valueOf(accounts.get(0), LocalDate.of(2026, 2, 28))).isEmpty(); // measured on March 1
        assertThat(v.reachedValue()).isEqualTo(2);
        assertThat(v.noValueYet()).isEqualTo(1);
        assertThat(v.notMeasured()).isEqualTo(1);
        assertThat(v.withoutRate()).isEqualTo(1);
        assertThat(v.withoutPlan()).isEqualTo(1);
        assertThat(v.totalValue()).isEqualTo(eur(2950));
        assertThat(v.meanValue()).contains(eurs("983.3333333333333"));
        assertThat(v.shareReachedValue()).contains(new BigDecimal("0.3333333333333333"));
    }

    private static Money eurs(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void valueOf_twoPlans_sumsEachPlansValueAtItsOwnRate() {
        Account one = measured("b", ENTERPRISE, 2.5); // its plan b-plan has its own rate: 2.5 x 1000 = 2500
        org.cskit.model.SuccessPlan second = org.cskit.model.SuccessPlan.builder()
                .from(plan("b", Optional.empty(), Optional.of(4.0))).id(PlanId.of("b-second")).product("reports").build();
        Account two = Account.builder().from(one).addAdditionalPlans(second).build(); // the segment's rate: 4 x 150 = 600

        assertThat(rates().valueOf(two, MAY_10)).contains(eurs("3100.00"));
        assertThat(ValueGenerated.of(MAY_10, rates(), Stream.of(two)).totalValue()).isEqualTo(eur(3100));
    }

    @Test
    void valueOf_rateInAnotherUnit_isRejectedNamingBothUnits() {
        ValueRates hours = ValueRates.builder(EUR).segment("enterprise", "hours", eur(150)).build();

        assertViolation(() -> hours.valueOf(measured("a", ENTERPRISE, 4), MAY_10), "unit",
                "account 'a': metric 'Outcome' is in 'count' but the value rate for segment 'enterprise' is per 'hours'");
    }

    @Test
    void valueRates_rateInAnotherCurrencyOrTwice_isRejected() {
        assertViolation(() -> ValueRates.builder(EUR).segment("smb", "count", Money.of("1", "USD")), "perUnit",
                "value rate for segment 'smb' is 1 USD, not in EUR: cskit never converts");
        assertViolation(() -> ValueRates.builder(EUR).segment("smb", "count", eur(1)).segment("smb", "count", eur(2)), "segment",
                "segment 'smb' already has a value rate: 1 EUR per count");
    }

    private static SurveyScores.Answer answer(Segment segment, SurveyKind kind, int score, String at) {
        return new SurveyScores.Answer(segment, SurveyResponse.of(AccountId.of("x"), kind, score, Instant.parse(at)));
    }

    @Test
    void surveyScores_answersInTwoSegments_givesHandComputedNpsCsatAndCes() {
        String in = "2026-04-01T10:00:00Z";
        SurveyScores s = SurveyScores.of(FY2026, Stream.of(
                answer(ENTERPRISE, SurveyKind.NPS, 10, in), answer(ENTERPRISE, SurveyKind.NPS, 9, in),
                answer(ENTERPRISE, SurveyKind.NPS, 8, in), answer(ENTERPRISE, SurveyKind.NPS, 3, in),
                answer(ENTERPRISE, SurveyKind.NPS, 0, in), answer(SMB, SurveyKind.NPS, 10, in),
                answer(SMB, SurveyKind.NPS, 0, "2025-12-31T23:59:59Z"), // before the period: skipped
                answer(ENTERPRISE, SurveyKind.CSAT, 5, in), answer(ENTERPRISE, SurveyKind.CSAT, 4, in),
                answer(SMB, SurveyKind.CSAT, 2, in),
                answer(ENTERPRISE, SurveyKind.CES, 7, in), answer(SMB, SurveyKind.CES, 4, in)));

        // enterprise: 2 promoters, 2 detractors of 5 -> 0; smb: 1 promoter of 1 -> 100; all: 100 x (3 - 2) / 6.
        assertThat(s.nps(ENTERPRISE)).contains(new BigDecimal("0"));
        assertThat(s.nps(SMB)).contains(new BigDecimal("100"));
        assertThat(s.nps()).contains(new BigDecimal("16.66666666666667"));
        assertThat(s.answers(SurveyKind.NPS)).isEqualTo(6);
        // CSAT: 2 satisfied of 3; CES: (7 + 4) / 2.
        assertThat(s.csat()).contains(new BigDecimal("0.6666666666666667"));
        assertThat(s.csat(SMB)).contains(new BigDecimal("0"));
        assertThat(s.ces()).contains(new BigDecimal("5.5"));
        assertThat(s.nps(Segment.of("other", ENTERPRISE.engagementModel()))).isEmpty();
    }

    private static RenewalForecast forecast(String id, boolean churn, long arr) {
        return new RenewalForecast(AccountId.of(id), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 3, 1), churn, eur(arr),
                RenewalForecast.Source.PERSON);
    }

    @Test
    void forecastAccuracy_fourRenewals_givesHandComputedAccuracy() {
        ForecastAccuracy f = ForecastAccuracy.of(EUR, Stream.of(
                new ForecastAccuracy.ClosedRenewal(ENTERPRISE, forecast("r1", true, 0), true, eur(0)),
                new ForecastAccuracy.ClosedRenewal(ENTERPRISE, forecast("r2", false, 10_000), false, eur(12_000)),
                new ForecastAccuracy.ClosedRenewal(ENTERPRISE, forecast("r3", false, 8_000), true, eur(0)),
                new ForecastAccuracy.ClosedRenewal(SMB, forecast("r4", true, 0), false, eur(5_000))));

        assertThat(f.calls()).containsExactly(1, 1, 1, 1);
        assertThat(f.countAccuracy()).contains(new BigDecimal("0.5"));
        assertThat(f.calls(ENTERPRISE)).containsExactly(1, 0, 1, 1);
        assertThat(f.countAccuracy(ENTERPRISE)).contains(new BigDecimal("0.6666666666666667"));
        assertThat(f.countAccuracy(SMB)).contains(new BigDecimal("0"));
        // forecast 18,000, actual 17,000, errors 2,000 + 8,000 + 5,000: 1 - 15,000 / 17,000 = 2 / 17.
        assertThat(f.forecastArr()).isEqualTo(eur(18_000));
        assertThat(f.actualArr()).isEqualTo(eur(17_000));
        assertThat(f.arrAccuracy()).contains(new BigDecimal("0.1176470588235294"));
        assertThat(f.arrBias()).contains(new BigDecimal("1.058823529411765"));
        assertThat(f.arrAccuracy(SMB)).contains(new BigDecimal("0")); // 1 - 5,000 / 5,000
    }

    @Test
    void renewalForecast_brokenRules_areRejected() {
        assertViolation(() -> new RenewalForecast(AccountId.of("a"), LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1), false,
                eur(1), RenewalForecast.Source.SCORE), "madeOn",
                "account 'a': forecast made on 2026-06-01 must be before the renewal on 2026-06-01");
        assertViolation(() -> forecast("a", true, 5), "expectedArr",
                "account 'a': a forecast churn expects an ARR of 0, but expectedArr was 5 EUR");
        assertViolation(() -> forecast("a", false, -5), "expectedArr",
                "account 'a': expectedArr must not be negative, but was -5 EUR");
    }

    @Test
    void renewalForecast_withoutPlans_callsChurnForAChurnBand() {
        Account a = account("a", Optional.empty());

        RenewalForecast red = RenewalForecast.fromVectorAndPlans(a, vector("a", 20, RED), Set.of("red"));
        RenewalForecast green = RenewalForecast.fromVectorAndPlans(a, vector("a", 80, GREEN), Set.of("red"));

        assertThat(red.churn()).isTrue();
        assertThat(red.expectedArr()).isEqualTo(eur(0));
        assertThat(red.madeOn()).isEqualTo(MAY_10);
        assertThat(red.renewalDate()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(red.source()).isEqualTo(RenewalForecast.Source.SCORE);
        assertThat(green.churn()).isFalse();
        assertThat(green.expectedArr()).isEqualTo(eur(10_000));
    }

    @Test
    void renewalForecast_outcomeReached_overrulesAChurnBand() {
        // measured 10 on 2026-03-01 against a target of 10: attainment 1 by May 10
        Account reached = account("a", Optional.of(plan("a", Optional.of(LocalDate.of(2026, 2, 1)), Optional.of(10.0))));
        // measured 9: attainment 0.9, short of the target; the band's call stands
        Account short9 = account("b", Optional.of(plan("b", Optional.of(LocalDate.of(2026, 2, 1)), Optional.of(9.0))));

        assertThat(RenewalForecast.fromVectorAndPlans(reached, vector("a", 20, RED), Set.of("red")))
                .extracting(RenewalForecast::churn, RenewalForecast::expectedArr).containsExactly(false, eur(10_000));
        assertThat(RenewalForecast.fromVectorAndPlans(short9, vector("b", 20, RED), Set.of("red")))
                .extracting(RenewalForecast::churn, RenewalForecast::expectedArr).containsExactly(true, eur(0));
    }

    @Test
    void renewalForecast_regressedWithAnOverdueMilestone_overrulesARenewalBand() {
        // measured -2 against a baseline of 0 (regressed), first value due 2026-03-01 and not achieved: overdue on May 10
        Account backwards = account("a", Optional.of(plan("a", Optional.empty(), Optional.of(-2.0))));
        // near misses: regressed but first value achieved (nothing overdue); overdue but not regressed
        Account regressedOnTime = account("b", Optional.of(plan("b", Optional.of(LocalDate.of(2026, 2, 1)), Optional.of(-2.0))));
        Account lateNotRegressed = account("c", Optional.of(plan("c", Optional.empty(), Optional.of(1.0))));

        assertThat(RenewalForecast.fromVectorAndPlans(backwards, vector("a", 80, GREEN), Set.of("red")))
                .extracting(RenewalForecast::churn, RenewalForecast::expectedArr).containsExactly(true, eur(0));
        assertThat(RenewalForecast.fromVectorAndPlans(regressedOnTime, vector("b", 80, GREEN), Set.of("red")).churn()).isFalse();
        assertThat(RenewalForecast.fromVectorAndPlans(lateNotRegressed, vector("c", 80, GREEN), Set.of("red")).churn()).isFalse();
    }

    @Test
    void renewalForecast_expansionProvenThisTerm_raisesTheExpectedArr() {
        SuccessPlan base = plan("a", Optional.of(LocalDate.of(2026, 2, 1)), Optional.of(5.0));
        SuccessPlan withOpportunities = SuccessPlan.builder().from(base)
                .addMilestones(expansion("proven", LocalDate.of(2026, 4, 1), Optional.of(eur(2_500))))
                .addMilestones(expansion("later", LocalDate.of(2026, 6, 1), Optional.of(eur(7_000)))) // after May 10
                .addMilestones(expansion("last-term", LocalDate.of(2025, 11, 1), Optional.of(eur(4_000)))) // before the term
                .addMilestones(expansion("no-estimate", LocalDate.of(2026, 4, 2), Optional.empty()))
                .build();
        Account a = account("a", Optional.of(withOpportunities));

        RenewalForecast renew = RenewalForecast.fromVectorAndPlans(a, vector("a", 80, GREEN), Set.of("red"));
        RenewalForecast churn = RenewalForecast.fromVectorAndPlans(a, vector("a", 20, RED), Set.of("red"));

        assertThat(renew.churn()).isFalse();
        assertThat(renew.expectedArr()).isEqualTo(eur(12_500)); // 10,000 + 2,500
        assertThat(churn.expectedArr()).isEqualTo(eur(0));
    }

    @Test
    void renewalForecast_expansionInAnotherCurrency_isRejected() {
        SuccessPlan p = SuccessPlan.builder().from(plan("a", Optional.empty(), Optional.empty()))
                .addMilestones(expansion("proven", LocalDate.of(2026, 4, 1), Optional.of(Money.of("100", "USD")))).build();

        assertViolation(() -> RenewalForecast.fromVectorAndPlans(account("a", Optional.of(p)), vector("a", 80, GREEN), Set.of("red")),
                "expansionOpportunity.estimatedArr", "account 'a', plan 'a-plan', milestone 'proven': expansion estimate 100 USD"
                        + " is not in the contract's currency EUR; convert it before forecasting");
    }

    static Milestone expansion(String id, LocalDate achievedOn, Optional<Money> estimate) {
        return Milestone.builder().id(MilestoneId.of(id)).name(id).kind(MilestoneKind.ROLLOUT).ownerSide(Side.CUSTOMER)
                .dueDate(LocalDate.of(2026, 12, 1)).completion(SignOff.of(Side.CUSTOMER, "live"))
                .status(MilestoneStatus.ACHIEVED).achievedOn(achievedOn)
                .expansionOpportunity(ExpansionOpportunity.builder().description("more seats").estimatedArr(estimate).build())
                .build();
    }

    @Test
    void churnReasons_churnsAndContractions_addUpPerReasonAndSegment() {
        List<AccountRevenue> revenues = List.of(
                revenue("a", 1000, 0).churnedOn(LocalDate.of(2026, 5, 1)).reason("budget").build(),
                revenue("b", 500, 0).churnedOn(LocalDate.of(2026, 6, 1)).build(),
                revenue("c", 2000, 1500).segment(SMB).reason("budget").build(),
                revenue("d", 1000, 1200).build(),
                revenue("e", 0, 0).churnedOn(LocalDate.of(2026, 7, 1)).reason("competitor").build()); // new logo: not counted

        ChurnReasons r = ChurnReasons.of(FY2026, EUR, revenues.stream());
        RetentionReport report = RetentionReport.of(FY2026, EUR, revenues);

        assertThat(r.byReason()).containsExactly(
                java.util.Map.entry(ChurnReasons.UNSTATED, new ChurnReasons.Loss(1, eur(500), 0, eur(0))),
                java.util.Map.entry("budget", new ChurnReasons.Loss(1, eur(1000), 1, eur(500))));
        assertThat(r.bySegment().get(SMB)).containsOnlyKeys("budget");
        Money churned = r.byReason().values().stream().map(ChurnReasons.Loss::churnedArr).reduce(eur(0), Money::plus);
        assertThat(churned).isEqualTo(report.churnedArr());
        assertThat(r.byReason().values().stream().map(ChurnReasons.Loss::contraction).reduce(eur(0), Money::plus))
                .isEqualTo(report.contraction());
    }

    @Test
    void accountRevenue_reasonWithoutLossOrBadCode_isRejected() {
        assertViolation(() -> revenue("d", 1000, 1200).reason("budget").build(), "reason",
                "account 'd': reason 'budget' is for a churn or a contraction, but the account went from 1000 EUR to 1200 EUR "
                        + "without churning");
        assertViolation(() -> revenue("a", 1000, 0).churnedOn(LocalDate.of(2026, 5, 1)).reason("Budget!").build(), "reason",
                "account 'a': reason must be a code of lower-case letters, digits, '-' and '_' starting with a letter or digit, "
                        + "such as 'product-fit', but was 'Budget!'");
    }

    static Account withCsm(String id, String csmId, String csmName) {
        Account a = account(id, Optional.empty());
        return csmId == null ? a : Account.builder().from(a)
                .addAccountTeam(TeamMember.of(PersonId.of(csmId), csmName, AccountTeamRole.CUSTOMER_SUCCESS_MANAGER)).build();
    }

    @Test
    void bookOfBusiness_threeCsmsWorth_givesEachBookAndTheMeans() {
        BookOfBusiness b = BookOfBusiness.of(EUR, Set.of("red"), Stream.of(
                new BookOfBusiness.Holding(withCsm("a", "csm-1", "Sam"), Optional.of(vector("a", 20, RED)), 2),
                new BookOfBusiness.Holding(withCsm("b", "csm-1", "Sam"), Optional.of(vector("b", 90, GREEN)), 0),
                new BookOfBusiness.Holding(withCsm("c", "csm-2", "Lee"), Optional.of(vector("c", 50, YELLOW)), 1),
                new BookOfBusiness.Holding(withCsm("d", null, null), Optional.of(vector("d", 10, RED)), 0)));

        assertThat(b.books()).containsExactly(
                java.util.Map.entry(new BookOfBusiness.Owner("Lee", "csm-2"), new BookOfBusiness.Book(1, eur(10_000), 0, 1)),
                java.util.Map.entry(new BookOfBusiness.Owner("Sam", "csm-1"), new BookOfBusiness.Book(2, eur(20_000), 1, 2)),
                java.util.Map.entry(BookOfBusiness.UNASSIGNED, new BookOfBusiness.Book(1, eur(10_000), 1, 0)));
        assertThat(b.managers()).isEqualTo(2);
        assertThat(b.accountsPerManager()).contains(new BigDecimal("1.5"));
        assertThat(b.arrPerManager()).contains(eur(15_000));
    }

    @Test
    void combine_anotherCurrency_isRejectedNamingBoth() {
        BookOfBusiness eur = BookOfBusiness.of(EUR, Set.of("red"), Stream.empty());
        BookOfBusiness usd = BookOfBusiness.of(java.util.Currency.getInstance("USD"), Set.of("red"), Stream.empty());

        assertViolation(() -> eur.combine(usd), "currency", "cannot combine books in EUR with books in USD: cskit never converts");
        assertViolation(() -> ValueGenerated.of(MAY_10, rates(), Stream.empty())
                        .combine(ValueGenerated.of(MAY_10, ValueRates.builder(java.util.Currency.getInstance("USD")).build(), Stream.empty())),
                "currency", "cannot combine value in EUR with value in USD: cskit never converts");
    }

    static Account inGroup(String id, String parent, long arr) {
        Account a = account(id, Optional.empty());
        Account.Builder b = Account.builder().from(a).contract(Contract.builder().from(a.contract()).arr(eur(arr)).build());
        if (parent != null) {
            b.parentId(AccountId.of(parent));
        }
        return b.build();
    }

    @Test
    void rollup_aParentWithTwoSubsidiaries_givesEachMethodsScore() {
        List<Rollup.Member> members = List.of(
                new Rollup.Member(inGroup("p", null, 10_000), vector("p", 80, GREEN)),
                new Rollup.Member(inGroup("c1", "p", 30_000), vector("c1", 40, RED)),
                new Rollup.Member(inGroup("c2", "p", 10_000), vector("c2", 60, YELLOW)),
                new Rollup.Member(inGroup("s", null, 5_000), vector("s", 50, YELLOW)));

        Rollup weighted = Rollup.of(Rollup.Method.ARR_WEIGHTED, EUR, members.stream());

        // (80 x 10,000 + 40 x 30,000 + 60 x 10,000) / 50,000 = 52
        assertThat(weighted.group(AccountId.of("p"))).contains(new Rollup.Group(3, eur(50_000), 52.0, RED));
        assertThat(weighted.group(AccountId.of("s"))).contains(new Rollup.Group(1, eur(5_000), 50.0, YELLOW));
        assertThat(weighted.group(AccountId.of("c1"))).isEmpty();
        assertThat(Rollup.of(Rollup.Method.WORST, EUR, members.stream()).group(AccountId.of("p")).orElseThrow().score()).isEqualTo(40.0);
        assertThat(Rollup.of(Rollup.Method.MEAN, EUR, members.stream()).group(AccountId.of("p")).orElseThrow().score()).isEqualTo(60.0);
        assertThat(Rollup.of(Rollup.Method.ARR_WEIGHTED, EUR, members.subList(0, 2).stream())
                .combine(Rollup.of(Rollup.Method.ARR_WEIGHTED, EUR, members.subList(2, 4).stream()))).isEqualTo(weighted);
    }

}
