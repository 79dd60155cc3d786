package org.cskit.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.PersonId;
import org.cskit.model.event.ChampionChanged;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.cskit.model.Fixtures;
import org.cskit.model.Signal;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.junit.jupiter.api.Test;

class CsJsonRoundTripTest {
    private static final String FIXTURE = "account-with-plan.json";

    private final CsJson json = CsJson.create();

    @Test
    void write_fullAccountWithRevisedPlan_matchesCommittedFixture() throws IOException {
        JsonNode expected = json.mapper().readTree(fixture());
        JsonNode actual = json.mapper().readTree(json.write(Fixtures.revisedAccount()));

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void read_committedFixture_equalsTheAccountBuiltInJava() throws IOException {
        Account read = json.read(fixture(), Account.class);

        assertThat(read).isEqualTo(Fixtures.revisedAccount());
        assertThat(read.successPlan().orElseThrow().revisions()).hasSize(1);
    }

    @Test
    void readThenWrite_givesTheSameText() throws IOException {
        String text = json.write(json.read(fixture(), Account.class));

        assertThat(json.read(text, Account.class)).isEqualTo(Fixtures.revisedAccount());
        assertThat(text).isEqualTo(json.write(Fixtures.revisedAccount()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallFixtures")
    void write_value_matchesCommittedFixtureAndReadsBackEqual(String file, Object value) throws IOException {
        String committed = resource(file);

        assertThat(json.mapper().readTree(json.write(value))).isEqualTo(json.mapper().readTree(committed));
        assertThat(json.read(committed, value.getClass())).isEqualTo(value);
    }

    static Stream<Arguments> smallFixtures() {
        return Stream.of(
                Arguments.of("vector.json", Fixtures.vector()),
                Arguments.of("signal.json", Fixtures.signal()),
                Arguments.of("champion-changed.json", new ChampionChanged(AccountId.of("acme"),
                        Optional.of(PersonId.of("dana")), Optional.empty(), Instant.parse("2026-05-01T08:00:00Z"))),
                Arguments.of("milestone-achieved.json", FixturesJson.achieved()),
                Arguments.of("sales-handoff.json", FixturesJson.handoff()),
                Arguments.of("success-review.json", FixturesJson.review()));
    }

    @Test
    void planTemplates_shippedJsonIsTheFormCsJsonWrites() throws IOException {
        String shipped;
        try (InputStream in = PlanTemplates.class.getResourceAsStream("onboarding-templates.json")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(json.write(PlanTemplates.builtIns()) + "\n").isEqualTo(shipped);
    }

    @Test
    void events_roundTripWithTheirTypeNames() {
        List<AccountEvent> events = AccountEvents.changes(Fixtures.account(), Fixtures.revisedAccount(),
                java.time.Instant.parse("2026-04-21T00:00:00Z"));
        assertThat(events).isNotEmpty();

        for (AccountEvent event : events) {
            String text = json.write(event);
            assertThat(json.read(text, AccountEvent.class)).isEqualTo(event);
        }
        assertThat(json.write(events.get(0))).contains("\"type\" : \"PLAN_REVISED\"");
    }

    @Test
    void readList_readsAnArrayOfSignals() {
        String text = """
                [ {"id": "s1", "accountId": "acme", "family": "USAGE", "name": "logins", "value": 42,
                   "unit": "count", "observedAt": "2026-03-01T00:00:00Z", "source": "analytics"},
                  {"id": "s2", "accountId": "acme", "family": "SENTIMENT", "name": "nps", "value": -20,
                   "unit": "score", "observedAt": "2026-03-02T12:00:00+02:00", "source": "survey"} ]
                """;

        List<Signal> signals = json.readList(text, Signal.class);

        assertThat(signals).extracting(Signal::name).containsExactly("logins", "nps");
        assertThat(signals.get(1).observedAt()).isEqualTo(java.time.Instant.parse("2026-03-02T10:00:00Z"));
    }

    private static String fixture() throws IOException {
        return resource(FIXTURE);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CsJsonRoundTripTest.class.getResourceAsStream(name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
