package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cskit.cli.Run;
import org.cskit.cli.input.InputException;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo}'s play state in an H2 file: by default one per data source and playbook set under
 * the cskit home folder, {@code --state-db FILE} to choose it, {@code --no-state} for none; a second
 * run with the same state picks up the first one's open plays and cooldowns.
 */
class DemoStateTest {
    private static final Pattern PLAYS = Pattern.compile("(?m)^plays: (\\d+)");
    private static final Pattern STATE = Pattern.compile("(?m)^state \\((--state-db|default)\\): read (from|none, new file) (.*\\.mv\\.db), "
            + "written back: (\\d+) plays already open, (\\d+) cooling down, not made again$");

    @TempDir
    Path tmp;

    @Test
    void secondRun_sameStateFile_makesNoPlayTheFirstRunMade() {
        String state = tmp.resolve("state").toString();
        Run first = Run.of(demo(7, "--state-db", state, "--out", tmp.resolve("first.html").toString()));
        Run second = Run.of(demo(7, "--state-db", state, "--out", tmp.resolve("second.html").toString()));
        Run inMemory = Run.of(demo(7, "--no-state", "--out", tmp.resolve("memory.html").toString()));

        assertThat(first.code()).as("first run; its output: %s %s", first.out(), first.err()).isZero();
        assertThat(second.code()).as("second run; its output: %s %s", second.out(), second.err()).isZero();
        int made = number(PLAYS, first.out(), 1);
        assertThat(made).as("plays of the first run").isPositive().isEqualTo(number(PLAYS, inMemory.out(), 1));
        Matcher firstState = state(first);
        assertThat(firstState.group(1)).isEqualTo("--state-db");
        assertThat(firstState.group(2)).isEqualTo("none, new file");
        assertThat(firstState.group(3)).isEqualTo(tmp.resolve("state.mv.db").toString());
        assertThat(Integer.parseInt(firstState.group(4))).as("plays already open in the first run").isZero();
        assertThat(number(PLAYS, second.out(), 1)).as("plays of the second run, same day, same state").isZero();
        Matcher secondState = state(second);
        assertThat(secondState.group(2)).isEqualTo("from");
        assertThat(Integer.parseInt(secondState.group(4))).as("plays already open in the second run").isPositive();
        assertThat(tmp.resolve("state.mv.db")).exists();
        assertThat(inMemory.out()).contains("state: in memory for this run only (--no-state)").doesNotContain("written back");
    }

    @Test
    void secondRun_defaultState_makesNoPlayTheFirstRunMadeAndSaysWhichFile() throws IOException {
        Path home = tmp.resolve("home");
        Run first = Run.in(home, demo(7, "--out", tmp.resolve("first.html").toString()));
        Run second = Run.in(home, demo(7, "--out", tmp.resolve("second.html").toString()));

        assertThat(first.code()).as("first run; its output: %s %s", first.out(), first.err()).isZero();
        assertThat(second.code()).as("second run; its output: %s %s", second.out(), second.err()).isZero();
        assertThat(number(PLAYS, first.out(), 1)).as("plays of the first run").isPositive();
        assertThat(number(PLAYS, second.out(), 1)).as("plays of the second run").isZero();
        Matcher firstState = state(first);
        Matcher secondState = state(second);
        assertThat(firstState.group(1)).isEqualTo("default");
        assertThat(firstState.group(2)).isEqualTo("none, new file");
        assertThat(secondState.group(2)).isEqualTo("from");
        assertThat(secondState.group(3)).isEqualTo(firstState.group(3)).startsWith(home.resolve("state").toString())
                .contains("generated-300-seed-7");
        assertThat(Integer.parseInt(secondState.group(4))).as("plays already open in the second run").isPositive();
        assertThat(stateFiles(home)).hasSize(1);
        assertThat(Files.readString(tmp.resolve("second.html"))).contains("play state").contains(secondState.group(3));
    }

    @Test
    void defaultState_otherDataSource_doesNotSeeTheFirstOnesState() throws IOException {
        Path home = tmp.resolve("home");
        Run seven = Run.in(home, demo(7, "--out", tmp.resolve("seven.html").toString()));
        Run eight = Run.in(home, demo(8, "--out", tmp.resolve("eight.html").toString()));
        Run eightAlone = Run.of(demo(8, "--no-state", "--out", tmp.resolve("alone.html").toString()));

        assertThat(seven.code()).as("seed 7; its output: %s %s", seven.out(), seven.err()).isZero();
        assertThat(eight.code()).as("seed 8; its output: %s %s", eight.out(), eight.err()).isZero();
        assertThat(number(PLAYS, eight.out(), 1)).as("plays of seed 8 after seed 7 in the same home")
                .isPositive().isEqualTo(number(PLAYS, eightAlone.out(), 1));
        assertThat(state(eight).group(2)).isEqualTo("none, new file");
        assertThat(stateFiles(home)).hasSize(2);
    }

