package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.cskit.model.Contract;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Money;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class ContractColumnsTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of(StandardFeatures.names());

    @Test
    void writeFeatures_givesWhatStandardFeaturesWriteGivesForEachContract() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 500;
        int[] start = new int[n];
        int[] renewal = new int[n];
        double[] arr = new double[n];
        Contract[] contracts = new Contract[n];
        for (int i = 0; i < n; i++) {
            LocalDate from = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(900));
            int months = 12 * r.nextInt(1, 4);
            arr[i] = r.nextInt(0, 500_000) / 100.0;
            contracts[i] = Contract.builder().arr(Money.of(BigDecimal.valueOf(arr[i]), "EUR")).startDate(from)
                    .renewalDate(from.plusMonths(months)).termMonths(months).build();
            start[i] = (int) from.toEpochDay();
            renewal[i] = (int) from.plusMonths(months).toEpochDay();
        }
        LocalDate day = LocalDate.of(2025, 6, 15);
        FeatureColumns columns = FeatureColumns.allocate(SCHEMA, n + 2);

        ContractColumns.of(start, renewal, arr).writeFeatures(day, columns, 2);

        for (int i = 0; i < n; i++) {
            Features.Builder expected = Features.builder(SCHEMA);
            expected.set(StandardFeatures.DAYS_TO_RENEWAL, contracts[i].daysToRenewal(day), 1);
            expected.set(StandardFeatures.DAYS_SINCE_START, contracts[i].daysSinceStart(day), 1);
            expected.set(StandardFeatures.ARR, contracts[i].arr().amount().doubleValue(), 1);
            Features f = expected.build();
            for (String name : new String[] {StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.DAYS_SINCE_START, StandardFeatures.ARR}) {
                int k = SCHEMA.indexOf(name);
                assertThat(columns.value(k, i + 2)).as("%s of row %d", name, i).isEqualTo(f.valueAt(k));
                assertThat(columns.observations(k, i + 2)).isEqualTo(1);
            }
        }
        assertThat(columns.value(SCHEMA.indexOf(StandardFeatures.ARR), 1)).as("rows before intoRow are left alone").isNaN();
    }

    @Test
    void badContracts_areRejectedNamingColumnRowAndValue() {
        assertThatThrownBy(() -> ContractColumns.of(new int[] {1, 2}, new int[] {5, 6}, new double[] {1, -3}))
                .isInstanceOf(ValidationException.class).hasMessage("arr is -3.0 in row 1; it must be finite and not negative");
        assertThatThrownBy(() -> ContractColumns.of(new int[] {10}, new int[] {10}, new double[] {1}))
                .isInstanceOf(ValidationException.class)
                .hasMessage("renewal day 1970-01-11 in row 0 is not after the start day 1970-01-11");
        assertThatThrownBy(() -> ContractColumns.of(new int[] {1}, new int[] {5, 6}, new double[] {1}))
                .isInstanceOf(ValidationException.class).hasMessage("column 'renewalDays' has 2 values for 1 rows");
        ContractColumns one = ContractColumns.of(new int[] {1}, new int[] {5}, new double[] {1});
        assertThatThrownBy(() -> one.writeFeatures(LocalDate.EPOCH, FeatureColumns.allocate(SCHEMA, 1), 1))
                .isInstanceOf(ValidationException.class).hasMessage("rows 1 to 2 do not fit in into's 1 rows");
    }
}
