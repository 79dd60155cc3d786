package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;

/**
 * Receives what a columnar evaluation does, by row and playbook index (the position in
 * {@link PlaybookEngine#playbooks()}), without building a {@link org.cskit.playbooks.Play} for each:
 * call {@link PlaybookEngine#play(AccountBatch, int, int)} for the full play (actions, reason,
 * idempotency key) of those you carry out. Delivery is at-least-once, as with
 * {@link org.cskit.playbooks.spi.ActionSink}: if {@link #created} throws, the play is not recorded,
 * and the next evaluation tries it again. Must be thread-safe when rows are evaluated in parallel.
 */
@FunctionalInterface
public interface RowSink {
    /**
     * A play was made.
     *
     * @param row the account's row
     * @param playbook the playbook's index
     */
    void created(int row, int playbook);

    /**
     * An open play was closed because its situation cleared (auto-close). Default: nothing.
     *
     * @param row the account's row
     * @param playbook the playbook's index
     */
    default void closed(int row, int playbook) { }
}
