package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cskit.model.StandardFeatures;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;

/**
 * Checks of a playbook set beyond the fields it reads: band labels and segment names the host
 * declared ({@link #labels}), and playbooks whose own tests contradict each other, so they can
 * never fire ({@link #neverFires}).
 */
final class Lint {
    private Lint() {}

    /**
     * Rejects a band label or segment name the host did not declare.
     *
     * @param bands the declared band labels, or null to accept any
     * @param segments the declared segment names, or null to accept any
     * @throws ValidationException naming the playbook ({@code [index]}), the field and the known values
     */
    static void labels(List<Playbook> playbooks, Set<String> bands, Set<String> segments) {
        for (int i = 0; i < playbooks.size(); i++) {
            Playbook p = playbooks.get(i);
            String at = "[" + i + "]";
            Trigger t = p.trigger();
            String band = switch (t.kind()) {
                case BAND_ENTERED -> ((Trigger.BandEntered) t).band();
                case BAND_LEFT -> ((Trigger.BandLeft) t).band();
                case EVENT, DIRECTION_TURNED, THRESHOLD, DAYS_BEFORE_RENEWAL, DAYS_AFTER_START, MILESTONE_OVERDUE, EVERY, MANUAL -> null;
            };
            if (band != null) {
                known(bands, "band label", band, at + ".trigger.band");
            }
            for (String s : p.audience().segments()) {
                known(segments, "segment", s, at + ".audience.segments");
            }
            for (int c = 0; c < p.conditions().size(); c++) {
                condition(p.conditions().get(c), at + ".conditions[" + c + "]", bands, segments);
            }
        }
    }

    private static void condition(Condition condition, String at, Set<String> bands, Set<String> segments) {
        List<Condition> parts = switch (condition.kind()) {
            case IS -> {
                Condition.Is is = (Condition.Is) condition;
                text(is.field(), is.value(), at + ".value", bands, segments);
                yield List.of();
            }
            case IN -> {
                Condition.In in = (Condition.In) condition;
                for (int v = 0; v < in.values().size(); v++) {
                    text(in.field(), in.values().get(v), at + ".values[" + v + "]", bands, segments);
                }
                yield List.of();
            }
            case ALL_OF -> ((Condition.AllOf) condition).conditions();
            case ANY_OF -> ((Condition.AnyOf) condition).conditions();
            case NOT -> {
                condition(((Condition.Not) condition).condition(), at + ".condition", bands, segments);
                yield List.of();
            }
            case COMPARE, COMPARE_FIELDS, PRESENT, ABSENT -> List.of();
        };
        for (int k = 0; k < parts.size(); k++) {
            condition(parts.get(k), at + ".conditions[" + k + "]", bands, segments);
        }
    }

    private static void text(String field, String value, String at, Set<String> bands, Set<String> segments) {
        if (field.equals(Fields.BAND) || field.equals(Fields.PREVIOUS_BAND)) {
            known(bands, "band label", value, at);
        } else if (field.equals(Fields.SEGMENT)) {
            known(segments, "segment", value, at);
        }
    }

    private static void known(Set<String> known, String what, String value, String at) {
        if (known != null && !known.contains(value)) {
            throw Validate.invalid(at, "unknown " + what + " '" + value + "'; the host declared " + String.join(", ", sorted(known))
                    + " (a playbook reading it could never fire)");
        }
    }

    private static List<String> sorted(Collection<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }

