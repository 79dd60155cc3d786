package org.cskit.playbooks.engine;

import java.util.Optional;
import java.util.Set;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;
import org.cskit.playbooks.Trigger;

/**
 * What the engine evaluates for one account: its snapshot (features, previous vector), its current
 * vector if it was scored, the event that prompted the evaluation if any, and the playbooks a
 * person enrolled it in by hand. Immutable and thread-safe.
 *
 * @param snapshot the account as of a time
 * @param vector the account's current vector, if scored
 * @param event the event being handled, if any
 * @param enrolments ids of playbooks with a {@link Trigger.Manual} trigger the account was enrolled in
 */
public record PlaybookInput(AccountSnapshot snapshot, Optional<SuccessVector> vector, Optional<AccountEvent> event,
        Set<String> enrolments) {

    /**
     * Checks the input.
     *
     * @throws org.cskit.model.ValidationException if a part is missing, or the vector or event is of another account
     */
    public PlaybookInput {
        Validate.present("snapshot", snapshot);
        vector = vector == null ? Optional.empty() : vector;
        event = event == null ? Optional.empty() : event;
        enrolments = Set.copyOf(Validate.present("enrolments", enrolments));
        if (vector.isPresent() && !vector.get().accountId().equals(snapshot.accountId())) {
            throw Validate.invalid("vector.accountId", "vector is of account '" + vector.get().accountId()
                    + "', not of the snapshot's account '" + snapshot.accountId() + "'");
        }
        if (event.isPresent() && !event.get().accountId().equals(snapshot.accountId())) {
            throw Validate.invalid("event.accountId", "event is of account '" + event.get().accountId()
                    + "', not of the snapshot's account '" + snapshot.accountId() + "'");
        }
    }

    /**
     * An input with a snapshot and its current vector.
     *
     * @param snapshot the account as of a time
     * @param vector its current vector
     * @return the input
     */
    public static PlaybookInput of(AccountSnapshot snapshot, SuccessVector vector) {
        return new PlaybookInput(snapshot, Optional.of(vector), Optional.empty(), Set.of());
    }

    /**
     * An input with a snapshot only (no vector: vector fields are absent).
     *
     * @param snapshot the account as of a time
     * @return the input
     */
    public static PlaybookInput of(AccountSnapshot snapshot) {
        return new PlaybookInput(snapshot, Optional.empty(), Optional.empty(), Set.of());
    }

    /**
     * The same input, handling an event.
     *
     * @param event the event
     * @return a new input
     */
    public PlaybookInput withEvent(AccountEvent event) {
        return new PlaybookInput(snapshot, vector, Optional.of(event), enrolments);
    }

    /**
     * The same input, with the account enrolled in a manual playbook.
     *
     * @param playbookId the playbook's id
     * @return a new input
     */
    public PlaybookInput withEnrolment(String playbookId) {
        Set<String> all = new java.util.HashSet<>(enrolments);
        all.add(playbookId);
        return new PlaybookInput(snapshot, vector, event, all);
    }
}
