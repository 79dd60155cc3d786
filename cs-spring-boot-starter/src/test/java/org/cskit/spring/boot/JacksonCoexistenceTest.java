package org.cskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.cskit.model.json.CsJson;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.WeightedScorecard;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boot 4 hosts have Jackson 3 ({@code tools.jackson}); cskit reads and writes its JSON with its own
 * Jackson 2 mapper ({@link CsJson}). Both live in one context: the host's mapper is Boot's, cskit
 * adds no mapper bean, cskit's definitions load, and Boot's mapper writes the actuator endpoint.
 */
class JacksonCoexistenceTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CsKitAutoConfiguration.class,
                    CsKitActuatorAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=cskit",
                    "cskit.scoring.strategies.enterprise.config=classpath:cskit/scorecard.json");

    @Test
    void bootsJackson3AndCskitsJackson2_workSideBySide() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JsonMapper.class)
                    .doesNotHaveBean(com.fasterxml.jackson.databind.ObjectMapper.class);
            JsonMapper boot = context.getBean(JsonMapper.class);
            Scorecard card = ((WeightedScorecard) context.getBean(CsKitScoring.class).strategy("enterprise")).config();

            String endpoint = boot.writeValueAsString(context.getBean(CsKitEndpoint.class).cskit());
            String cskit = CsJson.create().write(card);

            assertThat(endpoint).contains("\"id\":\"low-adoption\"").contains("\"scorecard\":\"enterprise-health\"");
            assertThat(CsJson.create().read(cskit, Scorecard.class)).isEqualTo(card);
            assertThat(boot.readTree(cskit).get("id").asString()).isEqualTo("enterprise-health");
        });
    }
}
