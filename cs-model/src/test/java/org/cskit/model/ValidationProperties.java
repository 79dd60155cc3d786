package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Invalid input never builds a value: the builder, factory or constructor throws
 * {@link ValidationException} (never a NullPointerException or IllegalStateException), whose
 * message is not blank and whose field names the offending property.
 */
class ValidationProperties {

    private static final List<String> BLANKS = List.of("", " ", "   ", "\t", "\n", " \r\n\t ", "\u2003");

    private static final List<Double> NON_FINITE = List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /** One invalid input: how to build it, and the field path the exception must name (a regex). */
    record Invalid(String what, Supplier<Object> build, String expectedField) {
        @Override
        public String toString() {
            return what + " (expects field " + expectedField + ")";
        }
    }

    @Property(tries = 600)
    void validation_rejectsInvalidInputWithAValidationExceptionNamingTheField(@ForAll("invalidInputs") Invalid input) {
        Throwable thrown = catchThrowable(() -> input.build().get());

        assertThat(thrown).as(input.what()).isExactlyInstanceOf(ValidationException.class);
        ValidationException e = (ValidationException) thrown;
        assertThat(e.getMessage()).as(input.what()).isNotBlank();
        assertThat(e.field()).as(input.what()).isNotBlank().matches(input.expectedField());
    }

    @Property(tries = 200)
    void validation_aFailedBuildLeavesTheBuilderReusable(@ForAll("plans") SuccessPlan plan,
            @ForAll @IntRange(min = 1, max = 400) int daysLate) {
        LocalDate deadline = plan.desiredOutcome().requiredOutcome().deadline();
        SuccessPlan.Builder builder = SuccessPlan.builder().from(plan).startDate(deadline.plusDays(daysLate));

        assertThat(catchThrowable(builder::build)).isExactlyInstanceOf(ValidationException.class);
        assertThat(catchThrowable(builder::build)).as("fails the same way again").isExactlyInstanceOf(ValidationException.class);

        assertThat(builder.startDate(plan.startDate()).build()).isEqualTo(plan);
    }

    @Property(tries = 200)
    void validation_aFailedMetricBuildLeavesTheBuilderReusable(@ForAll("metrics") SuccessMetric metric) {
        SuccessMetric.Builder builder = SuccessMetric.builder().from(metric).target(metric.baseline());

        assertThat(catchThrowable(builder::build)).isExactlyInstanceOf(ValidationException.class);

        assertThat(builder.target(metric.target()).build()).isEqualTo(metric);
    }

    @Property(tries = 200)
    void validation_aFailedRevisionLeavesThePlanUnchanged(@ForAll("plans") SuccessPlan plan,
            @ForAll @IntRange(min = 1, max = 400) int daysLate) {
        SuccessPlan before = SuccessPlan.builder().from(plan).build();
        LocalDate deadline = plan.desiredOutcome().requiredOutcome().deadline();
        Instant at = Instant.parse("2026-04-20T10:00:00Z");

        Throwable thrown = catchThrowable(() -> plan.revise(at, "moved the start", b -> b.startDate(deadline.plusDays(daysLate))));

        assertThat(thrown).isExactlyInstanceOf(ValidationException.class);
        assertThat(plan).isEqualTo(before);
        assertThat(plan.revisions()).isEmpty();
        SuccessPlan revised = plan.revise(at, "new purpose", b -> b.purpose("A clearer purpose"));
        assertThat(revised.version()).isEqualTo(plan.version() + 1);
        assertThat(revised.revisions()).singleElement().satisfies(r -> assertThat(r.plan()).isEqualTo(plan));
    }

    @Provide
    Arbitrary<SuccessPlan> plans() {
        return PlanProgressProperties.planArbitrary();
    }

    @Provide
    Arbitrary<SuccessMetric> metrics() {
        return AttainmentProperties.metricArbitrary();
    }

    @Provide
    Arbitrary<Invalid> invalidInputs() {
        return Arbitraries.oneOf(List.of(invalidMetrics(), invalidMilestones(), invalidPlans(), invalidRevisions(),
                invalidVectors(), invalidContributions(), invalidRecords()));
    }

    private static Arbitrary<String> blanks() {
        return Arbitraries.of(BLANKS);
    }

    private static Arbitrary<Double> nonFinite() {
        return Arbitraries.of(NON_FINITE);
    }

    private static Arbitrary<Integer> anyIndex() {
        return Arbitraries.integers().between(0, 1000);
    }

