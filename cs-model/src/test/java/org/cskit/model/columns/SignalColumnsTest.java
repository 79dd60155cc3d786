package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class SignalColumnsTest {

    @Test
    void columns_wrapSortedObservations_andMayUseAPrefixOfLongerBuffers() {
        SignalColumn logins = SignalColumn.of("logins", new int[] {0, 0, 2, 9}, new long[] {5, 5, 1, 0},
                new double[] {1, 2, 3, 4}, 3);
        SignalColumns signals = SignalColumns.of(3, List.of(logins));

        assertThat(signals.column("logins").count()).isEqualTo(3);
        assertThat(signals.column("tickets")).isNull();
        assertThat(signals.rows()).isEqualTo(3);
    }

    @Test
    void badObservations_areRejectedNamingSignalIndexAndValue() {
        assertThatThrownBy(() -> SignalColumn.of("logins", new int[] {0, 1}, new long[] {1}, new double[] {1, 2}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' has 2 rows, 1 times and 2 values; give one of each per observation");
        assertThatThrownBy(() -> SignalColumn.of("logins", new int[] {0, 1}, new long[] {1, 2}, new double[] {1, Double.NaN}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 1 (row 1) has value NaN; values must be finite");
        assertThatThrownBy(() -> SignalColumn.of("logins", new int[] {0, -1}, new long[] {1, 2}, new double[] {1, 2}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 1 has row -1; rows are not negative");
        assertThatThrownBy(() -> SignalColumn.of("logins", new int[] {1, 0}, new long[] {1, 2}, new double[] {1, 2}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 1 (row 0, time 2) comes after observation 0 (row 1, time 1); "
                        + "sort by row, then by time");
        assertThatThrownBy(() -> SignalColumn.of("logins", new int[] {1, 1}, new long[] {5, 4}, new double[] {1, 2}))
                .isInstanceOf(ValidationException.class).hasMessageContaining("observation 1 (row 1, time 4)");
        SignalColumn beyond = SignalColumn.of("logins", new int[] {0, 3, 4}, new long[] {1, 1, 1}, new double[] {1, 2, 3});
        assertThatThrownBy(() -> SignalColumns.of(3, List.of(beyond))).isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 1 has row 3, but the portfolio has 3 rows");
        SignalColumn ok = SignalColumn.of("logins", new int[0], new long[0], new double[0]);
        assertThatThrownBy(() -> SignalColumns.of(3, List.of(ok, ok))).isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' is given twice");
    }

    @Test
    void latestTime_isTheGreatestTimeOfTheCount_orMinValueWhenEmpty() {
        SignalColumn c = SignalColumn.of("logins", new int[] {0, 0, 1, 1}, new long[] {5, 9, 7, 99}, new double[] {1, 2, 3, 4}, 3);

        assertThat(c.latestTime()).as("the fourth entry is beyond the count").isEqualTo(9L);
        assertThat(SignalColumn.of("logins", new int[0], new long[0], new double[0]).latestTime()).isEqualTo(Long.MIN_VALUE);
    }
}
