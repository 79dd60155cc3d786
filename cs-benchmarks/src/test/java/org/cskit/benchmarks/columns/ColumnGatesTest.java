package org.cskit.benchmarks.columns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmarks' gates: the floors, the column paths and the object paths do the same work. */
class ColumnGatesTest {

    @Test
    void derivation_columnsFloorAndObjectsAgreeOnEveryAccount() {
        FeatureDerivationBenchmark.Inputs in = FeatureDerivationBenchmark.Inputs.make();

        assertThat(in.disagreement()).isNull();
        assertThat((double) in.observations() / FeatureDerivationBenchmark.ACCOUNTS).as("observations per account")
                .isBetween(80.0, 120.0);
    }

    @Test
    void scoring_columnsFloorAndObjectsAgreeOnEveryAccount() {
        assertThat(ColumnScoringBenchmark.Data.make().disagreement()).isNull();
    }
}
