package org.cskit.cli;

import java.io.ByteArrayOutputStream;
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
    private static final Pattern LAST = Pattern.compile(
            "holdout AUC=(\\d\\.\\d{4}) \\[(\\d\\.\\d{4}), (\\d\\.\\d{4})\\] naive AUC=(\\d\\.\\d{4}) rows=(\\d+)");

    /**
     * Runs the program.
     *
     * @param args the command line
     * @return the run
     */
    public static Run of(String... args) {
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
