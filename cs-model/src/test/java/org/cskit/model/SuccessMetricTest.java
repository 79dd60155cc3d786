package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SuccessMetricTest {

    private static SuccessMetric.Builder metric(MetricDirection direction, double baseline, double target) {
        return SuccessMetric.builder()
                .id(MetricId.of("m"))
                .name("Seats used")
                .unit("seats")
                .direction(direction)
                .baseline(baseline)
                .target(target)
                .measurementMethod("License report");
    }

    private static SuccessMetric higher() {
        return metric(MetricDirection.HIGHER_IS_BETTER, 20, 60).build();
    }

    private static SuccessMetric lower() {
        return metric(MetricDirection.LOWER_IS_BETTER, 10, 2).build();
    }

    // --- rules

    @Test
    void build_blankName_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, 1).name(" ").build(), "name",
                "name must not be blank, but was ' '");
    }

    @Test
    void build_blankUnit_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, 1).unit("").build(), "unit",
                "unit must not be blank, but was ''");
    }

    @Test
    void build_blankMeasurementMethod_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, 1).measurementMethod("\n").build(),
                "measurementMethod", "measurementMethod must not be blank, but was '\\n'");
    }

    @Test
    void build_nanBaseline_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, Double.NaN, 1).build(), "baseline",
                "baseline must be a finite number, but was NaN");
    }

    @Test
    void build_infiniteTarget_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, Double.POSITIVE_INFINITY).build(), "target",
                "target must be a finite number, but was Infinity");
    }

    @Test
    void build_targetEqualsBaseline_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 10, 10).build(), "target",
                "metric 'Seats used' target 10 must differ from its baseline");
    }

    @Test
    void build_higherIsBetterWithTargetBelowBaseline_isRejected() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 10, 5).build(), "target",
                "metric 'Seats used' is HIGHER_IS_BETTER but its target 5 is below its baseline 10");
    }

    @Test
    void build_lowerIsBetterWithTargetAboveBaseline_isRejected() {
        assertViolation(() -> metric(MetricDirection.LOWER_IS_BETTER, 2.5, 12).build(), "target",
                "metric 'Seats used' is LOWER_IS_BETTER but its target 12 is above its baseline 2.5");
    }

    @Test
    void build_measurementAtSameTime_isRejected() {
        Instant t = Instant.parse("2026-03-06T09:00:00Z");
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, 1)
                        .addMeasurements(Measurement.of(t, 1), Measurement.of(t, 2)).build(),
                "measurements[1]", "metric 'Seats used' measurements[1] at 2026-03-06T09:00:00Z is not after "
                        + "measurements[0] at 2026-03-06T09:00:00Z: measurements must be in strictly increasing time order");
    }

    @Test
    void build_measurementEarlierThanPrevious_isRejectedAtItsIndex() {
        assertViolation(() -> metric(MetricDirection.HIGHER_IS_BETTER, 0, 1)
                        .addMeasurements(
                                Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), 1),
                                Measurement.of(Instant.parse("2026-03-02T00:00:00Z"), 1),
                                Measurement.of(Instant.parse("2026-03-01T12:00:00Z"), 1))
                        .build(),
                "measurements[2]", "metric 'Seats used' measurements[2] at 2026-03-01T12:00:00Z is not after "
                        + "measurements[1] at 2026-03-02T00:00:00Z: measurements must be in strictly increasing time order");
    }

    // --- attainmentOf

    @Test
    void attainmentOf_higherIsBetween_isShareOfTheWay() {
        // (50 - 20) / (60 - 20) = 30 / 40
        assertThat(higher().attainmentOf(50)).isEqualTo(0.75);
    }

    @Test
    void attainmentOf_higherAtBaselineAndTarget_isZeroAndOne() {
        assertThat(higher().attainmentOf(20)).isEqualTo(0.0);
        assertThat(higher().attainmentOf(60)).isEqualTo(1.0);
    }

    @Test
    void attainmentOf_higherBeyondTarget_isAboveOne() {
        // (70 - 20) / 40
        assertThat(higher().attainmentOf(70)).isEqualTo(1.25);
    }

    @Test
    void attainmentOf_higherBelowBaseline_isNegative() {
        // (10 - 20) / 40
        assertThat(higher().attainmentOf(10)).isEqualTo(-0.25);
    }

    @Test
    void attainmentOf_lowerIsBetween_isShareOfTheWay() {
        // (6 - 10) / (2 - 10) = -4 / -8
        assertThat(lower().attainmentOf(6)).isEqualTo(0.5);
    }

    @Test
    void attainmentOf_lowerBeyondTarget_isAboveOne() {
        // (0 - 10) / -8
        assertThat(lower().attainmentOf(0)).isEqualTo(1.25);
    }

    @Test
    void attainmentOf_lowerWorseThanBaseline_isNegative() {
        // (12 - 10) / -8
        assertThat(lower().attainmentOf(12)).isEqualTo(-0.25);
    }

    @Test
    void attainmentOf_nan_isRejected() {
        assertViolation(() -> higher().attainmentOf(Double.NaN), "value", "value must be a finite number, but was NaN");
    }

    // --- latestAsOf and attainmentAsOf

    @Test
    void latestAsOf_lastSecondOfTheDay_counts() {
        SuccessMetric m = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-03-31T23:59:59Z"), 30))
                .addMeasurements(Measurement.of(Instant.parse("2026-04-01T00:00:00Z"), 40))
                .build();

        assertThat(m.latestAsOf(LocalDate.of(2026, 3, 31))).contains(Measurement.of(Instant.parse("2026-03-31T23:59:59Z"), 30));
    }

    @Test
    void latestAsOf_midnightOfTheNextDay_countsForTheNextDayOnly() {
        SuccessMetric m = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-04-01T00:00:00Z"), 40))
                .build();

        assertThat(m.latestAsOf(LocalDate.of(2026, 3, 31))).isEmpty();
        assertThat(m.latestAsOf(LocalDate.of(2026, 4, 1))).contains(Measurement.of(Instant.parse("2026-04-01T00:00:00Z"), 40));
    }

    @Test
    void latestAsOf_laterDay_isTheLastMeasurement() {
        SuccessMetric m = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-03-01T10:00:00Z"), 30))
                .addMeasurements(Measurement.of(Instant.parse("2026-03-15T10:00:00Z"), 35))
                .build();

        assertThat(m.latestAsOf(LocalDate.of(2026, 3, 14)).map(Measurement::value)).contains(30.0);
        assertThat(m.latestAsOf(LocalDate.of(2027, 1, 1)).map(Measurement::value)).contains(35.0);
    }

    @Test
    void latestAsOf_noMeasurements_isEmpty() {
        assertThat(higher().latestAsOf(LocalDate.of(2030, 1, 1))).isEmpty();
    }

    @Test
    void attainmentAsOf_measured_restsOnTheLatestMeasurement() {
        Measurement first = Measurement.of(Instant.parse("2026-03-01T10:00:00Z"), 6);
        SuccessMetric m = metric(MetricDirection.LOWER_IS_BETTER, 10, 2)
                .addMeasurements(first)
                .addMeasurements(Measurement.of(Instant.parse("2026-04-01T10:00:00Z"), 12))
                .build();

        // (6 - 10) / (2 - 10) = 0.5
        assertThat(m.attainmentAsOf(LocalDate.of(2026, 3, 31))).contains(new Attainment(MetricId.of("m"), 0.5, first));
        // (12 - 10) / -8 = -0.25: a regression stays visible
        assertThat(m.attainmentAsOf(LocalDate.of(2026, 4, 1)).map(Attainment::ratio)).contains(-0.25);
    }

    @Test
    void attainmentAsOf_beyondTarget_isNotClamped() {
        SuccessMetric m = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-03-01T10:00:00Z"), 80))
                .build();

        // (80 - 20) / 40 = 1.5
        assertThat(m.attainmentAsOf(LocalDate.of(2026, 3, 1)).map(Attainment::ratio)).contains(1.5);
    }

    @Test
    void attainmentAsOf_beforeFirstMeasurement_isEmpty() {
        SuccessMetric m = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-03-01T10:00:00Z"), 30))
                .build();

        assertThat(m.attainmentAsOf(LocalDate.of(2026, 2, 28))).isEmpty();
    }

    // --- meets

    @Test
    void meets_higherIsBetter_atOrAboveThreshold() {
        assertThat(higher().meets(35, 35)).isTrue();
        assertThat(higher().meets(36, 35)).isTrue();
        assertThat(higher().meets(34.9, 35)).isFalse();
    }

    @Test
    void meets_lowerIsBetter_atOrBelowThreshold() {
        assertThat(lower().meets(9, 9)).isTrue();
        assertThat(lower().meets(8, 9)).isTrue();
        assertThat(lower().meets(9.1, 9)).isFalse();
    }

    // --- immutability

    @Test
    void measurements_returned_isUnmodifiable() {
        SuccessMetric m = Fixtures.closeDays();

        assertThatThrownBy(() -> m.measurements().add(Measurement.of(Instant.parse("2027-01-01T00:00:00Z"), 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_builderReusedAfterBuild_leavesBuiltValueAlone() {
        SuccessMetric.Builder b = metric(MetricDirection.HIGHER_IS_BETTER, 20, 60)
                .addMeasurements(Measurement.of(Instant.parse("2026-03-01T10:00:00Z"), 30));
        SuccessMetric built = b.build();

        b.addMeasurements(Measurement.of(Instant.parse("2026-04-01T10:00:00Z"), 40)).name("Other");

        assertThat(built.measurements()).hasSize(1);
        assertThat(built.name()).isEqualTo("Seats used");
    }
}
