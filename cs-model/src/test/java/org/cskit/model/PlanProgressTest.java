package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanProgressTest {

    @ParameterizedTest(name = "{4}")
    @CsvSource({
        "-1, 0, 0, 0, total",
        "0, -1, 0, 0, achieved",
        "0, 0, -1, 0, achievedOnTime",
        "0, 0, 0, -1, overdue"
    })
    void constructor_negativeCount_isRejected(int total, int achieved, int onTime, int overdue, String field) {
        assertViolation(() -> new PlanProgress(total, achieved, onTime, overdue), field,
                field + " must be at least 0, but was -1");
    }

    @ParameterizedTest(name = "{0}/{1}/{2}/{3}")
    @CsvSource({
        "2, 3, 0, 0",
        "3, 1, 2, 0",
        "3, 2, 0, 2",
        "0, 0, 0, 1"
    })
    void constructor_contradictoryCounts_areRejected(int total, int achieved, int onTime, int overdue) {
        assertViolation(() -> new PlanProgress(total, achieved, onTime, overdue), "total",
                "progress counts contradict each other: total " + total + ", achieved " + achieved
                        + ", achievedOnTime " + onTime + ", overdue " + overdue);
    }

    @Test
    void constructor_allAchievedOnTime_isAccepted() {
        assertThat(new PlanProgress(3, 3, 3, 0).achievedShare()).isEqualTo(1.0);
    }

    @Test
    void shares_ofFour_areQuarters() {
        PlanProgress p = new PlanProgress(4, 2, 1, 1);

        assertThat(p.achievedShare()).isEqualTo(0.5);
        assertThat(p.onTimeShare()).isEqualTo(0.25);
        assertThat(p.overdueShare()).isEqualTo(0.25);
    }

    @Test
    void shares_noMilestones_areZero() {
        PlanProgress p = new PlanProgress(0, 0, 0, 0);

        assertThat(p.achievedShare()).isZero();
        assertThat(p.onTimeShare()).isZero();
        assertThat(p.overdueShare()).isZero();
    }
}
