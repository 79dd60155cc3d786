package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void run_fiveFolds_eachJudgedOnUnseenRows() {
        TrainingSet data = Synthetic.set(3, 2000);

        CrossValidation cv = CrossValidation.run(data, ScorecardFitter.ofDefaults(), 5, 0, 42);

        assertThat(cv.folds()).hasSize(5);
        assertThat(cv.folds().stream().mapToInt(Evaluation::rows).sum()).isEqualTo(2000);
        assertThat(cv.meanAuc()).isGreaterThan(0.8);
        assertThat(cv.sdAuc()).isLessThan(0.05);
        assertThat(cv.toString()).startsWith("CrossValidation[5 folds, AUC 0.");
    }
}
