package org.cskit.run;

import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;

/**
 * A portfolio's account facts (ids, segments, stages, contract and plan facts, yesterday's vectors,
 * overrides, events, enrolments), handed to the {@link NightlyRun} a slice of accounts at a time, as
 * {@link SignalSource} does for the signals: so that the facts and yesterday's vectors of a portfolio
 * need not all be in memory at once (with 17 contract and plan facts as {@code float} columns and
 * yesterday's vectors, about 80 bytes an account: 0.8 GB at ten million accounts). Row {@code r} of
 * the portfolio is row {@code r} of the run's signals.
 *
 * <p>Every slice must have the same shape: the same as-of time, fact schema, segments and band labels
 * of yesterday's vectors (or none), and no vectors of today. The run asks for slice
 * {@code [0, min(sliceSize, rows))} before any work and takes that shape from it (and uses it as that
 * slice, without asking for it again); a later slice of another shape stops the run with a
 * {@link org.cskit.model.ValidationException} naming the slice and what differs.
 *
 * <p>Implementations are called from the run's worker threads, one slice per call and each slice
 * once, so they must be thread-safe. The run reads a slice's batch until that slice's plays are
 * made (account ids are asked for then); a worker thread asks for its next slice only after that, and
 * slice 0 is asked for on the thread that calls the run. So a source may read each thread's slices into
 * the same arrays (buffers per thread, as a host reading from its store does), instead of making new
 * arrays for every slice: with slices of 65,536 accounts a {@code double} column is 512 KB, which G1
 * allocates as a humongous object (outside the young generation) when its regions are 1 MB, in heaps under 4 GB.
 *
 * <p>A slice whose batch is its own arrays (row 0 its first account, columns as long as the run's
 * slice size, or as the portfolio if that is shorter) is read in place: its fact columns ({@code float}, {@code int} or {@code double}),
 * codes and yesterday's vectors are not copied, and a column the scorecard and the playbooks do not
 * read is not read at all. A slice that is a view into a larger batch is copied first.
 */
public interface AccountSource {

    /**
     * How many accounts (rows) the portfolio has.
     *
     * @return the rows, at least 0
     */
    int rows();

    /**
     * The facts of accounts {@code [from, to)}: a batch whose row {@code r} is account
     * {@code from + r} (its {@link AccountBatch#accountId} is asked with the slice's row).
     *
     * @param from the first account
     * @param to the account after the last
     * @return the slice's batch, of {@code to - from} rows
     */
    AccountBatch slice(int from, int to);

    /**
     * A source over a batch held whole: each slice is a view of it ({@link AccountBatch#slice}, no
     * copy).
     *
     * @param accounts the portfolio's facts
     * @return the source
     * @throws org.cskit.model.ValidationException if accounts is null
     */
    static AccountSource of(AccountBatch accounts) {
        Validate.present("accounts", accounts);
        return of(accounts.size(), accounts::slice);
    }

    /**
     * A source whose slices a function makes, such as a query per range of accounts.
     *
     * @param rows how many accounts
     * @param slices makes the batch of {@code [from, to)}
     * @return the source
     * @throws org.cskit.model.ValidationException if rows is negative or the function is null
     */
    static AccountSource of(int rows, Slices slices) {
        Validate.atLeast("rows", rows, 0);
        Validate.present("slices", slices);
        return new AccountSource() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public AccountBatch slice(int from, int to) {
                return slices.slice(from, to);
            }
        };
    }

    /** Makes the facts of a range of accounts. */
    @FunctionalInterface
    interface Slices {
        /**
         * The facts of accounts {@code [from, to)}, row {@code r} being account {@code from + r}.
         *
         * @param from the first account
         * @param to the account after the last
         * @return the batch, of {@code to - from} rows
         */
        AccountBatch slice(int from, int to);
    }
}
