package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.seats;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.playbooks.spi.EvaluationReport.Suppression;
import org.junit.jupiter.api.Test;

/** The engine's listener hears once per call, with counts that agree with what the call returned. */
class EngineListenerTest {

    private static Playbook lowAdoption(String id, Priority priority) {
        return Playbook.builder().id(id).name(id)
                .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addConditions(Condition.compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, 30))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, priority))
                .priority(priority).repeat(RepeatPolicy.builder().exclusionGroup("adoption").build())
                .build();
    }

    @Test
    void evaluate_withListener_reportsMadeAndSuppressedByPlaybookAndReason() {
        List<EvaluationReport> reports = new CopyOnWriteArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA)
                .addPlaybooks(lowAdoption("high", Priority.HIGH), lowAdoption("urgent", Priority.URGENT))
                .listener(reports::add).build();

        engine.evaluate(seats(0, 0.2));
        engine.evaluate(seats(1, 0.2));

        assertThat(reports).hasSize(2).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(EvaluationReport.Kind.ACCOUNT);
            assertThat(r.rows()).isEqualTo(1);
            assertThat(r.playbookIds()).containsExactly("high", "urgent");
        });
        EvaluationReport first = reports.get(0);
        assertThat(first.made(1)).isEqualTo(1);
        assertThat(first.made(0)).isZero();
        assertThat(first.suppressed(0, Suppression.EXCLUDED)).isEqualTo(1);
        EvaluationReport second = reports.get(1);
        assertThat(second.made()).isZero();
        assertThat(second.suppressed(1, Suppression.ALREADY_OPEN)).isEqualTo(1);
        assertThat(second.suppressed(0, Suppression.EXCLUDED)).isEqualTo(1);
    }

    @Test
    void evaluate_nothingHappened_reportsNoCounts() {
        List<EvaluationReport> reports = new CopyOnWriteArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption("high", Priority.HIGH))
                .listener(reports::add).build();

        engine.evaluate(seats(0, 0.9));

        assertThat(reports).singleElement().satisfies(r -> {
            r.forEachCount((p, what, reason, n) -> {
                throw new AssertionError("no count expected, got " + what + " " + reason + " " + n);
            });
            assertThat(r.made(0)).isZero();
            assertThat(r.suppressed(0, Suppression.ALREADY_OPEN)).isZero();
        });
    }

    @Test
    void evaluateParallel_withListener_reportsOncePerSlice_countsAddUpToTheResult() {
        List<EvaluationReport> reports = new CopyOnWriteArrayList<>();
        Map<Integer, Long> delivered = new ConcurrentHashMap<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA)
                .playbooks(ColumnarEvaluationTest.playbooks()).listener(reports::add).build();
        AccountBatch columns = new ColumnarEvaluationTest.Round(0, new SplittableRandom(3)).columns();

        BatchResult r = engine.evaluateParallel(columns, h -> delivered.merge(h.playbookIndex(), 1L, Long::sum));
        engine.evaluate(columns, h -> { });

        int slices = (columns.size() + 16 * RowProgram.CHUNK - 1) / (16 * RowProgram.CHUNK);
        assertThat(reports).hasSize(slices + 1).allSatisfy(e -> assertThat(e.kind()).isEqualTo(EvaluationReport.Kind.PORTFOLIO));
        List<EvaluationReport> first = reports.subList(0, slices);
        assertThat(first.stream().mapToLong(EvaluationReport::rows).sum()).isEqualTo(columns.size());
        Map<Integer, Long> made = new TreeMap<>();
        long suppressed = 0;
        for (EvaluationReport e : first) {
            for (int p = 0; p < e.playbookIds().size(); p++) {
                if (e.made(p) > 0) {
                    made.merge(p, e.made(p), Long::sum);
                }
                for (Suppression s : Suppression.values()) {
                    suppressed += e.suppressed(p, s);
                }
            }
        }
        assertThat(made).isEqualTo(new TreeMap<>(delivered)).isNotEmpty();
        assertThat(suppressed).isEqualTo(r.suppressed());
        EvaluationReport again = reports.get(slices);
        assertThat(again.made()).isZero();
        long alreadyOpen = 0;
        for (int p = 0; p < again.playbookIds().size(); p++) {
            alreadyOpen += again.suppressed(p, Suppression.ALREADY_OPEN);
        }
        assertThat(alreadyOpen).as("the second run finds the first run's plays open").isPositive();
    }

    @Test
    void forEachCount_givesEachNonZeroCountWithItsPlaybookOutcomeAndReason() {
        int excluded = EvaluationReport.cell(1, EvaluationReport.Outcome.SUPPRESSED, Suppression.EXCLUDED);
        int made = EvaluationReport.cell(0, EvaluationReport.Outcome.MADE, null);
        EvaluationReport r = EvaluationReport.of(EvaluationReport.Kind.EVENT, List.of("a", "b"), 1, 5, new int[] {excluded, made, made},
                new long[] {2, 1, 0}, 3);
        List<String> seen = new java.util.ArrayList<>();

        r.forEachCount((p, what, reason, n) -> seen.add(p + " " + what + " " + reason + " " + n));

        assertThat(seen).containsExactly("1 SUPPRESSED EXCLUDED 2", "0 MADE null 1");
        assertThat(r.suppressed(1, Suppression.EXCLUDED)).isEqualTo(2);
        assertThat(r.made()).isEqualTo(1);
    }

    @Test
    void report_badSizeOrCell_isRefused() {
        assertThatThrownBy(() -> EvaluationReport.of(EvaluationReport.Kind.ACCOUNT, List.of("a", "b"), 1, 0, new int[1], new long[1], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("size must be in [0, 1], but was 2");
        assertThatThrownBy(() -> EvaluationReport.of(EvaluationReport.Kind.ACCOUNT, List.of("a", "b"), 1, 0, new int[] {18}, new long[1], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
