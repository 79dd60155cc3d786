package com.example.cskit.supportpressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorePoint;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.spi.ScoringStrategy;
import org.junit.jupiter.api.Test;

class SupportPressureTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("tickets_14d", "active_users", "tickets_14d_change_pct", "nps");
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    private static final String CONFIG_LINE =
            "{\"tickets\": \"tickets_14d\", \"users\": \"active_users\", \"ticketsChange\": \"tickets_14d_change_pct\", \"sentiment\": \"nps\"}";
    private final ScoringStrategy strategy = SupportPressure.of(CsJson.create().read(CONFIG_LINE, SupportPressure.Config.class));

    @Test
    void score_addsUpLoadTrendAndSentiment() {
        // 4 tickets for 50 users: 8 per 100, relief 1 - 8/10 = 0.2 -> 60 * 0.2 = 12 points;
        // tickets up 50%: relief 1 - 50/100 = 0.5 -> 20 * 0.5 = 10; answer 8 of 10 -> 20 * 0.8 = 16.
        SuccessVector v = strategy.score(snapshot(Map.of("tickets_14d", 4, "active_users", 50, "tickets_14d_change_pct", 50,
                "nps", 8)));

        assertThat(v.score()).isCloseTo(38, within(1e-9));
        assertThat(v.contributions()).extracting(Contribution::input)
                .containsExactly(SupportPressure.LOAD, SupportPressure.TREND, SupportPressure.SENTIMENT);
        assertThat(v.contributions().get(0).points()).isCloseTo(12, within(1e-9));
        assertThat(v.contributions().get(0).value()).hasValue(8.0);
        assertThat(v.contributions().get(1).points()).isCloseTo(10, within(1e-9));
        assertThat(v.contributions().get(2).points()).isCloseTo(16, within(1e-9));
        assertThat(v.band().label()).isEqualTo("red");
        assertThat(v.coverage()).isCloseTo(1, within(1e-12));
        assertThat(v.direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void score_fallingTickets_relieveFully_andMissingUsersCountAsNeutral() {
        SuccessVector v = strategy.score(snapshot(Map.of("tickets_14d", 2, "tickets_14d_change_pct", -60, "nps", 10)));

        Contribution load = v.contributions().get(0);
        assertThat(load.missing()).contains(MissingDataPolicy.NEUTRAL);
        assertThat(load.points()).isCloseTo(30, within(1e-9));
        assertThat(v.contributions().get(1).points()).as("a fall in tickets").isCloseTo(20, within(1e-9));
        assertThat(v.score()).isCloseTo(70, within(1e-9));
        assertThat(v.band().label()).isEqualTo("green");
        assertThat(v.coverage()).as("trend and sentiment had data").isCloseTo(0.4, within(1e-12));
    }

    @Test
    void score_withOnlyTheRequiredFeatures_weighsTheLoadAlone() {
        ScoringStrategy loadOnly = SupportPressure.of(new SupportPressure.Config("tickets_14d", "active_users", null, null, 20.0, null));

        SuccessVector v = loadOnly.score(snapshot(Map.of("tickets_14d", 1, "active_users", 20)));

        // 1 ticket for 20 users: 5 per 100 of a limit of 20 -> relief 0.75.
        assertThat(v.contributions()).singleElement().satisfies(c -> assertThat(c.weight()).isEqualTo(1.0));
        assertThat(v.score()).isCloseTo(75, within(1e-9));
    }

    @Test
    void score_againstAnEarlierScore_givesVelocityAndDirection() {
        AccountSnapshot twoWeeksOn = AccountSnapshot.builder().from(snapshot(Map.of("tickets_14d", 4, "active_users", 50,
                "tickets_14d_change_pct", 50, "nps", 8))).addHistory(ScorePoint.of(AS_OF.minus(Duration.ofDays(14)), 60)).build();

        SuccessVector v = strategy.score(twoWeeksOn);

        assertThat(v.velocity()).as("(38 - 60) / 2 weeks").isCloseTo(-11, within(1e-9));
        assertThat(v.direction()).isEqualTo(Direction.DECLINING);
    }

    @Test
    void score_withoutAConfiguredFeature_namesIt() {
        ScoringStrategy other = SupportPressure.of(SupportPressure.Config.of("tickets_14d", "active_users", null, "csat"));

        assertThatThrownBy(() -> other.score(snapshot(Map.of()))).isInstanceOf(ValidationException.class)
                .hasMessage("unknown feature 'csat'; known features: tickets_14d, active_users, tickets_14d_change_pct, nps");
    }

    @Test
    void config_fromJson_fillsInTheDefaults() {
        SupportPressure.Config config = CsJson.create().read("{\"tickets\": \"tickets_14d\", \"users\": \"active_users\"}",
                SupportPressure.Config.class);

        assertThat(config).isEqualTo(new SupportPressure.Config("tickets_14d", "active_users", null, null, 10.0, 100.0));
    }

    @Test
    void config_fromBadJson_saysWhereAndWhy() {
        CsJson json = CsJson.create();

        assertThatThrownBy(() -> json.read("{\"tickets\": \" \", \"users\": \"active_users\"}", SupportPressure.Config.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$.tickets: tickets must not be blank, but was ' '");
        assertThatThrownBy(() -> json.read("{\"tickets\": \"t\", \"users\": \"u\", \"maxRisePct\": -5}", SupportPressure.Config.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$.maxRisePct: maxRisePct must be greater than 0, but was -5.0");
        assertThatThrownBy(() -> json.read("{\"tickets\": \"t\"}", SupportPressure.Config.class))
                .isInstanceOf(JsonInputException.class).hasMessage("$.users: users must not be null");
    }

    @Test
    void serviceLoader_findsTheProviderByName() {
        ScoringStrategies strategies = ScoringStrategies.create().loadFromServiceLoader();

        assertThat(strategies.names()).contains(SupportPressure.NAME);
        assertThat(strategies.create(SupportPressure.NAME, CONFIG_LINE).config()).isEqualTo(strategy.config());
    }

    private static AccountSnapshot snapshot(Map<String, ? extends Number> values) {
        Features.Builder features = Features.builder(SCHEMA);
        values.forEach((name, value) -> features.set(name, value.doubleValue(), 1));
        return AccountSnapshot.builder().accountId(AccountId.of("acme")).asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
                .features(features.build()).build();
    }
}
