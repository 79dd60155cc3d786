package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.PersonId;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.LifecycleStageChanged;
import org.junit.jupiter.api.Test;

/**
 * An event is evaluated against the playbooks it can start only (as {@code PlaybookEngine.onEvent}
 * does): other playbooks neither fire nor close at its time, they wait for the account's next full
 * evaluation; an event no playbook starts is checked and not kept.
 */
class EventsTest {
    private static final String A = "acme";

    @Test
    void onTimer_eventAfterAnObservationThatCrossesAThreshold_onlyTheEventsPlaybookPlaysAtItsTime() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        day(h, "2025-06-01", 0.9);
        assertThat(h.extractOutputValues()).isEmpty();

        long seatsDrop = Instant.parse("2025-06-02T10:00:00Z").toEpochMilli();
        h.processElement(new StreamRecord<>(AccountInput.signal(A, "seat_utilisation", seatsDrop, 0.3), seatsDrop));
        Instant noon = Instant.parse("2025-06-02T12:00:00Z");
        h.processElement(new StreamRecord<>(AccountInput.event(new ChampionChanged(AccountId.of(A), Optional.of(PersonId.of("ann")),
                Optional.of(PersonId.of("bob")), noon)), noon.toEpochMilli()));
        h.processWatermark(noon.toEpochMilli());
        assertThat(h.extractOutputValues()).as("at the event: the champion change only, not low adoption")
                .extracting(p -> p.playbookId).containsExactly("champion-change");

        h.processWatermark(Instant.parse("2025-06-03T00:00:00Z").toEpochMilli());
        assertThat(h.extractOutputValues()).as("low adoption at the day's full evaluation")
                .extracting(p -> p.playbookId + " " + Instant.ofEpochMilli(p.at))
                .startsWith("champion-change 2025-06-02T12:00:00Z").contains("low-adoption 2025-06-03T00:00:00Z")
                .filteredOn(p -> p.contains("2025-06-02T")).hasSize(1);
        h.close();
    }

    @Test
    void processElement_eventNoPlaybookStarts_isCheckedAndNotKept() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        Instant at = Instant.parse("2025-06-02T12:00:00Z");

        h.processElement(new StreamRecord<>(AccountInput.event(new LifecycleStageChanged(AccountId.of(A), LifecycleStage.ONBOARDING,
                LifecycleStage.ADOPTION, at)), at.toEpochMilli()));

        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    /** One day's observations at 10:00 UTC (seats as given, 5 logins, no tickets), then the day's evaluation. */
    private static void day(KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h, String date, double seats)
            throws Exception {
        long t = Instant.parse(date + "T10:00:00Z").toEpochMilli();
        for (AccountInput in : List.of(AccountInput.signal(A, "seat_utilisation", t, seats), AccountInput.signal(A, "logins", t, 5),
                AccountInput.signal(A, "support_tickets", t, 0))) {
            h.processElement(new StreamRecord<>(in, t));
        }
        h.processWatermark(t + 86_400_000L);
    }
}
