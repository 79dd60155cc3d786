package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void run_printsWhereAcmeStands() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuickStart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        // Days to close went 10 -> 5 against a target of 3: (5 - 10) / (3 - 10) = 71%.
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualToNormalizingNewlines("""
                Acme Corp: Close the books in 3 days instead of 10 is 71% of the way from baseline to target
                milestones: 2 of 4 achieved, 1 on time, 1 overdue
                next: 'All finance users on board' due 2026-04-30
                time to first value: 56 days
                plan version 2, next phase agreed: true
                """);
    }

    /** The README's quick start is the code that runs here, and stays within fifteen lines. */
    @Test
    void readmeQuickStart_isTheCodeThatRuns() throws IOException {
        ReadmeSample.assertIsTheCodeThatRuns("## A first look", "QuickStart.java");
    }
}
