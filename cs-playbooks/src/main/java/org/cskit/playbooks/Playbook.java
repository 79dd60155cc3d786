package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cskit.model.Validate;
import org.immutables.value.Value;

/**
 * A repeatable response to a repeatable situation: who it is for, what starts it, what must also
 * hold, what it produces, how urgent it is and how often it may fire. A definition is plain data
 * that round-trips through JSON; it cannot run code. Immutable and thread-safe.
 *
 * <p>Rules: {@code id} is lower-case letters, digits, dots, dashes and underscores, starting with a
 * letter or digit; {@code name} is not blank; {@code version} is at least 1; at least one action.
 * Defaults: version 1, audience everyone, no conditions, priority that of its most urgent task
 * ({@link Priority#NORMAL} without tasks), repeat policy {@link RepeatPolicy#ofDefaults()}.
 *
 * <p><b>One priority rule:</b> a play is as urgent as its playbook, and a playbook is at least as
 * urgent as each of its tasks. So the playbook's priority, which its plays carry, which orders a
 * queue and which decides mutual exclusion, is never below what a task says: left out, it is the
 * most urgent task's priority; given lower than a task's, the playbook is refused.
 *
 * <pre>{@code
 * Playbook lowAdoption = Playbook.builder()
 *         .id("low-adoption").name("Low adoption")
 *         .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
 *         .addConditions(Condition.is(Fields.STAGE, "ADOPTION"))
 *         .addActions(new Action.Task(Template.of("Adoption at {{seat_utilisation}}: run an enablement session"),
 *                 "CSM", 7, Priority.HIGH))
 *         .repeat(RepeatPolicy.builder().cooldown(Duration.ofDays(30)).build())
 *         .build();
 * }</pre>
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePlaybook.class)
@JsonDeserialize(builder = Playbook.Builder.class)
public abstract class Playbook {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    // Only the generated implementation extends this type.
    Playbook() {}

    /**
     * Identifies the playbook; plays and the play state kept in a {@code PlayStateStore} refer to it.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract String id();

    /**
     * The playbook's name.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The definition's version; raise it with every change.
     *
     * @return the version, at least 1
     */
    @Value.Default
    @JsonProperty("version")
    public int version() {
        return 1;
    }

    /**
     * What the playbook is for, in words.
     *
     * @return the description; empty by default
     */
    @Value.Default
    @JsonProperty("description")
    public String description() {
        return "";
    }

    /**
     * Which accounts it is for.
     *
     * @return the audience; everyone by default
     */
    @Value.Default
    @JsonProperty("audience")
    public Audience audience() {
        return Audience.everyone();
    }

    /**
     * What starts it.
     *
     * @return the trigger
     */
    @JsonProperty("trigger")
    public abstract Trigger trigger();

    /**
     * What must also hold, all of them.
     *
     * @return the conditions; may be empty
     */
    @JsonProperty("conditions")
    public abstract List<Condition> conditions();

    /**
     * What it produces.
     *
     * @return the actions, at least one
     */
    @JsonProperty("actions")
    public abstract List<Action> actions();

    /**
     * How urgent its plays are: at least as urgent as each of its tasks.
     *
     * @return the priority; by default the most urgent task's, or normal without tasks
     */
    @Value.Default
    @JsonProperty("priority")
    public Priority priority() {
        Priority most = Priority.NORMAL;
        boolean anyTask = false;
        for (Action a : actions()) {
            if (a instanceof Action.Task t) {
                most = anyTask && most.compareTo(t.priority()) >= 0 ? most : t.priority();
                anyTask = true;
            }
        }
        return most;
    }

    /**
     * How often it may fire.
     *
     * @return the repeat policy
     */
    @Value.Default
    @JsonProperty("repeat")
    public RepeatPolicy repeat() {
        return RepeatPolicy.ofDefaults();
    }

    /**
     * Every field the playbook reads: in its trigger, its conditions and its actions' templates.
     * A playbook set checks them against the features it will see.
     *
     * @return the field names, in order of first appearance
     */
    public Set<String> fields() {
        Set<String> all = new LinkedHashSet<>(trigger().fields());
        conditions().forEach(c -> all.addAll(c.fields()));
        actions().forEach(a -> all.addAll(a.fields()));
        return all;
    }

    @Value.Check
    protected void check() {
        if (id() == null || !ID.matcher(id()).matches()) {
            throw Validate.invalid("id", "playbook id '" + id() + "' must be 1 to 100 lower-case letters, digits, '.', '-' or '_', "
                    + "starting with a letter or digit");
        }
        Validate.nonBlank("name", name());
        Validate.atLeast("version", version(), 1);
        if (actions().isEmpty()) {
            throw Validate.invalid("actions", "playbook '" + id() + "' needs at least one action, but actions was empty");
        }
        for (int i = 0; i < actions().size(); i++) {
            if (actions().get(i) instanceof Action.Task t && t.priority().compareTo(priority()) > 0) {
                throw Validate.invalid("priority", "playbook '" + id() + "' priority " + priority() + " is below its task's "
                        + t.priority() + " (actions[" + i + "]): a playbook is at least as urgent as each of its tasks; "
                        + "leave priority out to take the most urgent task's");
            }
        }
    }

    /**
     * Starts a playbook.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Playbook}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutablePlaybook.Builder {
        Builder() {}
    }
}
