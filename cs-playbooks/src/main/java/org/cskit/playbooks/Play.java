package org.cskit.playbooks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.Validate;

/**
 * A playbook's response for one account: the actions to carry out, with owners and due dates, and
 * the reason it fired. Plays are data; the host carries them out through its
 * {@link org.cskit.playbooks.spi.ActionSink}. Immutable and thread-safe.
 *
 * @param key the idempotency key: the same account, playbook, situation and as-of time always give
 *     the same key, so a retried delivery can be recognised
 * @param accountId the account
 * @param playbookId the playbook
 * @param playbookVersion the playbook's version when it fired
 * @param situation what the play responds to, such as {@code band:red} or {@code renewal:2027-01-15};
 *     at most one play per account, playbook and situation is open at a time
 * @param priority how urgent
 * @param createdAt the as-of time of the evaluation that made it
 * @param actions the actions, with their templates filled and due dates set
 * @param reason why it fired
 */
public record Play(String key, AccountId accountId, String playbookId, int playbookVersion, String situation,
        Priority priority, Instant createdAt, List<PlannedAction> actions, Reason reason) {

    /**
     * Checks the play.
     *
     * @throws org.cskit.model.ValidationException if a part is missing
     */
    public Play {
        Validate.nonBlank("key", key);
        Validate.present("accountId", accountId);
        Validate.nonBlank("playbookId", playbookId);
        Validate.nonBlank("situation", situation);
        Validate.present("priority", priority);
        Validate.present("createdAt", createdAt);
        actions = List.copyOf(Validate.present("actions", actions));
        Validate.present("reason", reason);
    }

    /**
     * One action of a play, ready to carry out.
     *
     * @param action the definition it came from
     * @param text its main text with placeholders filled (a task's title, a message's body, a
     *     milestone's name, a review's agenda, a tag)
     * @param due when it is due (the play's day plus the action's days; the play's day for messages and tags)
     */
    public record PlannedAction(Action action, String text, LocalDate due) {
        /**
         * Checks the action.
         *
         * @throws org.cskit.model.ValidationException if a part is missing
         */
        public PlannedAction {
            Validate.present("action", action);
            Validate.present("text", text);
            Validate.present("due", due);
        }
    }

    /**
     * Why a play fired: its trigger and every condition with the value it saw.
     *
     * @param trigger the trigger, described, such as {@code vector.band entered 'red' (was 'yellow')}
     * @param conditions each condition of the playbook and what it saw
     */
    public record Reason(String trigger, List<ConditionOutcome> conditions) {
        /**
         * Copies the list.
         *
         * @throws org.cskit.model.ValidationException if a part is missing
         */
        public Reason {
            Validate.nonBlank("trigger", trigger);
            conditions = List.copyOf(Validate.present("conditions", conditions));
        }
    }

    /**
     * One condition and what it saw.
     *
     * @param condition the condition, described, such as {@code logins_14d < 10}
     * @param actual what the fields held, such as {@code logins_14d = 4} or {@code logins_14d missing}
     * @param held whether it held
     */
    public record ConditionOutcome(String condition, String actual, boolean held) {}
}
