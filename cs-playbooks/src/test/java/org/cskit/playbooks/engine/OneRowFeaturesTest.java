package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.junit.jupiter.api.Test;

/**
 * A per-account call fills into its row only the features the engine reads while it evaluates (its
 * tests and the day a renewal situation is named by), not the others; a play built from the call
 * still shows every feature, and no call sees a value of the call before it.
 */
class OneRowFeaturesTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("logins", "tickets", "nps", "unread", StandardFeatures.DAYS_TO_RENEWAL);
    private static final Segment SEGMENT = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private static PlaybookEngine engine() {
        Playbook low = Playbook.builder().id("low-logins").name("low logins").trigger(new Trigger.Threshold("logins", Operator.LT, 5))
                .addConditions(Condition.compare("tickets", Operator.GE, 2))
                .addActions(new Action.Task(Template.of("nps {{nps}}, unread {{unread}}"), "CSM", 7, Priority.HIGH)).build();
        Playbook renewal = Playbook.builder().id("renewal").name("renewal").trigger(new Trigger.DaysBeforeRenewal(30))
                .addActions(new Action.Tag("renewal")).build();
        return PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(low, renewal).build();
    }

    private static PlaybookInput input(String id, double logins, double tickets, double nps, double unread, double renewal) {
        Features.Builder f = Features.builder(SCHEMA);
        double[] values = {logins, tickets, nps, unread, renewal};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                f.setAt(i, values[i], 1);
            }
        }
        return PlaybookInput.of(AccountSnapshot.builder().accountId(AccountId.of(id)).asOf(NOW).segment(SEGMENT)
                .lifecycleStage(LifecycleStage.ADOPTION).features(f.build()).build());
    }

    @Test
    void rowFeatures_areThoseTheTestsAndTheRenewalSituationRead() {
        assertThat(engine().rowFeatures()).containsExactly(SCHEMA.indexOf("logins"), SCHEMA.indexOf("tickets"),
                SCHEMA.indexOf(StandardFeatures.DAYS_TO_RENEWAL));
    }

    @Test
    void play_ofAPerAccountCall_showsFeaturesTheRowWasNotFilledWith() {
        PlaybookEngine engine = engine();
        EvaluationResult first = engine.evaluate(input("a-1", 2, 3, 6, 41, 90));
        EvaluationResult second = engine.evaluate(input("a-2", 1, 4, 8, 42, 90));
        assertThat(first.plays()).singleElement().satisfies(p -> assertThat(p.actions().get(0).text()).isEqualTo("nps 6, unread 41"));
        assertThat(second.plays()).singleElement().satisfies(p -> assertThat(p.actions().get(0).text()).isEqualTo("nps 8, unread 42"));
    }

    @Test
    void evaluate_afterAnAccountThatFired_readsNoneOfItsValues() {
        PlaybookEngine engine = engine();
        assertThat(engine.evaluate(input("a-1", 2, 3, 6, 41, 20)).created()).extracting(h -> h.playbookId())
                .containsExactly("low-logins", "renewal");
        // Missing logins and days to renewal: nothing may fire, whatever the row held before.
        assertThat(engine.evaluate(input("a-2", Double.NaN, 3, 6, 41, Double.NaN)).created()).isEmpty();
        // The renewal day names the situation: 20 and 25 days before, two different renewals.
        assertThat(engine.evaluate(input("a-3", 9, 0, 6, 41, 25)).created()).singleElement()
                .satisfies(h -> assertThat(h.situation()).isEqualTo("renewal:2026-06-26"));
    }
}
