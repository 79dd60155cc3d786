package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class ScoreHistoryColumnsTest {
    private static final Instant T1 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-08T00:00:00Z");

    @Test
    void points_keepTheirOrderAndScores() {
        ScoreHistoryColumns h = ScoreHistoryColumns.builder(2).point(T1, new double[] {40, Double.NaN})
                .point(T2, new double[] {45, 70}).build();

        assertThat(h.points()).isEqualTo(2);
        assertThat(h.time(1)).isEqualTo(T2);
        assertThat(h.scores(0)).containsExactly(40, Double.NaN);
        assertThat(ScoreHistoryColumns.empty(2).points()).isZero();
    }

    @Test
    void badPoints_areRejectedNamingPointRowAndValue() {
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T2, new double[2]).point(T1, new double[2]).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("history[1] at " + T1 + " is not after history[0] at " + T2
                        + ": points must be in strictly increasing time order");
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new double[] {3, 101}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("score is 101.0 in row 1 of history[0]; a score must be in [0, 100], or NaN where not scored");
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new double[3]).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'history[0]' has 3 values for 2 rows");
    }

    @Test
    void floatPoints_readWidened_besideDoublePoints() {
        ScoreHistoryColumns h = ScoreHistoryColumns.builder(2).point(T1, new double[] {40.1, Double.NaN})
                .point(T2, new float[] {45.1f, Float.NaN}).build();

        assertThat(h.floatScores(1)).containsExactly(45.1f, Float.NaN);
        assertThat(h.scores(1)).as("held as floats").isNull();
        assertThat(h.floatScores(0)).as("held as doubles").isNull();
        assertThat(h.score(1, 0)).isEqualTo((double) 45.1f);
        assertThat(h.score(0, 0)).isEqualTo(40.1);
        assertThat(h.score(1, 1)).isNaN();
    }

    @Test
    void badFloatPoints_areRejectedNamingPointRowAndValue() {
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new float[] {3, 100.5f}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("score is 100.5 in row 1 of history[0]; a score must be in [0, 100], or NaN where not scored");
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new float[] {Float.NEGATIVE_INFINITY, 3}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("score is -Infinity in row 0 of history[0]; a score must be in [0, 100], or NaN where not scored");
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new float[1]).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'history[0]' has 1 values for 2 rows");
    }
}
