package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.spi.ScoringStrategy;
import org.junit.jupiter.api.Test;

/**
 * The sample plug-in (samples-plugin, a jar of its own) is only on the class path at run time: the
 * samples find it by name through ServiceLoader and build it from a JSON config line.
 */
class PluginDiscoveryTest {
    static final String NAME = "support-pressure";
    static final String CONFIG_LINE =
            "{\"tickets\": \"tickets_14d\", \"users\": \"active_users\", \"ticketsChange\": \"tickets_14d_change_pct\", \"sentiment\": \"nps\"}";

    @Test
    void serviceLoader_findsThePluginOnTheClassPath_andBuildsItFromJson() {
        ScoringStrategies strategies = ScoringStrategies.withBuiltIns().loadFromServiceLoader();

        ScoringStrategy strategy = strategies.create(NAME, CONFIG_LINE);

        assertThat(strategies.names()).contains(NAME, "weighted-scorecard", "segmented");
        assertThat(strategy.name()).isEqualTo(NAME);
        assertThat(strategy.getClass().getName()).isEqualTo("com.example.cskit.supportpressure.SupportPressure");
        Features.Builder features = Features.builder(FeatureSchema.of("tickets_14d", "active_users", "tickets_14d_change_pct", "nps"));
        features.set("tickets_14d", 1, 2).set("active_users", 40, 2).set("tickets_14d_change_pct", 0, 2).set("nps", 9, 1);
        SuccessVector v = strategy.score(AccountSnapshot.builder().accountId(AccountId.of("acme"))
                .asOf(Instant.parse("2026-05-10T00:00:00Z")).segment(Segment.of("smb", EngagementModel.TECH_TOUCH))
                .lifecycleStage(LifecycleStage.STEADY_STATE).features(features.build()).build());
        // 1 ticket for 40 users (2.5 per 100 of 10): 60 * 0.75 = 45; flat tickets: 20; an answer of 9: 18.
        assertThat(v.score()).isCloseTo(83, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(v.band().label()).isEqualTo("green");
    }

    @Test
    void withoutDiscovery_thePluginIsUnknown() {
        assertThatThrownBy(() -> ScoringStrategies.withBuiltIns().create(NAME, CONFIG_LINE))
                .isInstanceOf(ValidationException.class)
                .hasMessage("unknown scoring strategy 'support-pressure'; known strategies: segmented, weighted-scorecard");
    }

    /**
     * Issue 17, item 14: a typo in a required property of a plug-in's record config was reported as
     * the constructor's "must not be null".
     */
    @Test
    void configLine_typoInARequiredProperty_isAnUnknownPropertyWithASuggestion() {
        String typo = CONFIG_LINE.replace("\"users\"", "\"usres\"");

        assertThatThrownBy(() -> ScoringStrategies.withBuiltIns().loadFromServiceLoader().create(NAME, typo))
                .isInstanceOf(org.cskit.model.json.JsonInputException.class)
                .hasMessageStartingWith("$.usres: unknown property 'usres'; did you mean 'users'? known properties: ");
    }
}
