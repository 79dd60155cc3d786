package org.cskit.playbooks.spi;

import java.util.List;
import org.cskit.model.AccountId;

/**
 * Where the engine keeps its {@link PlayState}s: one per account and playbook, read and written
 * with compare-and-set. Storage only: the engine applies every repeat policy (one open play per
 * situation, cooldown, limit, reminders, auto-close, mutual exclusion) and tells the store what to
 * keep; a store never decides. A JDBC table keyed by (account, playbook) with a version column, or
 * keyed state in a stream processor, implements it in a few lines.
 *
 * <p><b>Reads are by batch</b>: a nightly run reads the states of a chunk of accounts at once (a
 * few hundred; one query), an event reads one account. Most accounts have no state at all, so a
 * store reports only the states it has: {@link PlayState#EMPTY} is implied for the rest.
 *
 * <p><b>Writes are compare-and-set</b> on {@link PlayState#version()}: a write succeeds only if the
 * stored version is still the one the engine read (0 when there was no state), and stores the new
 * state with the version the engine gives (the read one plus one). A write of a state that
 * {@link PlayState#isEmpty() is empty} deletes it: it then reads as absent (version 0).
 * Two evaluations of one account that race therefore never both make a play: one write fails, and
 * the engine reads again. Writes of different accounts, and of different playbooks of one account,
 * are independent.
 *
 * <p><b>Durability</b> is the store's: whatever it keeps must read back the same after the process
 * restarts (for the in-memory store, through its snapshot). Implementations must be thread-safe.
 * Prove an implementation with cs-testkit's {@code PlayStateStoreContract}.
 */
public interface PlayStateStore {

    /** Receives the states a batch read found. */
    @FunctionalInterface
    interface StateConsumer {
        /**
         * One stored state.
         *
         * @param index the account's index in the batch
         * @param playbookId the playbook
         * @param state its state, with the stored version (at least 1)
         */
        void accept(int index, String playbookId, PlayState state);
    }

    /**
     * One write of a batch.
     *
     * @param account the account
     * @param playbookId the playbook
     * @param expectedVersion the version read (0 if there was no state)
     * @param next the new state, whose version is {@code expectedVersion + 1}
     */
    record Write(AccountId account, String playbookId, long expectedVersion, PlayState next) {}

    /**
     * Reads every state of the first {@code count} accounts, reporting each to {@code into} (in any
     * order). Accounts without state are not reported.
     *
     * @param accounts the accounts; the same id may appear twice
     * @param count how many of them to read
     * @param into where the states go
     */
    void read(AccountId[] accounts, int count, StateConsumer into);

    /**
     * Writes a state if the stored one still has the expected version.
     *
     * @param account the account
     * @param playbookId the playbook
     * @param expectedVersion the version read, 0 when there was no state
     * @param next the new state; its version must be {@code expectedVersion + 1}
     * @return whether it was written; false if another write came first
     * @throws org.cskit.model.ValidationException if next's version is not expectedVersion + 1
     */
    boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next);

    /**
     * Writes a batch, each write as {@link #compareAndSet} on its own (not all or nothing). The
     * default writes one at a time; a database store overrides it to send one batch. The
     * engine writes through here: per evaluated account with state, one batch of the changes decided
     * before the deliveries (closes, new plays as offered, retries and due reminders claimed, states
     * forgotten) and one of the plays delivered (as open), each with at most one write per playbook;
     * for the accounts with no state of a portfolio call, one batch of the new plays as offered for each
     * run of such accounts between accounts with state (on a first night, a chunk of up to 256
     * accounts) and one of those delivered. Such a batch may name the same account more than once
     * (with the same playbook only if the account appears twice in the portfolio: both writes expect
     * the version read, so at most one of them is written).
     *
     * @param writes the writes
     * @return per write, whether it was written
     */
    default boolean[] compareAndSetAll(List<Write> writes) {
        boolean[] ok = new boolean[writes.size()];
        for (int i = 0; i < ok.length; i++) {
            Write w = writes.get(i);
            ok[i] = compareAndSet(w.account(), w.playbookId(), w.expectedVersion(), w.next());
        }
        return ok;
    }
}
