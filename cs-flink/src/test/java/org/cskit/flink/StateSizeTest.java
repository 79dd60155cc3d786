package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The state size per account the README states, measured as the size of a checkpoint of the
 * operator's keyed state (heap backend, full snapshot) after 240 days of the generated portfolio's
 * weekly signals and the plays they made.
 */
class StateSizeTest {
    @Test
    void checkpoint_after240DaysOfWeeklySignals_isUnder2500BytesPerAccount() throws Exception {
        int accounts = 200;
        List<AccountInput> inputs = Fixtures.stream(accounts, 240, 3);
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.definitions()), null);
        long watermark = Long.MIN_VALUE;
        for (AccountInput in : inputs) {
            h.processElement(new StreamRecord<>(in, in.timestamp()));
            if (in.timestamp() - 86_400_000L > watermark) {
                watermark = in.timestamp() - 1;
                h.processWatermark(watermark);
            }
        }
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues()).as("plays made").isNotEmpty();
        OperatorSubtaskState checkpoint = h.snapshot(1, 1);
        long perAccount = checkpoint.getStateSize() / accounts;
        h.close();

        assertThat(perAccount).as("checkpointed bytes per account").isBetween(500L, 2_500L);
    }
}
