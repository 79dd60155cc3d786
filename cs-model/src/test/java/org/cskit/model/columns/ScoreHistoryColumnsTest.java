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
    void codePoints_readDecoded_besideDoublePoints() {
        ScoreHistoryColumns h = ScoreHistoryColumns.builder(2).point(T1, new double[] {40.1, Double.NaN})
                .point(T2, new char[] {ScoreHistoryColumns.encode(45.13), ScoreHistoryColumns.NOT_SCORED}).build();

        assertThat(h.codes(1)).containsExactly((char) 22565, ScoreHistoryColumns.NOT_SCORED);
        assertThat(h.scores(1)).as("held as codes").isNull();
        assertThat(h.codes(0)).as("held as doubles").isNull();
        assertThat(h.score(1, 0)).isEqualTo(45.13);
        assertThat(h.score(0, 0)).isEqualTo(40.1);
        assertThat(h.score(1, 1)).isNaN();
    }

    @Test
    void encode_everyScoreToTwoDecimals_decodesToTheSameDouble() {
        for (int hundredths = 0; hundredths <= 10_000; hundredths++) {
            double score = Double.parseDouble(hundredths / 100 + "." + String.format("%02d", hundredths % 100));
            assertThat(ScoreHistoryColumns.decode(ScoreHistoryColumns.encode(score))).as("score %s", score).isEqualTo(score);
        }
        for (char c = 0; c <= ScoreHistoryColumns.MAX_CODE; c++) {
            assertThat(ScoreHistoryColumns.encode(ScoreHistoryColumns.decode(c))).isEqualTo(c);
        }
        assertThat(ScoreHistoryColumns.decode(ScoreHistoryColumns.encode(Double.NaN))).isNaN();
    }

    @Test
    void encode_scoreBetweenCodes_isRefusedNamingIt_roundIsOnPurpose() {
        assertThatThrownBy(() -> ScoreHistoryColumns.encode(45.1234))
                .isInstanceOf(ValidationException.class)
                .hasMessage("score 45.1234 is not a multiple of 0.002, so a 2-byte code cannot hold it; round it on purpose "
                        + "(ScoreHistoryColumns.nearestCode) or keep the point as doubles");
        assertThat(ScoreHistoryColumns.decode(ScoreHistoryColumns.nearestCode(45.1234))).isEqualTo(45.124);
        assertThat(ScoreHistoryColumns.nearestCodes(new double[] {0, 100, Double.NaN}))
                .containsExactly((char) 0, ScoreHistoryColumns.MAX_CODE, ScoreHistoryColumns.NOT_SCORED);
        assertThatThrownBy(() -> ScoreHistoryColumns.nearestCodes(new double[] {3, 100.5}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("score is 100.5 in row 1; a score must be in [0, 100], or NaN where not scored");
        assertThatThrownBy(() -> ScoreHistoryColumns.encode(-0.5))
                .isInstanceOf(ValidationException.class)
                .hasMessage("score is -0.5; a score must be in [0, 100], or NaN where not scored");
    }

    @Test
    void badCodePoints_areRejectedNamingPointRowAndValue() {
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new char[] {3, 50_001}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("code is 50001 in row 1 of history[0]; a code must be at most 50000 (score 100), or 65535 where not scored");
        assertThatThrownBy(() -> ScoreHistoryColumns.builder(2).point(T1, new char[1]).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'history[0]' has 1 values for 2 rows");
    }
}
