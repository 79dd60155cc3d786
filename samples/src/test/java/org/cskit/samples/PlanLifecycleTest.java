package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanLifecycleTest {

    @Test
    void run_draftsCompletesAndReviewsAcmesPlan() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlanLifecycle.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        // Contract start 2026-01-15; 12 weekly active users on 2026-02-09 meet the high-touch template's threshold of 10.
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualToNormalizingNewlines("""
                achieved 'First value: 10 weekly active users' on 2026-02-09 by evidence: 12
                time to first value: 25 days
                done: Set up: accounts, integrations and data in place (Sam Okafor)
                done: First value: 10 weekly active users (Dana Ruiz)
                risks: IT has not yet approved the ledger integration; next review 2026-03-10
                """);
    }

    /** The README's plan example is the code that runs here, and stays within fifteen lines. */
    @Test
    void readmePlanExample_isTheCodeThatRuns() throws IOException {
        ReadmeSample.assertIsTheCodeThatRuns("## Success plans that move", "PlanLifecycle.java");
    }
}
