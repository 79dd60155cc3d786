package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo --state FILE}: the engine's state in an H2 file, so a second run picks up the first one's open plays and cooldowns. */
class DemoStateTest {
    private static final Pattern PLAYS = Pattern.compile("(?m)^plays: (\\d+)");
    private static final Pattern KEPT = Pattern.compile("(?m)^state kept in .*: (\\d+) plays already open, (\\d+) cooling down, "
            + "not made again$");

    @TempDir
    Path tmp;

    @Test
    void secondRun_sameStateFile_makesNoPlayTheFirstRunMade() {
        String state = tmp.resolve("state").toString();
        Run first = demo("--state", state, "--out", tmp.resolve("first.html").toString());
        Run second = demo("--state", state, "--out", tmp.resolve("second.html").toString());
        Run inMemory = demo("--out", tmp.resolve("memory.html").toString());

        assertThat(first.code()).as("first run; its output: %s %s", first.out(), first.err()).isZero();
        assertThat(second.code()).as("second run; its output: %s %s", second.out(), second.err()).isZero();
        int made = number(PLAYS, first.out(), 1);
        assertThat(made).as("plays of the first run").isPositive().isEqualTo(number(PLAYS, inMemory.out(), 1));
        assertThat(number(KEPT, first.out(), 1)).as("plays already open in the first run").isZero();
        assertThat(number(PLAYS, second.out(), 1)).as("plays of the second run, same day, same state").isZero();
        assertThat(number(KEPT, second.out(), 1)).as("plays already open in the second run").isPositive();
        assertThat(tmp.resolve("state.mv.db")).exists();
        assertThat(inMemory.out()).doesNotContain("state kept in");
    }

    private static Run demo(String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"demo", "--generated", "300", "--seed"}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        String[] withSeed = new String[args.length + 1];
        System.arraycopy(args, 0, withSeed, 0, 4);
        withSeed[4] = "7";
        System.arraycopy(args, 4, withSeed, 5, more.length);
        return Run.of(withSeed);
    }

    private static int number(Pattern pattern, String out, int group) {
        Matcher m = pattern.matcher(out);
        assertThat(m.find()).as("%s in %s", pattern, out).isTrue();
        return Integer.parseInt(m.group(group));
    }
}
