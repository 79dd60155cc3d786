package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.ACME;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.day;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.LifecycleStage;
import org.cskit.model.PersonId;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.DetractorResponded;
import org.cskit.model.event.LifecycleStageChanged;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;
import org.junit.jupiter.api.Test;

/** What the engine knows about a host's vocabulary: band labels, segments, what events carry, and playbooks that cannot fire. */
class VocabularyTest {
    private static final List<String> BANDS = List.of("red", "yellow", "green");
    private static final List<String> SEGMENTS = List.of("enterprise", "smb");

    private static Playbook tagged(String id, Trigger trigger, Condition... conditions) {
        return Playbook.builder().id(id).name(id).trigger(trigger).addConditions(conditions).addActions(new Action.Tag(id)).build();
    }

    @Test
    void build_unknownBandLabelOrSegment_isRejectedListingTheKnownOnes() {
        PlaybookEngine.Builder declared = PlaybookEngine.builder().schema(SCHEMA).bandLabels(BANDS).segmentNames(SEGMENTS);

        assertThatThrownBy(() -> PlaybookEngine.builder().schema(SCHEMA).bandLabels(BANDS).segmentNames(SEGMENTS)
                .addPlaybooks(tagged("red-alert", new Trigger.BandEntered("Red"))).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("unknown band label 'Red'; the host declared green, red, yellow");
        assertThatThrownBy(() -> PlaybookEngine.builder().schema(SCHEMA).bandLabels(BANDS).segmentNames(SEGMENTS)
                .addPlaybooks(tagged("ent", new Trigger.Manual(), Condition.in(Fields.SEGMENT, "smb", "Enterprise"))).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("unknown segment 'Enterprise'; the host declared enterprise, smb")
                .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("[0].conditions[0].values[1]"));
        assertThat(declared.addPlaybooks(tagged("red-alert", new Trigger.BandEntered("red"))).build().playbooks()).hasSize(1);
        assertThat(PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(tagged("red-alert", new Trigger.BandEntered("Red"))).build()
                .playbooks()).as("without declared labels, any label is accepted").hasSize(1);
    }

    @Test
    void readJson_unknownLabelInAnAudienceOrNestedTest_namesTheJsonPath() {
        String audience = "[{\"id\": \"a\", \"name\": \"a\", \"audience\": {\"segments\": [\"Enterprise\"]}, \"trigger\": {\"type\": \"MANUAL\"},"
                + " \"actions\": [{\"type\": \"TAG\", \"tag\": \"x\"}]}]";
        String nested = "[{\"id\": \"a\", \"name\": \"a\", \"trigger\": {\"type\": \"MANUAL\"}, \"conditions\": [{\"type\": \"NOT\","
                + " \"condition\": {\"type\": \"IS\", \"field\": \"vector.band\", \"value\": \"amber\"}}],"
                + " \"actions\": [{\"type\": \"TAG\", \"tag\": \"x\"}]}]";

        assertThatThrownBy(() -> PlaybookEngine.readJson(audience, SCHEMA, BANDS, SEGMENTS)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$[0].audience.segments").hasMessageContaining("unknown segment 'Enterprise'");
        assertThatThrownBy(() -> PlaybookEngine.readJson(nested, SCHEMA, BANDS, SEGMENTS)).isInstanceOf(JsonInputException.class)
                .hasMessageContaining("$[0].conditions[0].condition.value").hasMessageContaining("unknown band label 'amber'");
    }

    @Test
    void cannotFire_contradictoryTests_areReportedAtBuildAndInTheDryRun() {
        Playbook contradictory = tagged("never", new Trigger.Threshold("logins_14d", Operator.GE, 2),
                Condition.compare("logins_14d", Operator.LT, 1));
        Playbook window = tagged("never-window", new Trigger.DaysAfterStart(0, 7),
                Condition.compare(StandardFeatures.DAYS_SINCE_START, Operator.GT, 30));
        Playbook presence = tagged("never-present", new Trigger.Manual(), Condition.present("logins_14d"),
                Condition.allOf(Condition.absent("logins_14d")));
        Playbook fine = tagged("fine", new Trigger.Threshold("logins_14d", Operator.GE, 2), Condition.compare("logins_14d", Operator.LE, 2));
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(contradictory, window, presence, fine).build();

        assertThat(engine.cannotFire()).containsExactly(
                Map.entry("never", "trigger logins_14d >= 2 and logins_14d < 1 cannot both hold"),
                Map.entry("never-window", "trigger days 0 to 7 after start and contract.days_since_start > 30 cannot both hold"),
                Map.entry("never-present", "logins_14d must be both present and missing"));
        assertThat(engine.dryRun(Stream.empty()).cannotFire()).isEqualTo(engine.cannotFire());
    }

    @Test
    void eventTrigger_readsWhatTheEventCarries() {
        Playbook replaced = tagged("champion-replaced", new Trigger.OnEvent("CHAMPION_CHANGED", Map.of("previous", "PRESENT")));
        Playbook toRenewal = tagged("to-renewal", new Trigger.OnEvent("LIFECYCLE_STAGE_CHANGED", Map.of("from", "ADOPTION", "to", "RENEWAL_WINDOW")));
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(replaced, toRenewal).build();
        PlaybookInput base = PlaybookInput.of(EngineFixtures.snapshot(0, EngineFixtures.features().build()).build());

        EvaluationResult firstNamed = engine.onEvent(base.withEvent(new ChampionChanged(ACME, Optional.empty(),
                Optional.of(PersonId.of("ann")), day(0))));
        EvaluationResult swapped = engine.onEvent(base.withEvent(new ChampionChanged(ACME, Optional.of(PersonId.of("ann")),
                Optional.of(PersonId.of("bob")), day(0))));
        EvaluationResult otherStage = engine.onEvent(base.withEvent(new LifecycleStageChanged(ACME, LifecycleStage.ONBOARDING,
                LifecycleStage.RENEWAL_WINDOW, day(0))));
        EvaluationResult stage = engine.onEvent(base.withEvent(new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION,
                LifecycleStage.RENEWAL_WINDOW, day(0))));

        assertThat(firstNamed.created()).as("a first champion named").isEmpty();
        assertThat(swapped.created()).extracting(h -> h.playbookId()).containsExactly("champion-replaced");
        assertThat(otherStage.created()).isEmpty();
        assertThat(stage.created()).extracting(h -> h.playbookId()).containsExactly("to-renewal");
    }

    @Test
    void eventTrigger_inJson_isValidatedWithThePath() {
        String json = "[{\"id\": \"c\", \"name\": \"c\", \"trigger\": {\"type\": \"EVENT\", \"event\": \"CHAMPION_CHANGED\","
                + " \"when\": {\"previous\": \"PRESENT\"}}, \"actions\": [{\"type\": \"TAG\", \"tag\": \"x\"}]}]";

        assertThat(PlaybookEngine.readJson(json, SCHEMA)).singleElement().extracting(Playbook::trigger)
                .isEqualTo(new Trigger.OnEvent("CHAMPION_CHANGED", Map.of("previous", "PRESENT")));
        assertThatThrownBy(() -> PlaybookEngine.readJson(json.replace("\"previous\"", "\"milestone\""), SCHEMA))
                .isInstanceOf(JsonInputException.class).hasMessageContaining("when.milestone")
                .hasMessageContaining("event CHAMPION_CHANGED has no field 'milestone' to test; it has current, previous");
        assertThatThrownBy(() -> new Trigger.OnEvent("LIFECYCLE_STAGE_CHANGED", Map.of("to", "Renewal")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'Renewal' is not a value of LIFECYCLE_STAGE_CHANGED.to; give one of ONBOARDING");
    }

    private static DetractorResponded detractor(SurveyKind kind, int score, String respondent, int day) {
        return new DetractorResponded(new SurveyResponse(ACME, kind, score, day(day), Optional.ofNullable(respondent).map(PersonId::of)));
    }

    @Test
    void detractorResponded_firesOncePerResponse_andOnlyForTheSurveyKindAsked() {
        // the README's example
        String json = """
                [{"id": "nps-detractor", "name": "NPS detractor call",
                 "trigger": {"type": "EVENT", "event": "DETRACTOR_RESPONDED", "when": {"kind": "NPS"}},
                 "actions": [{"type": "TASK", "title": "Call {{account.id}} about their NPS answer", "ownerRole": "CSM",
                              "dueInDays": 2, "priority": "HIGH"}]}]""";
        List<Playbook> playbooks = PlaybookEngine.readJson(json, SCHEMA);
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        PlaybookInput base = PlaybookInput.of(EngineFixtures.snapshot(0, EngineFixtures.features().build()).build());

        EvaluationResult first = engine.onEvent(base.withEvent(detractor(SurveyKind.NPS, 3, "dana", 0)));
        EvaluationResult again = engine.onEvent(base.withEvent(detractor(SurveyKind.NPS, 3, "dana", 0)));
        EvaluationResult hardEffort = engine.onEvent(base.withEvent(detractor(SurveyKind.CES, 2, "dana", 1)));
        EvaluationResult anonymous = engine.onEvent(base.withEvent(detractor(SurveyKind.NPS, 6, null, 2)));

        assertThat(playbooks).singleElement().extracting(Playbook::trigger)
                .isEqualTo(new Trigger.OnEvent("DETRACTOR_RESPONDED", Map.of("kind", "NPS")));
        assertThat(first.created()).singleElement().satisfies(h -> {
            assertThat(h.playbookId()).isEqualTo("nps-detractor");
            assertThat(h.situation()).isEqualTo("event:DETRACTOR_RESPONDED:NPS:dana@" + day(0));
        });
        assertThat(first.plays().get(0).reason().trigger()).isEqualTo("event DETRACTOR_RESPONDED at " + day(0));
        assertThat(first.plays().get(0).actions().get(0).text()).isEqualTo("Call acme about their NPS answer");
        assertThat(again.created()).as("the same response handed over twice").isEmpty();
        assertThat(hardEffort.created()).as("a CES answer is not an NPS detractor").isEmpty();
        assertThat(anonymous.created()).extracting(h -> h.situation())
                .containsExactly("event:DETRACTOR_RESPONDED:NPS:anonymous@" + day(2));
    }

    @Test
    void detractorResponded_whenOnAFieldItDoesNotCarry_isRejected() {
        assertThatThrownBy(() -> new Trigger.OnEvent("DETRACTOR_RESPONDED", Map.of("kind", "nps")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'nps' is not a value of DETRACTOR_RESPONDED.kind; give one of NPS, CSAT, CES");
        assertThatThrownBy(() -> new Trigger.OnEvent("DETRACTOR_RESPONDED", Map.of("score", "3")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("event DETRACTOR_RESPONDED has no field 'score' to test; it has kind");
    }
}
