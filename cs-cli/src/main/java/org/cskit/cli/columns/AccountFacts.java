package org.cskit.cli.columns;

import java.time.LocalDate;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.columns.ContractColumns;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.PlanColumns;

/**
 * The contract and plan facts of accounts as columns: the standard features, read once into
 * {@link ContractColumns} and {@link PlanColumns} and written for a day. Shared by the
 * {@code columns} command ({@link ColumnarPlaybooks}) and the demo's nightly run.
 */
public final class AccountFacts {
    private AccountFacts() {}

    /**
     * Writes the standard features of accounts as of a day into rows {@code [intoRow, intoRow + accounts.size())}.
     *
     * @param accounts the accounts, row by row
     * @param day the day the features are as of
     * @param into the columns written, holding every standard feature
     * @param intoRow the row of the first account
     */
    public static void write(List<Account> accounts, LocalDate day, FeatureColumns into, int intoRow) {
        int count = accounts.size();
        if (count == 0) {
            return;
        }
        int[] startDays = new int[count];
        int[] renewalDays = new int[count];
        double[] arr = new double[count];
        PlanColumns.Builder plans = PlanColumns.builder();
        for (int r = 0; r < count; r++) {
            Account a = accounts.get(r);
            startDays[r] = Math.toIntExact(a.contract().startDate().toEpochDay());
            renewalDays[r] = Math.toIntExact(a.contract().renewalDate().toEpochDay());
            arr[r] = a.contract().arr().amount().doubleValue();
            plans.add(a);
        }
        ContractColumns.of(startDays, renewalDays, arr).writeFeatures(day, into, intoRow);
        plans.build().writeFeatures(day, into, intoRow);
    }
}