    /**
     * Why each playbook that can never fire cannot: two of its numeric tests (the trigger's and the
     * top-level conditions', all of which must hold) leave no value, such as {@code p1 >= 2} and
     * {@code p1 < 1}; or it tests a field for being present and missing, or for two different texts.
     *
     * @return by playbook id, the reason; empty when every playbook can fire
     */
    static Map<String, String> neverFires(List<Playbook> playbooks) {
        Map<String, String> never = new LinkedHashMap<>();
        for (Playbook p : playbooks) {
            Map<String, Range> ranges = new LinkedHashMap<>();
            Map<String, String> is = new LinkedHashMap<>();
            Map<String, Boolean> presence = new LinkedHashMap<>();
            List<String> reasons = new ArrayList<>();
            Trigger t = p.trigger();
            boolean tested = switch (t.kind()) {
                case THRESHOLD -> {
                    Trigger.Threshold th = (Trigger.Threshold) t;
                    narrow(ranges, th.field(), th.op(), th.value(), "trigger " + th.field() + " " + th.op().symbol() + " "
                            + Validate.format(th.value()), reasons);
                    yield true;
                }
                case DAYS_BEFORE_RENEWAL -> {
                    int days = ((Trigger.DaysBeforeRenewal) t).days();
                    narrow(ranges, StandardFeatures.DAYS_TO_RENEWAL, Operator.LE, days, "trigger renewal within " + days + " days", reasons);
                    narrow(ranges, StandardFeatures.DAYS_TO_RENEWAL, Operator.GE, 0, "trigger renewal not past", reasons);
                    yield true;
                }
                case DAYS_AFTER_START -> {
                    Trigger.DaysAfterStart s = (Trigger.DaysAfterStart) t;
                    String text = "trigger days " + s.from() + " to " + s.to() + " after start";
                    narrow(ranges, StandardFeatures.DAYS_SINCE_START, Operator.GE, s.from(), text, reasons);
                    narrow(ranges, StandardFeatures.DAYS_SINCE_START, Operator.LT, s.to(), text, reasons);
                    yield true;
                }
                case MILESTONE_OVERDUE -> {
                    narrow(ranges, StandardFeatures.MAX_DAYS_OVERDUE, Operator.GE, ((Trigger.MilestoneOverdue) t).days(),
                            "trigger milestone overdue", reasons);
                    yield true;
                }
                case BAND_ENTERED -> {
                    is(is, Fields.BAND, ((Trigger.BandEntered) t).band(), "trigger band entered", reasons);
                    yield true;
                }
                case EVENT, BAND_LEFT, DIRECTION_TURNED, EVERY, MANUAL -> false;
            };
            for (Condition c : p.conditions()) {
                tested |= conjunct(c, ranges, is, presence, reasons);
            }
            if (tested && !reasons.isEmpty()) {
                never.put(p.id(), reasons.get(0));
            }
        }
        return never;
    }

    /** Adds what a condition that must hold says about its fields; false if it says nothing this check reads. */
    private static boolean conjunct(Condition c, Map<String, Range> ranges, Map<String, String> is, Map<String, Boolean> presence,
            List<String> reasons) {
        return switch (c.kind()) {
            case COMPARE -> {
                Condition.Compare cmp = (Condition.Compare) c;
                narrow(ranges, cmp.field(), cmp.op(), cmp.value(), cmp.field() + " " + cmp.op().symbol() + " " + Validate.format(cmp.value()),
                        reasons);
                yield true;
            }
            case IS -> {
                Condition.Is i = (Condition.Is) c;
                is(is, i.field(), i.value(), i.field() + " is '" + i.value() + "'", reasons);
                yield true;
            }
            case PRESENT -> {
                presence(presence, ((Condition.Present) c).field(), true, reasons);
                yield true;
            }
            case ABSENT -> {
                presence(presence, ((Condition.Absent) c).field(), false, reasons);
                yield true;
            }
            case ALL_OF -> {
                boolean any = false;
                for (Condition part : ((Condition.AllOf) c).conditions()) {
                    any |= conjunct(part, ranges, is, presence, reasons);
                }
                yield any;
            }
            case COMPARE_FIELDS, IN, ANY_OF, NOT -> false;
        };
    }

    private static void presence(Map<String, Boolean> presence, String field, boolean present, List<String> reasons) {
        Boolean before = presence.put(field, present);
        if (before != null && before != present) {
            reasons.add(field + " must be both present and missing");
        }
    }

    private static void is(Map<String, String> is, String field, String value, String text, List<String> reasons) {
        String before = is.putIfAbsent(field, value);
        if (before != null && !before.equals(value)) {
            reasons.add(field + " must be both '" + before + "' and '" + value + "' (" + text + ")");
        }
    }

    /** Numbers a field may take: an interval, each end open or closed. */
    private record Range(double lo, boolean loOpen, double hi, boolean hiOpen, String loText, String hiText) {
        boolean empty() {
            return lo > hi || lo == hi && (loOpen || hiOpen);
        }
    }

    private static void narrow(Map<String, Range> ranges, String field, Operator op, double v, String text, List<String> reasons) {
        Range r = ranges.getOrDefault(field, new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, null, null));
        Range n = switch (op) {
            case LT -> below(r, v, true, text);
            case LE -> below(r, v, false, text);
            case GT -> above(r, v, true, text);
            case GE -> above(r, v, false, text);
            case EQ -> below(above(r, v, false, text), v, false, text);
            case NE -> r;
        };
        ranges.put(field, n);
        if (n.empty() && !r.empty()) {
            String other = n.loText() != null && !n.loText().equals(text) ? n.loText() : n.hiText();
            reasons.add(other + " and " + text + " cannot both hold");
        }
    }

    private static Range below(Range r, double v, boolean open, String text) {
        if (v < r.hi() || v == r.hi() && open && !r.hiOpen()) {
            return new Range(r.lo(), r.loOpen(), v, open, r.loText(), text);
        }
        return r;
    }

    private static Range above(Range r, double v, boolean open, String text) {
        if (v > r.lo() || v == r.lo() && open && !r.loOpen()) {
            return new Range(v, open, r.hi(), r.hiOpen(), text, r.hiText());
        }
        return r;
    }
}