    private static Arbitrary<Invalid> invalidMetrics() {
        Arbitrary<SuccessMetric> metrics = AttainmentProperties.metricArbitrary();
        Arbitrary<Invalid> targetIsBaseline = metrics.map(m -> new Invalid("metric target equals its baseline",
                () -> SuccessMetric.builder().from(m).target(m.baseline()).build(), "target"));
        Arbitrary<Invalid> targetOnTheWorseSide = Combinators.combine(metrics, Arbitraries.doubles().between(0.001, 10).ofScale(3))
                .as((m, f) -> new Invalid("metric target on the worse side of its baseline",
                        () -> SuccessMetric.builder().from(m).target(m.baseline() - f * (m.target() - m.baseline())).build(),
                        "target"));
        Arbitrary<Invalid> directionFlipped = metrics.map(m -> new Invalid("metric direction flipped",
                () -> SuccessMetric.builder().from(m).direction(m.direction() == MetricDirection.HIGHER_IS_BETTER
                        ? MetricDirection.LOWER_IS_BETTER : MetricDirection.HIGHER_IS_BETTER).build(), "target"));
        Arbitrary<Invalid> baselineNotFinite = Combinators.combine(metrics, nonFinite()).as((m, x) ->
                new Invalid("metric baseline " + x, () -> SuccessMetric.builder().from(m).baseline(x).build(), "baseline"));
        Arbitrary<Invalid> targetNotFinite = Combinators.combine(metrics, nonFinite()).as((m, x) ->
                new Invalid("metric target " + x, () -> SuccessMetric.builder().from(m).target(x).build(), "target"));
        Arbitrary<Invalid> blankText = Combinators.combine(metrics, blanks(), Arbitraries.of("name", "unit", "measurementMethod"))
                .as((m, blank, field) -> new Invalid("metric with blank " + field, () -> {
                    SuccessMetric.Builder b = SuccessMetric.builder().from(m);
                    switch (field) {
                        case "name" -> b.name(blank);
                        case "unit" -> b.unit(blank);
                        default -> b.measurementMethod(blank);
                    }
                    return b.build();
                }, field));
        Arbitrary<Invalid> outOfOrder = Combinators.combine(metrics, anyIndex(), Arbitraries.longs().between(0, 86_400 * 30))
                .as((m, pick, secondsEarlier) -> {
                    List<Measurement> series = new ArrayList<>(m.measurements());
                    if (series.isEmpty()) {
                        series.add(Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), 1));
                    }
                    int i = pick % series.size();
                    series.add(i + 1, Measurement.of(series.get(i).at().minusSeconds(secondsEarlier), 2));
                    return new Invalid("measurement " + (i + 1) + " " + secondsEarlier + "s before the one before it",
                            () -> SuccessMetric.builder().from(m).measurements(series).build(),
                            "measurements\\[" + (i + 1) + "]");
                });
        return Arbitraries.oneOf(List.of(targetIsBaseline, targetOnTheWorseSide, directionFlipped, baselineNotFinite,
                targetNotFinite, blankText, outOfOrder));
    }

    private static Arbitrary<Invalid> invalidMilestones() {
        Arbitrary<Milestone> milestones = Combinators.combine(Arbitraries.of(MilestoneKind.class),
                        Arbitraries.integers().between(0, 400))
                .as((kind, due) -> Fixtures.milestone("go-live", "Go live", kind, Fixtures.PLAN_START.plusDays(due)).build());
        Arbitrary<MilestoneStatus> notAchieved = Arbitraries.of(MilestoneStatus.class).filter(s -> s != MilestoneStatus.ACHIEVED);
        Arbitrary<Invalid> achievedWithoutDate = milestones.map(m -> new Invalid("ACHIEVED milestone without achievedOn",
                () -> Milestone.builder().from(m).status(MilestoneStatus.ACHIEVED).build(), "achievedOn"));
        Arbitrary<Invalid> dateWithoutAchieved = Combinators.combine(milestones, notAchieved, Arbitraries.integers().between(-30, 30))
                .as((m, status, shift) -> new Invalid(status + " milestone with achievedOn",
                        () -> Milestone.builder().from(m).status(status).achievedOn(m.dueDate().plusDays(shift)).build(),
                        "achievedOn"));
        Arbitrary<Invalid> dependsOnItself = Combinators.combine(milestones, Arbitraries.integers().between(0, 3))
                .as((m, others) -> new Invalid("milestone depending on itself and " + others + " others", () -> {
                    Milestone.Builder b = Milestone.builder().from(m).addDependsOn(m.id());
                    for (int i = 0; i < others; i++) {
                        b.addDependsOn(MilestoneId.of("other-" + i));
                    }
                    return b.build();
                }, "dependsOn"));
        Arbitrary<Invalid> blankName = Combinators.combine(milestones, blanks()).as((m, blank) ->
                new Invalid("milestone with blank name", () -> Milestone.builder().from(m).name(blank).build(), "name"));
        return Arbitraries.oneOf(List.of(achievedWithoutDate, dateWithoutAchieved, dependsOnItself, blankName));
    }

    private static Arbitrary<Invalid> invalidPlans() {
        Arbitrary<SuccessPlan> plans = PlanProgressProperties.planArbitrary();
        Arbitrary<SuccessPlan> withMilestones = plans.filter(p -> !p.milestones().isEmpty());
        Arbitrary<SuccessPlan> withTwoMilestones = plans.filter(p -> p.milestones().size() >= 2);

        Arbitrary<Invalid> dueBeforeStart = Combinators.combine(withMilestones, anyIndex(), Arbitraries.integers().between(1, 400))
                .as((p, pick, early) -> {
                    int i = pick % p.milestones().size();
                    Milestone m = p.milestones().get(i);
                    Milestone moved = Milestone.builder().from(m).dueDate(p.startDate().minusDays(early)).build();
                    return new Invalid("milestone " + i + " due " + early + " days before the start",
                            () -> planWith(p, i, moved).build(), "milestones\\[" + i + "]\\.dueDate");
                });
        Arbitrary<Invalid> duplicateId = Combinators.combine(withTwoMilestones, anyIndex(), anyIndex()).as((p, a, b) -> {
            int n = p.milestones().size();
            int i = a % (n - 1);
            int j = i + 1 + b % (n - 1 - i);
            MilestoneId id = p.milestones().get(i).id();
            Milestone m = p.milestones().get(j);
            Set<MilestoneId> deps = new HashSet<>(m.dependsOn());
            deps.remove(id);
            Milestone twin = Milestone.builder().from(m).id(id).dependsOn(deps).build();
            return new Invalid("milestone " + j + " reuses the id of milestone " + i,
                    () -> planWith(p, j, twin).build(), "milestones\\[" + j + "]\\.id");
        });
        Arbitrary<Invalid> unknownDependency = Combinators.combine(withMilestones, anyIndex()).as((p, pick) -> {
            int i = pick % p.milestones().size();
            Milestone m = Milestone.builder().from(p.milestones().get(i)).addDependsOn(MilestoneId.of("ghost")).build();
            return new Invalid("milestone " + i + " depends on an unknown milestone",
                    () -> planWith(p, i, m).build(), "milestones\\[" + i + "]\\.dependsOn");
        });
        Arbitrary<Invalid> cycle = Combinators.combine(withTwoMilestones, anyIndex(), anyIndex()).as((p, a, b) -> {
            int n = p.milestones().size();
            int i = a % (n - 1);
            int j = i + 1 + b % (n - 1 - i);
            Milestone first = Milestone.builder().from(p.milestones().get(i)).addDependsOn(p.milestones().get(j).id()).build();
            Milestone second = Milestone.builder().from(p.milestones().get(j)).addDependsOn(first.id()).build();
            return new Invalid("milestones " + i + " and " + j + " depend on each other",
                    () -> planWith(planWith(p, i, first).build(), j, second).build(), "milestones\\[\\d+]\\.dependsOn");
        });
        Arbitrary<Invalid> unknownMetric = Combinators.combine(withMilestones, anyIndex()).as((p, pick) -> {
            int i = pick % p.milestones().size();
            Milestone m = Milestone.builder().from(p.milestones().get(i))
                    .completion(MetricThreshold.of(MetricId.of("no-such-metric"), 1)).build();
            return new Invalid("milestone " + i + " completed by an unknown metric",
                    () -> planWith(p, i, m).build(), "milestones\\[" + i + "]\\.completion\\.metric");
        });
        Arbitrary<Invalid> deadlineBeforeStart = Combinators.combine(plans, Arbitraries.integers().between(1, 400)).as((p, late) ->
                new Invalid("plan starting " + late + " days after the deadline", () -> SuccessPlan.builder().from(p)
                        .startDate(p.desiredOutcome().requiredOutcome().deadline().plusDays(late)).build(),
                        "desiredOutcome\\.requiredOutcome\\.deadline"));
        Arbitrary<Period> notPositive = Arbitraries.of(Period.ZERO, Period.ofDays(-1), Period.ofDays(-14), Period.ofMonths(-1),
                Period.ofWeeks(-2), Period.of(0, 1, -40), Period.of(-1, 0, 0));
        Arbitrary<Invalid> cadence = Combinators.combine(plans, notPositive).as((p, period) ->
                new Invalid("review cadence " + period, () -> SuccessPlan.builder().from(p).reviewCadence(period).build(),
                        "reviewCadence"));
        Arbitrary<Invalid> version = Combinators.combine(plans, Arbitraries.integers().between(-5, 0)).as((p, v) ->
                new Invalid("plan version " + v, () -> SuccessPlan.builder().from(p).version(v).build(), "version"));
        Arbitrary<Invalid> oneSided = Combinators.combine(plans, Arbitraries.of(Side.class).injectNull(0.3)).as((p, keep) ->
                new Invalid("ACTIVE plan with responsibilities on " + (keep == null ? "no side" : "the " + keep + " side only"),
                        () -> SuccessPlan.builder().from(p).status(PlanStatus.ACTIVE)
                                .responsibilities(p.responsibilities().stream().filter(r -> r.side() == keep).toList()).build(),
                        "responsibilities"));
        Arbitrary<Invalid> duplicateMetric = Combinators.combine(plans, AttainmentProperties.metricArbitrary(),
                        Arbitraries.of("close-days", "active-users"))
                .as((p, metric, id) -> new Invalid("supporting metric reusing the id '" + id + "'",
                        () -> SuccessPlan.builder().from(p).addMetrics(SuccessMetric.builder().from(metric).id(MetricId.of(id)).build())
                                .build(), "metrics\\[1]\\.id"));
        Arbitrary<Invalid> unknownGap = plans.map(p -> new Invalid("success gap before an unknown milestone",
                () -> SuccessPlan.builder().from(p).addGaps(SuccessGap.builder().description("No admin on the team")
                        .milestone(MilestoneId.of("ghost")).bridge("We lend one").build()).build(), "gaps\\[0]\\.milestone"));
        Arbitrary<Invalid> blankPurpose = Combinators.combine(plans, blanks()).as((p, blank) ->
                new Invalid("plan with blank purpose", () -> SuccessPlan.builder().from(p).purpose(blank).build(), "purpose"));
        return Arbitraries.oneOf(List.of(dueBeforeStart, duplicateId, unknownDependency, cycle, unknownMetric,
                deadlineBeforeStart, cadence, version, oneSided, duplicateMetric, unknownGap, blankPurpose));
    }

    private static Arbitrary<Invalid> invalidRevisions() {
        Arbitrary<SuccessPlan> plans = PlanProgressProperties.planArbitrary();
        Instant first = Instant.parse("2026-04-20T10:00:00Z");
        Arbitrary<Invalid> blankReason = Combinators.combine(plans, blanks()).as((p, blank) ->
                new Invalid("revision with blank reason", () -> p.revise(first, blank, b -> b), "reason"));
        Arbitrary<Invalid> backInTime = Combinators.combine(plans, Arbitraries.longs().between(1, 86_400L * 365)).as((p, earlier) ->
                new Invalid("revision " + earlier + "s before the last one", () -> p.revise(first, "first", b -> b)
                        .revise(first.minusSeconds(earlier), "second", b -> b), "revisions\\[1]\\.supersededAt"));
        return Arbitraries.oneOf(List.of(blankReason, backInTime));
    }

    private static Arbitrary<Invalid> invalidVectors() {
        Arbitrary<Double> outOfRangeScore = Arbitraries.oneOf(List.of(nonFinite(),
                Arbitraries.doubles().between(-1e6, -1e-9).ofScale(9), Arbitraries.doubles().between(100.000001, 1e6).ofScale(6)));
        Arbitrary<Invalid> score = outOfRangeScore.map(s -> new Invalid("vector score " + s,
                () -> SuccessVectorProperties.vector(s, List.of(SuccessVectorProperties.contribution("only", 50))).build(), "score"));
        Arbitrary<Invalid> velocity = nonFinite().map(v -> new Invalid("vector velocity " + v,
                () -> validVector().velocity(v).build(), "velocity"));
        Arbitrary<Double> outOfUnit = Arbitraries.oneOf(List.of(nonFinite(), Arbitraries.doubles().between(-10, -1e-9).ofScale(9),
                Arbitraries.doubles().between(1.000000001, 10).ofScale(9)));
        Arbitrary<Invalid> coverage = outOfUnit.map(c -> new Invalid("vector coverage " + c,
                () -> validVector().coverage(c).build(), "coverage"));
        Arbitrary<Invalid> scorecardVersion = Arbitraries.integers().between(-100, 0).map(v -> new Invalid("scorecard version " + v,
                () -> validVector().scorecardVersion(v).build(), "scorecardVersion"));
        Arbitrary<Invalid> duplicateInput = Arbitraries.integers().between(1, 5).map(n -> {
            List<Contribution> cs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cs.add(SuccessVectorProperties.contribution("input-" + i, 10));
            }
            cs.add(SuccessVectorProperties.contribution("input-0", 0));
            return new Invalid("contribution input repeated after " + n,
                    () -> SuccessVectorProperties.vector(10.0 * n, cs).build(), "contributions\\[" + n + "]");
        });
        return Arbitraries.oneOf(List.of(score, velocity, coverage, scorecardVersion, duplicateInput));
    }

    private static Arbitrary<Invalid> invalidContributions() {
        Arbitrary<Double> outOfUnit = Arbitraries.oneOf(List.of(nonFinite(), Arbitraries.doubles().between(-10, -1e-9).ofScale(9),
                Arbitraries.doubles().between(1.000000001, 10).ofScale(9)));
        Arbitrary<Invalid> weight = outOfUnit.map(w -> new Invalid("contribution weight " + w,
                () -> Contribution.builder().from(SuccessVectorProperties.contribution("x", 1)).weight(w).build(), "weight"));
        Arbitrary<Invalid> points = nonFinite().map(p -> new Invalid("contribution points " + p,
                () -> Contribution.builder().from(SuccessVectorProperties.contribution("x", 1)).points(p).build(), "points"));
        Arbitrary<Invalid> value = nonFinite().map(v -> new Invalid("contribution value " + v,
                () -> Contribution.builder().from(SuccessVectorProperties.contribution("x", 1)).value(v).build(), "value"));
        Arbitrary<Invalid> blank = Combinators.combine(blanks(), Arbitraries.of("input", "group")).as((b, field) ->
                new Invalid("contribution with blank " + field, () -> {
                    Contribution.Builder builder = Contribution.builder().from(SuccessVectorProperties.contribution("x", 1));
                    return field.equals("input") ? builder.input(b).build() : builder.group(b).build();
                }, field));
        return Arbitraries.oneOf(List.of(weight, points, value, blank));
    }

    private static Arbitrary<Invalid> invalidRecords() {
        Arbitrary<Invalid> measurement = nonFinite().map(v -> new Invalid("measurement value " + v,
                () -> Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), v), "value"));
        Arbitrary<Invalid> threshold = nonFinite().map(v -> new Invalid("threshold " + v,
                () -> MetricThreshold.of(MetricId.of("close-days"), v), "threshold"));
        Arbitrary<Invalid> band = Arbitraries.integers().between(Integer.MIN_VALUE, -1).map(r -> new Invalid("band rank " + r,
                () -> Band.of("healthy", r), "rank"));
        Arbitrary<Invalid> signOff = blanks().map(b -> new Invalid("sign-off with blank criteria",
                () -> SignOff.of(Side.CUSTOMER, b), "criteria"));
        Arbitrary<Invalid> money = Arbitraries.of("", "12,50", "1e", "EUR", "--1", "0x10", " 1 ").map(a -> new Invalid(
                "money amount '" + a + "'", () -> Money.of(a, "EUR"), "amount"));
        Arbitrary<Invalid> currency = Arbitraries.of("", "eur", "EURO", "XYZ", "E", " EUR").map(c -> new Invalid(
                "currency '" + c + "'", () -> Money.of("10.00", c), "currency"));
        Arbitrary<Invalid> progress = Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.integers().between(1, 5))
                .as((total, extra) -> new Invalid("progress with " + (total + extra) + " achieved of " + total,
                        () -> new PlanProgress(total, total + extra, 0, 0), "total"));
        return Arbitraries.oneOf(List.of(measurement, threshold, band, signOff, money, currency, progress));
    }

    private static SuccessVector.Builder validVector() {
        return SuccessVectorProperties.vector(50.0, List.of(SuccessVectorProperties.contribution("a", 20),
                SuccessVectorProperties.contribution("b", 30)));
    }

    private static SuccessPlan.Builder planWith(SuccessPlan plan, int index, Milestone replacement) {
        List<Milestone> milestones = new ArrayList<>(plan.milestones());
        milestones.set(index, replacement);
        return SuccessPlan.builder().from(plan).milestones(milestones);
    }
}
