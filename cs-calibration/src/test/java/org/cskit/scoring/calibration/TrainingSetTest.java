package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class TrainingSetTest {
    private static final boolean[] Y = {true, false, false};

    @Test
    void inferred_numbersAndBlanks_numericWithMissing() {
        TrainingSet set = TrainingSet.builder().inferred("tenure", Arrays.asList("1", " ", "2.5")).outcomes(Y).build();

        TrainingSet.Column c = set.column("tenure").orElseThrow();
        assertThat(c.kind()).isEqualTo(TrainingSet.Kind.NUMERIC);
        assertThat(c.isMissing(1)).isTrue();
        assertThat(c.number(2)).isEqualTo(2.5);
    }

    /** Issue 17, item 26: one NaN cell made a numeric column categorical, and the fit then dropped it. */
    @Test
    void inferred_nanCell_staysNumericWithTheCellMissing() {
        TrainingSet set = TrainingSet.builder().inferred("tenure", Arrays.asList("1", "NaN", "2.5")).outcomes(Y).build();

        TrainingSet.Column c = set.column("tenure").orElseThrow();
        assertThat(c.kind()).isEqualTo(TrainingSet.Kind.NUMERIC);
        assertThat(c.isMissing(1)).isTrue();
        assertThat(c.number(0)).isEqualTo(1.0);
    }

    @Test
    void inferred_infiniteCell_isRefusedNamingTheRow() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingSet.builder().inferred("tenure", Arrays.asList("1", "1e999", "2")))
                .isInstanceOf(org.cskit.model.ValidationException.class)
                .hasMessage("column 'tenure' row 2: '1e999' is not a finite number");
    }

    @Test
    void inferred_anyText_categoricalWithMissing() {
        TrainingSet set = TrainingSet.builder().inferred("plan", Arrays.asList("1", "", "gold ")).outcomes(Y).build();

        TrainingSet.Column c = set.column("plan").orElseThrow();
        assertThat(c.kind()).isEqualTo(TrainingSet.Kind.CATEGORICAL);
        assertThat(c.category(0)).isEqualTo("1");
        assertThat(c.category(1)).isNull();
        assertThat(c.category(2)).isEqualTo("gold");
    }

    @Test
    void subset_keepsRowsInOrder() {
        TrainingSet set = TrainingSet.builder().numeric("x", new double[] {1, 2, 3}).outcomes(Y).ids(List.of("a", "b", "c")).build();

        TrainingSet sub = set.subset(new int[] {2, 0});

        assertThat(sub.size()).isEqualTo(2);
        assertThat(sub.column("x").orElseThrow().number(0)).isEqualTo(3);
        assertThat(sub.id(1)).hasValue("a");
        assertThat(sub.churned(1)).isTrue();
        assertThat(sub.churnedCount()).isEqualTo(1);
    }

    @Test
    void build_constantColumn_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("seats", new double[] {5, Double.NaN, 5}).outcomes(Y).build(),
                "columns[0]", "column 'seats' is constant: every row is '5' or missing");
    }

    @Test
    void build_emptyColumn_fails() {
        assertViolation(() -> TrainingSet.builder().categorical("plan", new String[3]).outcomes(Y).build(),
                "columns[0]", "column 'plan' is constant: it has no value in any row");
    }

    @Test
    void build_noChurnedRow_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("x", new double[] {1, 2}).outcomes(new boolean[2]).build(),
                "outcomes", "outcomes need at least one churned row, but all 2 rows renewed");
    }

    @Test
    void build_noRenewedRow_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("x", new double[] {1, 2}).outcomes(new boolean[] {true, true}).build(),
                "outcomes", "outcomes need at least one renewed row, but all 2 rows churned");
    }

    @Test
    void build_lengthMismatch_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("x", new double[] {1, 2}).outcomes(Y).build(),
                "columns[0]", "column 'x' has 2 rows, but there are 3 outcomes");
    }

    @Test
    void build_duplicateName_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("x", new double[] {1, 2, 3}).numeric("x", new double[] {1, 2, 3})
                .outcomes(Y).build(), "columns[1].name", "duplicate column name 'x'");
    }

    @Test
    void build_noColumns_fails() {
        assertViolation(() -> TrainingSet.builder().outcomes(Y).build(), "columns", "a training set needs at least one column, but has none");
    }

    @Test
    void build_infiniteValue_fails() {
        assertViolation(() -> TrainingSet.builder().numeric("x", new double[] {1, Double.POSITIVE_INFINITY, 3}).outcomes(Y).build(),
                "columns[0][1]", "column 'x' row 1 must be a finite number or NaN (missing), but was Infinity");
    }

    static void assertViolation(ThrowingCallable build, String field, String message) {
        assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
