package org.cskit.testkit;

import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;

/**
 * AssertJ assertions on a {@link SuccessVector}; start them with {@link CsAssertions#assertThat(SuccessVector)}.
 * Each failure names the account, the expectation and what the vector held. Not thread-safe (like
 * every AssertJ assertion object: one per check).
 */
public final class SuccessVectorAssert extends AbstractAssert<SuccessVectorAssert, SuccessVector> {

    SuccessVectorAssert(SuccessVector actual) {
        super(actual, SuccessVectorAssert.class);
    }

    /**
     * Checks the vector's band label.
     *
     * @param label the expected label, such as {@code red}
     * @return this
     * @throws AssertionError if the vector is null, unscored or in another band
     */
    public SuccessVectorAssert isInBand(String label) {
        isNotNull();
        if (actual.unscored()) {
            failWithMessage("Expected the vector of account '%s' to be in band '%s', but it was unscored (no input had data)",
                    actual.accountId(), label);
        }
        if (!actual.band().label().equals(label)) {
            failWithMessage("Expected the vector of account '%s' to be in band '%s', but it was in band '%s' (rank %s)"
                    + " with score %s", actual.accountId(), label, actual.band().label(), actual.band().rank(), actual.score());
        }
        return this;
    }

    /**
     * Checks that the account is unscored: no input had data, so no score, band or direction.
     *
     * @return this
     * @throws AssertionError if the vector is null or scored
     */
    public SuccessVectorAssert isUnscored() {
        isNotNull();
        if (!actual.unscored()) {
            failWithMessage("Expected the vector of account '%s' to be unscored, but it scored %s in band '%s' (coverage %s)",
                    actual.accountId(), actual.score(), actual.band().label(), actual.coverage());
        }
        return this;
    }

    /**
     * Checks that the score is falling.
     *
     * @return this
     * @throws AssertionError if the vector is null or not {@link Direction#DECLINING}
     */
    public SuccessVectorAssert isDeclining() {
        return hasDirection(Direction.DECLINING);
    }

    /**
     * Checks that the score is rising.
     *
     * @return this
     * @throws AssertionError if the vector is null or not {@link Direction#IMPROVING}
     */
    public SuccessVectorAssert isImproving() {
        return hasDirection(Direction.IMPROVING);
    }

    /**
     * Checks that the score is not moving beyond noise.
     *
     * @return this
     * @throws AssertionError if the vector is null or not {@link Direction#FLAT}
     */
    public SuccessVectorAssert isFlat() {
        return hasDirection(Direction.FLAT);
    }

    /**
     * Checks the direction.
     *
     * @param expected the expected direction
     * @return this
     * @throws AssertionError if the vector is null or moving another way
     */
    public SuccessVectorAssert hasDirection(Direction expected) {
        isNotNull();
        if (actual.direction() != expected) {
            failWithMessage("Expected the vector of account '%s' to be %s, but it was %s (velocity %s points a week)",
                    actual.accountId(), expected, actual.direction(), actual.velocity());
        }
        return this;
    }

    /**
     * Checks that the score lies in a closed range.
     *
     * @param min the lowest allowed score
     * @param max the highest allowed score
     * @return this
     * @throws AssertionError if the vector is null or its score lies outside [min, max]
     */
    public SuccessVectorAssert hasScoreBetween(double min, double max) {
        isNotNull();
        if (!(actual.score() >= min && actual.score() <= max)) {
            failWithMessage("Expected the score of account '%s' to be in [%s, %s], but it was %s", actual.accountId(), min, max,
                    actual.score());
        }
        return this;
    }

    /**
     * Checks that the contributions' points add up to the score, within {@link SuccessVector#TOLERANCE}.
     * The model enforces this when it builds a vector; the check is here for vectors that a test
     * reads back from JSON or another store, and for contract tests.
     *
     * @return this
     * @throws AssertionError if the vector is null or its contributions add up to another number
     */
    public SuccessVectorAssert contributionsAddUpToScore() {
        isNotNull();
        double sum = actual.contributions().stream().mapToDouble(Contribution::points).sum();
        if (Math.abs(sum - actual.score()) > SuccessVector.TOLERANCE) {
            failWithMessage("Expected the contributions of account '%s' to add up to its score %s, but they add up to %s: %s",
                    actual.accountId(), actual.score(), sum, describe(actual));
        }
        return this;
    }

    /**
     * Checks that enough of the weight rested on real data.
     *
     * @param min the lowest allowed coverage, in [0, 1]
     * @return this
     * @throws AssertionError if the vector is null or its coverage is below {@code min}
     */
    public SuccessVectorAssert hasCoverageAtLeast(double min) {
        isNotNull();
        if (!(actual.coverage() >= min)) {
            failWithMessage("Expected the coverage of account '%s' to be at least %s, but it was %s; inputs with missing data: %s",
                    actual.accountId(), min, actual.coverage(), actual.contributions().stream()
                            .filter(c -> c.missing().isPresent())
                            .map(c -> c.input() + " (" + c.missing().get() + ")")
                            .collect(Collectors.joining(", ", "[", "]")));
        }
        return this;
    }

    /**
     * Checks that an input contributed to the vector.
     *
     * @param input the input's name
     * @return this
     * @throws AssertionError if the vector is null or has no contribution from that input
     */
    public SuccessVectorAssert hasContributionFrom(String input) {
        isNotNull();
        if (actual.contributions().stream().noneMatch(c -> c.input().equals(input))) {
            failWithMessage("Expected the vector of account '%s' to have a contribution from '%s', but it has: %s",
                    actual.accountId(), input, describe(actual));
        }
        return this;
    }

    private static String describe(SuccessVector v) {
        return v.contributions().stream().map(c -> c.input() + "=" + c.points())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
