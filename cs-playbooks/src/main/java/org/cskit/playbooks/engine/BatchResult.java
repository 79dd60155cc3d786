package org.cskit.playbooks.engine;

import java.util.List;
import org.cskit.model.Validate;

/**
 * What a batch evaluation did, in counts; the plays themselves went to the sink.
 *
 * @param rows rows evaluated
 * @param created plays delivered (new, offered again, reminders)
 * @param closed open plays closed because their situation cleared
 * @param suppressed plays that fired but were not made: already open, cooling down, over their
 *     limit, excluded by a more urgent playbook of their group, or waiting for a close notification
 * @param failed plays (and close notifications) the sink did not take; offered again next time
 */
public record BatchResult(long rows, long created, long closed, long suppressed, List<Failure> failed) {
    /** Checks and copies. */
    public BatchResult {
        failed = List.copyOf(Validate.present("failed", failed));
    }

    /**
     * A play the sink did not take.
     *
     * @param row the account's row
     * @param playbookId the playbook
     * @param message what went wrong, with the sink's exception
     */
    public record Failure(int row, String playbookId, String message) {}

    BatchResult plus(BatchResult other) {
        List<Failure> all = new java.util.ArrayList<>(failed);
        all.addAll(other.failed);
        return new BatchResult(rows + other.rows, created + other.created, closed + other.closed,
                suppressed + other.suppressed, all);
    }
}
