package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cskit.model.json.CsJson;
import org.cskit.cli.Run;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.calibration.Splits;
import org.cskit.scoring.calibration.TrainingSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance runs of {@code calibrate}, each judged only on rows its fit never saw:
 * the linear fitter, the additive fitter and a gradient boosting reference (XGBoost, test scope)
 * fitted on the same split in the same run. Telco, mlc_churn and RavenStack ship in
 * {@code src/main/resources/data}; BankChurners may not be copied into the project, so its run
 * reads {@code ../shared/data} and is skipped where that folder is absent. The table of results is
 * printed at the end.
 */
class CalibrateAcceptanceTest {
    static final Path DATA = Path.of("src/main/resources/data");
    static final Path SHARED = Path.of("../../shared/data");
    private static final String NB = "Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_";
    private static final List<String> TABLE = new ArrayList<>();

    @TempDir
    Path tmp;

    @Test
    void telco_holdout20_additiveWithinAPointOfGradientBoosting() throws Exception {
        Path csv = DATA.resolve("ibm-telco-customer-churn/Telco-Customer-Churn.csv");
        String[] args = {"--csv", csv.toString(), "--label", "Churn", "--positive", "Yes", "--id", "customerID", "--holdout", "0.2",
            "--seed", "42"};
        double[] linear = accepted(run("telco.json", "linear", args), "telco.json");
        assertThat(linear[0]).as("holdout AUC (reference LR 0.842)").isGreaterThanOrEqualTo(0.83);
        assertThat(linear[0]).as("holdout AUC vs naive AUC %s", linear[3]).isGreaterThanOrEqualTo(linear[3] + 0.03);
        assertThat(linear[4]).isEqualTo(1409);

        TrainingSet all = GradientBoostingReference.rows(csv, "Churn", "Yes", Set.of("customerID"));
        Splits.Split split = Splits.holdout(all.outcomes(), 0.2, 42);
        compare("IBM Telco, stratified holdout 20%", linear, args, "telco-additive.json", all, split);
    }

    @Test
    void mlcChurn_rows1to3333_thenRows3334to5000() throws Exception {
        Path csv = DATA.resolve("modeldata-mlc-churn/mlc_churn.csv");
        String[] args = {"--csv", csv.toString(), "--label", "churn", "--positive", "yes", "--train-rows", "1-3333", "--test-rows",
            "3334-5000"};
        double[] linear = accepted(run("mlc.json", "linear", args), "mlc.json");
        assertThat(linear[0]).as("holdout AUC (reference LR 0.838)").isGreaterThanOrEqualTo(0.83);
        assertThat(linear[4]).isEqualTo(1667);

        TrainingSet all = GradientBoostingReference.rows(csv, "churn", "yes", Set.of());
        compare("mlc_churn, rows 1-3333 -> 3334-5000", linear, args, "mlc-additive.json", all, Splits.ranges(all.size(), 1, 3333, 3334, 5000));
    }

    @Test
    void bankChurners_holdout20_withoutTheLeakingColumns() throws Exception {
        Path csv = SHARED.resolve("credit-card-bankchurners/BankChurners.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "skipped: BankChurners states no licence, so it is not copied into the project;"
                + " this run reads " + csv.toAbsolutePath().normalize() + ", which is absent here");
        String[] args = {"--csv", csv.toString(), "--label", "Attrition_Flag", "--positive", "Attrited Customer", "--id", "CLIENTNUM",
            "--drop", NB + "1," + NB + "2", "--holdout", "0.2"};
        double[] linear = accepted(run("bank.json", "linear", args), "bank.json");
        assertThat(linear[0]).as("holdout AUC (reference LR 0.924)").isGreaterThanOrEqualTo(0.90);
        assertThat(linear[4]).isEqualTo(2025);

        TrainingSet all = GradientBoostingReference.rows(csv, "Attrition_Flag", "Attrited Customer", Set.of("CLIENTNUM", NB + "1", NB + "2"));
        compare("BankChurners, stratified holdout 20%", linear, args, "bank-additive.json", all, Splits.holdout(all.outcomes(), 0.2, 42));
    }

