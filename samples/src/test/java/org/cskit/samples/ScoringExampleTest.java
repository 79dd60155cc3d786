package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScoringExampleTest {

    @Test
    void run_printsTheVectorItsContributionsAndWhyItMoved() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScoringExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        // Groups usage 2, support 1, outcome 2 of 5: logins 41 of 60 -> 40 * 41/60 = 27.3; 3 open tickets of 10,
        // fewer is better -> 20 * 0.7 = 14.0; the outcome group's 40 points split 3:1:1:1:1 (see OutcomeAndPlan).
        // History 74.0 two weeks ago, 73.7 last week, 66.4 now: least-squares slope (66.4 - 74.0) / 2 = -3.8/week.
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualToNormalizingNewlines("""
                Acme Corp: 66.4 yellow, DECLINING at -3.8 points/week, coverage 100%
                  logins_14d           usage     27.3
                  open_tickets         support   14.0
                  outcome_attainment   outcome   12.2
                  milestones_achieved  outcome    2.9
                  milestones_on_time   outcome    1.4
                  milestones_overdue   outcome    2.9
                  has_plan             outcome    5.7
                moved by logins_14d: -7.3
                """);
    }
}
