package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cskit.cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one line on stderr naming the file, the line and the problem, and exit code 2. */
class CalibrateErrorsTest {
    @TempDir
    Path tmp;

    private Run calibrate(String csvText, String... more) throws IOException {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, csvText, StandardCharsets.UTF_8);
        String[] args = new String[6 + more.length];
        args[0] = "calibrate";
        args[1] = "--csv";
        args[2] = csv.toString();
        args[3] = "--out";
        args[4] = tmp.resolve("out.json").toString();
        args[5] = "--resamples=10";
        System.arraycopy(more, 0, args, 6, more.length);
        return Run.of(args);
    }

    private void assertError(Run run, String message) {
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualToNormalizingNewlines("error: " + tmp.resolve("in.csv") + message + "\n");
        assertThat(Files.exists(tmp.resolve("out.json"))).isFalse();
    }

    @Test
    void malformed_wrongFieldCount() throws IOException {
        assertError(calibrate("a,b,churn\n1,2,yes\n3,no\n", "--label", "churn", "--positive", "yes"),
                ":3: expected 3 fields as in the header, but found 2");
    }

    @Test
    void malformed_unclosedQuote() throws IOException {
        assertError(calibrate("a,b,churn\n1,2,yes\n\"3,4,no\n", "--label", "churn", "--positive", "yes"),
                ":3: a quoted field is never closed");
    }

    @Test
    void missingLabelColumn() throws IOException {
        assertError(calibrate("a,b,churn\n1,2,yes\n3,4,no\n", "--label", "Churn", "--positive", "yes"),
                ":1: no label column 'Churn'; columns are a, b, churn");
    }

    @Test
    void labelWithNoPositiveRows() throws IOException {
        assertError(calibrate("a,b,churn\n1,2,yes\n3,4,no\n", "--label", "churn", "--positive", "Yes"),
                ": label 'churn' has no positive rows: no row is 'Yes' (values: no, yes)");
    }

    @Test
    void constantColumn() throws IOException {
        assertError(calibrate("a,b,churn\n1,7,yes\n3,7,no\n2,,no\n", "--label", "churn", "--positive", "yes"),
                ": column 'b' is constant: every row is '7' or missing; leave it out with --drop");
    }

    @Test
    void unknownOption_oneLineAndExit2() {
        Run run = Run.of("calibrate", "--csv", "x.csv", "--label", "churn", "--positive", "yes", "--bogus");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: Unknown option: '--bogus'");
    }

    @Test
    void missingFile() {
        Run run = Run.of("calibrate", "--csv", tmp.resolve("nope.csv").toString(), "--label", "churn", "--positive", "yes");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualToNormalizingNewlines("error: " + tmp.resolve("nope.csv") + ": no such file\n");
    }

    @Test
    void smallValidFile_worksAndEndsWithTheSummaryLine() throws IOException {
        StringBuilder csv = new StringBuilder("id,usage,plan,churn\n");
        for (int i = 0; i < 200; i++) {
            boolean churned = (i * 7919 % 100) < (i < 100 ? 60 : 15);
            csv.append("c").append(i).append(',').append(i < 100 ? i % 10 : 10 + i % 10).append(',').append(i % 3 == 0 ? "gold" : "basic")
                    .append(',').append(churned ? "yes" : "no").append('\n');
        }
        Run run = calibrate(csv.toString(), "--label", "churn", "--positive", "yes", "--id", "id", "--holdout", "0.25");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.lastLine()).matches("holdout AUC=\\d\\.\\d{4} \\[\\d\\.\\d{4}, \\d\\.\\d{4}\\] naive AUC=\\d\\.\\d{4} rows=50");
    }

    /** 300 rows: a number that matters, a plan and the label. */
    private static String labelled() {
        StringBuilder csv = new StringBuilder("usage,plan,churn\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            int usage = random.nextInt(100);
            csv.append(usage).append(',').append(random.nextBoolean() ? "basic" : "pro").append(',')
                    .append(random.nextInt(100) < 60 - usage / 2 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    @Test
    void fitterOptions_unknownFitterOrMisplacedOption_oneLineBeforeReadingAnything() {
        Run unknown = Run.of("calibrate", "--csv", "absent.csv", "--label", "churn", "--positive", "yes", "--fitter", "boosted");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).isEqualToNormalizingNewlines("error: --fitter must be linear or additive, but was 'boosted'\n");
        Run linear = Run.of("calibrate", "--csv", "absent.csv", "--label", "churn", "--positive", "yes", "--interactions", "3");
        assertThat(linear.err()).isEqualToNormalizingNewlines("error: --interactions and --monotone apply to --fitter additive only\n");
        Run monotone = Run.of("calibrate", "--csv", "absent.csv", "--label", "churn", "--positive", "yes", "--fitter", "additive",
                "--monotone", "usage:up");
        assertThat(monotone.err()).isEqualToNormalizingNewlines("error: --monotone must look like COLUMN:higher or COLUMN:lower, but was 'usage:up'\n");
        Run many = Run.of("calibrate", "--csv", "absent.csv", "--label", "churn", "--positive", "yes", "--fitter", "additive",
                "--interactions", "500");
        assertThat(many.err()).isEqualToNormalizingNewlines("error: --interactions: interactions must be in [0, 100], but was 500\n");
    }

    @Test
    void monotone_onACategoricalOrAbsentColumn_namesIt() throws IOException {
        assertError(calibrate(labelled(), "--label", "churn", "--positive", "yes", "--fitter", "additive", "--monotone", "plan:higher"),
                ": monotone names column 'plan', which is categorical; a monotone constraint needs numbers in order");
        assertError(calibrate(labelled(), "--label", "churn", "--positive", "yes", "--fitter", "additive", "--monotone", "seats:higher"),
                ": monotone names column 'seats', which the training set does not have");
    }

    @Test
    void additive_monotoneUsage_fitsAndWritesTheReport() throws IOException {
        Run run = calibrate(labelled(), "--label", "churn", "--positive", "yes", "--fitter", "additive", "--monotone", "usage:higher");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.summary()[4]).isEqualTo(60);
        assertThat(Files.readString(tmp.resolve("out.html"), StandardCharsets.UTF_8)).contains("Shapes of the top inputs", "shape of usage");
    }
}
