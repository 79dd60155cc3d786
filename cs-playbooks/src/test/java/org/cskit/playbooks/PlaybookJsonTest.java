package org.cskit.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.cskit.model.Channel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MilestoneKind;
import org.cskit.model.StandardFeatures;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Playbooks written in JSON and in Java are the same values, and bad JSON names its path. */
class PlaybookJsonTest {
    private static final CsJson JSON = CsJson.create();

    static List<Playbook> inJava() {
        return List.of(
                Playbook.builder().id("low-adoption").name("Low adoption")
                        .description("Seats bought but not used: enable the team before the renewal conversation.")
                        .audience(Audience.builder().addLifecycleStages(LifecycleStage.ADOPTION, LifecycleStage.STEADY_STATE).build())
                        .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                        .addConditions(Condition.compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, 30))
                        .addActions(new Action.Task(Template.of("Seat utilisation at {{seat_utilisation}}: run an enablement session"),
                                "CSM", 7, Priority.HIGH))
                        .priority(Priority.HIGH)
                        .repeat(RepeatPolicy.builder().cooldown(Duration.ofDays(30)).exclusionGroup("adoption").build())
                        .build(),
                Playbook.builder().id("champion-change").name("Champion change")
                        .trigger(new Trigger.OnEvent("CHAMPION_CHANGED"))
                        .addActions(new Action.Task(Template.of("Meet the new champion at {{account.id}}"), "CSM", 5, Priority.URGENT),
                                new Action.Message(Channel.EMAIL, "Executive sponsor", Template.of("Introducing your new success team contact")))
                        .priority(Priority.URGENT)
                        .build(),
                Playbook.builder().id("onboarding-week-1").name("Onboarding, days 0-7")
                        .trigger(new Trigger.DaysAfterStart(0, 7))
                        .addConditions(Condition.anyOf(Condition.absent(StandardFeatures.HAS_PLAN),
                                Condition.compare(StandardFeatures.HAS_PLAN, Operator.EQ, 0)))
                        .addActions(new Action.AddMilestone(Template.of("Kick-off held"), MilestoneKind.SETUP, 7),
                                new Action.ScheduleReview(30, Template.of("First-value check")),
                                new Action.Tag("onboarding"))
                        .repeat(RepeatPolicy.builder().limit(new RepeatPolicy.Limit(1, Duration.ofDays(365))).autoClose(false).build())
                        .build());
    }

    @Test
    void readList_committedJson_equalsThePlaybooksWrittenInJava() throws IOException {
        assertThat(JSON.readList(fixture(), Playbook.class)).isEqualTo(inJava());
    }

    @Test
    void write_thenRead_givesEqualPlaybooks() {
        for (Playbook p : inJava()) {
            assertThat(JSON.read(JSON.write(p), Playbook.class)).isEqualTo(p);
        }
    }

    @Test
    void fields_listsWhatTheTriggerConditionsAndTemplatesRead() {
        assertThat(inJava().get(0).fields()).containsExactly("seat_utilisation", StandardFeatures.DAYS_SINCE_START);
        assertThat(inJava().get(1).fields()).containsExactly(Fields.ACCOUNT_ID);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        unknown field       | "priority" : "HIGH",                  | "priority" : "HIGH", "colour" : 1,                 | $[0].colour | unknown property 'colour'; known properties: actions, audience, conditions, description, id, name, priority, repeat, trigger, version
        wrong type          | "dueInDays" : 7,                       | "dueInDays" : "seven",                            | $[0].actions[0].dueInDays | expected a whole number, but found the string 'seven'
        unknown event       | "CHAMPION_CHANGED"                    | "CHAMPION_LEFT"                                   | $[1].trigger.event | unknown event 'CHAMPION_LEFT'; known events: MILESTONE_ACHIEVED, MILESTONE_MISSED, CHAMPION_CHANGED, EXECUTIVE_SPONSOR_CHANGED, PLAN_REVISED, LIFECYCLE_STAGE_CHANGED, CONTRACT_RENEWED, DETRACTOR_RESPONDED
        impossible window   | "from" : 0, "to" : 7                  | "from" : 7, "to" : 7                              | $[2].trigger.to | window to 7 must be after from 7: days 7 to 7 after start is an empty window
        negative cooldown   | "cooldown" : "P30D"                   | "cooldown" : "PT-1H"                              | $[0].repeat.cooldown | cooldown must not be negative, but was -PT1H
        text compared       | "field" : "contract.days_since_start", "op" : "GE" | "field" : "vector.band", "op" : "GE" | $[0].conditions[0].field | field 'vector.band' is text; compare it with IS or IN, not GE
        unclosed template   | "Kick-off held"                        | "Kick-off {{held"                                 | $[2].actions[0].name | template placeholder opened at position 9 is not closed with }}: 'Kick-off {{held'
        unknown condition   | "type" : "ABSENT"                      | "type" : "MISSING"                                | $[2].conditions[0].conditions[0] | unknown or missing type 'MISSING': Could not resolve type id 'MISSING': known type ids = [ABSENT, ALL_OF, ANY_OF, COMPARE, COMPARE_FIELDS, IN, IS, NOT, PRESENT] (property 'conditions')
        bad id              | "id" : "low-adoption"                  | "id" : "Low Adoption"                             | $[0].id | playbook id 'Low Adoption' must be 1 to 100 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit
        empty limit         | "count" : 1,                           | "count" : 0,                                      | $[2].repeat.limit.count | count must be in [1, 1000], but was 0
        """)
    void readList_badDefinition_namesThePath(String what, String replace, String with, String path, String problem) throws IOException {
        String text = fixture();
        assertThat(text).contains(replace);
        String bad = text.replaceFirst(java.util.regex.Pattern.quote(replace), java.util.regex.Matcher.quoteReplacement(with));

        assertThatThrownBy(() -> JSON.readList(bad, Playbook.class))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }

    private static String fixture() throws IOException {
        try (InputStream in = PlaybookJsonTest.class.getResourceAsStream("playbooks.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
