package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;
import org.junit.jupiter.api.Test;

class ScoringStrategiesTest {

    /** A provider of any name whose strategy is not meant to score. */
    record Named(String name) implements ScoringStrategyProvider<String> {
        @Override
        public Class<String> configType() {
            return String.class;
        }

        @Override
        public ScoringStrategy create(String config) {
            return new ScoringStrategy() {
                @Override
                public String name() {
                    return Named.this.name;
                }

                @Override
                public Object config() {
                    return config;
                }

                @Override
                public SuccessVector score(AccountSnapshot snapshot) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    @Test
    void provider_unknownName_listsTheKnownNames() {
        assertThatThrownBy(() -> ScoringStrategies.withBuiltIns().provider("gradient-boost"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessage("unknown scoring strategy 'gradient-boost'; known strategies: segmented, weighted-scorecard");
    }

    @Test
    void provider_unknownNameInAnEmptyRegistry_saysHowToAddOne() {
        assertThatThrownBy(() -> ScoringStrategies.create().create("weighted-scorecard", "{}"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessage("unknown scoring strategy 'weighted-scorecard'; known strategies: none (register one, or call loadFromServiceLoader())");
    }

    @Test
    void withBuiltIns_registersBothBuiltIns() {
        ScoringStrategies s = ScoringStrategies.withBuiltIns();
        assertThat(s.names()).containsExactly("segmented", "weighted-scorecard");
        assertThat(s.provider("weighted-scorecard")).isInstanceOf(WeightedScorecard.Provider.class);
        assertThat(s.provider("segmented")).isInstanceOf(SegmentedScoring.Provider.class);
    }

    @Test
    void names_areSorted() {
        ScoringStrategies s = ScoringStrategies.create();
        for (String name : List.of("kappa", "alpha", "omega", "delta", "beta", "gamma", "zeta", "eta")) {
            s.register(new Named(name));
        }
        assertThat(s.names()).containsExactly("alpha", "beta", "delta", "eta", "gamma", "kappa", "omega", "zeta");
    }

    @Test
    void names_ignoreCaseAndSurroundingSpaces() {
        ScoringStrategies s = ScoringStrategies.create().register(new Named("  My-Strategy "));

        assertThat(s.names()).containsExactly("my-strategy");
        assertThat(s.provider("MY-STRATEGY")).isEqualTo(new Named("  My-Strategy "));
        assertThat(ScoringStrategies.withBuiltIns().provider(" Weighted-Scorecard\t")).isInstanceOf(WeightedScorecard.Provider.class);
    }

    @Test
    void register_sameNameTwice_isRejected() {
        assertThatThrownBy(() -> ScoringStrategies.withBuiltIns().register(new WeightedScorecard.Provider()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessage("a scoring strategy named 'weighted-scorecard' is already registered (org.cskit.scoring.WeightedScorecard$Provider)");
        assertThatThrownBy(() -> ScoringStrategies.create().register(new Named("x")).register(new Named(" X ")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("a scoring strategy named 'x' is already registered (org.cskit.scoring.ScoringStrategiesTest$Named)");
    }

    @Test
    void register_sameProviderInstanceTwice_isHarmless() {
        Named p = new Named("x");
        assertThat(ScoringStrategies.create().register(p).register(p).names()).containsExactly("x");
    }

    @Test
    void register_blankName_isRejected() {
        assertThatThrownBy(() -> ScoringStrategies.create().register(new Named(" ")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessage("a scoring strategy name must not be blank, but was ' '");
        assertThatThrownBy(() -> ScoringStrategies.create().provider(null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("a scoring strategy name must not be blank, but was 'null'");
    }

    @Test
    void loadFromServiceLoader_findsBothBuiltIns() {
        ScoringStrategies s = ScoringStrategies.create().loadFromServiceLoader();

        assertThat(s.names()).contains("segmented", "weighted-scorecard");
        assertThat(s.provider("weighted-scorecard")).isInstanceOf(WeightedScorecard.Provider.class);
        assertThat(s.provider("segmented")).isInstanceOf(SegmentedScoring.Provider.class);
    }

    @Test
    void servicesFile_listsBothBuiltInsForClassPathHosts() throws java.io.IOException {
        // On the module path 'provides' in module-info registers them; on the class path this file does.
        try (java.io.InputStream in = ScoringStrategies.class.getResourceAsStream(
                "/META-INF/services/org.cskit.scoring.spi.ScoringStrategyProvider")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")))
                    .containsExactlyInAnyOrder(WeightedScorecard.Provider.class.getName(), SegmentedScoring.Provider.class.getName());
        }
    }

    @Test
    void loadFromServiceLoader_neverReplacesAProviderRegisteredByHand() {
        Named mine = new Named("weighted-scorecard");
        ScoringStrategies s = ScoringStrategies.create().register(mine).loadFromServiceLoader();

        assertThat(s.provider("weighted-scorecard")).isSameAs(mine);
        assertThat(s.provider("segmented")).isInstanceOf(SegmentedScoring.Provider.class);
    }

    @Test
    void loadFromServiceLoader_afterBuiltIns_isHarmless() {
        assertThat(ScoringStrategies.withBuiltIns().loadFromServiceLoader().names()).contains("segmented", "weighted-scorecard");
    }

    @Test
    void create_fromJsonConfig_buildsTheStrategy() {
        String json = CsJson.create().write(ScoringFixtures.scorecard());
        ScoringStrategy strategy = ScoringStrategies.withBuiltIns().create("Weighted-Scorecard", json);

        assertThat(strategy).isInstanceOf(WeightedScorecard.class);
        assertThat(strategy.name()).isEqualTo("weighted-scorecard");
        assertThat(strategy.config()).isEqualTo(ScoringFixtures.scorecard());
    }

    @Test
    void create_segmentedFromJsonConfig_buildsTheStrategy() {
        String json = CsJson.create().write(ScorecardJsonTest.selection());
        ScoringStrategy strategy = ScoringStrategies.withBuiltIns().create("segmented", json);

        assertThat(strategy).isInstanceOf(SegmentedScoring.class);
        assertThat(strategy.config()).isEqualTo(ScorecardJsonTest.selection());
    }

    @Test
    void create_badJsonConfig_givesThePath() {
        String json = CsJson.create().write(ScoringFixtures.scorecard()).replace("\"version\" : 2", "\"version\" : 0");
        assertThatThrownBy(() -> ScoringStrategies.withBuiltIns().create("weighted-scorecard", json))
                .isInstanceOfSatisfying(JsonInputException.class, e -> assertThat(e.path()).isEqualTo("$.version"))
                .hasMessage("$.version: version must be at least 1, but was 0");
    }

    @Test
    void create_fromConfigValue_buildsTheStrategy() {
        ScoringStrategy strategy = ScoringStrategies.withBuiltIns().create("weighted-scorecard", (Object) ScoringFixtures.scorecard());
        assertThat(strategy.config()).isEqualTo(ScoringFixtures.scorecard());
    }

    @Test
    void create_configOfTheWrongType_isRejected() {
        ScoringStrategies s = ScoringStrategies.withBuiltIns();
        assertThatThrownBy(() -> s.create("weighted-scorecard", (Object) ScorecardJsonTest.selection()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("config"))
                .hasMessage("scoring strategy 'weighted-scorecard' takes a Scorecard, but got a ScorecardSelection");
        assertThatThrownBy(() -> s.create("segmented", (Object) null))
                .isInstanceOf(ValidationException.class)
                .hasMessage("scoring strategy 'segmented' takes a ScorecardSelection, but got a null");
    }
}
