package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Fixtures;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class PlanColumnsTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(StandardFeatures.names());
    private static final LocalDate MAY_10 = LocalDate.of(2026, 5, 10);

    @Test
    void writeFeatures_writesOnlyThePlanFeaturesTheSchemaHas_andLeavesTheContractsAlone() {
        FeatureSchema some = FeatureSchema.of(List.of(StandardFeatures.HAS_PLAN, StandardFeatures.ARR, "logins"));
        FeatureColumns into = FeatureColumns.allocate(some, 2);

        PlanColumns.of(List.of(Fixtures.account(), Fixtures.accountBuilder().successPlan(Optional.empty()).build()))
                .writeFeatures(MAY_10, into, 0);

        assertThat(into.doubles(0)).containsExactly(1, 0);
        assertThat(into.doubles(1)).as("a contract feature").containsOnly(Double.NaN);
        assertThat(into.doubles(2)).containsOnly(Double.NaN);
        assertThat(PlanColumns.featureNames()).hasSize(StandardFeatures.names().size() - 3)
                .doesNotContain(StandardFeatures.ARR, StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.DAYS_SINCE_START);
    }

    @Test
    void writeFeatures_rowsThatDoNotFit_areRefusedAndNothingIsWritten() {
        PlanColumns one = PlanColumns.of(List.of(Fixtures.account()));
        FeatureColumns into = FeatureColumns.allocate(SCHEMA, 1);

        assertThatThrownBy(() -> one.writeFeatures(MAY_10, into, 1))
                .isInstanceOf(ValidationException.class).hasMessage("rows 1 to 2 do not fit in into's 1 rows");
        assertThatThrownBy(() -> one.writeFeatures(MAY_10, into, -1))
                .isInstanceOf(ValidationException.class).hasMessage("rows -1 to 0 do not fit in into's 1 rows");
        for (int f = 0; f < SCHEMA.size(); f++) {
            assertThat(into.value(f, 0)).isNaN();
        }
    }

    @Test
    void writeFeatures_intoAColumnNotHeldAsDoublesWithCounts_isRefusedNamingTheFeature_beforeAnythingIsWritten() {
        FeatureSchema schema = FeatureSchema.of(List.of(StandardFeatures.HAS_PLAN, StandardFeatures.MILESTONES_OVERDUE));
        double[] hasPlan = new double[1];
        Arrays.fill(hasPlan, Double.NaN);
        FeatureColumns into = FeatureColumns.builder(schema, 1).feature(StandardFeatures.HAS_PLAN, hasPlan)
                .observations(StandardFeatures.HAS_PLAN, new int[1])
                .feature(StandardFeatures.MILESTONES_OVERDUE, new int[1]).build();

        assertThatThrownBy(() -> PlanColumns.of(List.of(Fixtures.account())).writeFeatures(MAY_10, into, 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("into must hold feature 'plan.milestones_overdue' as a double column with observation counts "
                        + "(as FeatureColumns.allocate makes)");
        assertThat(hasPlan[0]).isNaN();
    }

    @Test
    void add_aDayBeyondTheRange_isRefusedNamingIt_andAddsNothing() {
        Account far = Fixtures.accountBuilder().successPlan(Fixtures.planBuilder().lastReviewOn(LocalDate.of(3_000_000, 1, 1)).build())
                .build();
        PlanColumns.Builder b = PlanColumns.builder().add(Fixtures.account());

        assertThatThrownBy(() -> b.add(far))
                .isInstanceOf(ValidationException.class)
                .hasMessage("accounts[1].plans[0].lastReviewOn is +3000000-01-01; plan columns hold days within about 2.9 million "
                        + "years of 1970");
        assertThat(b.add(Fixtures.account()).build().rows()).as("the refused account left no row").isEqualTo(2);
    }
}
