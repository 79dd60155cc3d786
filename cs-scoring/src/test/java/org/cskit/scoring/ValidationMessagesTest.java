package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.ValidationException;
import org.cskit.scoring.ScorecardSelection.Assignment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of cs-scoring's definitions: the exception type, its exact message and its field path. */
class ValidationMessagesTest {
    private static final Normalizer LINEAR = new Normalizer.Linear(0, 1);
    private static final ScorecardInput A = ScoringFixtures.input("a", 1, LINEAR);
    private static final BandScheme.Range RED = new BandScheme.Range("red", 0, 40);
    private static final BandScheme.Range YELLOW = new BandScheme.Range("yellow", 40, 70);
    private static final BandScheme.Range GREEN = new BandScheme.Range("green", 70, 100);

    private static Arguments rule(String what, ThrowingCallable code, String field, String message) {
        return Arguments.of(what, code, field, message);
    }

    private static ScorecardInput.Builder input() {
        return ScorecardInput.builder().name("a").weight(1).normalizer(LINEAR);
    }

    private static Scorecard.Builder card() {
        return Scorecard.builder().id(ScorecardId.of("c"));
    }

    private static List<String> labels(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("b" + i);
        }
        return l;
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // Normalizer.Linear
                rule("linear min NaN", () -> new Normalizer.Linear(Double.NaN, 1), "min", "min must be a finite number, but was NaN"),
                rule("linear max infinite", () -> new Normalizer.Linear(0, Double.POSITIVE_INFINITY), "max",
                        "max must be a finite number, but was Infinity"),
                rule("linear max equal to min", () -> new Normalizer.Linear(5, 5), "max", "linear max 5 must be greater than min 5"),
                rule("linear max below min", () -> new Normalizer.Linear(2.5, -1), "max", "linear max -1 must be greater than min 2.5"),
                // Normalizer.Tiers
                rule("tiers without bounds", () -> new Normalizer.Tiers(List.of(), List.of(1.0)), "bounds",
                        "tiers need at least one bound, but bounds was empty"),
                rule("tiers null bounds", () -> new Normalizer.Tiers(null, List.of(1.0)), "bounds",
                        "tiers need at least one bound, but bounds was null"),
                rule("tiers too few scores", () -> new Normalizer.Tiers(List.of(1.0, 2.0), List.of(0.0, 1.0)), "scores",
                        "tiers need one more score than bounds (3), but scores had 2"),
                rule("tiers null scores", () -> new Normalizer.Tiers(List.of(1.0), null), "scores",
                        "tiers need one more score than bounds (2), but scores had none"),
                rule("tier bound NaN", () -> new Normalizer.Tiers(List.of(1.0, Double.NaN), List.of(0.0, 0.5, 1.0)), "bounds[1]",
                        "bounds[1] must be a finite number, but was NaN"),
                rule("tier bounds not increasing", () -> new Normalizer.Tiers(List.of(1.0, 1.0), List.of(0.0, 0.5, 1.0)), "bounds[1]",
                        "tier bounds[1] 1 must be greater than bounds[0] 1"),
                rule("tier score above 1", () -> new Normalizer.Tiers(List.of(1.0), List.of(0.0, 1.5)), "scores[1]",
                        "scores[1] must be in [0, 1], but was 1.5"),
                rule("tier score NaN", () -> new Normalizer.Tiers(List.of(1.0), List.of(Double.NaN, 1.0)), "scores[0]",
                        "scores[0] must be a finite number, but was NaN"),
                rule("tier scores falling", () -> new Normalizer.Tiers(List.of(1.0), List.of(1.0, 0.25)), "scores[1]",
                        "tier scores[1] 0.25 is lower than scores[0] 1: scores rise with the value; use the input's direction for lower-is-better"),
                // Normalizer.Logistic
                rule("logistic midpoint infinite", () -> new Normalizer.Logistic(Double.NEGATIVE_INFINITY, 1), "midpoint",
                        "midpoint must be a finite number, but was -Infinity"),
                rule("logistic steepness zero", () -> new Normalizer.Logistic(0, 0), "steepness", "steepness must be greater than 0, but was 0.0"),
                rule("logistic steepness negative", () -> new Normalizer.Logistic(0, -0.5), "steepness",
                        "steepness must be greater than 0, but was -0.5"),
                rule("logistic steepness NaN", () -> new Normalizer.Logistic(0, Double.NaN), "steepness",
                        "steepness must be a finite number, but was NaN"),
                // ScorecardInput
                rule("input name blank", () -> input().name(" ").build(), "name", "name must not be blank, but was ' '"),
                rule("input feature blank", () -> input().feature("").build(), "feature", "feature must not be blank, but was ''"),
                rule("input weight zero", () -> input().weight(0).build(), "weight", "weight must be greater than 0, but was 0.0"),
                rule("input weight negative", () -> input().weight(-2).build(), "weight", "weight must be greater than 0, but was -2.0"),
                rule("input weight NaN", () -> input().weight(Double.NaN).build(), "weight", "weight must be a finite number, but was NaN"),
                rule("input weight infinite", () -> input().weight(Double.POSITIVE_INFINITY).build(), "weight",
                        "weight must be a finite number, but was Infinity"),
                rule("input minObservations negative", () -> input().minObservations(-1).build(), "minObservations",
                        "minObservations must not be negative, but was -1"),
                // ScorecardGroup
                rule("group name blank", () -> ScorecardGroup.of("", 1, A), "name", "name must not be blank, but was ''"),
                rule("group weight zero", () -> ScorecardGroup.of("g", 0, A), "weight", "weight must be greater than 0, but was 0.0"),
                rule("group weight NaN", () -> ScorecardGroup.of("g", Double.NaN, A), "weight", "weight must be a finite number, but was NaN"),
                rule("group without inputs", () -> ScorecardGroup.of("usage", 1), "inputs",
                        "group 'usage' needs at least one input, but inputs was empty"),
                // Scorecard
                rule("scorecard version 0", () -> card().version(0).addGroups(ScorecardGroup.of("g", 1, A)).build(), "version",
                        "version must be at least 1, but was 0"),
                rule("scorecard without groups", () -> card().build(), "groups", "scorecard 'c' needs at least one group, but groups was empty"),
                rule("scorecard duplicate group", () -> card().addGroups(ScorecardGroup.of("g", 1, A),
                        ScorecardGroup.of("g", 1, ScoringFixtures.input("b", 1, LINEAR))).build(), "groups[1].name",
                        "duplicate group name 'g' in scorecard 'c'"),
                rule("scorecard duplicate input", () -> card().addGroups(ScorecardGroup.of("g", 1, A),
                        ScorecardGroup.of("h", 1, ScoringFixtures.input("b", 1, LINEAR), A)).build(), "groups[1].inputs[1].name",
                        "duplicate input name 'a' in scorecard 'c'"),
                rule("scorecard input named like the override's contribution", () -> card().addGroups(ScorecardGroup.of("g", 1,
                        ScoringFixtures.input("manual_override", 1, LINEAR))).build(), "groups[0].inputs[0].name",
                        "input name 'manual_override' is reserved for the contribution of a manual override, in scorecard 'c'"),
                // BandScheme.Range
                rule("range label null", () -> new BandScheme.Range(null, 0, 10), "label", "label must not be null"),
                rule("range label blank", () -> new BandScheme.Range(" ", 0, 10), "label", "label must not be blank, but was ' '"),
                rule("range from negative", () -> new BandScheme.Range("x", -1, 10), "from", "from must be in [0, 100], but was -1.0"),
                rule("range from NaN", () -> new BandScheme.Range("x", Double.NaN, 10), "from", "from must be a finite number, but was NaN"),
                rule("range to above 100", () -> new BandScheme.Range("x", 0, 100.5), "to", "to must be in [0, 100], but was 100.5"),
                rule("range to not above from", () -> new BandScheme.Range("x", 40, 40), "to", "band 'x' to 40 must be greater than from 40"),
                // BandScheme
                rule("one band", () -> BandScheme.builder().addRanges(new BandScheme.Range("all", 0, 100)).build(), "ranges",
                        "a band scheme needs 2 to 12 ranges, but has 1"),
                rule("thirteen bands", () -> BandScheme.evenly(labels(13)), "ranges", "a band scheme needs 2 to 12 ranges, but has 13"),
                rule("hysteresis negative", () -> BandScheme.builder().addRanges(RED, YELLOW, GREEN).hysteresis(-1).build(), "hysteresis",
                        "hysteresis must be in [0, 20], but was -1.0"),
                rule("hysteresis NaN", () -> BandScheme.builder().addRanges(RED, YELLOW, GREEN).hysteresis(Double.NaN).build(), "hysteresis",
                        "hysteresis must be a finite number, but was NaN"),
                rule("first band not from 0", () -> BandScheme.builder().addRanges(new BandScheme.Range("red", 10, 40), YELLOW, GREEN).build(),
                        "ranges[0].from", "the first band 'red' must start at 0, but starts at 10"),
                rule("duplicate band label", () -> BandScheme.builder().addRanges(RED, new BandScheme.Range("red", 40, 70), GREEN).build(),
                        "ranges[1].label", "duplicate band label 'red'"),
                rule("overlapping bands", () -> BandScheme.builder().addRanges(RED, new BandScheme.Range("yellow", 30, 70), GREEN).build(),
                        "ranges[1].from", "band 'yellow' [30, 70) overlaps band 'red' [0, 40)"),
                rule("gap between bands", () -> BandScheme.builder().addRanges(RED, YELLOW, new BandScheme.Range("green", 72.5, 100)).build(),
                        "ranges[2].from", "band 'green' starts at 72.5 but band 'yellow' ends at 70: scores in between would have no band"),
                rule("last band not to 100", () -> BandScheme.builder().addRanges(RED, YELLOW, new BandScheme.Range("green", 70, 99)).build(),
                        "ranges[2].to", "the last band 'green' must end at 100, but ends at 99"),
                rule("of: starts do not fit the labels", () -> BandScheme.of(List.of("a", "b", "c"), 50), "starts",
                        "a band scheme of 3 labels needs 2 starts, but got 1"),
                rule("of: starts falling", () -> BandScheme.of(List.of("a", "b", "c"), 60, 30), "to", "band 'b' to 30 must be greater than from 60"),
                rule("evenly: no labels", () -> BandScheme.evenly(List.of()), "ranges", "a band scheme needs 2 to 12 ranges, but has 0"),
                rule("of: no labels", () -> BandScheme.of(List.of()), "ranges", "a band scheme needs 2 to 12 ranges, but has 0"),
                rule("evenly: one label", () -> BandScheme.evenly(List.of("only")), "ranges", "a band scheme needs 2 to 12 ranges, but has 1"),
                // DirectionPolicy
                rule("lookback zero", () -> DirectionPolicy.builder().lookback(Duration.ZERO).build(), "lookback",
                        "lookback must be positive, but was PT0S"),
                rule("lookback negative", () -> DirectionPolicy.builder().lookback(Duration.ofDays(-7)).build(), "lookback",
                        "lookback must be positive, but was PT-168H"),
                rule("minPoints 1", () -> DirectionPolicy.builder().minPoints(1).build(), "minPoints", "minPoints must be at least 2, but was 1"),
                rule("flatBelow negative", () -> DirectionPolicy.builder().flatBelow(-0.1).build(), "flatBelow",
                        "flatBelow must not be negative, but was -0.1"),
                rule("flatBelow NaN", () -> DirectionPolicy.builder().flatBelow(Double.NaN).build(), "flatBelow",
                        "flatBelow must be a finite number, but was NaN"),
                // ScorecardSelection
                rule("assignment naming nothing", () -> new Assignment(Optional.empty(), Optional.empty(), ScoringFixtures.scorecard()),
                        "segment", "an assignment must name a segment, a lifecycle stage or both"),
                rule("assignment with null optionals", () -> new Assignment(null, null, ScoringFixtures.scorecard()),
                        "segment", "an assignment must name a segment, a lifecycle stage or both"),
                rule("assignment segment blank", () -> Assignment.segment("  ", ScoringFixtures.scorecard()), "segment",
                        "segment must not be blank, but was '  '"),
                rule("assignment without scorecard", () -> Assignment.stage(LifecycleStage.ADOPTION, null), "scorecard",
                        "scorecard must not be null"),
                rule("assignment repeated", () -> ScorecardSelection.builder().defaultScorecard(ScoringFixtures.scorecard())
                        .addAssignments(Assignment.segmentAndStage("smb", LifecycleStage.ADOPTION, ScoringFixtures.scorecard()),
                                Assignment.stage(LifecycleStage.ADOPTION, ScoringFixtures.scorecard()),
                                Assignment.segmentAndStage("smb", LifecycleStage.ADOPTION, ScorecardSelectionTest.card("other")))
                        .build(), "assignments[2]",
                        "assignments[2] repeats segment and stage 'smb / ADOPTION': each combination may be assigned once"),
                // Scoring a snapshot whose features lack one the scorecard reads
                rule("feature the schema lacks", () -> WeightedScorecard.of(ScoringFixtures.scorecard()).score(ScoringFixtures.snapshot(
                        Features.builder(FeatureSchema.of("logins_14d", "seat_utilisation", "tickets")).build()).build()),
                        "groups[1].inputs[0].feature", "scorecard 'test-card' input 'open_tickets' reads feature 'open_tickets', which the "
                                + "snapshot's features do not have; known features: logins_14d, seat_utilisation, tickets"),
                rule("summarize: feature the schema lacks", () -> WeightedScorecard.of(ScoringFixtures.scorecard()).summarize(
                        ScoringFixtures.snapshot(Features.builder(FeatureSchema.of("seat_utilisation")).build()).build()),
                        "groups[0].inputs[0].feature", "scorecard 'test-card' input 'logins_14d' reads feature 'logins_14d', which the "
                                + "snapshot's features do not have; known features: seat_utilisation"),
                // PortfolioScoring
                rule("batch size 0", () -> PortfolioScoring.using(WeightedScorecard.of(ScoringFixtures.scorecard())).withBatchSize(0),
                        "batchSize", "batchSize must be at least 1, but was 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void rule_isRejectedWithFieldAndMessage(String what, ThrowingCallable code, String field, String message) {
        assertThatThrownBy(code)
                .isExactlyInstanceOf(ValidationException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((ValidationException) e).field()).as("field").isEqualTo(field));
    }
}
