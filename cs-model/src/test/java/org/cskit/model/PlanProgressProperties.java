package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link SuccessPlan}'s milestone arithmetic over generated plans: random kinds,
 * statuses and due dates on or after the plan's start, {@code achievedOn} exactly for ACHIEVED
 * milestones (sometimes before the plan's start, sometimes late), and only backward dependencies.
 */
class PlanProgressProperties {

    /** As-of days range from a little before the earliest start to well after the latest due date. */
    static final LocalDate EARLIEST_START = LocalDate.of(2025, 6, 1);

    static final LocalDate LATEST_START = Fixtures.desiredOutcome().requiredOutcome().deadline();

    static final int MAX_DUE_OFFSET = 400;

    @Property(tries = 300)
    void progress_sharesAreWithinZeroAndOne(@ForAll("plans") SuccessPlan plan, @ForAll("asOfDays") LocalDate asOf) {
        PlanProgress p = plan.progress(asOf);

        assertThat(p.achievedShare()).isBetween(0.0, 1.0);
        assertThat(p.onTimeShare()).isBetween(0.0, 1.0);
        assertThat(p.overdueShare()).isBetween(0.0, 1.0);
        assertThat(p.achievedShare() + p.overdueShare()).isLessThanOrEqualTo(1.0 + 1e-12);
    }

    @Property(tries = 300)
    void progress_countsAreConsistent(@ForAll("plans") SuccessPlan plan, @ForAll("asOfDays") LocalDate asOf) {
        PlanProgress p = plan.progress(asOf);

        assertThat(p.achievedOnTime()).isBetween(0, p.achieved());
        assertThat(p.achieved()).isLessThanOrEqualTo(p.total());
        assertThat(p.overdue()).isBetween(0, p.total() - p.achieved());
        assertThat(p.total()).isEqualTo((int) plan.milestones().stream()
                .filter(m -> m.status() != MilestoneStatus.CANCELLED).count());
    }

    @Property(tries = 300)
    void progress_agreesWithAMilestoneByMilestoneCount(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        int achieved = 0;
        int onTime = 0;
        int overdue = 0;
        for (Milestone m : plan.milestones()) {
            if (m.status() == MilestoneStatus.CANCELLED) {
                continue;
            }
            boolean achievedByThen = m.achievedOn().map(d -> !d.isAfter(asOf)).orElse(false);
            if (achievedByThen) {
                achieved++;
                if (!m.achievedOn().get().isAfter(m.dueDate())) {
                    onTime++;
                }
            } else if (m.dueDate().isBefore(asOf)) {
                overdue++;
            }
        }

        PlanProgress p = plan.progress(asOf);

        assertThat(p.achieved()).as("achieved").isEqualTo(achieved);
        assertThat(p.achievedOnTime()).as("achieved on time").isEqualTo(onTime);
        assertThat(p.overdue()).as("overdue").isEqualTo(overdue);
    }

    @Property(tries = 300)
    void progress_achievedIsMonotoneInTheAsOfDate(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf, @ForAll @IntRange(min = 0, max = 200) int laterBy) {
        LocalDate later = asOf.plusDays(laterBy);

        PlanProgress before = plan.progress(asOf);
        PlanProgress after = plan.progress(later);

        assertThat(after.achieved()).isGreaterThanOrEqualTo(before.achieved());
        assertThat(after.achievedOnTime()).isGreaterThanOrEqualTo(before.achievedOnTime());
        assertThat(after.total()).isEqualTo(before.total());
    }

    @Property(tries = 300)
    void progress_overdueNeverCountsAMilestoneAchievedAsOfTheDay(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        for (Milestone m : plan.milestones()) {
            if (m.isAchievedAsOf(asOf)) {
                assertThat(m.isOverdueAsOf(asOf)).as("%s overdue as of %s", m.id(), asOf).isFalse();
                assertThat(m.isOpenAsOf(asOf)).as("%s open as of %s", m.id(), asOf).isFalse();
            }
            if (m.status() == MilestoneStatus.CANCELLED) {
                assertThat(m.isOverdueAsOf(asOf)).as("%s (cancelled) overdue as of %s", m.id(), asOf).isFalse();
            }
        }
        long openAndDueBefore = plan.milestones().stream()
                .filter(m -> m.status() != MilestoneStatus.CANCELLED && !m.isAchievedAsOf(asOf))
                .filter(m -> m.dueDate().isBefore(asOf))
                .count();
        assertThat(plan.progress(asOf).overdue()).isEqualTo((int) openAndDueBefore);
    }

    @Property(tries = 300)
    void nextMilestoneDue_isOpenAndNoOpenMilestoneIsDueEarlier(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        List<Milestone> open = plan.milestones().stream().filter(m -> m.isOpenAsOf(asOf)).toList();

        Optional<Milestone> next = plan.nextMilestoneDue(asOf);

        assertThat(next.isPresent()).isEqualTo(!open.isEmpty());
        next.ifPresent(n -> {
            assertThat(n.isOpenAsOf(asOf)).isTrue();
            assertThat(n.status()).isNotEqualTo(MilestoneStatus.CANCELLED);
            assertThat(open).allSatisfy(m -> assertThat(m.dueDate()).isAfterOrEqualTo(n.dueDate()));
            Milestone firstListedOfThatDay = open.stream().filter(m -> m.dueDate().equals(n.dueDate())).findFirst().get();
            assertThat(n).as("ties go to the milestone listed first").isSameAs(firstListedOfThatDay);
        });
    }

    @Property(tries = 300)
    void daysToFirstValue_isNotNegativeWhenNothingWasAchievedBeforeTheStart(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf) {
        boolean allOnOrAfterStart = plan.milestones().stream()
                .flatMap(m -> m.achievedOn().stream())
                .noneMatch(d -> d.isBefore(plan.startDate()));

        OptionalLong days = plan.daysToFirstValue(asOf);

        if (allOnOrAfterStart && days.isPresent()) {
            assertThat(days.getAsLong()).isNotNegative();
        }
        assertThat(days.isPresent()).isEqualTo(plan.firstValueOn(asOf).isPresent());
        plan.firstValueOn(asOf).ifPresent(d -> {
            assertThat(days.getAsLong()).isEqualTo(ChronoUnit.DAYS.between(plan.startDate(), d));
            assertThat(d).isBeforeOrEqualTo(asOf);
        });
    }

    @Property(tries = 300)
    void daysToFirstValue_onceReachedStaysTheSame(@ForAll("plans") SuccessPlan plan,
            @ForAll("asOfDays") LocalDate asOf, @ForAll @IntRange(min = 1, max = 400) int laterBy) {
        OptionalLong then = plan.daysToFirstValue(asOf);
        OptionalLong later = plan.daysToFirstValue(asOf.plusDays(laterBy));

        if (then.isPresent()) {
            assertThat(later).isEqualTo(then);
        }
        assertThat(plan.firstValueOn(asOf)).isEqualTo(expectedFirstValueOn(plan, asOf));
    }

    private static Optional<LocalDate> expectedFirstValueOn(SuccessPlan plan, LocalDate asOf) {
        return plan.milestones().stream()
                .filter(m -> m.kind() == MilestoneKind.FIRST_VALUE)
                .flatMap(m -> m.achievedOn().stream())
                .filter(d -> !d.isAfter(asOf))
                .min(LocalDate::compareTo);
    }

    @Provide
    Arbitrary<SuccessPlan> plans() {
        return planArbitrary();
    }

    @Provide
    Arbitrary<LocalDate> asOfDays() {
        return asOfArbitrary();
    }

    static Arbitrary<LocalDate> asOfArbitrary() {
        int days = (int) ChronoUnit.DAYS.between(EARLIEST_START, LATEST_START) + MAX_DUE_OFFSET + 120;
        return Arbitraries.integers().between(-30, days).map(i -> EARLIEST_START.plusDays(i));
    }

    /** What a generated milestone is, before ids and dates are fixed against the plan. */
    record MilestoneShape(MilestoneKind kind, MilestoneStatus status, int dueOffset, int achievedShift,
            boolean byMetric, Set<Integer> dependencyPicks) {}

    static Arbitrary<MilestoneShape> milestoneShapes() {
        Arbitrary<MilestoneStatus> status = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(MilestoneStatus.ACHIEVED)),
                Tuple.of(5, Arbitraries.of(MilestoneStatus.class)));
        Arbitrary<Integer> dueOffset = Arbitraries.integers().between(0, MAX_DUE_OFFSET);
        Arbitrary<Integer> achievedShift = Arbitraries.integers().between(-60, 60);
        return Combinators.combine(Arbitraries.of(MilestoneKind.class), status, dueOffset, achievedShift,
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 11).set().ofMaxSize(3))
                .as(MilestoneShape::new);
    }

    /**
     * Plans built on {@link Fixtures#planBuilder()} with a random start and 0 to 12 generated
     * milestones. A milestone's {@code achievedOn} is its due date shifted by up to 60 days either
     * way, so some are late and some fall before the plan's start.
     */
    static Arbitrary<SuccessPlan> planArbitrary() {
        int startDays = (int) ChronoUnit.DAYS.between(EARLIEST_START, LATEST_START);
        Arbitrary<LocalDate> start = Arbitraries.integers().between(0, startDays)
                
                .map(i -> EARLIEST_START.plusDays(i));
        Arbitrary<List<MilestoneShape>> shapes = milestoneShapes().list().ofMaxSize(12);
        return Combinators.combine(start, shapes).as(PlanProgressProperties::plan);
    }

    static SuccessPlan plan(LocalDate start, List<MilestoneShape> shapes) {
        List<Milestone> milestones = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            MilestoneShape s = shapes.get(i);
            LocalDate due = start.plusDays(s.dueOffset());
            Milestone.Builder b = Fixtures.milestone("m" + i, s.kind() + " step " + i, s.kind(), due)
                    .status(s.status());
            if (s.status() == MilestoneStatus.ACHIEVED) {
                b.achievedOn(due.plusDays(s.achievedShift()));
            }
            if (s.byMetric()) {
                b.completion(MetricThreshold.of(i % 2 == 0 ? MetricId.of("close-days") : MetricId.of("active-users"),
                        i % 2 == 0 ? 5 : 30));
            }
            Set<MilestoneId> dependsOn = new HashSet<>();
            for (int pick : s.dependencyPicks()) {
                if (pick < i) {
                    dependsOn.add(MilestoneId.of("m" + pick));
                }
            }
            milestones.add(b.dependsOn(dependsOn).build());
        }
        return Fixtures.planBuilder()
                .startDate(start)
                .milestones(milestones)
                .gaps(List.of())
                .build();
    }
}
