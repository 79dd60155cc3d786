package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;

/**
 * Properties of {@link SuccessReview#of} over the generated plans of {@link EvidenceCompletionProperties}:
 * a pure function of the account and the day, that shows expansion exactly when value is proven,
 * and lists as due only milestones still open.
 */
class SuccessReviewProperties {
    private final EvidenceCompletionProperties plans = new EvidenceCompletionProperties();

    @Provide
    Arbitrary<EvidenceCompletionProperties.Case> cases() {
        return plans.cases();
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return plans.days();
    }

    private static Account account(SuccessPlan plan) {
        return Account.builder().id(AccountId.of("a")).name("A").segment(Segment.of("smb", EngagementModel.TECH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .contract(Contract.builder().arr(Money.of("1000.00", "EUR")).startDate(EvidenceCompletionProperties.START)
                        .renewalDate(EvidenceCompletionProperties.START.plusYears(1)).termMonths(12).build())
                .successPlan(plan).build();
    }

    @Property(tries = 200)
    void of_isAPureFunctionOfTheAccountAndTheDay(@ForAll("cases") EvidenceCompletionProperties.Case c, @ForAll("days") LocalDate asOf) {
        SuccessPlan plan = EvidenceCompletionProperties.with(c.plan(), c.observations());

        SuccessReview review = SuccessReview.of(account(plan), asOf);

        assertThat(SuccessReview.of(account(plan), asOf)).isEqualTo(review);
        assertThat(SuccessReview.of(account(plan.completeByEvidence(asOf).plan()), asOf)).isEqualTo(review);
    }

    @Property(tries = 200)
    void of_showsExpansionExactlyWhenValueIsProven(@ForAll("cases") EvidenceCompletionProperties.Case c, @ForAll("days") LocalDate asOf) {
        SuccessPlan done = EvidenceCompletionProperties.with(c.plan(), c.observations()).completeByEvidence(asOf).plan();
        boolean proven = done.milestones().stream().anyMatch(m -> m.evidence().isPresent())
                || done.outcomeAttainment(asOf).map(Attainment::targetReached).orElse(false);

        assertThat(SuccessReview.of(account(done), asOf).expansion().isEmpty()).isEqualTo(!proven);
    }

    @Property(tries = 200)
    void of_listsAsDoneOnlyAchievedAndAsDueOnlyOpenMilestones(@ForAll("cases") EvidenceCompletionProperties.Case c,
            @ForAll("days") LocalDate asOf) {
        SuccessPlan plan = EvidenceCompletionProperties.with(c.plan(), c.observations());

        SuccessReview.PlanSection s = SuccessReview.of(account(plan), asOf).plans().get(0);

        s.achievedSince().forEach(m -> assertThat(m.achievedOn().orElseThrow()).isAfter(s.since()).isBeforeOrEqualTo(asOf));
        s.dueBeforeNext().forEach(m -> {
            assertThat(m.achievedOn()).isEmpty();
            assertThat(m.dueDate()).isBeforeOrEqualTo(s.nextReview());
        });
    }
}
