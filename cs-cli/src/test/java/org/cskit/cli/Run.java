package org.cskit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the cskit command, captured.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 * @param millis how long it took, for information only (never asserted)
 */
public record Run(int code, String out, String err, long millis) {
    private static final String HOME = "cskit.home";
    private static final Pattern LAST = Pattern.compile(
            "holdout AUC=(\\d\\.\\d{4}) \\[(\\d\\.\\d{4}), (\\d\\.\\d{4})\\] naive AUC=(\\d\\.\\d{4}) rows=(\\d+)");

    /**
     * Runs the program with a cskit home folder of its own, new and empty (system property
     * {@code cskit.home}), so that {@code demo}'s default play state is not the machine's
     * ({@code ~/.cskit}) and no run sees another's; unless the property is set already (by
     * {@link #in}).
     *
     * @param args the command line
     * @return the run
     */
    public static Run of(String... args) {
        if (System.getProperty(HOME) != null) {
            return run(args);
        }
        Path home;
        try {
            home = Files.createTempDirectory("cskit-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return in(home, args);
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // A temp folder left behind is harmless.
            }
        }
    }

    /**
     * Runs the program with the given cskit home folder (system property {@code cskit.home},
     * restored afterwards): runs in the same home share {@code demo}'s default play state.
     *
     * @param home the folder
     * @param args the command line
     * @return the run
     */
    public static synchronized Run in(Path home, String... args) {
        String before = System.getProperty(HOME);
        System.setProperty(HOME, home.toString());
        try {
            return run(args);
        } finally {
            if (before == null) {
                System.clearProperty(HOME);
            } else {
                System.setProperty(HOME, before);
            }
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = CsKit.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    /** @return the last line of standard output */
    public String lastLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }

    /** @return the numbers of {@code calibrate}'s last line: AUC, low, high, naive AUC, rows */
    public double[] summary() {
        Matcher m = LAST.matcher(lastLine());
        if (!m.matches()) {
            throw new AssertionError("last line is not the summary: " + lastLine());
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
            Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5))};
    }
}
