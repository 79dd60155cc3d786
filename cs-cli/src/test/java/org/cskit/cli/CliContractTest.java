package org.cskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line's contract, for every command: {@code --help} prints its usage and exits 0; a
 * run that does its work exits 0 with nothing on standard error; bad input or a bad command line
 * exits 2 with exactly one line on standard error, starting {@code error: }, and nothing on standard
 * output; a failure that is no bad input (a bug, here a plug-in's) exits 1 with its stack trace.
 * Each command's own output is tested beside it; this pins what scripts rely on.
 */
class CliContractTest {
    /** Every command, as cskit's help lists them. */
    static final Set<String> COMMANDS = Set.of("demo", "score", "playbooks", "columns", "calibrate", "backtest", "ravenstack-accounts");

    @TempDir
    static Path tmp;
    private static Path data;
    private static Path csv;

    @BeforeAll
    static void writeInputs() throws IOException {
        data = TinyData.write(tmp.resolve("data"));
        StringBuilder text = new StringBuilder("id,tenure,tickets,churn\n");
        for (int i = 0; i < 60; i++) {
            boolean churned = i % 3 == 0;
            text.append("c").append(i).append(',').append(churned ? i % 7 : 10 + i % 11).append(',')
                    .append(churned ? 3 + i % 4 : i % 3).append(',').append(churned ? "yes" : "no").append('\n');
        }
        csv = tmp.resolve("labelled.csv");
        Files.writeString(csv, text, StandardCharsets.UTF_8);
    }

    static Stream<String> commands() {
        return new TreeSet<>(COMMANDS).stream();
    }

    /** Per command: a run that succeeds, and one with bad input. */
    static Stream<List<String>> successes() {
        String out = tmp.resolve("out").toString();
        return Stream.of(
                List.of("demo", "--data", data.toString(), "--out", out + "/report.html"),
                List.of("score", "--generated", "5"),
                List.of("playbooks", "--data", data.toString()),
                List.of("columns", "--accounts", "300", "--explain", "0"),
                List.of("calibrate", "--csv", csv.toString(), "--label", "churn", "--positive", "yes", "--id", "id", "--resamples=10",
                        "--out", out + "/card.json"),
                List.of("backtest"),
                List.of("ravenstack-accounts", "--data", data.toString(), "--out", out + "/accounts.csv"));
    }

    static Stream<List<String>> failures() {
        String missing = tmp.resolve("missing").toString();
        return Stream.of(
                List.of("demo", "--data", missing),
                List.of("score", "--generated", "5", "--as-of", "2030-01-01"),
                List.of("playbooks", "--data", data.toString(), "--playbooks", missing + ".json"),
                List.of("columns", "--accounts", "0"),
                List.of("calibrate", "--csv", csv.toString(), "--label", "churned", "--positive", "yes"),
                List.of("backtest", "--data", data.toString()),
                List.of("ravenstack-accounts", "--data", missing, "--out", tmp.resolve("never.csv").toString()));
    }

    @Test
    void commands_areExactlyThoseTested() {
        CommandLine cli = new CommandLine(new CsKit());

        assertThat(cli.getSubcommands().keySet()).isEqualTo(COMMANDS);
        assertThat(successes().map(a -> a.get(0))).containsExactlyInAnyOrderElementsOf(COMMANDS);
        assertThat(failures().map(a -> a.get(0))).containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void help_printsTheUsageAndExitsZero(String command) {
        Run run = Run.of(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: cskit " + command + " ").contains("-h, --help");
    }

    @ParameterizedTest(name = "{0} --no-such-option")
    @MethodSource("commands")
    void unknownOption_isOneErrorLineAndExitTwo(String command) {
        Run run = Run.of(command, "--no-such-option");

        assertBadInput(run);
        // calibrate and ravenstack-accounts have required options, which picocli reports first
        assertThat(run.err()).matches("error: (Unknown option: '--no-such-option'|Missing required options: .*) \\(try --help\\)\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successes")
    void success_exitsZeroWithNothingOnStandardError(List<String> args) {
        Run run = Run.of(args.toArray(String[]::new));

        assertThat(run.err()).as("stderr of %s", args).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void badInput_isOneErrorLineAndExitTwo(List<String> args) {
        assertBadInput(Run.of(args.toArray(String[]::new)));
    }

    @Test
    void topLevel_helpAndVersionAndUnknownCommand() {
        Run help = Run.of("--help");
        Run unknown = Run.of("no-such-command");

        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: cskit ");
        List<String> listed = new ArrayList<>();
        COMMANDS.forEach(c -> {
            if (help.out().contains("  " + c + " ")) {
                listed.add(c);
            }
        });
        assertThat(listed).containsExactlyInAnyOrderElementsOf(COMMANDS);
        assertBadInput(unknown);
        assertThat(unknown.err()).startsWith("error: Unmatched argument at index 0: 'no-such-command'");
    }

    @Test
    void bugNotBadInput_exitsOneWithTheStackTrace() {
        Run run = Run.of("score", "--generated", "3", "--strategy", "broken-score", "--strategy-config", "{\"message\": \"a plug-in bug\"}");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).doesNotStartWith("error: ").contains("java.lang.IllegalStateException: a plug-in bug")
                .contains("\tat org.cskit.cli.demo.BrokenScore.score");
    }

    private static void assertBadInput(Run run) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").endsWith("\n").hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }
}
