package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code playbooks} on a small RavenStack-format folder. */
class PlaybooksTest {
    @TempDir
    Path tmp;
    private String data;

    @BeforeEach
    void writeData() {
        data = TinyData.write(tmp.resolve("data")).toString();
    }

    private static List<String> plays(Run run, String playbook) {
        return run.out().lines().filter(l -> l.matches("(LOW|NORMAL|HIGH|URGENT) +due .*") && l.contains(" " + playbook + " ")).toList();
    }

    @Test
    void builtIns_queueWithReasons_andWhatCouldNotFire() {
        Run run = Run.of("playbooks", "--data", data);

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("the built-in playbooks on 2024-06-29: 3 accounts, ");
        // three tickets in the last 14 days against one in the 14 before
        assertThat(plays(run, "support-spike")).singleElement().satisfies(l -> assertThat(l)
                .startsWith("HIGH   due 2024-07-01  A-2")
                .contains("Support lead")
                .contains("| because tickets_14d_change_pct >= 50 (was 200)")
                .contains("tickets_14d >= 3: tickets_14d = 3"));
        // no plan anywhere; A-3 started 9 days ago, under the playbook's 14
        assertThat(plays(run, "no-success-plan")).hasSize(2).noneMatch(l -> l.contains("A-3"));
        assertThat(plays(run, "onboarding-days-7-30")).singleElement().satisfies(l -> assertThat(l).contains("A-3"));
        assertThat(run.out()).contains("low-adoption                 not run: reads seat_utilisation, which the data does not provide")
                .contains("milestone-review             cannot fire: starts on a MILESTONE_ACHIEVED event, and the data has no events");
    }

    @Test
    void playbooksFile_runsThoseInstead() throws IOException {
        Path file = tmp.resolve("mine.json");
        Files.writeString(file, """
                [ { "id": "quiet-usage", "name": "Quiet usage",
                    "trigger": { "type": "THRESHOLD", "field": "usage_90d", "op": "LT", "value": 20 },
                    "actions": [ { "type": "TASK", "title": "{{usage_90d}} uses in 90 days: call {{account.id}}",
                                   "ownerRole": "CSM", "dueInDays": 3, "priority": "HIGH" } ] } ]
                """);

        Run run = Run.of("playbooks", "--data", data, "--playbooks", file.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith(file + " on 2024-06-29: 3 accounts, 2 plays");
        assertThat(plays(run, "quiet-usage")).hasSize(2);
        assertThat(plays(run, "quiet-usage").get(0)).contains("A-2").contains("6 uses in 90 days: call A-2")
                .contains("because usage_90d < 20 (was 6)");
    }

    @Test
    void dryRun_everyMonthOfTheData_whatEachPlaybookWouldHaveDone() {
        Run run = Run.of("playbooks", "--data", data, "--dry-run");

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("low-adoption                 not run: reads seat_utilisation")
                .contains("dry run of the built-in playbooks over 6 monthly days, 2024-01-29 to 2024-06-29");
        assertThat(run.out().lines().filter(l -> l.matches("[a-z0-9-]+ +\\d+ plays? for +\\d+ accounts?, +\\d+ closed again, +\\d+ firings? suppressed")))
                .hasSize(15);
        // days 7 to 30: A-1 (day 28) and A-4 (day 14) on 2024-01-29, A-2 (day 28) on 2024-02-29, A-3 (day 9) on 2024-06-29
        assertThat(run.out()).containsPattern("onboarding-days-7-30 +4 plays for +4 accounts");
    }
}
