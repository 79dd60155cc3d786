package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

/** The shapes an additive fit writes: {@link Normalizer.Steps}, {@link Normalizer.Grid} and an input's cross feature. */
class ShapeAndGridTest {
    private static final CsJson JSON = CsJson.create();
    private static final FeatureSchema SCHEMA = FeatureSchema.of("tenure", "contract");
    private static final Normalizer.Grid GRID = new Normalizer.Grid(List.of(12.0), List.of(1.0, 2.0),
            List.of(List.of(0.0, 0.5, 0.75), List.of(0.25, 1.0, 1.0)));

    /** tenure's U-shaped steps (weight 3) and a tenure x contract grid (weight 1), both FIXED when missing. */
    static Scorecard card() {
        return Scorecard.builder().id(ScorecardId.of("additive")).addGroups(
                ScorecardGroup.of("fitted", 3, ScorecardInput.builder().name("tenure").weight(1)
                        .normalizer(new Normalizer.Steps(List.of(6.0, 24.0), List.of(0.2, 1.0, 0.0)))
                        .missing(MissingDataPolicy.FIXED).missingGoodness(0.5).build()),
                ScorecardGroup.of("interactions", 1, ScorecardInput.builder().name("tenure x contract").feature("tenure")
                        .crossFeature("contract").weight(1).normalizer(GRID).missing(MissingDataPolicy.FIXED).missingGoodness(0.4)
                        .build()))
                .build();
    }

    private static AccountSnapshot account(double tenure, double contract) {
        Features.Builder f = Features.builder(SCHEMA);
        if (!Double.isNaN(tenure)) {
            f.set("tenure", tenure, 1);
        }
        if (!Double.isNaN(contract)) {
            f.set("contract", contract, 1);
        }
        return AccountSnapshot.builder().accountId(AccountId.of("a")).asOf(ScoringFixtures.AS_OF)
                .segment(Segment.of("smb", EngagementModel.SCALED)).lifecycleStage(LifecycleStage.STEADY_STATE).features(f.build()).build();
    }

    @Test
    void steps_scoreAnyShape_boundIncludedInTheStepAbove() {
        Normalizer.Steps steps = new Normalizer.Steps(List.of(6.0, 24.0), List.of(0.2, 1.0, 0.0));

        assertThat(steps.goodness(-3)).isEqualTo(0.2);
        assertThat(steps.goodness(6)).isEqualTo(1.0);
        assertThat(steps.goodness(23.9)).isEqualTo(1.0);
        assertThat(steps.goodness(24)).isEqualTo(0.0);
    }

    @Test
    void grid_picksTheCellOfBothValues() {
        assertThat(GRID.goodness(3, 0)).isEqualTo(0.0);
        assertThat(GRID.goodness(3, 1)).isEqualTo(0.5);
        assertThat(GRID.goodness(12, 0)).isEqualTo(0.25);
        assertThat(GRID.goodness(40, 2)).isEqualTo(1.0);
        assertThat(GRID.row(12)).isEqualTo(1);
        assertThat(GRID.column(1.5)).isEqualTo(1);
    }

