package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.FeatureSchema;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SurveyResponse;
import org.cskit.model.Validate;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.ContractRenewed;
import org.cskit.model.event.DetractorResponded;
import org.cskit.model.event.ExecutiveSponsorChanged;
import org.cskit.model.event.LifecycleStageChanged;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.event.MilestoneMissed;
import org.cskit.model.event.PlanRevised;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Trigger;

/**
 * A playbook resolved against a feature schema: its repeat policy in seconds, what names its
 * situation, and how its plays are written (texts, reason). What fires is {@link RowProgram}'s.
 */
final class CompiledPlaybook {
    final Playbook playbook;
    final String id;
    final int index;
    final Trigger.Kind kind;
    /** Open plays close when the situation clears: auto-close on and a trigger whose situation can clear. */
    final boolean closes;
    /** Seconds; 0 for none. Saturated, never overflowing. */
    final long cooldown, limitPeriod, remindEvery;
    /** 0 for no limit. */
    final int limitCount;
    final int group; // exclusion group id, -1 for none
    final int urgency;
    private final FieldReader days; // days to renewal or since start, for those triggers
    private final FieldReader thresholdField;
    /** The situation's name when it does not depend on the row (threshold, band, direction, overdue triggers), else null. */
    private final String fixedSituation;
    private final Explained[] conditions;
    private final Map<String, FieldReader> placeholders = new HashMap<>();

    CompiledPlaybook(Playbook playbook, int index, FeatureSchema schema, String path, boolean closable, int group) {
        this.playbook = playbook;
        this.id = playbook.id();
        this.index = index;
        Trigger t = playbook.trigger();
        this.kind = t.kind();
        this.closes = closable && playbook.repeat().autoClose();
        RepeatPolicy repeat = playbook.repeat();
        this.cooldown = seconds(repeat.cooldown());
        this.limitCount = repeat.limit().map(RepeatPolicy.Limit::count).orElse(0);
        this.limitPeriod = repeat.limit().map(l -> seconds(l.period())).orElse(0L);
        this.remindEvery = repeat.remindEvery().map(CompiledPlaybook::seconds).orElse(0L);
        this.group = group;
        this.urgency = playbook.priority().ordinal();
        String at = path + ".trigger";
        this.days = switch (kind) {
            case DAYS_BEFORE_RENEWAL -> FieldReader.of(StandardFeatures.DAYS_TO_RENEWAL, schema, at);
            case DAYS_AFTER_START -> FieldReader.of(StandardFeatures.DAYS_SINCE_START, schema, at);
            case MILESTONE_OVERDUE -> FieldReader.of(StandardFeatures.MAX_DAYS_OVERDUE, schema, at);
            case EVENT, BAND_ENTERED, BAND_LEFT, DIRECTION_TURNED, THRESHOLD, EVERY, MANUAL -> null;
        };
        this.fixedSituation = fixedSituation(t);
        this.thresholdField = kind == Trigger.Kind.THRESHOLD
                ? FieldReader.of(((Trigger.Threshold) t).field(), schema, at + ".field") : null;
        this.conditions = new Explained[playbook.conditions().size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = Explained.of(playbook.conditions().get(i), schema, path + ".conditions[" + i + "]");
        }
        for (int i = 0; i < playbook.actions().size(); i++) {
            Action action = playbook.actions().get(i);
            String field = switch (action.actionKind()) {
                case TASK -> "title";
                case MESSAGE -> "body";
                case ADD_MILESTONE -> "name";
                case SCHEDULE_REVIEW -> "agenda";
                case TAG -> "tag";
            };
            for (String name : action.fields()) {
                placeholders.put(name, FieldReader.of(name, schema, path + ".actions[" + i + "]." + field));
            }
        }
    }

