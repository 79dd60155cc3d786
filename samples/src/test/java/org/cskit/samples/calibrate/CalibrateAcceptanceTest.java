package org.cskit.samples.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cskit.model.json.CsJson;
import org.cskit.samples.Run;
import org.cskit.scoring.Scorecard;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance runs of {@code calibrate}, each judged only on rows its fit never saw.
 * Telco, mlc_churn and RavenStack ship in {@code src/main/resources/data}; BankChurners may not be
 * copied into the project, so its run reads {@code ../shared/data} and is skipped where that folder
 * is absent.
 */
class CalibrateAcceptanceTest {
    static final Path DATA = Path.of("src/main/resources/data");
    static final Path SHARED = Path.of("../../shared/data");
    private static final String NB = "Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_";

    @TempDir
    Path tmp;

    @Test
    void telco_holdout20_beatsNaiveByThreePoints() throws IOException {
        Run run = Run.of("calibrate", "--csv", DATA.resolve("ibm-telco-customer-churn/Telco-Customer-Churn.csv").toString(),
                "--label", "Churn", "--positive", "Yes", "--id", "customerID", "--holdout", "0.2", "--seed", "42",
                "--out", tmp.resolve("telco.json").toString());

        double[] s = accepted(run, "telco.json");
        assertThat(s[0]).as("holdout AUC (reference LR 0.842)").isGreaterThanOrEqualTo(0.83);
        assertThat(s[0]).as("holdout AUC vs naive AUC %s", s[3]).isGreaterThanOrEqualTo(s[3] + 0.03);
        assertThat(s[4]).isEqualTo(1409);
        assertThat(s[1]).isGreaterThan(0.5);
    }

    @Test
    void mlcChurn_rows1to3333_thenRows3334to5000() throws IOException {
        Run run = Run.of("calibrate", "--csv", DATA.resolve("modeldata-mlc-churn/mlc_churn.csv").toString(),
                "--label", "churn", "--positive", "yes", "--train-rows", "1-3333", "--test-rows", "3334-5000",
                "--out", tmp.resolve("mlc.json").toString());

        double[] s = accepted(run, "mlc.json");
        assertThat(s[0]).as("holdout AUC (reference LR 0.838)").isGreaterThanOrEqualTo(0.83);
        assertThat(s[4]).isEqualTo(1667);
    }

    @Test
    void bankChurners_holdout20_withoutTheLeakingColumns() throws IOException {
        Path csv = SHARED.resolve("credit-card-bankchurners/BankChurners.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "skipped: BankChurners states no licence, so it is not copied into the project;"
                + " this run reads " + csv.toAbsolutePath().normalize() + ", which is absent here");
        Run run = Run.of("calibrate", "--csv", csv.toString(), "--label", "Attrition_Flag", "--positive", "Attrited Customer",
                "--id", "CLIENTNUM", "--drop", NB + "1," + NB + "2", "--holdout", "0.2", "--out", tmp.resolve("bank.json").toString());

        double[] s = accepted(run, "bank.json");
        assertThat(s[0]).as("holdout AUC (reference LR 0.924)").isGreaterThanOrEqualTo(0.90);
        assertThat(s[4]).isEqualTo(2025);
    }

    @Test
    void ravenStack_holdout30_claimsNoLift() throws IOException {
        Path accounts = tmp.resolve("ravenstack-accounts.csv");
        assertThat(RavenStackAccounts.write(DATA.resolve("ravenstack-saas"), accounts)).isEqualTo(500);
        Run run = Run.of("calibrate", "--csv", accounts.toString(), "--label", "churn_flag", "--positive", "TRUE", "--id", "account_id",
                "--holdout", "0.3", "--out", tmp.resolve("raven.json").toString());

        double[] s = accepted(run, "raven.json");
        assertThat(s[1]).as("interval low").isLessThanOrEqualTo(0.5);
        assertThat(s[2]).as("interval high").isGreaterThanOrEqualTo(0.5);
        assertThat(s[4]).isEqualTo(150);
        assertThat(run.out()).contains("No lift: the AUC's 95% interval");
        assertThat(Files.readString(tmp.resolve("raven.html"), StandardCharsets.UTF_8)).contains("No lift");
    }

    /** Checks what every run must do and returns the summary numbers. */
    private double[] accepted(Run run, String json) throws IOException {
        System.out.printf("%s -> %s (%d ms)%n", json, run.lastLine(), run.millis());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        double[] s = run.summary();
        assertThat(s[1]).isLessThanOrEqualTo(s[0]);
        assertThat(s[2]).isGreaterThanOrEqualTo(s[0]);
        Scorecard card = CsJson.create().read(Files.readString(tmp.resolve(json), StandardCharsets.UTF_8), Scorecard.class);
        assertThat(card.groups()).isNotEmpty();
        String html = Files.readString(tmp.resolve(json.replace(".json", ".html")), StandardCharsets.UTF_8);
        assertThat(html).contains("<svg").contains("ROC curve").contains("Risk by band").contains("Top contributing inputs")
                .doesNotContain("http://cdn").doesNotContain("<script");
        return s;
    }
}
