package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cskit.model.Direction;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class VectorColumnsTest {

    private static VectorColumns.Builder two(double[] scores) {
        return VectorColumns.builder(2).bands("red", "green").scores(scores).bandCodes(new byte[] {0, 1})
                .directionCodes(new byte[] {0, 2});
    }

    @Test
    void rows_readTheirLabelsAndDirections() {
        VectorColumns v = VectorColumns.builder(2).bands("red", "green").scores(new double[] {12, Double.NaN})
                .bandCodes(new byte[] {0, -1}).directionCodes(new byte[] {2, -1}).build();

        assertThat(v.band(0)).isEqualTo("red");
        assertThat(v.band(1)).isNull();
        assertThat(v.direction(0)).isEqualTo(Direction.values()[2]);
        assertThat(v.direction(1)).isNull();
        assertThat(v.velocities()).isNull();
        assertThat(v.bandLabels()).containsExactly("red", "green");
    }

    @Test
    void allocate_startsEveryRowUnscored() {
        VectorColumns v = VectorColumns.allocate(2, List.of("red", "green"));

        assertThat(v.scores()).containsExactly(Double.NaN, Double.NaN);
        assertThat(v.bandCodes()).containsExactly(-1, -1);
        assertThat(v.directionCodes()).containsExactly(-1, -1);
        assertThat(v.coverages()).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void scoresAndCoverageOutOfRange_areRejectedNamingRowAndValue() {
        assertThatThrownBy(() -> two(new double[] {50, 500}).build()).isInstanceOf(ValidationException.class)
                .hasMessage("score is 500.0 in row 1; a score must be in [0, 100], or NaN for an unscored row");
        assertThatThrownBy(() -> two(new double[] {-0.5, 5}).build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("score is -0.5 in row 0");
        assertThatThrownBy(() -> two(new double[] {50, 60}).coverages(new double[] {7, 1}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("coverage is 7.0 in row 0; coverage must be in [0, 1], or NaN for unknown");
        assertThatThrownBy(() -> two(new double[] {50, 60}).velocities(new double[] {0, Double.POSITIVE_INFINITY}).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("velocity is Infinity in row 1");
    }

    @Test
    void bandHeldAndComputedScores_readPerRow_andAllocateStartsThemEmpty() {
        VectorColumns v = two(new double[] {50, 60}).bandHeld(new boolean[] {true, false})
                .computedScores(new double[] {Double.NaN, 41.5}).build();

        assertThat(v.bandHeld(0)).isTrue();
        assertThat(v.bandHeld(1)).isFalse();
        assertThat(v.overridden(0)).isFalse();
        assertThat(v.overridden(1)).isTrue();
        assertThat(v.computedScores()[1]).isEqualTo(41.5);
        VectorColumns empty = VectorColumns.allocate(2, List.of("red", "green"));
        assertThat(empty.bandHeld()).containsExactly(false, false);
        assertThat(empty.computedScores()).containsExactly(Double.NaN, Double.NaN);
        assertThat(two(new double[] {50, 60}).build().bandHeld(0)).as("left out: held nowhere").isFalse();
        assertThat(two(new double[] {50, 60}).build().overridden(1)).as("left out: no override").isFalse();
    }

    @Test
    void bandHeldOrComputedScoreOnAnUnscoredRow_orOutOfRange_isRejectedNamingRowAndValue() {
        VectorColumns.Builder unscored = VectorColumns.builder(2).bands("red", "green").scores(new double[] {50, Double.NaN})
                .bandCodes(new byte[] {0, -1}).directionCodes(new byte[] {0, -1});
        assertThatThrownBy(() -> unscored.bandHeld(new boolean[] {false, true}).build()).isInstanceOf(ValidationException.class)
                .hasMessage("bandHeld is true in row 1, which is unscored; only a scored row's band can be held");
        assertThatThrownBy(() -> unscored.bandHeld(new boolean[2]).computedScores(new double[] {Double.NaN, 30}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("computed score is 30.0 in row 1, which is unscored; an overridden row is scored (its score is the override's)");
        assertThatThrownBy(() -> two(new double[] {50, 60}).computedScores(new double[] {100.5, Double.NaN}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("computed score is 100.5 in row 0; a computed score must be in [0, 100], or NaN where no override applied");
        assertThatThrownBy(() -> two(new double[] {50, 60}).bandHeld(new boolean[1]).build()).isInstanceOf(ValidationException.class)
                .hasMessage("column 'bandHeld' has 1 values for 2 rows");
    }

    @Test
    void inconsistentOrShortColumns_areRejected() {
        assertThatThrownBy(() -> VectorColumns.builder(2).bands("red", "green").scores(new double[] {50, 60})
                .bandCodes(new byte[] {1, 3}).directionCodes(new byte[] {0, 0}).build())
                .isInstanceOf(ValidationException.class).hasMessage("band code 3 in row 1 is outside -1..1");
        assertThatThrownBy(() -> VectorColumns.builder(2).bands("red", "green").scores(new double[] {50, Double.NaN})
                .bandCodes(new byte[] {1, 1}).directionCodes(new byte[] {0, 0}).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("row 1 has score NaN, band code 1");
        assertThatThrownBy(() -> two(new double[] {50}).build()).isInstanceOf(ValidationException.class)
                .hasMessage("column 'scores' has 1 values for 2 rows");
        assertThatThrownBy(() -> VectorColumns.builder(1).bands("red", "red")).isInstanceOf(ValidationException.class)
                .hasMessage("band 'red' is listed twice");
    }
}