    /** A duration in whole seconds, rounded up, saturating at {@code Long.MAX_VALUE / 4} so that adding times never overflows. */
    private static long seconds(Duration d) {
        long max = Long.MAX_VALUE / 4;
        if (d.getSeconds() >= max) {
            return max;
        }
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** The feature its situation code reads (days to renewal or since start), or -1 for none. */
    int situationFeature() {
        return days == null ? -1 : days.featureIndex();
    }

    /** Whether a cadence trigger is due at {@code now} (epoch seconds) after a play at {@code last}. */
    boolean due(long last, long now) {
        if (last == org.cskit.playbooks.spi.PlayState.NEVER) {
            return true;
        }
        java.time.Period period = ((Trigger.Every) playbook.trigger()).period();
        try {
            return now >= Instant.ofEpochSecond(last).atZone(java.time.ZoneOffset.UTC).plus(period).toEpochSecond();
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return false; // the next time is beyond any date: never due again
        }
    }

    /** The situation of a row, as a code (equal codes, equal situations); {@code day} is the as-of epoch day. */
    int situationCode(AccountBatch c, int row, long day) {
        return switch (kind) {
            case BAND_ENTERED, BAND_LEFT, DIRECTION_TURNED, THRESHOLD, MILESTONE_OVERDUE -> 0;
            case DAYS_BEFORE_RENEWAL -> (int) (day + (long) days.number(c, row));
            case DAYS_AFTER_START -> (int) (day - (long) days.number(c, row));
            case EVERY, MANUAL -> (int) day;
            case EVENT -> {
                AccountEvent e = c.event(row);
                yield e == null ? 0 : eventCode(e);
            }
        };
    }

    /** The situation's name, such as {@code renewal:2027-01-15}, from its code (and the row's event, for events). */
    String situation(int code, AccountBatch c, int row) {
        return situation(code, kind == Trigger.Kind.EVENT ? c.event(row) : null);
    }

    /** The situation's name from its code and, for an event trigger, the event (null for none). */
    String situation(int code, AccountEvent e) {
        if (fixedSituation != null) {
            return fixedSituation;
        }
        Trigger t = playbook.trigger();
        return switch (kind) {
            case BAND_ENTERED, BAND_LEFT, DIRECTION_TURNED, THRESHOLD, MILESTONE_OVERDUE -> fixedSituation(t);
            case DAYS_BEFORE_RENEWAL -> "renewal:" + LocalDate.ofEpochDay(code);
            case DAYS_AFTER_START -> "start:" + LocalDate.ofEpochDay(code) + ":days " + ((Trigger.DaysAfterStart) t).from() + "-"
                    + ((Trigger.DaysAfterStart) t).to();
            case EVERY -> "every:" + LocalDate.ofEpochDay(code);
            case MANUAL -> "manual:" + LocalDate.ofEpochDay(code);
            case EVENT -> "event:" + ((Trigger.OnEvent) t).event() + (e == null ? "" : ":" + eventKey(e));
        };
    }

    /** The name of a situation that does not depend on the row; null for the other trigger kinds. */
    private static String fixedSituation(Trigger t) {
        return switch (t.kind()) {
            case BAND_ENTERED -> "band-entered:" + ((Trigger.BandEntered) t).band();
            case BAND_LEFT -> "band-left:" + ((Trigger.BandLeft) t).band();
            case DIRECTION_TURNED -> "direction:" + ((Trigger.DirectionTurned) t).to().name();
            case THRESHOLD -> "threshold:" + ((Trigger.Threshold) t).field();
            case MILESTONE_OVERDUE -> "milestone-overdue";
            case DAYS_BEFORE_RENEWAL, DAYS_AFTER_START, EVERY, MANUAL, EVENT -> null;
        };
    }

    /**
     * An event's situation code: a 64-bit hash of the parts of its {@link #eventKey} (the same
     * parts give the same code), folded to 32 bits, made without building the key. Two different
     * events of one type share a code with a chance of about 1 in 4 billion; only an account's
     * event compared with the one event whose play that playbook has open could be mistaken for
     * it. (The code was the key's {@code String.hashCode()}, for which colliding ids are easy to
     * write, and which built the key per event.)
     */
    static int eventCode(AccountEvent e) {
        String type = AccountEvents.typeOf(e);
        long h = mix(0x6a09e667f3bcc908L, type);
        switch (type) {
            case "MILESTONE_ACHIEVED" -> h = mix(h, ((MilestoneAchieved) e).milestoneId().value());
            case "MILESTONE_MISSED" -> h = mix(h, ((MilestoneMissed) e).milestoneId().value());
            case "CHAMPION_CHANGED" -> {
                ChampionChanged ch = (ChampionChanged) e;
                h = mix(mix(h, ch.current().map(org.cskit.model.PersonId::value).orElse(null)), ch.occurredAt());
            }
            case "EXECUTIVE_SPONSOR_CHANGED" -> {
                ExecutiveSponsorChanged s = (ExecutiveSponsorChanged) e;
                h = mix(mix(h, s.current().map(org.cskit.model.PersonId::value).orElse(null)), s.occurredAt());
            }
            case "PLAN_REVISED" -> {
                PlanRevised p = (PlanRevised) e;
                h = mix(mix(h, p.planId().value()), p.toVersion());
            }
            case "LIFECYCLE_STAGE_CHANGED" -> {
                LifecycleStageChanged s = (LifecycleStageChanged) e;
                h = mix(mix(h, s.to().ordinal()), s.occurredAt());
            }
            case "CONTRACT_RENEWED" -> h = mix(h, ((ContractRenewed) e).renewalDate().toEpochDay());
            case "DETRACTOR_RESPONDED" -> {
                SurveyResponse r = ((DetractorResponded) e).response();
                h = mix(mix(mix(h, r.kind().ordinal()), r.respondent().map(org.cskit.model.PersonId::value).orElse(null)), r.respondedAt());
            }
            default -> h = mix(h, e.occurredAt());
        }
        int code = (int) (h ^ h >>> 32);
        return code == 0 ? 1 : code;
    }

    private static long mix(long h, long v) {
        h = (h ^ v) * 0x9e3779b97f4a7c15L;
        return h ^ h >>> 29;
    }

    /** A string's length and characters (null, for an absent person, differs from every string). */
    private static long mix(long h, String s) {
        if (s == null) {
            return mix(h, -1L);
        }
        h = mix(h, s.length());
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(h, 0L);
    }

    private static long mix(long h, Instant t) {
        return mix(mix(h, t.getEpochSecond()), t.getNano());
    }

    /** What makes two events of one type the same situation. */
    private static String eventKey(AccountEvent e) {
        String type = AccountEvents.typeOf(e);
        switch (type) {
            case "MILESTONE_ACHIEVED": return ((MilestoneAchieved) e).milestoneId().value();
            case "MILESTONE_MISSED": return ((MilestoneMissed) e).milestoneId().value();
            case "CHAMPION_CHANGED": {
                ChampionChanged ch = (ChampionChanged) e;
                return ch.current().map(Object::toString).orElse("none") + "@" + Iso.format(ch.occurredAt());
            }
            case "EXECUTIVE_SPONSOR_CHANGED": {
                ExecutiveSponsorChanged s = (ExecutiveSponsorChanged) e;
                return s.current().map(Object::toString).orElse("none") + "@" + Iso.format(s.occurredAt());
            }
            case "PLAN_REVISED": {
                PlanRevised p = (PlanRevised) e;
                return p.planId() + "@v" + p.toVersion();
            }
            case "LIFECYCLE_STAGE_CHANGED": {
                LifecycleStageChanged s = (LifecycleStageChanged) e;
                return s.to() + "@" + Iso.format(s.occurredAt());
            }
            case "CONTRACT_RENEWED": return ((ContractRenewed) e).renewalDate().toString();
            case "DETRACTOR_RESPONDED": {
                SurveyResponse r = ((DetractorResponded) e).response();
                return r.kind() + ":" + r.respondent().map(Object::toString).orElse("anonymous") + "@" + Iso.format(r.respondedAt());
            }
            default: return type + "@" + Iso.format(e.occurredAt());
        }
    }

    /** The trigger, described with what it saw. */
    String describe(AccountBatch c, int row) {
        Trigger t = playbook.trigger();
        return switch (kind) {
            case BAND_ENTERED, BAND_LEFT -> {
                boolean entered = kind == Trigger.Kind.BAND_ENTERED;
                String band = entered ? ((Trigger.BandEntered) t).band() : ((Trigger.BandLeft) t).band();
                String before = c.previousBand(row);
                yield "band " + (entered ? "entered" : "left") + " '" + band + "'" + " (was "
                        + (before == null ? "none" : "'" + before + "'") + ", now '" + c.band(row) + "')";
            }
            case DIRECTION_TURNED -> {
                String before = c.previousDirection(row);
                yield "direction turned " + ((Trigger.DirectionTurned) t).to().name() + (before == null ? "" : " (was " + before + ")");
            }
            case THRESHOLD -> {
                Trigger.Threshold th = (Trigger.Threshold) t;
                yield th.field() + " " + th.op().symbol() + " " + Validate.format(th.value()) + " (was " + thresholdField.display(c, row) + ")";
            }
            case MILESTONE_OVERDUE -> "a milestone is " + days(days.display(c, row)) + " overdue (at least "
                    + ((Trigger.MilestoneOverdue) t).days() + ")";
            case DAYS_BEFORE_RENEWAL -> "renewal in " + days(days.display(c, row)) + " (within " + ((Trigger.DaysBeforeRenewal) t).days() + ")";
            case DAYS_AFTER_START -> "day " + days.display(c, row) + " after start (window " + ((Trigger.DaysAfterStart) t).from() + " to "
                    + ((Trigger.DaysAfterStart) t).to() + ")";
            case EVERY -> "cadence " + ((Trigger.Every) t).period();
            case MANUAL -> "enrolled by hand";
            case EVENT -> {
                AccountEvent e = c.event(row);
                yield "event " + ((Trigger.OnEvent) t).event() + (e == null ? "" : " at " + Iso.format(e.occurredAt()));
            }
        };
    }

    /**
     * The full play for a row.
     *
     * @param held whether each condition held, from the program's atoms
     */
    Play play(AccountBatch c, int row, String situation, String key, boolean[] held) {
        LocalDate day = LocalDate.ofInstant(c.asOf(), java.time.ZoneOffset.UTC);
        List<Play.PlannedAction> actions = new ArrayList<>(playbook.actions().size());
        java.util.function.Function<String, String> values = name -> placeholders.get(name).display(c, row);
        for (Action action : playbook.actions()) {
            actions.add(switch (action.actionKind()) {
                case TASK -> {
                    Action.Task t = (Action.Task) action;
                    yield new Play.PlannedAction(action, t.title().render(values), day.plusDays(t.dueInDays()));
                }
                case MESSAGE -> new Play.PlannedAction(action, ((Action.Message) action).body().render(values), day);
                case ADD_MILESTONE -> {
                    Action.AddMilestone m = (Action.AddMilestone) action;
                    yield new Play.PlannedAction(action, m.name().render(values), day.plusDays(m.dueInDays()));
                }
                case SCHEDULE_REVIEW -> {
                    Action.ScheduleReview r = (Action.ScheduleReview) action;
                    yield new Play.PlannedAction(action, r.agenda().render(values), day.plusDays(r.inDays()));
                }
                case TAG -> new Play.PlannedAction(action, ((Action.Tag) action).tag(), day);
            });
        }
        List<Play.ConditionOutcome> outcomes = new ArrayList<>(conditions.length);
        for (int i = 0; i < conditions.length; i++) {
            outcomes.add(new Play.ConditionOutcome(conditions[i].text, conditions[i].actual(c, row), held[i]));
        }
        return new Play(key, c.accountId(row), id, playbook.version(), situation, playbook.priority(), c.asOf(), actions,
                new Play.Reason(describe(c, row), outcomes));
    }

    /** A condition as the reason shows it: its text, and what its fields held. */
    private static final class Explained {
        final String text;
        private final FieldReader[] fields; // for a leaf
        private final Explained[] parts; // for a group or a negation

        private Explained(String text, FieldReader[] fields, Explained[] parts) {
            this.text = text;
            this.fields = fields;
            this.parts = parts;
        }

        static Explained of(Condition condition, FeatureSchema schema, String path) {
            return switch (condition.kind()) {
                case COMPARE -> {
                    Condition.Compare cmp = (Condition.Compare) condition;
                    yield leaf(cmp.field() + " " + cmp.op().symbol() + " " + Validate.format(cmp.value()), schema, path, cmp.field());
                }
                case COMPARE_FIELDS -> {
                    Condition.CompareFields cmp = (Condition.CompareFields) condition;
                    String times = cmp.factor() == 1 ? "" : " x " + Validate.format(cmp.factor());
                    Explained leaf = leaf(cmp.field() + " " + cmp.op().symbol() + " " + cmp.other() + times, schema, path, cmp.field());
                    yield new Explained(leaf.text, new FieldReader[] {leaf.fields[0], FieldReader.of(cmp.other(), schema, path + ".other")}, null);
                }
                case IS -> leaf(((Condition.Is) condition).field() + " is '" + ((Condition.Is) condition).value() + "'", schema, path,
                        ((Condition.Is) condition).field());
                case IN -> leaf(((Condition.In) condition).field() + " in " + ((Condition.In) condition).values(), schema, path,
                        ((Condition.In) condition).field());
                case PRESENT -> leaf(((Condition.Present) condition).field() + " is present", schema, path,
                        ((Condition.Present) condition).field());
                case ABSENT -> leaf(((Condition.Absent) condition).field() + " is missing", schema, path,
                        ((Condition.Absent) condition).field());
                case ALL_OF -> group(((Condition.AllOf) condition).conditions(), " and ", schema, path);
                case ANY_OF -> group(((Condition.AnyOf) condition).conditions(), " or ", schema, path);
                case NOT -> {
                    Explained inner = of(((Condition.Not) condition).condition(), schema, path + ".condition");
                    yield new Explained("not (" + inner.text + ")", null, new Explained[] {inner});
                }
            };
        }

        private static Explained leaf(String text, FeatureSchema schema, String path, String field) {
            return new Explained(text, new FieldReader[] {FieldReader.of(field, schema, path + ".field")}, null);
        }

        private static Explained group(List<Condition> conditions, String joiner, FeatureSchema schema, String path) {
            Explained[] parts = new Explained[conditions.size()];
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < parts.length; i++) {
                parts[i] = of(conditions.get(i), schema, path + ".conditions[" + i + "]");
                texts.add(parts[i].text);
            }
            return new Explained("(" + String.join(joiner, texts) + ")", null, parts);
        }

        String actual(AccountBatch c, int row) {
            if (fields != null) {
                StringBuilder sb = new StringBuilder();
                for (FieldReader f : fields) {
                    if (sb.length() > 0) {
                        sb.append(", ");
                    }
                    sb.append(f.name).append(" = ").append(f.display(c, row));
                }
                return sb.toString();
            }
            if (parts.length == 1 && text.startsWith("not (")) {
                return parts[0].actual(c, row);
            }
            List<String> texts = new ArrayList<>();
            for (Explained part : parts) {
                texts.add(part.actual(c, row));
            }
            return String.join("; ", texts);
        }
    }

    /** "1 day", "2 days", "missing days" read as "missing": a count of days as a reason says it. */
    static String days(String count) {
        return switch (count) {
            case "1" -> "1 day";
            case "missing" -> "an unknown number of days";
            default -> count + " days";
        };
    }
}
