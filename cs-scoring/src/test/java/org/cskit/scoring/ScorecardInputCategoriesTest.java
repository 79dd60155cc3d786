package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.junit.jupiter.api.Test;

class ScorecardInputCategoriesTest {
    private static final ScorecardInput CONTRACT = ScorecardInput.builder().name("contract").weight(1)
            .categories(List.of("monthly", "annual", "two-year"))
            .normalizer(new Normalizer.Tiers(List.of(1.0, 2.0), List.of(0.0, 0.6, 1.0)))
            .missing(MissingDataPolicy.FIXED).missingGoodness(0.3).build();

    @Test
    void indexOfCategory_knownAndUnknown() {
        assertThat(CONTRACT.indexOfCategory("annual")).hasValue(1);
        assertThat(CONTRACT.indexOfCategory("weekly")).isEmpty();
    }

    @Test
    void score_categoryIndexAndFixedMissingGoodness() {
        WeightedScorecard card = WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("c"))
                .addGroups(ScorecardGroup.of("g", 1, CONTRACT)).build());
        FeatureSchema schema = FeatureSchema.of("contract");

        double annual = card.summarize(ScoringFixtures.snapshot(Features.builder(schema).set("contract", 1, 1).build()).build()).score();
        double missing = card.summarize(ScoringFixtures.snapshot(Features.builder(schema).build()).build()).score();

        assertThat(annual).isCloseTo(60.0, within(1e-9));
        assertThat(missing).isCloseTo(30.0, within(1e-9));
    }

    @Test
    void json_roundTripsCategoriesAndFixedMissing() {
        CsJson json = CsJson.create();
        String text = json.write(CONTRACT);

        assertThat(text).contains("\"categories\" : [ \"monthly\", \"annual\", \"two-year\" ]")
                .contains("\"missingGoodness\" : 0.3").contains("\"missing\" : \"FIXED\"");
        assertThat(json.read(text, ScorecardInput.class)).isEqualTo(CONTRACT);
        assertThat(json.write(ScoringFixtures.input("x", 1, new Normalizer.Linear(0, 1)))).doesNotContain("categories")
                .doesNotContain("missingGoodness");
    }

    @Test
    void build_fixedWithoutGoodness_fails() {
        assertViolation(() -> base().missing(MissingDataPolicy.FIXED).build(), "missingGoodness",
                "input 'x' has missing policy FIXED, so it needs a missingGoodness in [0, 1]");
    }

    @Test
    void build_goodnessWithoutFixed_fails() {
        assertViolation(() -> base().missingGoodness(0.5).build(), "missingGoodness",
                "input 'x' has missingGoodness 0.5 but missing policy REDISTRIBUTE; missingGoodness applies only to FIXED");
    }

    @Test
    void build_goodnessOutOfRange_fails() {
        assertViolation(() -> base().missing(MissingDataPolicy.FIXED).missingGoodness(1.5).build(), "missingGoodness",
                "missingGoodness must be in [0, 1], but was 1.5");
    }

    @Test
    void build_duplicateCategory_fails() {
        assertViolation(() -> base().categories(List.of("a", "b", "a")).build(), "categories[2]",
                "duplicate category 'a' in categories[0] and categories[2]");
    }

    @Test
    void build_blankCategory_fails() {
        assertViolation(() -> base().categories(List.of("a", " ")).build(), "categories[1]",
                "categories[1] must not be blank, but was ' '");
    }

    private static ScorecardInput.Builder base() {
        return ScorecardInput.builder().name("x").weight(1).normalizer(new Normalizer.Linear(0, 1));
    }

    private static void assertViolation(org.assertj.core.api.ThrowableAssert.ThrowingCallable build, String field, String message) {
        assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
