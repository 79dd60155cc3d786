package org.cskit.playbooks.spi;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;

/**
 * A play the engine made or closed, as the {@link ActionSink} receives it: who, which playbook,
 * which situation, when, and the idempotency key; the full {@link Play} (actions with their texts,
 * the reason with every value seen) is built only when {@link #play()} is called. A handle stays
 * valid after the call (it holds the input or the columns it came from, which must then not
 * change). Thread-safe.
 */
public interface PlayHandle {

    /** @return the account */
    AccountId accountId();

    /** @return the playbook's id */
    String playbookId();

    /** @return the playbook's position in the engine's set */
    int playbookIndex();

    /** @return the account's row in the batch, or -1 for a per-account or per-event evaluation */
    int row();

    /**
     * What the play responds to, such as {@code threshold:seat_utilisation} or
     * {@code renewal:2027-01-15}.
     *
     * @return the situation
     */
    String situation();

    /**
     * The idempotency key: the playbook, the account, the situation and the time the play was first
     * offered (to the second), such as
     * {@code low-adoption|acme|threshold:seat_utilisation|2026-05-01T00:00:00Z}. A play that the sink failed to take is offered again on a later evaluation (the next
     * night) under the same key; a reminder adds the time of the play it repeats. Two different
     * plays never share a key.
     *
     * @return the key
     */
    String key();

    /** @return the as-of time of the evaluation that made (or closed) the play */
    Instant at();

    /** @return whether this play repeats an open play (a reminder, see {@code RepeatPolicy.remindEvery}) */
    boolean reminder();

    /**
     * The full play: actions with their texts and due dates, and the reason with every value seen,
     * identical to what a new evaluation of the same input makes. Built on each call.
     *
     * @return the play
     * @throws UnsupportedOperationException for a closed play, whose details the engine does not keep
     */
    Play play();
}
