package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardFeaturesTest {
    private static final LocalDate MAY_10 = LocalDate.of(2026, 5, 10);

    private static Features write(Account account, LocalDate asOf) {
        Features.Builder b = Features.builder(FeatureSchema.of(StandardFeatures.names()));
        StandardFeatures.write(account, asOf, b);
        return b.build();
    }

    @Test
    void write_revisedAcmeOnMay10_givesThePlanFacts() {
        Features f = write(Fixtures.revisedAccount(), MAY_10);

        // close-days 10 -> 5 against target 3 with 3 measurements by May 10: 5/7.
        assertThat(f.get(StandardFeatures.OUTCOME_ATTAINMENT)).hasValueSatisfying(x -> {
            assertThat(x.value()).isCloseTo(5.0 / 7.0, within(1e-12));
            assertThat(x.observations()).isEqualTo(3);
        });
        // 4 milestones: setup on time, first-close late, rollout overdue, qbr open.
        assertThat(f.value(StandardFeatures.MILESTONES_ACHIEVED)).hasValue(0.5);
        assertThat(f.value(StandardFeatures.MILESTONES_ON_TIME)).hasValue(0.25);
        assertThat(f.value(StandardFeatures.MILESTONES_OVERDUE)).hasValue(1.0);
        assertThat(f.get(StandardFeatures.MILESTONES_OVERDUE).orElseThrow().observations()).isEqualTo(4);
        assertThat(f.value(StandardFeatures.NEXT_PHASE_DEFINED)).hasValue(1.0);
        assertThat(f.value(StandardFeatures.HAS_PLAN)).hasValue(1.0);
        // rollout was due 2026-04-30: 10 days overdue on May 10; first value was achieved, so it is not overdue.
        assertThat(f.value(StandardFeatures.MAX_DAYS_OVERDUE)).hasValue(10.0);
        assertThat(f.value(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE)).isEmpty();
        // contract 2026-01-15 .. 2027-01-15; first value 2026-03-12.
        assertThat(f.value(StandardFeatures.DAYS_TO_FIRST_VALUE)).hasValue(56.0);
        assertThat(f.value(StandardFeatures.DAYS_SINCE_START)).hasValue(115.0);
        assertThat(f.value(StandardFeatures.DAYS_TO_RENEWAL)).hasValue(250.0);
        assertThat(f.value(StandardFeatures.ARR)).hasValue(120000.0);
    }

    @Test
    void write_accountWithoutPlan_leavesPlanFeaturesMissing() {
        Features f = write(Fixtures.accountBuilder().successPlan(java.util.Optional.empty()).build(), MAY_10);

        assertThat(f.value(StandardFeatures.HAS_PLAN)).hasValue(0.0);
        assertThat(f.value(StandardFeatures.OUTCOME_ATTAINMENT)).isEmpty();
        assertThat(f.value(StandardFeatures.MILESTONES_ACHIEVED)).isEmpty();
        assertThat(f.value(StandardFeatures.DAYS_TO_FIRST_VALUE)).isEmpty();
        assertThat(f.value(StandardFeatures.DAYS_TO_RENEWAL)).hasValue(250.0);
    }

    @Test
    void write_firstValueNotYetReached_countsItsDaysOverdue() {
        // first-close was due 2026-03-10 and achieved 2026-03-12: on 2026-03-11 it is one day overdue.
        Features f = write(Fixtures.account(), LocalDate.of(2026, 3, 11));

        assertThat(f.value(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE)).hasValue(1.0);
        assertThat(f.value(StandardFeatures.MAX_DAYS_OVERDUE)).hasValue(1.0);
    }

    @Test
    void write_beforeTheFirstMeasurement_leavesAttainmentMissing() {
        Features f = write(Fixtures.account(), LocalDate.of(2026, 3, 1));

        assertThat(f.value(StandardFeatures.OUTCOME_ATTAINMENT)).isEmpty();
        assertThat(f.value(StandardFeatures.DAYS_TO_FIRST_VALUE)).isEmpty();
    }

    @Test
    void write_schemaWithoutAStandardFeature_namesIt() {
        List<String> names = new ArrayList<>(StandardFeatures.names());
        names.remove(StandardFeatures.ARR);
        Features.Builder b = Features.builder(FeatureSchema.of(names));

        Violations.assertViolation(() -> StandardFeatures.write(Fixtures.account(), MAY_10, b), "feature",
                "unknown feature 'contract.arr'; known features: " + String.join(", ", names));
    }
}