    @Test
    void noState_twice_makesThePlaysAgainAndKeepsNoFile() {
        Path home = tmp.resolve("home");
        Run first = Run.in(home, demo(7, "--no-state", "--out", tmp.resolve("first.html").toString()));
        Run second = Run.in(home, demo(7, "--no-state", "--out", tmp.resolve("second.html").toString()));

        assertThat(number(PLAYS, first.out(), 1)).isPositive().isEqualTo(number(PLAYS, second.out(), 1));
        assertThat(home.resolve("state")).doesNotExist();
    }

    @Test
    void stateAndNoState_together_refusedWithBothNamed() {
        Run run = Run.of(demo(7, "--state-db", tmp.resolve("s").toString(), "--no-state"));

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("error: --state-db " + tmp.resolve("s") + " and --no-state cannot be used together: give one of them");
        assertThat(tmp.resolve("s.mv.db")).doesNotExist();
    }

    @Test
    void oldStateFlag_refusedNamingTheNewOne() {
        for (String[] args : List.of(demo(7, "--state", tmp.resolve("s").toString()), demo(7, "--state"))) {
            Run run = Run.of(args);

            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).isEqualTo("error: --state is now --state-db: demo keeps the play state in an H2 database "
                    + "(FILE.mv.db), given with --state-db FILE (the columns command's snapshot file is --state-file FILE)");
        }
        assertThat(tmp.resolve("s.mv.db")).doesNotExist();
        Run help = Run.of("demo", "--help");
        assertThat(help.out()).contains("--state-db=FILE").doesNotContainPattern("--state[ =,]");
    }

    @Test
    void key_eachDataSourceItsOwn_andTheSameFromRunToRun() {
        PortfolioOptions ravenstack = new PortfolioOptions();
        PortfolioOptions folderA = new PortfolioOptions();
        folderA.data = tmp.resolve("a/data");
        PortfolioOptions folderB = new PortfolioOptions();
        folderB.data = tmp.resolve("b/data");
        PortfolioOptions generated = new PortfolioOptions();
        generated.generated = 300;
        var playbooks = BuiltInPlaybooks.all();

        List<String> keys = List.of(DemoState.key(ravenstack, playbooks), DemoState.key(folderA, playbooks),
                DemoState.key(folderB, playbooks), DemoState.key(generated, playbooks),
                DemoState.key(generated, playbooks.subList(1, playbooks.size())));

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys.get(0)).startsWith("ravenstack-playbooks-");
        assertThat(keys.get(1)).startsWith("data-data-");
        assertThat(keys.get(3)).startsWith("generated-300-seed-42-playbooks-");
        // The playbook set's hash is of its definitions' text: no identity hash codes, which differ from JVM to JVM.
        assertThat(playbooks.toString()).doesNotContainPattern("[A-Za-z]@[0-9a-f]{5,}");
    }

    @Test
    void choose_stateAndNoState_throwsNamingBoth() {
        assertThatThrownBy(() -> DemoState.choose(Path.of("x"), true, new PortfolioOptions(), BuiltInPlaybooks.all()))
                .isInstanceOf(InputException.class)
                .hasMessage("--state-db x and --no-state cannot be used together: give one of them");
    }

    private static List<Path> stateFiles(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("state"))) {
            return files.filter(f -> f.toString().endsWith(".mv.db")).toList();
        }
    }

    private static String[] demo(long seed, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"demo", "--generated", "300", "--seed", Long.toString(seed)}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return args;
    }

    private static Matcher state(Run run) {
        Matcher m = STATE.matcher(run.out());
        assertThat(m.find()).as("%s in %s", STATE, run.out()).isTrue();
        return m;
    }

    private static int number(Pattern pattern, String out, int group) {
        Matcher m = pattern.matcher(out);
        assertThat(m.find()).as("%s in %s", pattern, out).isTrue();
        return Integer.parseInt(m.group(group));
    }
}
