package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.seats;

import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.junit.jupiter.api.Test;

/**
 * What a per-account call hands back, made with fewer allocations: the result's lists are
 * immutable copies made once, which {@link EvaluationResult} keeps as they are; a handle keeps its
 * row and whether its play was closed in one field, and still answers both.
 */
class OneCallResultTest {

    /** Every size a switch case handles (0 to 10) and beyond: same elements, in order, unmodifiable, kept by {@code List.copyOf}. */
    @Test
    void immutable_copiesEachSizeOnce_andTheResultKeepsIt() {
        for (int n = 0; n <= 13; n++) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add("play-" + i);
            }
            List<String> copy = PlaybookEngine.immutable(list);
            List<String> expected = List.copyOf(list);
            list.clear(); // the thread's list is reused by the next call: the copy must not see it

            assertThat(copy).as("size %d", n).containsExactlyElementsOf(expected);
            assertThat(List.copyOf(copy)).as("size %d: kept as it is, not copied again", n).isSameAs(copy);
            assertThatThrownBy(() -> copy.add("more")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** A closed play's handle (batch row 1) says so, keeps its row, and refuses to build a play; the others build theirs. */
    @Test
    void handles_keepTheirRow_andWhetherThePlayWasClosed() {
        Playbook lowAdoption = Playbook.builder().id("low-adoption").name("Low adoption")
                .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addConditions(Condition.compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, 30))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH))
                .priority(Priority.HIGH).repeat(RepeatPolicy.ofDefaults()).build();
        List<PlayHandle> delivered = new ArrayList<>(), closed = new ArrayList<>();
        ActionSink sink = new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                delivered.add(play);
            }

            @Override
            public void closed(PlayHandle play) {
                closed.add(play);
            }
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption).sink(sink).build();
        engine.evaluate(seats(0, 0.2)); // acme's play, per account: row -1

        // A batch a few days later: row 0 a new account below the threshold, row 1 acme, its situation cleared.
        FeatureColumns features = FeatureColumns.builder(SCHEMA, 2).feature("seat_utilisation", new double[] {0.25, 0.6})
                .feature(StandardFeatures.DAYS_TO_RENEWAL, new double[] {200, 200})
                .feature(StandardFeatures.DAYS_SINCE_START, new double[] {100, 100}).build();
        AccountBatch batch = AccountBatch.builder(features).asOf(EngineFixtures.day(5))
                .accountIds(i -> i == 0 ? AccountId.of("other") : EngineFixtures.ACME)
                .segments(List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)), null).stage(LifecycleStage.ADOPTION).build();
        engine.evaluate(batch, sink);

        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(0).row()).isEqualTo(-1);
        assertThat(delivered.get(0).toString()).doesNotStartWith("closed ");
        assertThat(delivered.get(0).play().playbookId()).isEqualTo("low-adoption");
        assertThat(delivered.get(1).row()).as("the other account's new play, row 0").isZero();
        assertThat(delivered.get(1).play().accountId().value()).isEqualTo("other");
        assertThat(closed).hasSize(1);
        PlayHandle close = closed.get(0);
        assertThat(close.row()).isEqualTo(1);
        assertThat(close.accountId().value()).isEqualTo("acme");
        assertThat(close.toString()).startsWith("closed ");
        assertThatThrownBy(close::play).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("closed");
    }
}
