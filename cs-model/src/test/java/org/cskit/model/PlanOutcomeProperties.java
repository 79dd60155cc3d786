package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

/**
 * Properties of a plan's outcome queries ({@link SuccessPlan#outcomeAttainment},
 * {@link SuccessPlan#isNearTarget}, {@link SuccessPlan#needsNextPhase},
 * {@link SuccessPlan#isCompletionMetAsOf}) over generated plans whose required outcome has a
 * generated metric and measurement series.
 */
class PlanOutcomeProperties {

    @Property(tries = 300)
    void outcomeAttainment_isTheRequiredMetricsAttainmentAsOfTheDay(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        SuccessMetric metric = plan.desiredOutcome().requiredOutcome().metric();

        assertThat(plan.outcomeAttainment(asOf)).isEqualTo(metric.attainmentAsOf(asOf));
        assertThat(plan.allMetrics().get(0)).isEqualTo(metric);
    }

    @Property(tries = 300)
    void isNearTarget_isMonotoneInTheShareThatCountsAsNear(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf, @ForAll @DoubleRange(min = -2, max = 2) @Scale(4) double a,
            @ForAll @DoubleRange(min = -2, max = 2) @Scale(4) double b) {
        double stricter = Math.max(a, b);
        double looser = Math.min(a, b);

        if (plan.isNearTarget(asOf, stricter)) {
            assertThat(plan.isNearTarget(asOf, looser)).isTrue();
        }
        assertThat(plan.isNearTarget(asOf, a))
                .isEqualTo(plan.outcomeAttainment(asOf).map(x -> x.ratio() >= a).orElse(false));
    }

    @Property(tries = 300)
    void isNearTarget_atOneMeansTheTargetWasReached(@ForAll("plans") SuccessPlan plan, @ForAll("asOfDays") LocalDate asOf) {
        boolean reached = plan.outcomeAttainment(asOf).map(Attainment::targetReached).orElse(false);

        assertThat(plan.isNearTarget(asOf, 1.0)).isEqualTo(reached);
    }

    @Property(tries = 300)
    void needsNextPhase_isNearTargetWithoutANextPhase(@ForAll("plans") SuccessPlan plan, @ForAll("asOfDays") LocalDate asOf,
            @ForAll @DoubleRange(min = 0, max = 1.5) @Scale(4) double nearTarget) {
        assertThat(plan.needsNextPhase(asOf, nearTarget))
                .isEqualTo(plan.isNearTarget(asOf, nearTarget) && plan.nextPhase().isEmpty());
    }

    @Property(tries = 100)
    void isNearTarget_rejectsANonFiniteShare(@ForAll("plans") SuccessPlan plan, @ForAll("asOfDays") LocalDate asOf,
            @ForAll("nonFinite") double nearTarget) {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> plan.isNearTarget(asOf, nearTarget));

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("nearTarget");
    }

    @Property(tries = 300)
    void isCompletionMetAsOf_followsTheMilestonesCriterion(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        for (Milestone m : plan.milestones()) {
            boolean expected;
            if (m.completion() instanceof MetricThreshold t) {
                SuccessMetric metric = plan.metric(t.metric()).orElseThrow();
                Optional<Measurement> latest = metric.latestAsOf(asOf);
                expected = latest.isPresent() && (metric.direction() == MetricDirection.HIGHER_IS_BETTER
                        ? latest.get().value() >= t.threshold()
                        : latest.get().value() <= t.threshold());
            } else {
                expected = m.isAchievedAsOf(asOf);
            }
            assertThat(plan.isCompletionMetAsOf(m.id(), asOf)).as("%s as of %s", m.id(), asOf).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Double> nonFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Provide
    Arbitrary<LocalDate> asOfDays() {
        return Arbitraries.integers().between(-5, AttainmentProperties.SERIES_DAYS + 5)
                .map(i -> AttainmentProperties.SERIES_START.plusDays(i));
    }

    /**
     * Generated plans whose required outcome is a generated metric (keeping the id milestones'
     * thresholds refer to), with or without a next phase.
     */
    @Provide
    Arbitrary<SuccessPlan> plans() {
        RequiredOutcome fixture = Fixtures.desiredOutcome().requiredOutcome();
        Arbitrary<SuccessMetric> outcomeMetric = AttainmentProperties.metricArbitrary()
                .map(m -> SuccessMetric.builder().from(m).id(fixture.metric().id()).build());
        Arbitrary<Optional<NextPhase>> nextPhase = Arbitraries.of(true, false).map(present -> present
                ? Optional.of(NextPhase.builder().description("Roll out to the subsidiaries")
                        .plannedStart(fixture.deadline().plusDays(1)).build())
                : Optional.empty());
        return Combinators.combine(PlanProgressProperties.planArbitrary(), outcomeMetric, nextPhase)
                .as((plan, metric, next) -> SuccessPlan.builder().from(plan)
                        .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().from(fixture).metric(metric).build(),
                                Fixtures.desiredOutcome().appropriateExperience()))
                        .nextPhase(next)
                        .build());
    }
}
