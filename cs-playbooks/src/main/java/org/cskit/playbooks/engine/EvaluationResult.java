package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.List;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.PlayHandle;

/**
 * What one evaluation of one account did: the plays it delivered (new plays, plays offered again
 * and reminders), the plays it closed because their situation cleared, the playbooks that fired but
 * made no play (and why), and the plays the sink did not take (offered again later under the same
 * key). Plays come as {@link PlayHandle}s; {@link #plays()} builds them in full. Immutable and
 * thread-safe.
 *
 * @param created plays delivered
 * @param closed plays closed
 * @param suppressed playbooks that fired without making a play
 * @param failed plays the sink did not take, and close notifications it did not take
 */
public record EvaluationResult(List<PlayHandle> created, List<PlayHandle> closed, List<Suppressed> suppressed, List<Failure> failed) {

    /** Copies the lists (an immutable list is kept as it is). */
    public EvaluationResult {
        created = List.copyOf(created);
        closed = List.copyOf(closed);
        suppressed = List.copyOf(suppressed);
        failed = List.copyOf(failed);
    }

    /**
     * The delivered plays in full, built now (see {@link PlayHandle#play()}).
     *
     * @return the plays, in delivery order
     */
    public List<Play> plays() {
        List<Play> plays = new ArrayList<>(created.size());
        created.forEach(h -> plays.add(h.play()));
        return plays;
    }

    /**
     * A playbook that fired but made no play.
     *
     * @param playbookId the playbook
     * @param situation the situation it fired for
     * @param reason why no play: {@code ALREADY_OPEN} (the open play stands), {@code COOLING_DOWN},
     *     {@code LIMIT_REACHED}, {@code EXCLUDED by <playbook>} (mutual exclusion),
     *     {@code CLOSE_PENDING} (the sink did not take the previous play's close notification) or
     *     {@code CONCURRENT...} (another evaluation of the account recorded first)
     */
    public record Suppressed(String playbookId, String situation, String reason) {}

    /**
     * A play the sink did not take, or a close notification it did not take.
     *
     * @param play the play
     * @param error what went wrong, with the sink's exception
     */
    public record Failure(PlayHandle play, String error) {}
}
