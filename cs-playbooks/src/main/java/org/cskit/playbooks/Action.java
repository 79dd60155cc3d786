package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Set;
import org.cskit.model.Channel;
import org.cskit.model.MilestoneKind;
import org.cskit.model.Validate;

/**
 * What a playbook produces when it fires: data for the host to carry out, never a side effect in
 * cskit. Implementations are immutable and thread-safe.
 *
 * <p>JSON names the kind in {@code type}: {@code TASK}, {@code MESSAGE}, {@code ADD_MILESTONE},
 * {@code SCHEDULE_REVIEW}, {@code TAG}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Action.Task.class, name = "TASK"),
    @JsonSubTypes.Type(value = Action.Message.class, name = "MESSAGE"),
    @JsonSubTypes.Type(value = Action.AddMilestone.class, name = "ADD_MILESTONE"),
    @JsonSubTypes.Type(value = Action.ScheduleReview.class, name = "SCHEDULE_REVIEW"),
    @JsonSubTypes.Type(value = Action.Tag.class, name = "TAG")
})
public sealed interface Action permits Action.Task, Action.Message, Action.AddMilestone, Action.ScheduleReview, Action.Tag {

    /** The kinds of action, one per subtype: a switch over {@link #actionKind()} without a default is exhaustive, so a new subtype that is not handled does not compile. */
    enum Kind { TASK, MESSAGE, ADD_MILESTONE, SCHEDULE_REVIEW, TAG }

    /**
     * Which kind this is.
     *
     * @return the kind
     */
    @JsonIgnore
    Kind actionKind();

    /** The longest lead time an action may name: a year. */
    int MAX_DAYS = 365;

    /**
     * The placeholders the action's templates read.
     *
     * @return the names
     */
    default Set<String> fields() {
        return Set.of();
    }

    /**
     * A task for someone on the account team.
     *
     * @param title the task's title, a template
     * @param ownerRole who owns it, such as {@code CSM} or {@code Account executive}
     * @param dueInDays days from the play to the due date, in [0, 365]
     * @param priority how urgent
     */
    record Task(Template title, String ownerRole, int dueInDays, Priority priority) implements Action {
        @Override
        public Kind actionKind() {
            return Kind.TASK;
        }

        /**
         * Checks the task.
         *
         * @throws org.cskit.model.ValidationException if a part is missing or the days are out of range
         */
        public Task {
            Validate.present("title", title);
            Validate.nonBlank("ownerRole", ownerRole);
            requireDays("dueInDays", dueInDays);
            Validate.present("priority", priority);
        }

        @Override
        public Set<String> fields() {
            return title.placeholders();
        }
    }

    /**
     * A message to someone, on a channel.
     *
     * @param channel the channel
     * @param recipientRole who receives it, such as {@code Champion} or {@code Executive sponsor}
     * @param body the message, a template
     */
    record Message(Channel channel, String recipientRole, Template body) implements Action {
        @Override
        public Kind actionKind() {
            return Kind.MESSAGE;
        }

        /**
         * Checks the message.
         *
         * @throws org.cskit.model.ValidationException if a part is missing
         */
        public Message {
            Validate.present("channel", channel);
            Validate.nonBlank("recipientRole", recipientRole);
            Validate.present("body", body);
        }

        @Override
        public Set<String> fields() {
            return body.placeholders();
        }
    }

    /**
     * A change to the success plan: add a milestone.
     *
     * @param name the milestone's name, a template
     * @param kind its kind
     * @param dueInDays days from the play to its due date, in [0, 365]
     */
    record AddMilestone(Template name, MilestoneKind kind, int dueInDays) implements Action {
        @Override
        public Kind actionKind() {
            return Kind.ADD_MILESTONE;
        }

        /**
         * Checks the change.
         *
         * @throws org.cskit.model.ValidationException if a part is missing or the days are out of range
         */
        public AddMilestone {
            Validate.present("name", name);
            Validate.present("kind", kind);
            requireDays("dueInDays", dueInDays);
        }

        @Override
        public Set<String> fields() {
            return name.placeholders();
        }
    }

    /**
     * A change to the success plan: schedule a review meeting with the customer.
     *
     * @param inDays days from the play to the meeting, in [0, 365]
     * @param agenda what to review, a template
     */
    record ScheduleReview(int inDays, Template agenda) implements Action {
        @Override
        public Kind actionKind() {
            return Kind.SCHEDULE_REVIEW;
        }

        /**
         * Checks the change.
         *
         * @throws org.cskit.model.ValidationException if the agenda is missing or the days are out of range
         */
        public ScheduleReview {
            requireDays("inDays", inDays);
            Validate.present("agenda", agenda);
        }

        @Override
        public Set<String> fields() {
            return agenda.placeholders();
        }
    }

    /**
     * A tag on the account, such as {@code expansion-ready}.
     *
     * @param tag the tag
     */
    record Tag(String tag) implements Action {
        @Override
        public Kind actionKind() {
            return Kind.TAG;
        }

        /**
         * Checks the tag.
         *
         * @throws org.cskit.model.ValidationException if the tag is blank
         */
        public Tag {
            Validate.nonBlank("tag", tag);
        }
    }

    private static void requireDays(String field, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw Validate.invalid(field, field + " must be in [0, " + MAX_DAYS + "], but was " + days);
        }
    }
}
