package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Period;
import java.util.Set;
import org.cskit.model.Direction;
import org.cskit.model.StandardFeatures;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvents;

/**
 * What starts a playbook. Time-based triggers (a date relative to the account, a cadence) and
 * event-based ones (a domain event, a band or direction change, a threshold crossing) are equally
 * first class. A trigger fires once per situation: the engine keeps one open play per account and
 * situation and updates it when the trigger fires again. Implementations are immutable and
 * thread-safe.
 *
 * <p>JSON names the kind in {@code type}: {@code EVENT}, {@code BAND_ENTERED}, {@code BAND_LEFT},
 * {@code DIRECTION_TURNED}, {@code THRESHOLD}, {@code DAYS_BEFORE_RENEWAL}, {@code DAYS_AFTER_START},
 * {@code MILESTONE_OVERDUE}, {@code EVERY}, {@code MANUAL}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Trigger.OnEvent.class, name = "EVENT"),
    @JsonSubTypes.Type(value = Trigger.BandEntered.class, name = "BAND_ENTERED"),
    @JsonSubTypes.Type(value = Trigger.BandLeft.class, name = "BAND_LEFT"),
    @JsonSubTypes.Type(value = Trigger.DirectionTurned.class, name = "DIRECTION_TURNED"),
    @JsonSubTypes.Type(value = Trigger.Threshold.class, name = "THRESHOLD"),
    @JsonSubTypes.Type(value = Trigger.DaysBeforeRenewal.class, name = "DAYS_BEFORE_RENEWAL"),
    @JsonSubTypes.Type(value = Trigger.DaysAfterStart.class, name = "DAYS_AFTER_START"),
    @JsonSubTypes.Type(value = Trigger.MilestoneOverdue.class, name = "MILESTONE_OVERDUE"),
    @JsonSubTypes.Type(value = Trigger.Every.class, name = "EVERY"),
    @JsonSubTypes.Type(value = Trigger.Manual.class, name = "MANUAL")
})
public sealed interface Trigger
        permits Trigger.OnEvent, Trigger.BandEntered, Trigger.BandLeft, Trigger.DirectionTurned, Trigger.Threshold,
                Trigger.DaysBeforeRenewal, Trigger.DaysAfterStart, Trigger.MilestoneOverdue, Trigger.Every, Trigger.Manual {

    /** The kinds of trigger, one per subtype: a switch over {@link #kind()} without a default is exhaustive, so a new subtype that is not handled does not compile. */
    enum Kind { EVENT, BAND_ENTERED, BAND_LEFT, DIRECTION_TURNED, THRESHOLD, DAYS_BEFORE_RENEWAL, DAYS_AFTER_START, MILESTONE_OVERDUE, EVERY, MANUAL }

    /**
     * Which kind this is.
     *
     * @return the kind
     */
    @JsonIgnore
    Kind kind();

    /** The longest window a date trigger may name: ten years. */
    int MAX_DAYS = 3650;

    /**
     * The field names the trigger reads.
     *
     * @return the names; empty for triggers that read none
     */
    default Set<String> fields() {
        return Set.of();
    }

    /**
     * A domain event happened, such as {@code CHAMPION_CHANGED} or {@code MILESTONE_MISSED}, and
     * what it carries matches {@code when}: {@code previous} and {@code current} ({@code PRESENT} or
     * {@code ABSENT}) for {@code CHAMPION_CHANGED} and {@code EXECUTIVE_SPONSOR_CHANGED}, so that a
     * champion replaced ({@code "previous": "PRESENT"}) differs from a first champion named;
     * {@code from} and {@code to} (a {@link org.cskit.model.LifecycleStage} name) for
     * {@code LIFECYCLE_STAGE_CHANGED}; {@code expansionOpportunity} ({@code PRESENT} or
     * {@code ABSENT}) for {@code MILESTONE_ACHIEVED}, so that a milestone that opens an expansion
     * conversation (one achieved by evidence carries its milestone and opportunity) starts its own
     * playbook; {@code kind} ({@code NPS}, {@code CSAT} or {@code CES}) for {@code DETRACTOR_RESPONDED},
     * so that an NPS detractor can start a different playbook than a hard CES answer. Other events
     * carry nothing to test. JSON:
     * {@code {"type": "EVENT", "event": "CHAMPION_CHANGED", "when": {"previous": "PRESENT"}}} or
     * {@code {"type": "EVENT", "event": "DETRACTOR_RESPONDED", "when": {"kind": "NPS"}}}.
     *
     * @param event the event's type name, one of {@link AccountEvents#TYPES}
     * @param when what the event must carry, by field; empty for any event of the type
     */
    record OnEvent(String event,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            java.util.Map<String, String> when) implements Trigger {
        /** The fields each event type carries that a trigger can test, and their values. */
        public static final java.util.Map<String, java.util.Map<String, java.util.List<String>>> TESTABLE = testable();

        @Override
        public Kind kind() {
            return Kind.EVENT;
        }

        /**
         * Any event of a type.
         *
         * @param event the event's type name
         */
        public OnEvent(String event) {
            this(event, java.util.Map.of());
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the event type is unknown, or {@code when}
         *     names a field the event does not carry or a value the field cannot have
         */
        public OnEvent {
            Validate.nonBlank("event", event);
            if (!AccountEvents.TYPES.contains(event)) {
                throw Validate.invalid("event", "unknown event '" + event + "'; known events: " + String.join(", ", AccountEvents.TYPES));
            }
            when = when == null ? java.util.Map.of() : java.util.Map.copyOf(when);
            java.util.Map<String, java.util.List<String>> fields = TESTABLE.getOrDefault(event, java.util.Map.of());
            for (java.util.Map.Entry<String, String> e : new java.util.TreeMap<>(when).entrySet()) {
                java.util.List<String> values = fields.get(e.getKey());
                if (values == null) {
                    throw Validate.invalid("when." + e.getKey(), "event " + event + " has no field '" + e.getKey() + "' to test; "
                            + (fields.isEmpty() ? "it carries none" : "it has " + String.join(", ", new java.util.TreeSet<>(fields.keySet()))));
                }
                if (!values.contains(e.getValue())) {
                    throw Validate.invalid("when." + e.getKey(), "'" + e.getValue() + "' is not a value of " + event + "." + e.getKey()
                            + "; give one of " + String.join(", ", values));
                }
            }
        }

        private static java.util.Map<String, java.util.Map<String, java.util.List<String>>> testable() {
            java.util.List<String> presence = java.util.List.of("PRESENT", "ABSENT");
            java.util.List<String> stages = new java.util.ArrayList<>();
            for (org.cskit.model.LifecycleStage s : org.cskit.model.LifecycleStage.values()) {
                stages.add(s.name());
            }
            java.util.List<String> surveys = new java.util.ArrayList<>();
            for (org.cskit.model.SurveyKind k : org.cskit.model.SurveyKind.values()) {
                surveys.add(k.name());
            }
            return java.util.Map.of("CHAMPION_CHANGED", java.util.Map.of("previous", presence, "current", presence),
                    "EXECUTIVE_SPONSOR_CHANGED", java.util.Map.of("previous", presence, "current", presence),
                    "LIFECYCLE_STAGE_CHANGED", java.util.Map.of("from", java.util.List.copyOf(stages), "to", java.util.List.copyOf(stages)),
                    "MILESTONE_ACHIEVED", java.util.Map.of("expansionOpportunity", presence),
                    "DETRACTOR_RESPONDED", java.util.Map.of("kind", java.util.List.copyOf(surveys)));
        }

        /**
         * Whether an event of this trigger's type carries what {@code when} asks.
         *
         * @param e an event of this trigger's type
         * @return whether it matches
         */
        public boolean matches(org.cskit.model.event.AccountEvent e) {
            for (java.util.Map.Entry<String, String> test : when.entrySet()) {
                String actual = switch (AccountEvents.typeOf(e) + "." + test.getKey()) {
                    case "CHAMPION_CHANGED.previous" -> presence(((org.cskit.model.event.ChampionChanged) e).previous());
                    case "CHAMPION_CHANGED.current" -> presence(((org.cskit.model.event.ChampionChanged) e).current());
                    case "EXECUTIVE_SPONSOR_CHANGED.previous" -> presence(((org.cskit.model.event.ExecutiveSponsorChanged) e).previous());
                    case "EXECUTIVE_SPONSOR_CHANGED.current" -> presence(((org.cskit.model.event.ExecutiveSponsorChanged) e).current());
                    case "LIFECYCLE_STAGE_CHANGED.from" -> ((org.cskit.model.event.LifecycleStageChanged) e).from().name();
                    case "LIFECYCLE_STAGE_CHANGED.to" -> ((org.cskit.model.event.LifecycleStageChanged) e).to().name();
                    case "MILESTONE_ACHIEVED.expansionOpportunity" ->
                            presence(((org.cskit.model.event.MilestoneAchieved) e).expansionOpportunity());
                    case "DETRACTOR_RESPONDED.kind" -> ((org.cskit.model.event.DetractorResponded) e).response().kind().name();
                    default -> null;
                };
                if (!test.getValue().equals(actual)) {
                    return false;
                }
            }
            return true;
        }

        private static String presence(java.util.Optional<?> value) {
            return value.isPresent() ? "PRESENT" : "ABSENT";
        }
    }

    /**
     * The account's vector entered a band it was not in before.
     *
     * @param band the band's label
     */
    record BandEntered(String band) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.BAND_ENTERED;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the label is blank
         */
        public BandEntered {
            Validate.nonBlank("band", band);
        }

        @Override
        public Set<String> fields() {
            return Set.of(Fields.BAND, Fields.PREVIOUS_BAND);
        }
    }

    /**
     * The account's vector left a band it was in before.
     *
     * @param band the band's label
     */
    record BandLeft(String band) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.BAND_LEFT;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the label is blank
         */
        public BandLeft {
            Validate.nonBlank("band", band);
        }

        @Override
        public Set<String> fields() {
            return Set.of(Fields.BAND, Fields.PREVIOUS_BAND);
        }
    }

    /**
     * The vector's direction turned to the given one, such as {@link Direction#DECLINING}.
     *
     * @param to the new direction
     */
    record DirectionTurned(Direction to) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.DIRECTION_TURNED;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the direction is missing
         */
        public DirectionTurned {
            Validate.present("to", to);
        }

        @Override
        public Set<String> fields() {
            return Set.of(Fields.DIRECTION);
        }
    }

    /**
     * A numeric field or feature is past a threshold, such as {@code logins_14d_change_pct <= -30}
     * (usage dropped 30% against the window before) or {@code vector.score < 40}. It fires once
     * when the comparison starts to hold; the play closes when it stops holding (with auto-close).
     *
     * @param field a numeric field or feature
     * @param op the operator
     * @param value the threshold, finite
     */
    record Threshold(String field, Operator op, double value) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.THRESHOLD;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the field is blank or text, or the value not finite
         */
        public Threshold {
            Validate.nonBlank("field", field);
            Validate.present("op", op);
            Validate.finite("value", value);
            if (Fields.TEXT.contains(field)) {
                throw Validate.invalid("field", "field '" + field + "' is text; use BAND_ENTERED, BAND_LEFT or DIRECTION_TURNED");
            }
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * The renewal date is this many days away or nearer (and not past); once per renewal date.
     *
     * @param days the lead time, in [0, {@value #MAX_DAYS}]
     */
    record DaysBeforeRenewal(int days) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.DAYS_BEFORE_RENEWAL;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the days are outside [0, 3650]
         */
        public DaysBeforeRenewal {
            requireDays("days", days);
        }

        @Override
        public Set<String> fields() {
            return Set.of(StandardFeatures.DAYS_TO_RENEWAL);
        }
    }

    /**
     * The contract's age is within a window of days after its start, such as onboarding steps on
     * days 0-7, 7-30 and 30-90; once per contract.
     *
     * @param from the first day of the window, inclusive, at least 0
     * @param to the day the window ends, exclusive, after {@code from}, at most {@value #MAX_DAYS}
     */
    record DaysAfterStart(int from, int to) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.DAYS_AFTER_START;
        }

        /**
         * Checks the window.
         *
         * @throws org.cskit.model.ValidationException if the window is empty, negative or longer than ten years
         */
        public DaysAfterStart {
            requireDays("from", from);
            requireDays("to", to);
            if (to <= from) {
                throw Validate.invalid("to", "window to " + to + " must be after from " + from + ": days " + from
                        + " to " + to + " after start is an empty window");
            }
        }

        @Override
        public Set<String> fields() {
            return Set.of(StandardFeatures.DAYS_SINCE_START);
        }
    }

    /**
     * A milestone of the plan is overdue by at least this many days.
     *
     * @param days how far past its due date, in [1, {@value #MAX_DAYS}]
     */
    record MilestoneOverdue(int days) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MILESTONE_OVERDUE;
        }

        /**
         * Checks the trigger.
         *
         * @throws org.cskit.model.ValidationException if the days are outside [1, 3650]
         */
        public MilestoneOverdue {
            requireDays("days", days);
            if (days < 1) {
                throw Validate.invalid("days", "days must be at least 1, but was " + days);
            }
        }

        @Override
        public Set<String> fields() {
            return Set.of(StandardFeatures.MAX_DAYS_OVERDUE);
        }
    }

    /**
     * On a cadence, such as every 90 days, counted from the playbook's last play for the account.
     * In JSON the period is an ISO-8601 string in days, weeks, months or years ({@code "P90D"},
     * {@code "P2W"}, {@code "P3M"}); a bare number is refused.
     *
     * @param period the cadence, positive and at most ten years (counting a month as 30 days)
     */
    record Every(Period period) implements Trigger {
        @Override
        public Kind kind() {
            return Kind.EVERY;
        }

        /**
         * Checks the cadence.
         *
         * @throws org.cskit.model.ValidationException if the period is missing, not positive or longer than ten years
         */
        public Every {
            Validate.present("period", period);
            if (period.isZero() || period.isNegative()) {
                throw Validate.invalid("period", "period must be positive such as P90D, but was " + period);
            }
            if (period.toTotalMonths() * 30 + period.getDays() > MAX_DAYS) {
                throw Validate.invalid("period", "period must be at most ten years (P10Y, P120M or P" + MAX_DAYS
                        + "D, a month counted as 30 days), but was " + period);
            }
        }
    }

    /** A person enrols the account by hand. */
    record Manual() implements Trigger {
        @Override
        public Kind kind() {
            return Kind.MANUAL;
        }
    }

    private static void requireDays(String field, int days) {
        if (days < 0 || days > MAX_DAYS) {
            throw Validate.invalid(field, field + " must be in [0, " + MAX_DAYS + "] days, but was " + days);
        }
    }
}
