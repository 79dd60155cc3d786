package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** A {@link SuccessVector}'s contributions must add up to its score, within {@link SuccessVector#TOLERANCE}. */
class SuccessVectorProperties {

    @Property(tries = 500)
    void successVector_buildsWhenContributionsAddUpToTheScore(@ForAll("contributions") List<Contribution> contributions) {
        double score = sum(contributions);

        SuccessVector vector = vector(score, contributions).build();

        assertThat(vector.score()).isEqualTo(score);
        assertThat(vector.contributions()).isEqualTo(contributions);
    }

    @Property(tries = 500)
    void successVector_buildsForAnyScoreSplitIntoContributions(@ForAll @DoubleRange(min = 0, max = 100) @Scale(6) double score,
            @ForAll("pointLists") List<Double> freePoints) {
        List<Contribution> contributions = splitInto(score, freePoints);

        SuccessVector vector = vector(score, contributions).build();

        assertThat(vector.contributions()).hasSize(freePoints.size() + 1);
    }

    @Property(tries = 500)
    void successVector_failsWhenOneContributionIsShiftedBeyondTheTolerance(
            @ForAll @DoubleRange(min = 0, max = 100) @Scale(6) double score, @ForAll("pointLists") List<Double> freePoints,
            @ForAll @IntRange(min = 0, max = 8) int which, @ForAll("shifts") double shift) {
        List<Contribution> contributions = new ArrayList<>(splitInto(score, freePoints));
        int k = which % contributions.size();
        Contribution shifted = contributions.get(k);
        contributions.set(k, Contribution.builder().from(shifted).points(shifted.points() + shift).build());

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> vector(score, contributions).build());

        assertThat(e).as("shifted contribution %d by %s", k, shift).isNotNull();
        assertThat(e.field()).isEqualTo("contributions");
        assertThat(e.getMessage()).contains("add up");
    }

    @Property(tries = 300)
    void successVector_toleratesAShiftWithinTheTolerance(
            @ForAll @DoubleRange(min = 0, max = 100) @Scale(6) double score, @ForAll("pointLists") List<Double> freePoints,
            @ForAll @IntRange(min = 0, max = 8) int which, @ForAll @DoubleRange(min = -0.5, max = 0.5) @Scale(6) double share) {
        List<Contribution> contributions = new ArrayList<>(splitInto(score, freePoints));
        int k = which % contributions.size();
        Contribution shifted = contributions.get(k);
        contributions.set(k, Contribution.builder().from(shifted)
                .points(shifted.points() + share * SuccessVector.TOLERANCE).build());

        assertThat(vector(score, contributions).build().contributions()).hasSameSizeAs(contributions);
    }

    @Property(tries = 200)
    void successVector_rejectsAScoreOutsideZeroToOneHundredEvenWhenContributionsAddUp(
            @ForAll("outOfRangeScores") double score) {
        List<Contribution> contributions = List.of(contribution("only", score));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> vector(score, contributions).build());

        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("score");
    }

    /** The free points, then one more contribution that makes the sum come out at the score. */
    private static List<Contribution> splitInto(double score, List<Double> freePoints) {
        List<Contribution> contributions = new ArrayList<>();
        double sum = 0.0;
        for (int i = 0; i < freePoints.size(); i++) {
            contributions.add(contribution("input-" + i, freePoints.get(i)));
            sum += freePoints.get(i);
        }
        contributions.add(contribution("rest", score - sum));
        return contributions;
    }

    private static double sum(List<Contribution> contributions) {
        double sum = 0.0;
        for (Contribution c : contributions) {
            sum += c.points();
        }
        return sum;
    }

    static Contribution contribution(String input, double points) {
        return Contribution.builder().input(input).group(input.hashCode() % 2 == 0 ? "usage" : "outcome")
                .points(points).weight(0.25).value(points * 2).build();
    }

    static SuccessVector.Builder vector(double score, List<Contribution> contributions) {
        return SuccessVector.builder()
                .accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-05-01T00:00:00Z"))
                .score(score)
                .band(Band.of(score >= 70 ? "healthy" : "at risk", score >= 70 ? 0 : 1))
                .direction(Direction.FLAT)
                .velocity(0.0)
                .coverage(0.9)
                .contributions(contributions)
                .scorecardId(ScorecardId.of("default"))
                .scorecardVersion(1);
    }

    /** Non-negative contributions whose sum lies in [0, 100]: each point in [0, 100 / n]. */
    @Provide
    Arbitrary<List<Contribution>> contributions() {
        return Arbitraries.integers().between(0, 8).flatMap(n -> {
            int maxMicroPoints = n == 0 ? 0 : 100_000_000 / n;
            Arbitrary<Double> points = Arbitraries.integers().between(0, maxMicroPoints).map(micro -> micro / 1e6);
            return points.list().ofSize(n).map(list -> {
                List<Contribution> cs = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    cs.add(contribution("input-" + i, list.get(i)));
                }
                return cs;
            });
        });
    }

    /** Points of either sign, as a scorecard may subtract for bad news. */
    @Provide
    Arbitrary<List<Double>> pointLists() {
        return Arbitraries.doubles().between(-60, 60).ofScale(9).list().ofMaxSize(8);
    }

    /** Shifts of either sign, from just past the tolerance to large. */
    @Provide
    Arbitrary<Double> shifts() {
        Arbitrary<Double> magnitude = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.doubles().between(1.5 * SuccessVector.TOLERANCE, 1e-3).ofScale(12)),
                Tuple.of(3, Arbitraries.doubles().between(1e-3, 200).ofScale(6)));
        return Combinators.combine(magnitude, Arbitraries.of(1.0, -1.0)).as((m, sign) -> m * sign);
    }

    @Provide
    Arbitrary<Double> outOfRangeScores() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, -1e-9).ofScale(9),
                Arbitraries.doubles().between(100.000001, 1e6).ofScale(6),
                Arbitraries.of(Math.nextDown(0.0), Math.nextUp(100.0)));
    }
}
