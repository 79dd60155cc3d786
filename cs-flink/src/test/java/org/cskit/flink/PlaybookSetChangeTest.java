package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The documented behaviour when the playbook set changes between a savepoint and the restore (the
 * operator's state snapshotted and restored into an operator built from other definitions, as a
 * savepoint restore does): a removed playbook's states are dropped, with no close notification; a
 * changed playbook (same id) keeps its open play, which is neither offered again nor closed until
 * the new definition's situation clears; a new playbook starts empty.
 */
class PlaybookSetChangeTest {
    private static final String A = "acme";

    @Test
    void restore_changedPlaybookSet_dropsRemovedKeepsChangedStartsNew() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> before = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        day(before, "2025-06-01", 0.3, 5, 4);
        List<PlayRecord> first = before.extractOutputValues();
        assertThat(first).filteredOn(p -> !p.closed).extracting(p -> p.playbookId)
                .contains("low-adoption", "support-spike").doesNotContain("few-logins");
        String lowAdoptionKey = first.stream().filter(p -> p.playbookId.equals("low-adoption")).findFirst().orElseThrow().key;
        OperatorSubtaskState savepoint = before.snapshot(1, 1);
        before.close();

        CsDefinitions changed = CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecard.json"),
                Fixtures.resource("playbooks-changed.json"));
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> after = Harnesses.open(
                CsPlaybookFunction.daily(changed), savepoint);
        day(after, "2025-06-02", 0.3, 5, 4);
        List<PlayRecord> second = after.extractOutputValues();
        assertThat(second).as("after the restore, same situation").extracting(p -> p.playbookId + (p.closed ? " closed" : ""))
                .containsExactly("few-logins");

        day(after, "2025-06-20", 0.9, 5, 0);
        List<PlayRecord> third = after.extractOutputValues().subList(second.size(), after.extractOutputValues().size());
        assertThat(third).as("the changed playbook's open play closes under its original key once its situation clears")
                .anyMatch(p -> p.closed && p.key.equals(lowAdoptionKey));
        assertThat(third).noneMatch(p -> p.playbookId.equals("support-spike"));
        after.close();
    }

    /** One day of observations at 10:00 UTC, then the watermark past the day's end (its evaluation). */
    private static void day(KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h, String date, double seats,
            double logins, double tickets) throws Exception {
        long t = Instant.parse(date + "T10:00:00Z").toEpochMilli();
        for (AccountInput in : List.of(AccountInput.signal(A, "seat_utilisation", t, seats), AccountInput.signal(A, "logins", t, logins),
                AccountInput.signal(A, "support_tickets", t, tickets))) {
            h.processElement(new StreamRecord<>(in, t));
        }
        h.processWatermark(t + 86_400_000L);
    }
}
