package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link SuccessPlan#completeByEvidence}: over generated plans (threshold milestones
 * on a higher-is-better and a lower-is-better metric, sign-offs recorded or not, backward
 * dependencies) and generated measurements (some before the plan's start), completion is monotone
 * in the measurements and in the day, independent of the order measurements arrive in, and a pure
 * function of the plan and the day.
 */
class EvidenceCompletionProperties {
    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final MetricId UP = MetricId.of("up");
    static final MetricId DOWN = MetricId.of("down");

    /** A plan without measurements, and measurements to give it. */
    record Case(SuccessPlan plan, List<Obs> observations) {}

    /** A measurement of one metric. */
    record Obs(MetricId metric, Measurement measurement) {}

    @Property(tries = 300)
    void complete_moreMeasurements_neverUnachieveNorDelay(@ForAll("cases") Case c, @ForAll long seed,
            @ForAll("days") LocalDate asOf) {
        List<Obs> subset = new ArrayList<>(c.observations());
        Collections.shuffle(subset, new Random(seed));
        subset = subset.subList(0, subset.size() / 2);

        Map<MilestoneId, LocalDate> fewer = achieved(with(c.plan(), subset).completeByEvidence(asOf).plan());
        Map<MilestoneId, LocalDate> more = achieved(with(c.plan(), c.observations()).completeByEvidence(asOf).plan());

        assertThat(more.keySet()).containsAll(fewer.keySet());
        fewer.forEach((id, day) -> assertThat(more.get(id)).isBeforeOrEqualTo(day));
    }

    @Property(tries = 300)
    void complete_laterDay_neverUnachievesNorDelays(@ForAll("cases") Case c, @ForAll("days") LocalDate asOf,
            @ForAll @IntRange(min = 0, max = 200) int later) {
        SuccessPlan plan = with(c.plan(), c.observations());

        Map<MilestoneId, LocalDate> then = achieved(plan.completeByEvidence(asOf).plan());
        Map<MilestoneId, LocalDate> afterwards = achieved(plan.completeByEvidence(asOf.plusDays(later)).plan());

        assertThat(afterwards).containsAllEntriesOf(then);
    }

    @Property(tries = 300)
    void complete_measurementsArrivingInAnyOrder_giveThePlanOfAllAtOnce(@ForAll("cases") Case c, @ForAll long seed,
            @ForAll("days") LocalDate asOf) {
        List<Obs> arrival = new ArrayList<>(c.observations());
        Collections.shuffle(arrival, new Random(seed));
        SuccessPlan incremental = c.plan();
        for (Obs o : arrival) {
            incremental = incremental.withMeasurement(o.metric(), o.measurement()).completeByEvidence(asOf).plan();
        }

        assertThat(incremental).isEqualTo(with(c.plan(), c.observations()).completeByEvidence(asOf).plan());
    }

    @Property(tries = 300)
    void complete_isAPureFunctionOfThePlanAndTheDay(@ForAll("cases") Case c, @ForAll("days") LocalDate first,
            @ForAll("days") LocalDate asOf) {
        SuccessPlan plan = with(c.plan(), c.observations());
        PlanCompletion once = plan.completeByEvidence(asOf);

        assertThat(plan.completeByEvidence(asOf)).isEqualTo(once);
        assertThat(plan.completeByEvidence(first).plan().completeByEvidence(asOf).plan()).isEqualTo(once.plan());
        assertThat(once.plan().completeByEvidence(asOf).newlyAchieved()).isEmpty();
        assertThat(once.plan().version()).isEqualTo(plan.version());
    }

    @Property(tries = 300)
    void complete_achievesOnlyWithEvidenceAndDependenciesByTheDay(@ForAll("cases") Case c, @ForAll("days") LocalDate asOf) {
        SuccessPlan plan = with(c.plan(), c.observations());
        SuccessPlan done = plan.completeByEvidence(asOf).plan();

        for (Milestone m : done.milestones()) {
            if (m.evidence().isEmpty()) {
                assertThat(m).isEqualTo(plan.milestone(m.id()).orElseThrow());
                continue;
            }
            Measurement x = m.evidence().get();
            MetricThreshold t = (MetricThreshold) m.completion();
            assertThat(done.metric(t.metric()).orElseThrow().meets(x.value(), t.threshold())).isTrue();
            LocalDate measured = LocalDate.ofInstant(x.at(), ZoneOffset.UTC);
            assertThat(measured).isAfterOrEqualTo(START).isBeforeOrEqualTo(m.achievedOn().orElseThrow());
            assertThat(m.achievedOn().orElseThrow()).isBeforeOrEqualTo(asOf);
            for (MilestoneId d : m.dependsOn()) {
                assertThat(done.milestone(d).orElseThrow().isAchievedAsOf(m.achievedOn().orElseThrow())).isTrue();
            }
        }
    }

    static Map<MilestoneId, LocalDate> achieved(SuccessPlan plan) {
        return plan.milestones().stream().filter(m -> m.evidence().isPresent())
                .collect(Collectors.toMap(Milestone::id, m -> m.achievedOn().orElseThrow()));
    }

    static SuccessPlan with(SuccessPlan plan, List<Obs> observations) {
        SuccessPlan p = plan;
        for (Obs o : observations) {
            p = p.withMeasurement(o.metric(), o.measurement());
        }
        return p;
    }

    @Provide
    Arbitrary<LocalDate> days() {
        return Arbitraries.integers().between(-10, 320).map(START::plusDays);
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Obs>> observations = Combinators.combine(
                        Arbitraries.of(UP, DOWN), Arbitraries.integers().between(-30, 300 * 24), Arbitraries.integers().between(0, 100))
                .as((metric, hour, value) -> new Obs(metric, Measurement.of(START.atStartOfDay(ZoneOffset.UTC).toInstant()
                        .plusSeconds(3600L * hour), value)))
                .list().ofMaxSize(12)
                .map(list -> list.stream().collect(Collectors.toMap(o -> o.metric().toString() + o.measurement().at(),
                        Function.identity(), (a, b) -> a)).values().stream()
                        .sorted((a, b) -> (a.metric().toString() + a.measurement().at()).compareTo(b.metric().toString() + b.measurement().at()))
                        .toList());
        Arbitrary<List<int[]>> milestones = Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 300),
                        Arbitraries.integers().between(0, 7))
                .as((kind, threshold, due, deps) -> new int[] {kind, threshold, due, deps})
                .list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(milestones, observations).as((ms, obs) -> new Case(plan(ms), obs));
    }

    /** Kind 0: threshold on UP, 1: threshold on DOWN, 2: sign-off, recorded achieved when its threshold value is even. */
    static SuccessPlan plan(List<int[]> specs) {
        List<Milestone> milestones = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            int[] s = specs.get(i);
            Milestone.Builder b = Milestone.builder().id(MilestoneId.of("m" + i)).name("Step " + i).kind(MilestoneKind.OTHER)
                    .ownerSide(Side.VENDOR).dueDate(START.plusDays(s[2]));
            if (s[0] == 2) {
                b.completion(SignOff.of(Side.CUSTOMER, "Signed"));
                if (s[1] % 2 == 0) {
                    b.status(MilestoneStatus.ACHIEVED).achievedOn(START.plusDays(s[1] * 3L));
                }
            } else {
                b.completion(MetricThreshold.of(s[0] == 0 ? UP : DOWN, s[1]));
            }
            for (int j = 0; j < i; j++) {
                if ((s[3] >> j & 1) == 1) {
                    b.addDependsOn(MilestoneId.of("m" + j));
                }
            }
            milestones.add(b.build());
        }
        return SuccessPlan.builder().id(PlanId.of("p")).accountId(AccountId.of("a")).purpose("Move")
                .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().statement("Up")
                        .metric(metric(UP, MetricDirection.HIGHER_IS_BETTER, 0, 100)).deadline(START.plusDays(365)).build(),
                        AppropriateExperience.builder().engagementModel(EngagementModel.TECH_TOUCH).addChannels(Channel.EMAIL)
                                .cadence(Period.ofMonths(1)).build()))
                .addMetrics(metric(DOWN, MetricDirection.LOWER_IS_BETTER, 100, 0))
                .milestones(milestones).reviewCadence(Period.ofMonths(1)).startDate(START).build();
    }

    static SuccessMetric metric(MetricId id, MetricDirection direction, double baseline, double target) {
        return SuccessMetric.builder().id(id).name(id.toString()).unit("points").direction(direction).baseline(baseline)
                .target(target).measurementMethod("Generated").build();
    }
}
