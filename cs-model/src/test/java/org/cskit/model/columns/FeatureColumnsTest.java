package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cskit.model.FeatureSchema;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class FeatureColumnsTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("logins", "seats", "tickets", "nps");

    @Test
    void typedColumns_readAsDoublesWithTheirMissingValues() {
        FeatureColumns f = FeatureColumns.builder(SCHEMA, 3)
                .feature("logins", new int[] {4, FeatureColumn.MISSING_INT, -2})
                .feature("seats", new float[] {0.5f, Float.NaN, 1f})
                .feature("tickets", new double[] {1.25, 2, Double.NaN})
                .observations("tickets", new int[] {3, 4, 0})
                .build();

        assertThat(f.value(0, 0)).isEqualTo(4.0);
        assertThat(f.value(0, 1)).isNaN();
        assertThat(f.value(0, 2)).isEqualTo(-2.0);
        assertThat(f.value(1, 0)).isEqualTo(0.5);
        assertThat(f.value(1, 1)).isNaN();
        assertThat(f.value(3, 2)).as("a feature without a column is missing").isNaN();
        assertThat(f.doubles(2)).containsExactly(1.25, 2, Double.NaN);
        assertThat(f.doubles(0)).as("an int column is not a double[]").isNull();
        assertThat(f.observations(0, 0)).as("present without counts: 1").isEqualTo(1);
        assertThat(f.observations(0, 1)).as("missing without counts: 0").isZero();
        assertThat(f.observations(2, 1)).isEqualTo(4);
        double[] chunk = new double[2];
        f.column(0).read(1, 2, chunk);
        assertThat(chunk).containsExactly(Double.NaN, -2.0);
        f.column(1).read(0, 2, chunk);
        assertThat(chunk).containsExactly(0.5, Double.NaN);
    }

    @Test
    void allocate_givesWritableDoubleColumnsAllMissing() {
        FeatureColumns f = FeatureColumns.allocate(SCHEMA, 2);

        assertThat(f.doubles(3)).containsExactly(Double.NaN, Double.NaN);
        assertThat(f.observations(3)).containsExactly(0, 0);
        f.doubles(3)[1] = 7;
        assertThat(f.value(3, 1)).isEqualTo(7.0);
    }

    @Test
    void badColumns_areRejectedNamingFeatureRowAndValue() {
        assertThatThrownBy(() -> FeatureColumns.builder(SCHEMA, 3).feature("logins", new double[] {1, 2}).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'logins' has 2 values for 3 rows");
        assertThatThrownBy(() -> FeatureColumns.builder(SCHEMA, 2).feature("unknown", new double[2]))
                .isInstanceOf(ValidationException.class)
                .hasMessage("unknown feature 'unknown'; the schema has logins, seats, tickets, nps");
        assertThatThrownBy(() -> FeatureColumns.builder(SCHEMA, 2).feature("seats", new float[] {1, Float.NEGATIVE_INFINITY}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'seats' is -Infinity in row 1; give a finite number, or NaN for missing");
        assertThatThrownBy(() -> FeatureColumns.builder(SCHEMA, 2).feature("seats", new float[2]).feature("seats", new int[2]))
                .isInstanceOf(ValidationException.class).hasMessage("feature 'seats' is given twice");
        assertThatThrownBy(() -> FeatureColumns.builder(SCHEMA, 2).observations("nps", new int[] {0, -1}).build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'nps' observations is -1 in row 1; counts must not be negative");
    }

    @Test
    void concat_putsTheSecondsFeaturesAfterTheFirstsWithoutCopying() {
        float[] seats = {0.5f, Float.NaN};
        FeatureColumns facts = FeatureColumns.builder(FeatureSchema.of("seats", "arr"), 2).feature("seats", seats).build();
        FeatureColumns derived = FeatureColumns.allocate(FeatureSchema.of("logins"), 2);

        FeatureColumns both = FeatureColumns.concat(facts, derived);
        derived.doubles(0)[1] = 7;
        derived.observations(0)[1] = 3;
        seats[0] = 0.25f;

        assertThat(both.schema().names()).containsExactly("seats", "arr", "logins");
        assertThat(both.rows()).isEqualTo(2);
        assertThat(both.column(0).floats()).as("the first's array itself").isSameAs(seats);
        assertThat(both.value(0, 0)).isEqualTo(0.25);
        assertThat(both.column(1)).as("a feature missing everywhere stays so").isNull();
        assertThat(both.doubles(2)).as("the second's array itself, written after the concat").isSameAs(derived.doubles(0));
        assertThat(both.value(2, 1)).isEqualTo(7.0);
        assertThat(both.observations(2, 1)).isEqualTo(3);
        assertThat(both.observations(0, 0)).as("present without counts: 1").isEqualTo(1);
        assertThat(both.observations(0, 1)).as("missing without counts: 0").isEqualTo(0);
    }

    @Test
    void concat_ofOtherRowsOrASharedFeature_isRefusedNamingIt() {
        FeatureColumns two = FeatureColumns.allocate(FeatureSchema.of("seats"), 2);

        assertThatThrownBy(() -> FeatureColumns.concat(two, FeatureColumns.allocate(FeatureSchema.of("logins"), 3)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("second has 3 rows, but first has 2; give both the same rows")
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("second"));
        assertThatThrownBy(() -> FeatureColumns.concat(two, FeatureColumns.allocate(FeatureSchema.of("logins", "seats"), 2)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'seats' is in both first and second; give each feature once")
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("second.seats"));
    }
}
