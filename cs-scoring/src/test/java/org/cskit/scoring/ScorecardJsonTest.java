package org.cskit.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorecardJsonTest {
    static final CsJson JSON = CsJson.create();

    /** The value that scorecard.json holds: every normaliser, both directions, every policy, bands and direction set. */
    static Scorecard scorecard() {
        return Scorecard.builder()
                .id(ScorecardId.of("enterprise-health"))
                .version(3)
                .description("Usage, support and the customer's results")
                .addGroups(
                        ScorecardGroup.of("usage", 40,
                                ScorecardInput.builder().name("logins").feature("logins_14d").weight(2)
                                        .normalizer(new Normalizer.Linear(0, 100)).build(),
                                ScorecardInput.builder().name("seat_utilisation").weight(1)
                                        .normalizer(new Normalizer.Logistic(0.6, 8)).missing(MissingDataPolicy.NEUTRAL).build()),
                        ScorecardGroup.of("support", 20,
                                ScorecardInput.builder().name("open_tickets").weight(1)
                                        .normalizer(new Normalizer.Tiers(List.of(2.0, 5.0), List.of(0.0, 0.5, 1.0)))
                                        .direction(MetricDirection.LOWER_IS_BETTER).missing(MissingDataPolicy.WORST).build()),
                        ScorecardGroup.of("sentiment", 10,
                                ScorecardInput.builder().name("nps").weight(1).normalizer(new Normalizer.Linear(-100, 100))
                                        .minObservations(3).build()))
                .bands(BandScheme.builder().from(BandScheme.of(List.of("red", "yellow", "green"), 40, 75)).hysteresis(3).build())
                .direction(DirectionPolicy.builder().lookback(Duration.ofDays(56)).minPoints(4).flatBelow(1).build())
                .build();
    }

    static Scorecard small(String id, double max) {
        return Scorecard.builder().id(ScorecardId.of(id))
                .addGroups(ScorecardGroup.of("usage", 1, ScorecardInput.builder().name("logins").feature("logins_14d").weight(1)
                        .normalizer(new Normalizer.Linear(0, max)).build()))
                .bands(BandScheme.evenly(List.of("low", "high")))
                .build();
    }

    /** The value that selection.json holds. */
    static ScorecardSelection selection() {
        return ScorecardSelection.builder()
                .defaultScorecard(small("default-health", 20))
                .addAssignments(
                        ScorecardSelection.Assignment.segment("smb", small("smb-health", 10)),
                        ScorecardSelection.Assignment.stage(LifecycleStage.ONBOARDING, small("onboarding-health", 5)),
                        ScorecardSelection.Assignment.segmentAndStage("enterprise", LifecycleStage.RENEWAL_WINDOW,
                                small("renewal-health", 40)))
                .build();
    }

    private static String resource(String name) {
        try (InputStream in = ScorecardJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CARD = resource("scorecard.json");
    private static final String SELECTION = resource("selection.json");

    @Test
    void read_scorecardFixture_equalsTheJavaBuiltValue() {
        assertThat(JSON.read(CARD, Scorecard.class)).isEqualTo(scorecard());
    }

    @Test
    void write_scorecard_givesTheFixturesTree() {
        assertThat(tree(JSON.write(scorecard()))).isEqualTo(tree(CARD));
    }

    @Test
    void read_selectionFixture_equalsTheJavaBuiltValue() {
        assertThat(JSON.read(SELECTION, ScorecardSelection.class)).isEqualTo(selection());
    }

    @Test
    void write_selection_givesTheFixturesTree() {
        assertThat(tree(JSON.write(selection()))).isEqualTo(tree(SELECTION));
    }

    @Test
    void read_selectionFixture_selectsByThePrecedenceRule() {
        ScorecardSelection s = JSON.read(SELECTION, ScorecardSelection.class);
        assertThat(s.select("enterprise", LifecycleStage.RENEWAL_WINDOW).id()).isEqualTo(ScorecardId.of("renewal-health"));
        assertThat(s.select("smb", LifecycleStage.ONBOARDING).id()).isEqualTo(ScorecardId.of("smb-health"));
        assertThat(s.select("mid", LifecycleStage.ONBOARDING).id()).isEqualTo(ScorecardId.of("onboarding-health"));
        assertThat(s.select("mid", LifecycleStage.ADOPTION).id()).isEqualTo(ScorecardId.of("default-health"));
    }

    @Test
    void read_minimalScorecard_fillsTheDefaults() {
        // feature defaults to the name, direction to higher-is-better, missing to REDISTRIBUTE, minObservations to 0;
        // the scorecard's version to 1, bands to red/yellow/green, direction to the default policy.
        String json = """
                {"id": "mini", "groups": [{"name": "usage", "weight": 1,
                  "inputs": [{"name": "logins_14d", "weight": 1, "normalizer": {"type": "LINEAR", "min": 0, "max": 100}}]}]}
                """;
        Scorecard expected = Scorecard.builder().id(ScorecardId.of("mini"))
                .addGroups(ScorecardGroup.of("usage", 1, ScoringFixtures.input("logins_14d", 1, new Normalizer.Linear(0, 100))))
                .build();

        Scorecard read = JSON.read(json, Scorecard.class);
        assertThat(read).isEqualTo(expected);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.bands()).isEqualTo(BandScheme.redYellowGreen());
        assertThat(read.direction()).isEqualTo(DirectionPolicy.ofDefaults());
        assertThat(read.groups().get(0).inputs().get(0).feature()).isEqualTo("logins_14d");
    }

    @Test
    void read_lookbackInDays_isADuration() {
        DirectionPolicy d = JSON.read("{\"lookback\": \"P56D\"}", DirectionPolicy.class);
        assertThat(d.lookback()).isEqualTo(Duration.ofDays(56));
    }

    @Test
    void roundTrip_scorecardAndSelection_areEqual() {
        assertThat(JSON.read(JSON.write(scorecard()), Scorecard.class)).isEqualTo(scorecard());
        assertThat(JSON.read(JSON.write(selection()), ScorecardSelection.class)).isEqualTo(selection());
        assertThat(JSON.read(JSON.write(ScoringFixtures.scorecard()), Scorecard.class)).isEqualTo(ScoringFixtures.scorecard());
    }

    static Stream<Arguments> badScorecards() {
        return Stream.of(
                Arguments.of("overlapping bands", CARD.replace("\"from\": 40.0, \"to\": 75.0", "\"from\": 30.0, \"to\": 75.0"),
                        "$.bands.ranges[1].from", "band 'yellow' [30, 75) overlaps band 'red' [0, 40)", ""),
                Arguments.of("gap between bands", CARD.replace("\"from\": 40.0, \"to\": 75.0", "\"from\": 45.0, \"to\": 75.0"),
                        "$.bands.ranges[1].from", "band 'yellow' starts at 45 but band 'red' ends at 40: scores in between would have no band", ""),
                Arguments.of("band to before from", CARD.replace("\"from\": 40.0, \"to\": 75.0", "\"from\": 40.0, \"to\": 30.0"),
                        "$.bands.ranges[1].to", "band 'yellow' to 30 must be greater than from 40", ""),
                Arguments.of("unknown normalizer type", CARD.replace("\"LOGISTIC\"", "\"SIGMOID\""),
                        "$.groups[0].inputs[1].normalizer", "unknown or missing type 'SIGMOID': Could not resolve type id 'SIGMOID': "
                                + "known type ids = [LINEAR, LOGISTIC, TIERS] (property 'normalizer')", "line 23, column 35"),
                Arguments.of("unknown property", CARD.replace("\"weight\": 2.0", "\"weigth\": 2.0"),
                        "$.groups[0].inputs[0].weigth", "unknown property 'weigth'; did you mean 'weight'? known properties: categories, direction, feature, "
                                + "minObservations, missing, missingGoodness, name, normalizer, weight", "line 13, column 24"),
                Arguments.of("NaN weight", CARD.replace("\"weight\": 2.0", "\"weight\": NaN"),
                        "$.groups[0].inputs[0]", "malformed JSON: Non-standard token 'NaN' is not a number; give a finite number",
                        "line 13, column 24"),
                Arguments.of("infinite weight", CARD.replace("\"weight\": 2.0", "\"weight\": 1e400"),
                        "$.groups[0].inputs[0].weight", "weight must be a finite number, but was Infinity", ""),
                Arguments.of("zero input weight", CARD.replace("\"weight\": 2.0", "\"weight\": 0"),
                        "$.groups[0].inputs[0].weight", "weight must be greater than 0, but was 0.0", ""),
                Arguments.of("negative group weight", CARD.replace("\"weight\": 40.0", "\"weight\": -1"),
                        "$.groups[0].weight", "weight must be greater than 0, but was -1.0", ""),
                Arguments.of("linear max not above min", CARD.replace("\"max\": 100.0", "\"max\": 0.0"),
                        "$.groups[0].inputs[0].normalizer.max", "linear max 0 must be greater than min 0", ""),
                Arguments.of("falling tier scores", CARD.replace("[0.0, 0.5, 1.0]", "[0.0, 1.0, 0.5]"),
                        "$.groups[1].inputs[0].normalizer.scores[2]", "tier scores[2] 0.5 is lower than scores[1] 1: scores rise "
                                + "with the value; use the input's direction for lower-is-better", ""),
                Arguments.of("duplicate input name", CARD.replace("\"name\": \"nps\"", "\"name\": \"logins\""),
                        "$.groups[2].inputs[0].name", "duplicate input name 'logins' in scorecard 'enterprise-health'", ""),
                Arguments.of("hysteresis too wide", CARD.replace("\"hysteresis\": 3.0", "\"hysteresis\": 30"),
                        "$.bands.hysteresis", "hysteresis must be in [0, 20], but was 30.0", ""),
                Arguments.of("minPoints too small", CARD.replace("\"minPoints\": 4", "\"minPoints\": 1"),
                        "$.direction.minPoints", "minPoints must be at least 2, but was 1", ""),
                Arguments.of("missing normalizer",
                        CARD.replace("\"normalizer\": { \"type\": \"LINEAR\", \"min\": 0.0, \"max\": 100.0 },", ""),
                        "$.groups[0].inputs[0]", "ScorecardInput is missing required properties [normalizer]", "line 18, column 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScorecards")
    void read_badScorecard_namesThePathAndTheRule(String what, String json, String path, String problem, String location) {
        assertThatThrownBy(() -> JSON.read(json, Scorecard.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo(problem);
                })
                .hasMessage(path + ": " + problem + (location.isEmpty() ? "" : " (" + location + ")"));
    }

    @Test
    void read_selectionAssignmentNamingNothing_isRejectedWithItsPath() {
        assertThatThrownBy(() -> JSON.read(SELECTION.replace("\"segment\": \"smb\",", ""), ScorecardSelection.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.assignments[0].segment: an assignment must name a segment, a lifecycle stage or both");
    }

    @Test
    void read_selectionRepeatingAnAssignment_isRejectedWithItsPath() {
        assertThatThrownBy(() -> JSON.read(SELECTION.replace("\"lifecycleStage\": \"ONBOARDING\"", "\"segment\": \"smb\""),
                        ScorecardSelection.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.assignments[1]: assignments[1] repeats segment and stage 'smb / *': each combination may be assigned once");
    }

    @Test
    void read_selectionUnknownStage_listsTheStages() {
        assertThatThrownBy(() -> JSON.read(SELECTION.replace("\"ONBOARDING\"", "\"LATE\""), ScorecardSelection.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.assignments[1].lifecycleStage: must be one of [ONBOARDING, ADOPTION, STEADY_STATE, RENEWAL_WINDOW, "
                        + "EXPANSION, CHURNED], but was 'LATE' (line 97, column 25)");
    }
}
