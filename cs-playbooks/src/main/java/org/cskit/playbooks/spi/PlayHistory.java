package org.cskit.playbooks.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.RepeatPolicy;

/**
 * What the engine remembers about plays: which are open, when each playbook last made a play for
 * an account, and how many in a window, so that repeat policies hold across evaluations.
 * Implementations must be thread-safe, and {@link #admit} must be atomic per account: two
 * concurrent evaluations of one account never both admit a play for the same situation.
 * Per-account state is plain data, so a keyed state store (for example in a stream processor) can
 * hold it.
 */
public interface PlayHistory {

    /** What {@link #admit} decided. */
    enum Admission {
        /** The play is recorded as pending; deliver it, then {@link #confirm} or {@link #release} it. */
        ADMITTED,
        /** A play for the same account, playbook and situation is open (or pending): no new play. */
        ALREADY_OPEN,
        /** The playbook made a play for the account within its cooldown. */
        COOLING_DOWN,
        /** The playbook made as many plays for the account as its limit allows in the window. */
        LIMIT_REACHED
    }

    /** Where a recorded play stands. */
    enum Status {
        /** Admitted, not yet delivered. */
        PENDING,
        /** Delivered and open. */
        OPEN,
        /** Closed: its situation cleared, or the host closed it. */
        CLOSED
    }

    /**
     * A play as recorded.
     *
     * @param play the play
     * @param status where it stands
     * @param closedAt when it closed, if closed
     */
    record Entry(Play play, Status status, Optional<Instant> closedAt) {}

    /**
     * Atomically checks a play against the repeat policy and this history (one open play per
     * situation, cooldown, limit) and, if it passes, records it as pending.
     *
     * @param play the play the engine wants to make
     * @param policy its playbook's repeat policy
     * @return the decision
     */
    Admission admit(Play play, RepeatPolicy policy);

    /**
     * Records a pending play as delivered and open.
     *
     * @param account the play's account
     * @param key the play's key
     */
    void confirm(AccountId account, String key);

    /**
     * Forgets a pending play whose delivery failed, so that a retry can admit it again.
     *
     * @param account the play's account
     * @param key the play's key
     */
    void release(AccountId account, String key);

    /**
     * Closes an open play.
     *
     * @param account the play's account
     * @param key the play's key
     * @param at when it closed
     * @return true if an open play was closed
     */
    boolean close(AccountId account, String key, Instant at);

    /**
     * The account's open plays.
     *
     * @param account the account
     * @return the open plays, oldest first
     */
    List<Play> openPlays(AccountId account);

    /**
     * When a playbook last made a play for an account (pending, open or closed).
     *
     * @param account the account
     * @param playbookId the playbook
     * @return the time, or empty if never
     */
    Optional<Instant> lastPlay(AccountId account, String playbookId);

    /**
     * Everything recorded for an account, oldest first.
     *
     * @param account the account
     * @return the entries
     */
    List<Entry> entries(AccountId account);
}