    @Test
    void ravenStack_holdout30_claimsNoLift_withEitherFitter() throws IOException {
        Path accounts = tmp.resolve("ravenstack-accounts.csv");
        assertThat(RavenStackAccounts.write(DATA.resolve("ravenstack-saas"), accounts)).isEqualTo(500);
        String[] args = {"--csv", accounts.toString(), "--label", "churn_flag", "--positive", "TRUE", "--id", "account_id",
            "--holdout", "0.3"};
        StringBuilder row = new StringBuilder("| RavenStack (negative control), holdout 30% |");
        for (String fitter : List.of("linear", "additive")) {
            Run run = run("raven-" + fitter + ".json", fitter, args);
            double[] s = accepted(run, "raven-" + fitter + ".json");
            assertThat(s[1]).as("%s: interval low", fitter).isLessThanOrEqualTo(0.5);
            assertThat(s[2]).as("%s: interval high", fitter).isGreaterThanOrEqualTo(0.5);
            assertThat(s[4]).isEqualTo(150);
            assertThat(run.out()).contains("No lift: the AUC's 95% interval");
            assertThat(Files.readString(tmp.resolve("raven-" + fitter + ".html"), StandardCharsets.UTF_8)).contains("No lift");
            row.append(String.format(Locale.ROOT, " %.4f [%.4f, %.4f] |", s[0], s[1], s[2]));
        }
        TABLE.add(row.append(" not fitted |").toString());
    }

    @AfterAll
    static void printTable() {
        System.out.println("| data | cskit linear | cskit additive | gradient boosting (XGBoost 3.4.0) |");
        System.out.println("|---|---|---|---|");
        TABLE.forEach(System.out::println);
    }

    private Run run(String json, String fitter, String... args) {
        List<String> all = new ArrayList<>(List.of("calibrate"));
        all.addAll(List.of(args));
        all.addAll(List.of("--fitter", fitter, "--out", tmp.resolve(json).toString()));
        return Run.of(all.toArray(String[]::new));
    }

    /** Fits the additive scorecard and the reference on the same split, and checks the targets. */
    private void compare(String data, double[] linear, String[] args, String json, TrainingSet all, Splits.Split split) throws Exception {
        double[] additive = accepted(run(json, "additive", args), json);
        Evaluation reference = GradientBoostingReference.fit(all, split, 42);
        TABLE.add(String.format(Locale.ROOT, "| %s | %.4f [%.4f, %.4f] | %.4f [%.4f, %.4f] | %.4f [%.4f, %.4f] |", data, linear[0], linear[1],
                linear[2], additive[0], additive[1], additive[2], reference.auc(), reference.aucLow(), reference.aucHigh()));
        assertThat(additive[4]).isEqualTo(linear[4]).isEqualTo(reference.rows());
        assertThat(additive[0]).as("additive vs gradient boosting %s", reference.auc()).isGreaterThanOrEqualTo(reference.auc() - 0.01);
        assertThat(additive[0]).as("additive vs linear").isGreaterThanOrEqualTo(linear[0]);
        Scorecard card = CsJson.create().read(Files.readString(tmp.resolve(json), StandardCharsets.UTF_8), Scorecard.class);
        assertThat(card.groups().stream().flatMap(g -> g.inputs().stream()).filter(i -> i.normalizer() instanceof Normalizer.Grid))
                .as("interaction tables").isNotEmpty();
        assertThat(Files.readString(tmp.resolve(json.replace(".json", ".html")), StandardCharsets.UTF_8))
                .contains("Shapes of the top inputs", "aria-label=\"shape of ", "<h2>Interactions</h2>", "aria-label=\"heat map of ");
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
