package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

class FeatureDefinitionJsonTest {
    private static final CsJson JSON = CsJson.create();
    private static final String DEFINITIONS = """
            [ {"name": "logins_14d", "signal": "login", "aggregate": "COUNT", "window": "P14D"},
              {"name": "logins_trend", "signal": "login", "aggregate": "COUNT", "window": "P7D", "trendPeriods": 4},
              {"name": "nps_change", "signal": "nps", "aggregate": "MEAN", "window": "P30D", "change": "PERCENT"},
              {"name": "tickets_7d", "signal": "ticket", "aggregate": "SUM", "window": "P7D", "emptyAsZero": false} ]""";

    @Test
    void readList_definitions_loadIntoADeriver() {
        List<FeatureDefinition> defs = JSON.readList(DEFINITIONS, FeatureDefinition.class);

        assertThat(defs).containsExactly(
                FeatureDefinition.of("logins_14d", "login", Aggregate.COUNT, Duration.ofDays(14)),
                FeatureDefinition.builder().name("logins_trend").signal("login").aggregate(Aggregate.COUNT).window(Duration.ofDays(7))
                        .trendPeriods(4).build(),
                FeatureDefinition.builder().name("nps_change").signal("nps").aggregate(Aggregate.MEAN).window(Duration.ofDays(30))
                        .change(WindowChange.PERCENT).build(),
                FeatureDefinition.builder().name("tickets_7d").signal("ticket").aggregate(Aggregate.SUM).window(Duration.ofDays(7))
                        .emptyAsZero(false).build());
        assertThat(FeatureDeriver.of(defs).schema().names()).containsExactly("logins_14d", "logins_trend", "nps_change", "tickets_7d");
    }

    @Test
    void write_thenRead_givesTheSameDefinition() {
        FeatureDefinition d = FeatureDefinition.builder().name("nps_change").signal("nps").aggregate(Aggregate.MEAN)
                .window(Duration.ofDays(30)).change(WindowChange.ABSOLUTE).build();

        assertThat(JSON.read(JSON.write(d), FeatureDefinition.class)).isEqualTo(d);
    }

    @Test
    void readList_badWindow_namesItsJsonPath() {
        assertThatThrownBy(() -> JSON.readList(DEFINITIONS.replace("\"P7D\", \"trend", "\"-P7D\", \"trend"), FeatureDefinition.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$[1].window: feature 'logins_trend' window must be positive and at most 3650 days, but was PT-168H");
    }

    @Test
    void readList_badTrendPeriods_namesItsJsonPath() {
        assertThatThrownBy(() -> JSON.readList(DEFINITIONS.replace("\"trendPeriods\": 4", "\"trendPeriods\": 1"), FeatureDefinition.class))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$[1].trendPeriods: feature 'logins_trend' trendPeriods must be in [2, 52], but was 1");
    }
}
