package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuccessVectorTest {

    private static Contribution contribution(String input, double points) {
        return Contribution.builder().input(input).group("usage").points(points).weight(0.5).build();
    }

    /** Score 50 from 30 + 20 points. */
    private static SuccessVector.Builder vector() {
        return SuccessVector.builder()
                .accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-03-01T00:00:00Z"))
                .score(50)
                .band(Band.of("amber", 1))
                .direction(Direction.IMPROVING)
                .velocity(2.5)
                .coverage(0.8)
                .addContributions(contribution("logins_14d", 30), contribution("tickets_30d", 20))
                .scorecardId(ScorecardId.of("default"))
                .scorecardVersion(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1, 100.5})
    void build_scoreOutOfRange_isRejected(double score) {
        assertViolation(() -> vector().score(score).build(), "score", "score must be in [0, 100], but was " + score);
    }

    @Test
    void build_nanScore_isRejected() {
        assertViolation(() -> vector().score(Double.NaN).build(), "score", "score must be a finite number, but was NaN");
    }

    /** An account none of whose inputs had data: no score, band or direction. */
    private static SuccessVector.Builder unscored() {
        return SuccessVector.builder()
                .accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-03-01T00:00:00Z"))
                .score(Double.NaN)
                .unscored(true)
                .velocity(Double.NaN)
                .coverage(0)
                .addContributions(Contribution.builder().input("logins_14d").group("usage").points(0).weight(0)
                        .missing(MissingDataPolicy.REDISTRIBUTE).build())
                .scorecardId(ScorecardId.of("default"))
                .scorecardVersion(1);
    }

    @Test
    void build_unscored_hasNoScoreBandOrDirection_andRoundTripsThroughJson() {
        SuccessVector v = unscored().build();

        assertThat(v.unscored()).isTrue();
        assertThat(v.band()).isNull();
        assertThat(v.direction()).isNull();
        String json = org.cskit.model.json.CsJson.create().write(v);
        assertThat(json).contains("\"unscored\" : true").doesNotContain("\"band\"").doesNotContain("\"direction\"");
        assertThat(org.cskit.model.json.CsJson.create().read(json, SuccessVector.class)).isEqualTo(v);
        assertThat(org.cskit.model.json.CsJson.create().write(vector().build())).as("scored: no unscored property")
                .doesNotContain("unscored");
    }

    @Test
    void build_scoredWithoutBandOrDirection_isRejected() {
        assertViolation(() -> SuccessVector.builder().from(vector().build()).band(null).build(), "band", "band must not be null");
        assertViolation(() -> SuccessVector.builder().from(vector().build()).direction(null).build(), "direction",
                "direction must not be null");
    }

    @Test
    void build_unscoredWithAScoreBandOrPoints_isRejectedNamingTheField() {
        String rule = " but the vector is unscored: an unscored vector has score and velocity NaN, no band, no direction, "
                + "coverage 0, contributions of 0 points, no band held and no override";
        assertViolation(() -> unscored().score(50).build(), "score", "score is 50," + rule);
        assertViolation(() -> unscored().band(Band.of("yellow", 1)).build(), "band", "band is 'yellow'," + rule);
        assertViolation(() -> unscored().direction(Direction.FLAT).build(), "direction", "direction is FLAT," + rule);
        assertViolation(() -> unscored().velocity(0).build(), "velocity", "velocity is 0," + rule);
        assertViolation(() -> unscored().coverage(0.5).build(), "coverage", "coverage is 0.5," + rule);
        assertViolation(() -> unscored().bandHeld(true).build(), "bandHeld", "bandHeld is true," + rule);
        assertViolation(() -> unscored().contributions(List.of(Contribution.builder().input("logins_14d").group("usage").points(50)
                .weight(0).build())).build(), "contributions[0].points", "contribution 'logins_14d' has 50 points," + rule);
    }

    @Test
    void build_infiniteVelocity_isRejected() {
        assertViolation(() -> vector().velocity(Double.POSITIVE_INFINITY).build(), "velocity",
                "velocity must be a finite number, but was Infinity");
    }

    @Test
    void build_coverageAboveOne_isRejected() {
        assertViolation(() -> vector().coverage(1.01).build(), "coverage", "coverage must be in [0, 1], but was 1.01");
    }

    @Test
    void build_scorecardVersionZero_isRejected() {
        assertViolation(() -> vector().scorecardVersion(0).build(), "scorecardVersion",
                "scorecardVersion must be at least 1, but was 0");
    }

    @Test
    void build_duplicateInput_isRejectedAtTheSecondNamingBothPositions() {
        assertViolation(() -> vector().contributions(List.of(
                                contribution("logins_14d", 30), contribution("tickets_30d", 10), contribution("logins_14d", 10)))
                        .build(),
                "contributions[2]", "duplicate contribution input 'logins_14d' in contributions[0] and contributions[2]");
    }

    @Test
    void build_contributionsNotAddingUp_isRejected() {
        assertViolation(() -> vector().score(60).build(), "contributions",
                "contributions add up to 50.0 points, but score is 60.0: they must add up to the score");
    }

    @Test
    void build_noContributionsWithPositiveScore_isRejected() {
        assertViolation(() -> vector().contributions(List.of()).build(), "contributions",
                "contributions add up to 0.0 points, but score is 50.0: they must add up to the score");
    }

    @Test
    void build_sumWithinTolerance_isAccepted() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point
        SuccessVector v = vector().score(0.3).contributions(List.of(contribution("a", 0.1), contribution("b", 0.2))).build();

        assertThat(v.score()).isEqualTo(0.3);
    }

    @Test
    void build_sumOffByMoreThanTolerance_isRejected() {
        assertViolation(() -> vector().score(50.00001).build(), "contributions",
                "contributions add up to 50.0 points, but score is 50.00001: they must add up to the score");
    }

    @Test
    void build_negativeVelocityAndBoundaryValues_areAccepted() {
        SuccessVector v = vector().score(0).contributions(List.of()).velocity(-3).coverage(0).build();

        assertThat(v.velocity()).isEqualTo(-3.0);
        assertThat(v.coverage()).isZero();
    }

    @Test
    void contributions_returned_isUnmodifiable() {
        SuccessVector v = vector().build();

        assertThatThrownBy(() -> v.contributions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
