package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.EUR;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.SMB;
import static org.cskit.scoring.portfolio.PortfolioFixtures.churned;
import static org.cskit.scoring.portfolio.PortfolioFixtures.eur;
import static org.cskit.scoring.portfolio.PortfolioFixtures.report;
import static org.cskit.scoring.portfolio.PortfolioFixtures.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cskit.model.AccountId;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

class RetentionReportTest {
    private static final AccountRevenue EXPANDS = revenue("expands", 100_000, 120_000).build();
    private static final AccountRevenue CONTRACTS = revenue("contracts", 50_000, 40_000).build();
    private static final AccountRevenue CHURNS = churned("churns", 30_000, LocalDate.of(2026, 6, 30));
    private static final AccountRevenue FLAT = revenue("flat", 20_000, 20_000).build();

    @Test
    void report_fourAccounts_givesHandComputedRetention() {
        // start = 100 + 50 + 30 + 20 = 200k; expansion 20k; contraction 10k; churn 30k.
        // GRR = (200 - 10 - 30) / 200 = 160/200 = 0.8; NRR = (200 + 20 - 10 - 30) / 200 = 180/200 = 0.9.
        RetentionReport r = report(EXPANDS, CONTRACTS, CHURNS, FLAT);

        assertThat(r.startingArr()).isEqualTo(eur(200_000));
        assertThat(r.expansion()).isEqualTo(eur(20_000));
        assertThat(r.contraction()).isEqualTo(eur(10_000));
        assertThat(r.churnedArr()).isEqualTo(eur(30_000));
        assertThat(r.newArr()).isEqualTo(eur(0));
        assertThat(r.endingArr()).isEqualTo(eur(180_000));
        assertThat(r.grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.8"));
        assertThat(r.netRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.9"));
        assertThat(r.startingAccounts()).isEqualTo(4);
        assertThat(r.expandedAccounts()).isEqualTo(1);
        assertThat(r.contractedAccounts()).isEqualTo(1);
        assertThat(r.unchangedAccounts()).isEqualTo(1);
        assertThat(r.churnedAccounts()).isEqualTo(1);
        assertThat(r.period()).isEqualTo(FY2026);
        assertThat(r.currency()).isEqualTo(EUR);
    }

    @Test
    void grr_churnedAccount_countsItsWholeArr() {
        // 75k churns out of 100k: GRR = NRR = 25/100 = 0.25, whatever the account did before churning.
        RetentionReport r = report(churned("gone", 75_000, LocalDate.of(2026, 2, 1)), revenue("stays", 25_000, 25_000).build());

        assertThat(r.churnedArr()).isEqualTo(eur(75_000));
        assertThat(r.contraction()).isEqualTo(eur(0));
        assertThat(r.grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.25"));
        assertThat(r.netRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.25"));
    }

    @Test
    void grr_expansionCannotOffsetContraction_butNrrCan() {
        // start 200k; +50k on one, -50k on the other: GRR = 150/200 = 0.75, NRR = 200/200 = 1.
        RetentionReport r = report(revenue("up", 100_000, 150_000).build(), revenue("down", 100_000, 50_000).build());

        assertThat(r.grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.75"));
        assertThat(r.netRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
    }

    @Test
    void nrr_newLogo_isReportedAsNewArrOutsideTheCohort() {
        // The 4 accounts above plus a new logo at 0 -> 60k: GRR and NRR unchanged (0.8, 0.9);
        // new ARR 60k; ending ARR = 180 + 60 = 240k.
        RetentionReport r = report(EXPANDS, CONTRACTS, CHURNS, FLAT, revenue("new", 0, 60_000).build());

        assertThat(r.newArr()).isEqualTo(eur(60_000));
        assertThat(r.newAccounts()).isEqualTo(1);
        assertThat(r.startingAccounts()).isEqualTo(4);
        assertThat(r.startingArr()).isEqualTo(eur(200_000));
        assertThat(r.endingArr()).isEqualTo(eur(240_000));
        assertThat(r.grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.8"));
        assertThat(r.netRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.9"));
    }

    @Test
    void newLogo_churnedWithinThePeriod_isCountedAsNewNotAsCohortChurn() {
        RetentionReport r = report(FLAT, revenue("brief", 0, 0).churnedOn(LocalDate.of(2026, 8, 1)).build());

        assertThat(r.newAccounts()).isEqualTo(1);
        assertThat(r.newAccountsChurned()).isEqualTo(1);
        assertThat(r.newArr()).isEqualTo(eur(0));
        assertThat(r.churnedAccounts()).isZero();
        assertThat(r.churnedArr()).isEqualTo(eur(0));
        assertThat(r.accountsThatCouldChurn()).isZero();
    }

    @Test
    void logoChurn_countsOnlyAccountsThatCouldChurnInThePeriod() {
        // Could churn: renews (renewal 2026-03-01), lost (renewal 2026-06-30, churned), monthly
        // (month-to-month) and early (renewal 2027, but terminated early) = 4. Not: nextYear
        // (renewal 2027-02-01) and lastYear (renewal 2025-12-31).
        // Logo churn = 2 / 4 = 0.5, not 2 / 6 over every account.
        RetentionReport r = report(
                revenue("renews", 10_000, 10_000).renewalDate(LocalDate.of(2026, 3, 1)).build(),
                revenue("lost", 10_000, 0).renewalDate(LocalDate.of(2026, 6, 30)).churnedOn(LocalDate.of(2026, 6, 30)).build(),
                revenue("monthly", 1_000, 1_000).renewalDate(java.util.Optional.empty()).monthToMonth(true).build(),
                revenue("early", 10_000, 0).renewalDate(LocalDate.of(2027, 5, 1)).churnedOn(LocalDate.of(2026, 9, 15)).build(),
                revenue("nextYear", 10_000, 10_000).renewalDate(LocalDate.of(2027, 2, 1)).build(),
                revenue("lastYear", 10_000, 10_000).renewalDate(LocalDate.of(2025, 12, 31)).build());

        assertThat(r.churnedAccounts()).isEqualTo(2);
        assertThat(r.accountsThatCouldChurn()).isEqualTo(4);
        assertThat(r.startingAccounts()).isEqualTo(6);
        assertThat(r.logoChurn()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
    }

    @Test
    void logoChurn_renewalOnEitherEdgeOfThePeriod_isInside() {
        // Renewals on 2026-01-01 and 2026-12-31 are in [2026-01-01, 2026-12-31]; one of the two churned: 1/2.
        RetentionReport r = report(
                revenue("first", 10_000, 0).renewalDate(LocalDate.of(2026, 1, 1)).churnedOn(LocalDate.of(2026, 1, 1)).build(),
                revenue("last", 10_000, 10_000).renewalDate(LocalDate.of(2026, 12, 31)).build());

        assertThat(r.accountsThatCouldChurn()).isEqualTo(2);
        assertThat(r.logoChurn()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.5"));
    }

    @Test
    void logoChurn_oneInThree_isRoundedToSixteenSignificantDigits() {
        // 1/3 in DECIMAL64: 0.3333333333333333 (16 digits, half-even).
        RetentionReport r = report(
                churned("a", 10, LocalDate.of(2026, 5, 1)),
                revenue("b", 10, 10).renewalDate(LocalDate.of(2026, 5, 1)).build(),
                revenue("c", 10, 10).renewalDate(LocalDate.of(2026, 5, 1)).build());

        assertThat(r.logoChurn()).contains(new BigDecimal("0.3333333333333333"));
    }

    @Test
    void report_noAccounts_givesZeroAmountsAndEmptyRatios() {
        RetentionReport r = RetentionReport.of(FY2026, EUR, Stream.empty());

        assertThat(r.startingArr()).isEqualTo(Money.zero(EUR));
        assertThat(r.endingArr()).isEqualTo(Money.zero(EUR));
        assertThat(r.grossRevenueRetention()).isEmpty();
        assertThat(r.netRevenueRetention()).isEmpty();
        assertThat(r.logoChurn()).isEmpty();
    }

    @Test
    void report_onlyNewLogos_hasNoCohortAndEmptyRatios() {
        RetentionReport r = report(revenue("new", 0, 5_000).build());

        assertThat(r.newArr()).isEqualTo(eur(5_000));
        assertThat(r.grossRevenueRetention()).isEmpty();
        assertThat(r.netRevenueRetention()).isEmpty();
        assertThat(r.logoChurn()).isEmpty();
    }

    @Test
    void logoChurn_noRenewalsDue_isEmptyWhileRetentionIsKnown() {
        RetentionReport r = report(FLAT);

        assertThat(r.logoChurn()).isEmpty();
        assertThat(r.grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
    }

    @Test
    void combine_twoHalves_equalsTheWhole() {
        RetentionReport whole = report(EXPANDS, CONTRACTS, CHURNS, FLAT);

        assertThat(report(EXPANDS, CHURNS).combine(report(CONTRACTS, FLAT))).isEqualTo(whole);
        assertThat(report(EXPANDS, CHURNS).combine(report(CONTRACTS, FLAT)).hashCode()).isEqualTo(whole.hashCode());
    }

    @Test
    void collector_parallelStream_equalsSequential() {
        List<AccountRevenue> many = Stream.iterate(0, i -> i + 1).limit(2_000)
                .map(i -> revenue("a" + i, 1_000 + i, i % 3 == 0 ? 900 + i : 1_100 + i).build()).toList();

        assertThat(many.parallelStream().collect(RetentionReport.collector(FY2026, EUR)))
                .isEqualTo(RetentionReport.of(FY2026, EUR, many.stream()));
    }

    @Test
    void report_amountsWithDifferentScales_compareByValue() {
        AccountRevenue scaled = revenue("flat", 0, 0).startArr(Money.of("20000.00", "EUR")).endArr(Money.of("20000.00", "EUR"))
                .build();

        assertThat(report(scaled)).isEqualTo(report(FLAT));
        assertThat(report(scaled).hashCode()).isEqualTo(report(FLAT).hashCode());
    }

    @Test
    void bySegment_givesOneReportPerSegmentInNameOrder() {
        AccountRevenue smb = revenue("small", 5_000, 0).segment(SMB).churnedOn(LocalDate.of(2026, 4, 1)).build();

        Map<Segment, RetentionReport> reports = RetentionReport.bySegment(FY2026, EUR, Stream.of(smb, EXPANDS, FLAT));

        assertThat(reports).containsOnlyKeys(ENTERPRISE, SMB);
        assertThat(reports.keySet()).containsExactly(ENTERPRISE, SMB);
        assertThat(reports.get(ENTERPRISE)).isEqualTo(report(EXPANDS, FLAT));
        assertThat(reports.get(SMB).grossRevenueRetention()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThatThrownBy(() -> reports.remove(SMB)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void accountRevenue_json_roundTrips() {
        CsJson json = CsJson.create();
        AccountRevenue r = revenue("lost", 10_000, 0).churnedOn(LocalDate.of(2026, 6, 30)).monthToMonth(true).build();

        assertThat(json.read(json.write(r), AccountRevenue.class)).isEqualTo(r);
    }

    @Test
    void accountRevenue_defaults_notMonthToMonth() {
        AccountRevenue r = AccountRevenue.builder().accountId(AccountId.of("x")).segment(ENTERPRISE)
                .startArr(eur(1)).endArr(eur(1)).build();

        assertThat(r.monthToMonth()).isFalse();
        assertThat(r.couldChurnIn(FY2026)).isFalse();
        assertThat(r.inStartingCohort()).isTrue();
    }
}
