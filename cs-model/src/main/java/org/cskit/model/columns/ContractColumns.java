package org.cskit.model.columns;

import java.time.LocalDate;
import java.util.Objects;
import org.cskit.model.StandardFeatures;
import org.cskit.model.Validate;

/**
 * A portfolio's contracts as columns, one row per account: start day, renewal day (both as epoch
 * days, {@link LocalDate#toEpochDay()}) and ARR (in each contract's own currency). What the contract
 * features of {@link StandardFeatures} are derived from without a {@link org.cskit.model.Contract}
 * per account: {@link #writeFeatures} gives {@link StandardFeatures#DAYS_TO_RENEWAL},
 * {@link StandardFeatures#DAYS_SINCE_START} and {@link StandardFeatures#ARR}, the values
 * {@link StandardFeatures#write} gives for the same contract. The plan features come from
 * {@link PlanColumns}.
 *
 * <p>Checked when built, as {@link org.cskit.model.Contract} is: ARR finite and not negative, the
 * renewal after the start, one value per row; the first problem named by column, row and value.
 * Immutable apart from the wrapped arrays.
 */
public final class ContractColumns {
    private final int[] startDays;
    private final int[] renewalDays;
    private final double[] arr;

    private ContractColumns(int[] startDays, int[] renewalDays, double[] arr) {
        this.startDays = startDays;
        this.renewalDays = renewalDays;
        this.arr = arr;
    }

    /**
     * Wraps contract columns.
     *
     * @param startDays each contract's start, as an epoch day
     * @param renewalDays each contract's renewal, as an epoch day, after its start
     * @param arr each contract's ARR, finite and not negative
     * @return the columns
     * @throws org.cskit.model.ValidationException naming the column, row and value of the first problem
     */
    public static ContractColumns of(int[] startDays, int[] renewalDays, double[] arr) {
        Objects.requireNonNull(startDays, "startDays");
        Objects.requireNonNull(renewalDays, "renewalDays");
        Objects.requireNonNull(arr, "arr");
        int rows = startDays.length;
        Columns.length("renewalDays", renewalDays.length, rows);
        Columns.length("arr", arr.length, rows);
        for (int r = 0; r < rows; r++) {
            if (!(arr[r] >= 0.0) || Double.isInfinite(arr[r])) {
                throw Validate.invalid("arr[" + r + "]", "arr is " + arr[r] + " in row " + r + "; it must be finite and not negative");
            }
            if (renewalDays[r] <= startDays[r]) {
                throw Validate.invalid("renewalDays[" + r + "]", "renewal day " + LocalDate.ofEpochDay(renewalDays[r]) + " in row " + r
                        + " is not after the start day " + LocalDate.ofEpochDay(startDays[r]));
            }
        }
        return new ContractColumns(startDays, renewalDays, arr);
    }

    /** @return the number of rows */
    public int rows() {
        return startDays.length;
    }

    /**
     * Writes the contract features as of a day into rows {@code [intoRow, intoRow + rows())}: days to
     * renewal (negative once past it), days since the start, and ARR, each resting on 1 observation.
     * Every contract feature {@code into}'s schema has must be a {@code double} column with
     * observation counts (as {@link FeatureColumns#allocate} makes); the others are left alone.
     *
     * @param asOf the day (UTC)
     * @param into where to write
     * @param intoRow the row of {@code into} for row 0 of these contracts
     * @throws org.cskit.model.ValidationException if the rows do not fit or a feature cannot be written;
     *     then nothing is written
     */
    public void writeFeatures(LocalDate asOf, FeatureColumns into, int intoRow) {
        Validate.present("asOf", asOf);
        Validate.present("into", into);
        if (intoRow < 0 || (long) intoRow + rows() > into.rows()) {
            throw Validate.invalid("intoRow", "rows " + intoRow + " to " + ((long) intoRow + rows()) + " do not fit in into's "
                    + into.rows() + " rows");
        }
        String[] names = {StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.DAYS_SINCE_START, StandardFeatures.ARR};
        int[] index = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            index[k] = into.schema().indexOf(names[k]);
            if (index[k] >= 0 && (into.doubles(index[k]) == null || into.observations(index[k]) == null)) {
                throw Validate.invalid("into." + names[k], "into must hold feature '" + names[k]
                        + "' as a double column with observation counts (as FeatureColumns.allocate makes)");
            }
        }
        long day = asOf.toEpochDay();
        for (int k = 0; k < names.length; k++) {
            if (index[k] < 0) {
                continue;
            }
            double[] values = into.doubles(index[k]);
            int[] counts = into.observations(index[k]);
            for (int r = 0; r < rows(); r++) {
                values[intoRow + r] = k == 0 ? renewalDays[r] - day : k == 1 ? day - startDays[r] : arr[r];
                counts[intoRow + r] = 1;
            }
        }
    }
}
