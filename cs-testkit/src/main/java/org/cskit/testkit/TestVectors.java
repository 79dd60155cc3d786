package org.cskit.testkit;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;

/**
 * Success vectors with valid defaults: contributions that add up to the score, full coverage, and
 * a velocity that agrees with the direction. Stateless and thread-safe.
 *
 * <p>Defaults: account {@link TestSnapshots#ACCOUNT}, as of {@link TestSnapshots#AS_OF}, scorecard
 * {@code test-card} version 1, two contributions ({@code usage} 60% and {@code outcome} 40% of the
 * points and of the weight), velocity +2, 0 or -2 points a week for improving, flat and declining.
 * Bands follow the three-band scheme red (rank 0), yellow (1), green (2).
 */
public final class TestVectors {
    /** The riskiest band of the three-band scheme. */
    public static final Band RED = Band.of("red", 0);

    /** The middle band of the three-band scheme. */
    public static final Band YELLOW = Band.of("yellow", 1);

    /** The best band of the three-band scheme. */
    public static final Band GREEN = Band.of("green", 2);

    private TestVectors() {}

    /**
     * A green, flat vector scoring 80.
     *
     * @return the vector
     */
    public static SuccessVector green() {
        return vector(80, GREEN, Direction.FLAT);
    }

    /**
     * A yellow, flat vector scoring 55.
     *
     * @return the vector
     */
    public static SuccessVector yellow() {
        return vector(55, YELLOW, Direction.FLAT);
    }

    /**
     * A red, declining vector scoring 25.
     *
     * @return the vector
     */
    public static SuccessVector red() {
        return vector(25, RED, Direction.DECLINING);
    }

    /**
     * A vector with the defaults above.
     *
     * @param score the score, in [0, 100]
     * @param band the band
     * @param direction the direction
     * @return the vector
     * @throws org.cskit.model.ValidationException if the score is out of range
     */
    public static SuccessVector vector(double score, Band band, Direction direction) {
        return builder(score, band, direction).build();
    }

    /**
     * A builder with the defaults above, for a test that changes the account, the time or the
     * scorecard. Setting {@code score} alone breaks the rule that contributions add up to it: set
     * {@code contributions} with it, or use {@link #vector}.
     *
     * @param score the score, in [0, 100]
     * @param band the band
     * @param direction the direction
     * @return a builder that builds a valid vector as it is
     */
    public static SuccessVector.Builder builder(double score, Band band, Direction direction) {
        double usage = score * 0.6;
        return SuccessVector.builder()
                .accountId(TestSnapshots.ACCOUNT)
                .asOf(TestSnapshots.AS_OF)
                .score(score)
                .band(band)
                .direction(direction)
                .velocity(direction == Direction.IMPROVING ? 2 : direction == Direction.DECLINING ? -2 : 0)
                .coverage(1)
                .addContributions(
                        Contribution.builder().input("usage").group("usage").points(usage).weight(0.6).value(usage).build(),
                        Contribution.builder().input("outcome").group("outcome").points(score - usage).weight(0.4)
                                .value(score - usage).build())
                .scorecardId(ScorecardId.of("test-card"))
                .scorecardVersion(1);
    }

    /**
     * A vector of another account at another time, with the defaults above.
     *
     * @param account the account
     * @param asOf the as-of time
     * @param score the score, in [0, 100]
     * @param band the band
     * @param direction the direction
     * @return the vector
     */
    public static SuccessVector vector(AccountId account, Instant asOf, double score, Band band, Direction direction) {
        return builder(score, band, direction).accountId(account).asOf(asOf).build();
    }
}
