package org.cskit.spring.boot;

import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.run.AccountSource;
import org.cskit.run.SignalSource;

/**
 * One night's inputs from the host's {@link NightlyPortfolio}, as cs-run's
 * {@link org.cskit.run.NightlyRun#run(AccountSource, SignalSource, ScoreHistoryColumns, org.cskit.run.NightlyState,
 * org.cskit.playbooks.spi.ActionSink, org.cskit.run.VectorSink) NightlyRun.run} takes them: the accounts'
 * facts a slice at a time (ids, segments, stages, the as-of time, contract and plan facts as features,
 * yesterday's vectors as previous vectors), their signals a slice at a time (one row per account) and
 * earlier nights' scores. With both read a slice at a time from the host's store
 * ({@link AccountSource#of(int, AccountSource.Slices)}, {@link SignalSource#of(int, SignalSource.Slices)}),
 * the heap the night needs follows the slice size, not the number of accounts (the play state and
 * the history apart). Immutable.
 *
 * @param accounts the facts, without vectors, a slice at a time
 * @param signals the signals, as many rows as {@code accounts}
 * @param history earlier nights' scores, as many rows ({@link ScoreHistoryColumns#empty} for none)
 */
public record NightlyInput(AccountSource accounts, SignalSource signals, ScoreHistoryColumns history) {
    /**
     * Checks that each part is there (the run checks how they fit together, before any work).
     *
     * @throws org.cskit.model.ValidationException naming a missing part
     */
    public NightlyInput {
        Validate.present("accounts", accounts);
        Validate.present("signals", signals);
        Validate.present("history", history);
    }

    /**
     * Facts read a slice at a time and signals, with no score history.
     *
     * @param accounts the facts
     * @param signals the signals
     * @return the inputs
     * @throws org.cskit.model.ValidationException naming a missing part
     */
    public static NightlyInput of(AccountSource accounts, SignalSource signals) {
        return new NightlyInput(Validate.present("accounts", accounts), signals, ScoreHistoryColumns.empty(accounts.rows()));
    }

    /**
     * Facts held whole and signals, with no score history: each slice of the run is a view of the
     * batch ({@link AccountSource#of(AccountBatch)}).
     *
     * @param accounts the facts
     * @param signals the signals
     * @return the inputs
     * @throws org.cskit.model.ValidationException naming a missing part
     */
    public static NightlyInput of(AccountBatch accounts, SignalSource signals) {
        return of(AccountSource.of(Validate.present("accounts", accounts)), signals);
    }
}
