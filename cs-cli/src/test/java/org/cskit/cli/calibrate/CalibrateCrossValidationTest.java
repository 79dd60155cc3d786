package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cskit.scoring.calibration.CrossValidation;
import org.cskit.scoring.calibration.Evaluation;
import org.cskit.scoring.calibration.FitOptions;
import org.cskit.scoring.calibration.ScorecardFitter;
import org.cskit.scoring.calibration.Splits;
import org.cskit.scoring.calibration.TrainingSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 5-fold cross-validation note, opt-in because it fits fifteen times per data set
 * (about two and a half minutes on two cores):
 * {@code mvn -B -pl cs-cli -am test -Dtest=CalibrateCrossValidationTest -Dsurefire.failIfNoSpecifiedTests=false -Dcskit.cv=true}.
 * Stratified folds (seed 42) over every row; the linear fitter, the additive fitter and the
 * XGBoost reference each fit on four folds and are judged on the fifth; the mean AUC is printed
 * with the folds' standard deviation, and the additive fitter's mean must be within 0.01 of the
 * reference's and not below the linear fitter's.
 */
@EnabledIfSystemProperty(named = "cskit.cv", matches = "true")
class CalibrateCrossValidationTest {
    private static final String NB = "Naive_Bayes_Classifier_Attrition_Flag_Card_Category_Contacts_Count_12_mon_Dependent_count_Education_Level_Months_Inactive_12_mon_";

    @ParameterizedTest
    @ValueSource(strings = {"telco", "mlc", "bank"})
    void fiveFold_additiveWithinAPointOfGradientBoosting(String data) throws Exception {
        TrainingSet all = switch (data) {
            case "telco" -> GradientBoostingReference.rows(CalibrateAcceptanceTest.DATA.resolve("ibm-telco-customer-churn/Telco-Customer-Churn.csv"),
                    "Churn", "Yes", Set.of("customerID"));
            case "mlc" -> GradientBoostingReference.rows(CalibrateAcceptanceTest.DATA.resolve("modeldata-mlc-churn/mlc_churn.csv"), "churn", "yes",
                    Set.of());
            default -> {
                Path csv = CalibrateAcceptanceTest.SHARED.resolve("credit-card-bankchurners/BankChurners.csv");
                Assumptions.assumeTrue(Files.isRegularFile(csv), "skipped: " + csv + " is absent");
                yield GradientBoostingReference.rows(csv, "Attrition_Flag", "Attrited Customer", Set.of("CLIENTNUM", NB + "1", NB + "2"));
            }
        };
        CrossValidation linear = CrossValidation.run(all, ScorecardFitter.ofDefaults(), 5, 0, 42);
        CrossValidation additive = CrossValidation.run(all, ScorecardFitter.of(FitOptions.builder().method(FitOptions.Method.ADDITIVE).build()),
                5, 0, 42);
        List<Splits.Split> folds = Splits.kFold(all.outcomes(), 5, 42);
        double[] reference = new double[folds.size()];
        for (int f = 0; f < folds.size(); f++) {
            Evaluation e = GradientBoostingReference.fit(all, folds.get(f), 42);
            reference[f] = e.auc();
        }
        double refMean = java.util.Arrays.stream(reference).average().orElseThrow();
        double refSd = Math.sqrt(java.util.Arrays.stream(reference).map(a -> (a - refMean) * (a - refMean)).sum() / (reference.length - 1));
        System.out.printf(Locale.ROOT, "| %s 5-fold | %.4f ± %.4f | %.4f ± %.4f | %.4f ± %.4f |%n", data, linear.meanAuc(), linear.sdAuc(),
                additive.meanAuc(), additive.sdAuc(), refMean, refSd);

        assertThat(additive.meanAuc()).isGreaterThanOrEqualTo(refMean - 0.01);
        assertThat(additive.meanAuc()).isGreaterThanOrEqualTo(linear.meanAuc());
    }
}
