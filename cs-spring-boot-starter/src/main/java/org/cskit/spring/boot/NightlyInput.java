package org.cskit.spring.boot;

import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.run.SignalSource;

/**
 * One night's inputs from the host's {@link NightlyPortfolio}, as cs-run's
 * {@link org.cskit.run.NightlyRun#run NightlyRun.run} takes them: the accounts' facts (ids,
 * segments, stages, the as-of time, contract and plan facts as features, yesterday's vectors as
 * previous vectors), their signals (one row per account) and earlier nights' scores. Immutable.
 *
 * @param accounts the facts, without vectors
 * @param signals the signals, as many rows as {@code accounts}
 * @param history earlier nights' scores, as many rows ({@link ScoreHistoryColumns#empty} for none)
 */
public record NightlyInput(AccountBatch accounts, SignalSource signals, ScoreHistoryColumns history) {
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
     * Facts and signals with no score history.
     *
     * @param accounts the facts
     * @param signals the signals
     * @return the inputs
     * @throws org.cskit.model.ValidationException naming a missing part
     */
    public static NightlyInput of(AccountBatch accounts, SignalSource signals) {
        return new NightlyInput(Validate.present("accounts", accounts), signals, ScoreHistoryColumns.empty(accounts.size()));
    }
}
