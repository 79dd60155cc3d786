package org.cskit.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Definitions that loaded and then misbehaved (issue 17, items 1, 19, 20 and 22): a cooldown of
 * {@code 30} read as 30 seconds, durations and counts so large that every later evaluation of the
 * account threw, conditions nested deep enough to overflow the stack, and nulls that became
 * NullPointerExceptions. Each is refused at load with the path, the value and the bound.
 */
class DefinitionBoundsTest {
    private static final CsJson JSON = CsJson.create();
    private static final FeatureSchema SCHEMA = FeatureSchema.of(List.of("seat_utilisation"));

    private static String playbook(String repeat, String trigger) {
        return """
                [ { "id": "low-adoption", "name": "Low adoption",
                    "trigger": %s,
                    "actions": [ { "type": "TAG", "tag": "low-adoption" } ],
                    "repeat": %s } ]""".formatted(trigger, repeat);
    }

    private static String threshold() {
        return "{ \"type\": \"THRESHOLD\", \"field\": \"seat_utilisation\", \"op\": \"LT\", \"value\": 0.4 }";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        bare number cooldown | { "cooldown": 30 }                              | $[0].repeat.cooldown     | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the number 30: a bare number has no unit; write P30D for days or PT30S for seconds
        cooldown in words    | { "cooldown": "30d" }                           | $[0].repeat.cooldown     | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the string '30d'; write P30D
        cooldown in months   | { "cooldown": "P1M" }                           | $[0].repeat.cooldown     | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the string 'P1M': months and years have no fixed length, so write days, such as P30D
        negative cooldown    | { "cooldown": "-P30D" }                         | $[0].repeat.cooldown     | cooldown must not be negative, but was -P30D
        huge cooldown        | { "cooldown": "PT9223372036854775807S" }        | $[0].repeat.cooldown     | cooldown must be at most P3650D (ten years), but was PT2562047788015215H30M7S
        long cooldown        | { "cooldown": "P3651D" }                        | $[0].repeat.cooldown     | cooldown must be at most P3650D (ten years), but was P3651D
        huge limit count     | { "limit": { "count": 2147483647, "period": "P30D" } } | $[0].repeat.limit.count | count must be in [1, 1000], but was 2147483647
        huge limit period    | { "limit": { "count": 1, "period": "P999999999D" } }   | $[0].repeat.limit.period | period must be at most P3650D (ten years), but was P999999999D
        bare number period   | { "limit": { "count": 1, "period": 30 } }       | $[0].repeat.limit.period | expected a duration such as P30D (30 days) or PT12H (12 hours), but found the number 30: a bare number has no unit; write P30D for days or PT30S for seconds
        """)
    void readJson_repeatPolicyOutOfBounds_isRefusedWithTheBound(String what, String repeat, String path, String problem) {
        assertThatThrownBy(() -> PlaybookEngine.readJson(playbook(repeat, threshold()), SCHEMA))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    @Test
    void readJson_cooldownInDays_isRead() {
        Playbook p = PlaybookEngine.readJson(playbook("{ \"cooldown\": \"P30D\" }", threshold()), SCHEMA).get(0);

        assertThat(p.repeat().cooldown()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void readJson_cadenceOutOfBounds_isRefusedWithTheBound() {
        String every = "{ \"type\": \"EVERY\", \"period\": \"P999999999Y\" }";

        assertThatThrownBy(() -> PlaybookEngine.readJson(playbook("{}", every), SCHEMA))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$[0].trigger.period");
                    assertThat(e.problem()).isEqualTo("period must be at most ten years (P10Y, P120M or P3650D, a month "
                            + "counted as 30 days), but was P999999999Y");
                });
        assertThat(new Trigger.Every(Period.ofYears(10)).period()).isEqualTo(Period.ofYears(10));
    }

    @Test
    void readJson_cadenceAsBareNumber_isRefused() {
        assertThatThrownBy(() -> PlaybookEngine.readJson(playbook("{}", "{ \"type\": \"EVERY\", \"period\": 90 }"), SCHEMA))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$[0].trigger.period: expected a period such as P14D or P1M, but found the number 90: a bare "
                        + "number has no unit; write P90D for days");
    }

    @Test
    void new_conditionsNestedPastTheLimit_areRefused() {
        Condition c = Condition.compare("seat_utilisation", Operator.LT, 0.4);
        for (int i = 0; i < Condition.MAX_DEPTH; i++) {
            c = i % 2 == 0 ? Condition.not(c) : Condition.allOf(c);
        }
        Condition deepest = c;

        assertThatThrownBy(() -> Condition.anyOf(deepest))
                .isInstanceOf(ValidationException.class)
                .hasMessage("conditions nest 33 levels deep, but at most 32 are allowed (each ALL_OF, ANY_OF and NOT is one level)");
    }

    /** A playbook whose one condition is a comparison under {@code depth} NOTs. */
    private static String notNested(int depth) {
        String leaf = "{ \"type\": \"COMPARE\", \"field\": \"seat_utilisation\", \"op\": \"LT\", \"value\": 0.4 }";
        String nested = "{ \"type\": \"NOT\", \"condition\": ".repeat(depth) + leaf + " }".repeat(depth);
        return playbook("{}", threshold()).replace("\"trigger\":", "\"conditions\": [ " + nested + " ], \"trigger\":");
    }

    @Test
    void readJson_notNested500Deep_isRefusedWithoutOverflowingTheStack() {
        assertThatThrownBy(() -> PlaybookEngine.readJson(notNested(500), SCHEMA))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining("JSON nests arrays and objects more than 100 levels deep; cskit reads at most 100");
    }

    @Test
    void readJson_notNested40Deep_isRefusedAtTheConditionLimit() {
        assertThatThrownBy(() -> PlaybookEngine.readJson(notNested(40), SCHEMA))
                .isInstanceOf(JsonInputException.class)
                .hasMessageContaining(".condition: conditions nest 33 levels deep, but at most 32 are allowed");
    }

    @Test
    void readJson_nullOrNullElement_isAnErrorWithAPath() {
        assertThatThrownBy(() -> PlaybookEngine.readJson("null", SCHEMA))
                .isInstanceOf(JsonInputException.class).hasMessage("$: expected an array, but found null");
        assertThatThrownBy(() -> PlaybookEngine.readJson("[null]", SCHEMA))
                .isInstanceOf(JsonInputException.class).hasMessage("$[0]: expected a Playbook, but found null");
        assertThat(JSON.readList("[]", Playbook.class)).isEmpty();
        assertThat(PlaybookEngine.readJson(notNested(Condition.MAX_DEPTH), SCHEMA)).hasSize(1);
    }

    /** Issue 17, item 15: the queue showed the playbook's NORMAL while its task said URGENT. */
    @Test
    void priority_leftOut_isTheMostUrgentTasks() {
        Playbook p = Playbook.builder().id("renewal").name("Renewal").trigger(new Trigger.DaysBeforeRenewal(30))
                .addActions(new Action.Tag("renewal"), new Action.Task(Template.of("Call"), "CSM", 1, Priority.URGENT),
                        new Action.Task(Template.of("Write"), "CSM", 3, Priority.HIGH))
                .build();
        Playbook tagOnly = Playbook.builder().id("tag").name("Tag").trigger(new Trigger.DaysBeforeRenewal(30))
                .addActions(new Action.Tag("renewal")).build();

        assertThat(p.priority()).isEqualTo(Priority.URGENT);
        assertThat(tagOnly.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void readJson_priorityBelowATasks_isRefused() {
        String json = """
                [ { "id": "renewal", "name": "Renewal", "priority": "NORMAL",
                    "trigger": { "type": "DAYS_BEFORE_RENEWAL", "days": 30 },
                    "actions": [ { "type": "TASK", "title": "Call", "ownerRole": "CSM", "dueInDays": 1, "priority": "URGENT" } ] } ]""";

        assertThatThrownBy(() -> PlaybookEngine.readJson(json, SCHEMA))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$[0].priority");
                    assertThat(e.problem()).isEqualTo("playbook 'renewal' priority NORMAL is below its task's URGENT (actions[0]): a "
                            + "playbook is at least as urgent as each of its tasks; leave priority out to take the most urgent task's");
                });
    }
}
