package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.cskit.model.ValidationException;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;

/** Bad definitions fail at submission with the document and JSON path; bad records fail the task naming the field, before anything is kept. */
class BadInputTest {

    @Test
    void of_playbookWithUnknownFeature_failsNamingDocumentAndPath() {
        String playbooks = Fixtures.resource("playbooks.json").replace("\"field\": \"tickets_14d\"", "\"field\": \"tickets_15d\"");

        assertThatThrownBy(() -> CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecard.json"), playbooks))
                .isInstanceOf(JsonInputException.class)
                .satisfies(e -> assertThat(((JsonInputException) e).path()).startsWith("playbooks$[2]"))
                .hasMessageContaining("tickets_15d");
    }

    @Test
    void of_scorecardThatIsNotJson_failsNamingTheScorecard() {
        assertThatThrownBy(() -> CsDefinitions.of(Fixtures.resource("features.json"), "{\"id\": ", Fixtures.resource("playbooks.json")))
                .isInstanceOf(JsonInputException.class)
                .satisfies(e -> assertThat(((JsonInputException) e).path()).startsWith("scorecard"));
    }

    @Test
    void processElement_timesOutOfOrder_failsNamingTheIndexAndKeepsNothing() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        AccountInput bad = AccountInput.signal("acme", "logins", new long[] {2_000, 1_000}, new double[] {1, 2});

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(bad, 2_000))).isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' signal 'logins' time 1000 comes before times[0] 2000; times must be oldest first");
        assertThat(h.numKeyedStateEntries()).as("state entries after the bad record").isZero();
        h.close();
    }

    @Test
    void processElement_valuesMissing_failsNamingTheCounts() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        AccountInput bad = AccountInput.signal("acme", "logins", new long[] {1_000, 2_000}, new double[] {1});

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(bad, 2_000))).isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' signal 'logins' has 2 times and 1 values; give at least one time and one value per time");
        h.close();
    }

    @Test
    void processElement_neitherSignalNorEvent_isRefused() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        AccountInput bad = new AccountInput();
        bad.accountId = "acme";

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(bad, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("a record of account 'acme' must carry one of a signal, an event and a profile, but had none");
        h.close();
    }

    @Test
    void processElement_nightlyObservationAfterAsOf_isRefused() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = Harnesses.nightly(Fixtures.definitions(),
                Instant.parse("2025-09-01T00:00:00Z"));
        AccountInput late = AccountInput.signal("acme", "logins", Instant.parse("2025-09-01T00:00:01Z").toEpochMilli(), 3);

        assertThatThrownBy(() -> h.processElement1(new StreamRecord<>(late, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' signal 'logins' observation at 2025-09-01T00:00:01Z is after the run's as-of time 2025-09-01T00:00:00Z");
        h.close();
    }

    @Test
    void processElement_stateFromALaterNight_isRefusedAndKeepsNothing() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = Harnesses.nightly(Fixtures.definitions(),
                Instant.parse("2025-09-01T00:00:00Z"));
        AccountState later = state("acme", Instant.parse("2025-09-02T00:00:00Z"), "low-adoption", 1);

        assertThatThrownBy(() -> h.processElement2(new StreamRecord<>(later, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("the state of account 'acme' is from the night as of 2025-09-02T00:00:00Z, after this run's as-of time "
                        + "2025-09-01T00:00:00Z; give the state of an earlier night");
        assertThat(h.numKeyedStateEntries()).as("state entries after the bad record").isZero();
        h.close();
    }

    @Test
    void processElement_stateOfAnotherFormat_isRefusedNamingTheFormatAndKeepsNothing() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = Harnesses.nightly(Fixtures.definitions(),
                Fixtures.AS_OF);
        AccountState newer = state("acme", Fixtures.AS_OF.minusSeconds(86_400), "low-adoption", 1);
        newer.format = AccountState.FORMAT + 1;
        AccountState none = state("acme", Fixtures.AS_OF.minusSeconds(86_400), "low-adoption", 1);
        none.format = 0;

        assertThatThrownBy(() -> h.processElement2(new StreamRecord<>(newer, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("the state of account 'acme': format 2 is newer than the format 1 this version of cs-flink reads; "
                        + "read it with the version that wrote it or a later one")
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("state.format"));
        assertThatThrownBy(() -> h.processElement2(new StreamRecord<>(none, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("the state of account 'acme': the record has no format (0); records written by cs-flink's nightly job "
                        + "carry format 1");
        assertThat(h.numKeyedStateEntries()).as("state entries after the bad records").isZero();
        h.close();
    }

    @Test
    void processElement_twoStatesOfOneAccount_isRefused() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = Harnesses.nightly(Fixtures.definitions(),
                Fixtures.AS_OF);
        AccountState yesterday = state("acme", Fixtures.AS_OF.minusSeconds(86_400), "low-adoption", 1);
        h.processElement2(new StreamRecord<>(yesterday, 0));

        assertThatThrownBy(() -> h.processElement2(new StreamRecord<>(yesterday, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' has two states; give one state record per account");
        h.close();
    }

    @Test
    void processElement_stateWithAPlaybookTwice_isRefusedNamingTheIndex() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, AccountInput, AccountState, PlayRecord> h = Harnesses.nightly(Fixtures.definitions(),
                Fixtures.AS_OF);
        AccountState twice = state("acme", Fixtures.AS_OF.minusSeconds(86_400), "low-adoption", 2);
        twice.playbookIds[1] = "low-adoption";

        assertThatThrownBy(() -> h.processElement2(new StreamRecord<>(twice, 0))).isInstanceOf(ValidationException.class)
                .hasMessage("the state of account 'acme' has playbook id low-adoption at 1 twice; give each playbook's state once")
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("state.playbookIds[1]"));
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    /** A state record with {@code n} open plays (playbooks {@code id}, {@code id-1}, ...). */
    private static AccountState state(String account, Instant night, String id, int n) {
        AccountState s = new AccountState();
        s.format = AccountState.FORMAT;
        s.accountId = account;
        s.night = night.toEpochMilli();
        s.playbookIds = new String[n];
        s.plays = new org.cskit.flink.internal.StoredPlayState[n];
        for (int i = 0; i < n; i++) {
            s.playbookIds[i] = i == 0 ? id : id + "-" + i;
            s.plays[i] = org.cskit.flink.internal.StoredPlayState.of(new org.cskit.playbooks.spi.PlayState(1,
                    org.cskit.playbooks.spi.PlayState.Status.OPEN, 7, night.getEpochSecond(), night.getEpochSecond(), new long[0]));
        }
        return s;
    }

    @Test
    void processElement_eventThatDoesNotRead_failsNamingTheEvent() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        AccountInput bad = new AccountInput();
        bad.accountId = "acme";
        bad.event = "{\"type\": \"NO_SUCH_EVENT\"}";

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(bad, 0))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("the event of account 'acme' does not read as an event: ");
        h.close();
    }
}
