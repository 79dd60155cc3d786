package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.FeatureSchema;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;

/** A playbook resolved against a feature schema. */
final class CompiledPlaybook {
    final Playbook playbook;
    final String id;
    final int index;
    final CompiledTrigger trigger;
    final boolean closes;
    private final boolean everyone;
    private final CompiledCondition[] conditions;
    private final Map<String, FieldReader> placeholders = new HashMap<>();

    CompiledPlaybook(Playbook playbook, int index, FeatureSchema schema, String path, Map<String, Integer> atoms,
            List<EvalContext.Atom> atomList) {
        this.playbook = playbook;
        this.id = playbook.id();
        this.index = index;
        this.trigger = CompiledTrigger.compile(playbook.trigger(), schema, path + ".trigger");
        this.closes = playbook.repeat().autoClose() && trigger.autoClosable();
        this.everyone = playbook.audience().isEveryone();
        this.conditions = new CompiledCondition[playbook.conditions().size()];
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] = CompiledCondition.compile(playbook.conditions().get(i), schema, path + ".conditions[" + i + "]",
                    atoms, atomList);
        }
        for (int i = 0; i < playbook.actions().size(); i++) {
            Action action = playbook.actions().get(i);
            for (String name : action.fields()) {
                placeholders.put(name, FieldReader.of(name, schema, path + ".actions[" + i + "]." + templateField(action)));
            }
        }
    }

    private static String templateField(Action action) {
        if (action instanceof Action.Task) {
            return "title";
        } else if (action instanceof Action.Message) {
            return "body";
        } else if (action instanceof Action.AddMilestone) {
            return "name";
        }
        return "agenda";
    }

    boolean inAudience(EvalContext c) {
        return everyone || playbook.audience().includes(c.segmentName(), c.stage(), c.engagementModel());
    }

    boolean conditionsHold(EvalContext c) {
        for (CompiledCondition condition : conditions) {
            if (!condition.test(c)) {
                return false;
            }
        }
        return true;
    }

    Play play(EvalContext c) {
        String situation = trigger.situation(c);
        List<Play.PlannedAction> actions = new ArrayList<>(playbook.actions().size());
        for (Action action : playbook.actions()) {
            actions.add(plan(action, c));
        }
        List<Play.ConditionOutcome> outcomes = new ArrayList<>(conditions.length);
        for (CompiledCondition condition : conditions) {
            outcomes.add(new Play.ConditionOutcome(condition.describe(), condition.actual(c), condition.test(c)));
        }
        String key = id + "|" + c.accountId() + "|" + situation + "|" + c.asOfText();
        return new Play(key, c.accountId(), id, playbook.version(), situation, playbook.priority(),
                c.asOf(), actions, new Play.Reason(trigger.describe(c), outcomes));
    }

    private Play.PlannedAction plan(Action action, EvalContext c) {
        java.util.function.Function<String, String> values = name -> placeholders.get(name).display(c);
        if (action instanceof Action.Task t) {
            return new Play.PlannedAction(action, t.title().render(values), c.day().plusDays(t.dueInDays()));
        } else if (action instanceof Action.Message m) {
            return new Play.PlannedAction(action, m.body().render(values), c.day());
        } else if (action instanceof Action.AddMilestone m) {
            return new Play.PlannedAction(action, m.name().render(values), c.day().plusDays(m.dueInDays()));
        } else if (action instanceof Action.ScheduleReview r) {
            return new Play.PlannedAction(action, r.agenda().render(values), c.day().plusDays(r.inDays()));
        }
        return new Play.PlannedAction(action, ((Action.Tag) action).tag(), c.day());
    }
}
