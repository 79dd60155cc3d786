package org.cskit.cli.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.cli.Run;
import org.junit.jupiter.api.Test;

class ColumnarPlaybooksTest {
    @Test
    void columns_countsPlaysExplainsSomeAndFindsThemOpenTheSecondTime() {
        Run run = Run.of("columns", "--accounts", "20000", "--explain", "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("signals -> features: [\\d,]+ observations \\(as columns, no object each\\) into 8 "
                + "features for 20,000 accounts");
        assertThat(run.out()).containsPattern("features -> vectors: scored 20,000 accounts with generated-health in [\\d,]+ ms; "
                + "red [\\d,]+, yellow [\\d,]+, green [\\d,]+; [1-9][\\d,]* entered red since last week");
        Matcher total = Pattern.compile("evaluated 20,000 accounts against 3 playbooks in [\\d,]+ ms: ([\\d,]+) plays").matcher(run.out());
        assertThat(total.find()).as(run.out()).isTrue();
        long plays = Long.parseLong(total.group(1).replace(",", ""));
        long sum = 0;
        for (String id : List.of("low-adoption", "renewal-at-risk", "entered-red-with-tickets")) {
            Matcher m = Pattern.compile(id + " +([\\d,]+)").matcher(run.out());
            assertThat(m.find()).as(id).isTrue();
            long n = Long.parseLong(m.group(1).replace(",", ""));
            assertThat(n).as("plays of %s", id).isPositive();
            sum += n;
        }
        assertThat(sum).isEqualTo(plays);
        assertThat(run.out()).containsPattern("acct-\\d{7} \\S+: .+\\n    because .+ \\(.+ = .+\\)");
        assertThat(Pattern.compile("\\n    because ").matcher(run.out()).results().count()).isEqualTo(2);
        assertThat(run.out()).contains("the same day again: 0 new plays, " + String.format("%,d", plays) + " suppressed");
    }

    @Test
    void state_savedByOneRun_isRestoredByTheNext(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("state.bin");
        Run first = Run.of("columns", "--accounts", "5000", "--explain", "0", "--state-file", file.toString());
        Run second = Run.of("columns", "--accounts", "5000", "--explain", "0", "--state-file", file.toString());

        assertThat(first.code()).as(first.err()).isZero();
        Matcher plays = Pattern.compile("5,000 accounts against 3 playbooks in [\\d,]+ ms: ([\\d,]+) plays").matcher(first.out());
        assertThat(plays.find()).as(first.out()).isTrue();
        assertThat(first.out()).contains("saved " + plays.group(1) + " play states to " + file);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("restored " + plays.group(1) + " play states from " + file)
                .containsPattern("5,000 accounts against 3 playbooks in [\\d,]+ ms: 0 plays");
        java.nio.file.Files.write(file, new byte[] {1, 2, 3});
        Run bad = Run.of("columns", "--accounts", "5000", "--state-file", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("error: --state-file " + file + ": the nightly state ends too early: it is truncated");
    }

    @Test
    void oldStateFlag_refusedNamingTheNewOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        for (String[] args : List.of(new String[] {"columns", "--state", dir.resolve("state.bin").toString()},
                new String[] {"columns", "--accounts", "10", "--state"})) {
            Run run = Run.of(args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: --state is now --state-file: columns saves the play state to a snapshot file "
                    + "(a NightlyState), given with --state-file FILE (the demo command's H2 database is --state-db FILE)");
            assertThat(run.out()).isEmpty();
        }
        assertThat(dir.resolve("state.bin")).doesNotExist();
        Run help = Run.of("columns", "--help");
        assertThat(help.out()).contains("--state-file=FILE").doesNotContainPattern("--state[ =,]");
    }

    @Test
    void badCounts_endWithOneLineAndExitCode2() {
        Run run = Run.of("columns", "--accounts", "0");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --accounts 0 is outside 1 to 1,000,000");
    }
}
