package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

/** The success review, built from the plans as of a day. */
class SuccessReviewTest {
    private static final LocalDate MAY_10 = LocalDate.of(2026, 5, 10);
    private static final MetricId ACTIVE_USERS = MetricId.of("active-users");

    @Test
    void of_revisedAcme_showsOutcomeSeriesMilestonesAndNoExpansionYet() {
        SuccessReview review = SuccessReview.of(Fixtures.revisedAccount(), MAY_10);

        assertThat(review.plans()).hasSize(1);
        SuccessReview.PlanSection s = review.plans().get(0);
        assertThat(s.attainment().orElseThrow()).isEqualTo(5.0 / 7.0);
        assertThat(s.since()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(s.nextReview()).isEqualTo(LocalDate.of(2026, 6, 10));
        assertThat(s.metrics()).extracting(SuccessReview.MetricSeries::name).containsExactly("Days to close the books",
                "Weekly active finance users");
        assertThat(s.metrics().get(0).after()).extracting(Measurement::value).containsExactly(9.0, 7.0, 5.0);
        assertThat(s.metrics().get(0).baseline()).isEqualTo(10.0);
        assertThat(s.achievedSince()).extracting(l -> l.name() + " / " + l.owner().orElse("-"))
                .containsExactly("Connect the ledger / Sam Okafor", "First close in the product / Dana Ruiz");
        // The rollout is overdue (due 2026-04-30); the QBR moved to 2026-07-01, after the next review.
        assertThat(s.dueBeforeNext()).extracting(SuccessReview.MilestoneLine::name).containsExactly("All finance users on board");
        assertThat(s.nextPhase()).isPresent();
        assertThat(s.openGaps()).isEmpty();
        assertThat(review.expansion()).isEmpty();
    }

    @Test
    void of_milestoneAchievedByEvidence_opensTheExpansionSection() {
        SuccessPlan plan = Fixtures.revisedAccount().successPlan().orElseThrow()
                .withMeasurement(ACTIVE_USERS, Measurement.of(Instant.parse("2026-05-04T00:00:00Z"), 36));
        Account account = Fixtures.accountBuilder().successPlan(plan).build();

        SuccessReview review = SuccessReview.of(account, MAY_10);

        assertThat(review.plans().get(0).achievedSince()).extracting(SuccessReview.MilestoneLine::name).contains("All finance users on board");
        assertThat(review.expansion()).hasSize(1);
        assertThat(review.expansion().get(0).proof()).isEqualTo("milestone 'All finance users on board' achieved on 2026-05-04 by a measurement of 36");
        assertThat(review.expansion().get(0).opportunity().orElseThrow().description()).isEqualTo("Procurement module for the purchasing team");
        // As of the day before the measurement, value is not proven yet.
        assertThat(SuccessReview.of(account, LocalDate.of(2026, 5, 3)).expansion()).isEmpty();
    }

    @Test
    void of_outcomeAtTarget_provesValueWithoutAnOpportunity() {
        SuccessPlan plan = Fixtures.plan().withMeasurement(MetricId.of("close-days"), Measurement.of(Instant.parse("2026-05-08T00:00:00Z"), 3));

        SuccessReview review = SuccessReview.of(Fixtures.accountBuilder().successPlan(plan).build(), MAY_10);

        assertThat(review.expansion()).extracting(SuccessReview.ExpansionLine::proof)
                .containsExactly("outcome 'Close the books in 3 days instead of 10' reached its target (attainment 1)");
        assertThat(review.expansion().get(0).opportunity()).isEmpty();
    }

    @Test
    void of_splitsTheSeriesAtThePlansStartAndStopsAtTheDay() {
        SuccessPlan plan = Fixtures.plan().withMeasurement(ACTIVE_USERS, Measurement.of(Instant.parse("2026-01-20T00:00:00Z"), 2))
                .withMeasurement(ACTIVE_USERS, Measurement.of(Instant.parse("2026-06-01T00:00:00Z"), 39));

        SuccessReview.MetricSeries users = SuccessReview.of(Fixtures.accountBuilder().successPlan(plan).build(), MAY_10).plans().get(0)
                .metrics().get(1);

        assertThat(users.before()).extracting(Measurement::value).containsExactly(2.0);
        assertThat(users.after()).extracting(Measurement::value).containsExactly(12.0, 31.0);
        assertThat(users.attainment()).contains(31.0 / 40.0);
    }

    @Test
    void of_lastReview_startsThePeriodUnderReview() {
        SuccessPlan plan = Fixtures.planBuilder().lastReviewOn(LocalDate.of(2026, 3, 1)).build();

        SuccessReview.PlanSection s = SuccessReview.of(Fixtures.accountBuilder().successPlan(plan).build(), MAY_10).plans().get(0);

        assertThat(s.achievedSince()).extracting(SuccessReview.MilestoneLine::name).containsExactly("First close in the product");
    }

    @Test
    void of_severalPlans_oneSectionEach() {
        Account account = Fixtures.accountBuilder().addAdditionalPlans(SeveralPlansTest.payroll()).build();

        SuccessReview review = SuccessReview.of(account, MAY_10);

        assertThat(review.plans()).extracting(p -> p.product().orElse("-")).containsExactly("-", "Payroll");
        assertThat(review.plans().get(1).dueBeforeNext()).extracting(SuccessReview.MilestoneLine::name).containsExactly("First payroll run");
    }

    @Test
    void of_accountWithoutPlan_hasNoSections() {
        assertThat(SuccessReview.of(Fixtures.accountBuilder().successPlan(Optional.empty()).build(), MAY_10).plans()).isEmpty();
    }

    @Test
    void json_roundTrips() {
        CsJson json = CsJson.create();
        SuccessPlan plan = Fixtures.revisedAccount().successPlan().orElseThrow()
                .withMeasurement(ACTIVE_USERS, Measurement.of(Instant.parse("2026-05-04T00:00:00Z"), 36));
        SuccessReview review = SuccessReview.of(Fixtures.accountBuilder().successPlan(plan).build(), MAY_10);

        assertThat(json.read(json.write(review), SuccessReview.class)).isEqualTo(review);
    }
}
