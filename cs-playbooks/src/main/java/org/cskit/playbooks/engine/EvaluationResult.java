package org.cskit.playbooks.engine;

import java.util.List;
import org.cskit.playbooks.Play;

/**
 * What one evaluation of one account did: the plays it created and delivered, the open plays it
 * closed because their situation cleared, the playbooks that fired but made no play (and why), and
 * the plays whose delivery failed (not recorded; a later evaluation offers them again). Immutable
 * and thread-safe.
 *
 * @param created plays created and delivered
 * @param closed open plays closed
 * @param suppressed playbooks that fired without making a play
 * @param failed plays the sink could not deliver
 */
public record EvaluationResult(List<Play> created, List<Play> closed, List<Suppressed> suppressed, List<Failure> failed) {

    /** Copies the lists. */
    public EvaluationResult {
        created = List.copyOf(created);
        closed = List.copyOf(closed);
        suppressed = List.copyOf(suppressed);
        failed = List.copyOf(failed);
    }

    /**
     * A playbook that fired but made no play.
     *
     * @param playbookId the playbook
     * @param situation the situation it fired for
     * @param reason why no play: {@code ALREADY_OPEN} (the open play stands), {@code COOLING_DOWN},
     *     {@code LIMIT_REACHED}, or {@code EXCLUDED by <playbook>} (mutual exclusion)
     */
    public record Suppressed(String playbookId, String situation, String reason) {}

    /**
     * A play the sink could not deliver.
     *
     * @param play the play
     * @param error the sink's exception message
     */
    public record Failure(Play play, String error) {}
}
