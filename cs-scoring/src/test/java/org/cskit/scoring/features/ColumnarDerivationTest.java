package org.cskit.scoring.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.junit.jupiter.api.Test;

class ColumnarDerivationTest {
    private static final Instant AS_OF = Instant.parse("2026-05-15T00:00:00Z");
    private static final long DAY = 86_400_000L;
    private static final FeatureDeriver DERIVER = FeatureDeriver.of(List.of(
            FeatureDefinition.of("logins_7d", "logins", Aggregate.SUM, Duration.ofDays(7)),
            FeatureDefinition.of("last_login", "logins", Aggregate.DAYS_SINCE_LAST, Duration.ofDays(30))));

    private static long daysBefore(double days) {
        return AS_OF.toEpochMilli() - (long) (days * DAY);
    }

    @Test
    void derive_writesEveryRow_missingAsNaNWithNoObservations() {
        // row 0: 3 at day 1.5, 4 at day 6; row 1: nothing; row 2: 5 at day 10 (outside 7 days, inside 30).
        SignalColumn logins = SignalColumn.of("logins", new int[] {0, 0, 2}, new long[] {daysBefore(6), daysBefore(1.5), daysBefore(10)},
                new double[] {4, 3, 5});
        FeatureColumns into = FeatureColumns.allocate(DERIVER.schema(), 3);

        DERIVER.derive(SignalColumns.of(3, List.of(logins)), AS_OF, into);

        assertThat(into.doubles(0)).containsExactly(7, 0, 0);
        assertThat(into.observations(0)).containsExactly(2, 0, 0);
        assertThat(into.doubles(1)).containsExactly(1.5, Double.NaN, 10);
        assertThat(into.observations(1)).containsExactly(1, 0, 1);
    }

    @Test
    void observationAfterAsOf_isRejected_andNothingIsWritten() {
        SignalColumn logins = SignalColumn.of("logins", new int[] {0, 1}, new long[] {daysBefore(1), AS_OF.toEpochMilli() + 1},
                new double[] {4, 3});
        FeatureColumns into = FeatureColumns.allocate(DERIVER.schema(), 2);
        into.doubles(0)[0] = 42;

        assertThatThrownBy(() -> DERIVER.derive(SignalColumns.of(2, List.of(logins)), AS_OF, into))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 1 (row 1) at 2026-05-15T00:00:00.001Z is after the as-of time "
                        + "2026-05-15T00:00:00Z");
        assertThat(into.doubles(0)).containsExactly(42, Double.NaN);
        assertThat(into.observations(0)).containsExactly(0, 0);
    }

    @Test
    void outputThatCannotHoldTheFeatures_isRejected() {
        SignalColumns none = SignalColumns.of(2, List.of());
        assertThatThrownBy(() -> DERIVER.derive(none, AS_OF, FeatureColumns.allocate(FeatureSchema.of("logins_7d"), 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("into must hold feature 'last_login' as a double column with observation counts "
                        + "(as FeatureColumns.allocate makes), but its schema lacks it");
        FeatureColumns ints = FeatureColumns.builder(DERIVER.schema(), 2).feature("logins_7d", new int[2]).build();
        assertThatThrownBy(() -> DERIVER.derive(none, AS_OF, ints)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("but it is a INT column");
        assertThatThrownBy(() -> DERIVER.derive(none, AS_OF, FeatureColumns.allocate(DERIVER.schema(), 3)))
                .isInstanceOf(ValidationException.class).hasMessage("into has 3 rows, but the signals are of 2 accounts");
    }

    @Test
    void derive_aSliceIntoItsRows_leavesTheOtherRowsAlone() {
        SignalColumn logins = SignalColumn.of("logins", new int[] {0, 1}, new long[] {daysBefore(1), daysBefore(2)}, new double[] {4, 3});
        FeatureColumns into = FeatureColumns.allocate(DERIVER.schema(), 5);

        DERIVER.derive(SignalColumns.of(2, List.of(logins)), AS_OF, into, 3);

        assertThat(into.doubles(0)).containsExactly(Double.NaN, Double.NaN, Double.NaN, 4, 3);
        assertThatThrownBy(() -> DERIVER.derive(SignalColumns.of(2, List.of(logins)), AS_OF, into, 4))
                .isInstanceOf(ValidationException.class).hasMessage("rows 4 to 6 do not fit in into's 5 rows");
    }
}