    @Test
    void grid_oneValue_isRefused() {
        assertThatThrownBy(() -> GRID.goodness(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a grid reads two values, its feature's and its cross feature's; call goodness(value, cross)");
    }

    @Test
    void steps_badTables_nameTheFieldAndValue() {
        assertThatThrownBy(() -> new Normalizer.Steps(List.of(), List.of(0.5))).isInstanceOf(ValidationException.class)
                .hasMessage("bounds needs at least one bound, but was empty");
        assertThatThrownBy(() -> new Normalizer.Steps(List.of(5.0, 5.0), List.of(0.0, 0.5, 1.0))).isInstanceOf(ValidationException.class)
                .hasMessage("bounds[1] 5 must be greater than bounds[0] 5");
        assertThatThrownBy(() -> new Normalizer.Steps(List.of(5.0), List.of(0.0, 0.5, 1.0))).isInstanceOf(ValidationException.class)
                .hasMessage("scores needs one more score than bounds (2), but had 3");
        assertThatThrownBy(() -> new Normalizer.Steps(List.of(5.0), List.of(0.0, 1.5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("scores[1]"));
    }

    @Test
    void grid_badTables_nameTheFieldAndValue() {
        assertThatThrownBy(() -> new Normalizer.Grid(List.of(1.0), List.of(1.0), List.of(List.of(0.0, 1.0))))
                .isInstanceOf(ValidationException.class).hasMessage("a grid needs one row of scores more than bounds (2), but had 1");
        assertThatThrownBy(() -> new Normalizer.Grid(List.of(1.0), List.of(1.0), List.of(List.of(0.0, 1.0), List.of(0.5))))
                .isInstanceOf(ValidationException.class).hasMessage("scores[1] needs one more score than bounds (2), but had 1");
        assertThatThrownBy(() -> new Normalizer.Grid(List.of(1.0), List.of(2.0, 1.0), List.of(List.of(0.0), List.of(0.5))))
                .isInstanceOf(ValidationException.class).hasMessage("crossBounds[1] 1 must be greater than crossBounds[0] 2");
    }

    @Test
    void input_gridNeedsACrossFeature_andOnlyAGridHasOne() {
        assertThatThrownBy(() -> ScorecardInput.builder().name("pair").weight(1).normalizer(GRID).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("crossFeature"))
                .hasMessage("input 'pair' has a GRID normalizer, so it needs a crossFeature to pick the column");
        assertThatThrownBy(() -> ScorecardInput.builder().name("tenure").weight(1).crossFeature("contract")
                .normalizer(new Normalizer.Linear(0, 1)).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("input 'tenure' has crossFeature 'contract' but a normalizer that reads one value; crossFeature applies only to GRID");
        assertThatThrownBy(() -> ScorecardInput.builder().name("pair").feature("tenure").crossFeature("tenure").weight(1).normalizer(GRID).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("input 'pair' has crossFeature 'tenure', its own feature; a grid crosses two different features");
    }

    @Test
    void score_gridContributes_andContributionsAddUpToTheScore() {
        SuccessVector v = WeightedScorecard.of(card()).score(account(30, 1));

        // 0.75 * steps(30) = 0 and 0.25 * grid(30, 1) = 1.0
        assertThat(v.score()).isCloseTo(25.0, within(1e-9));
        assertThat(v.contributions().stream().mapToDouble(Contribution::points).sum()).isCloseTo(v.score(), within(1e-9));
        assertThat(v.contributions().get(1).input()).isEqualTo("tenure x contract");
        assertThat(v.contributions().get(1).points()).isCloseTo(25.0, within(1e-9));
        assertThat(WeightedScorecard.of(card()).summarize(account(30, 1)).score()).isEqualTo(v.score());
    }

    @Test
    void score_crossFeatureMissing_usesTheGridsMissingGoodness() {
        SuccessVector v = WeightedScorecard.of(card()).score(account(8, Double.NaN));

        // 0.75 * steps(8) = 1.0 and 0.25 * missing 0.4
        assertThat(v.score()).isCloseTo(75 + 10, within(1e-9));
        assertThat(v.contributions().get(1).missing()).contains(MissingDataPolicy.FIXED);
        assertThat(v.coverage()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void score_crossFeatureNotInTheSchema_namesIt() {
        Scorecard card = card();
        AccountSnapshot noContract = AccountSnapshot.builder().accountId(AccountId.of("a")).asOf(ScoringFixtures.AS_OF)
                .segment(Segment.of("smb", EngagementModel.SCALED)).lifecycleStage(LifecycleStage.STEADY_STATE)
                .features(Features.builder(FeatureSchema.of("tenure")).set("tenure", 3, 1).build()).build();

        assertThatThrownBy(() -> WeightedScorecard.of(card).score(noContract)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("groups[1].inputs[0].crossFeature"))
                .hasMessage("scorecard 'additive' input 'tenure x contract' reads cross feature 'contract', which the snapshot's "
                        + "features do not have; known features: tenure");
    }

    @Test
    void json_roundTripsThroughTheFixture() throws IOException {
        String fixture;
        try (InputStream in = ShapeAndGridTest.class.getResourceAsStream("additive-scorecard.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ObjectMapper tree = new ObjectMapper();

        assertThat(JSON.read(fixture, Scorecard.class)).isEqualTo(card());
        assertThat(tree.readTree(JSON.write(card()))).isEqualTo(tree.readTree(fixture));
    }

    @Test
    void json_gridCellOutsideTheRange_namesThePath() {
        String json = JSON.write(card()).replace("0.75", "1.75");

        assertThatThrownBy(() -> JSON.read(json, Scorecard.class)).isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$.groups[1].inputs[0].normalizer")
                .hasMessageContaining("1.75");
    }
}
