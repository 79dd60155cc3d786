package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Audience;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;

/**
 * A one-row chunk evaluating every playbook tests every atom at once into a bit set (comparisons
 * through the range index, label atoms a text column at a time through tables, the failed atoms ruling playbooks out a nibble at a time) instead of atom by atom:
 * on random playbook sets (every operator, thresholds equal to data values, missing numbers and
 * vectors, text, presence, and/or/not, audiences, every batch trigger; sets wide enough for
 * several words of atoms and playbooks) and random rows, it fires, and says the situation holds,
 * for exactly the playbooks and rows the 64-row bitmaps do, whether the row's batch is new to the
 * chunk (labels tested directly) or seen again (labels through the prepared tables; when the
 * program's tests fit one word, that word built in a register).
 */
class OneRowTestsTest {
    private static final String[] NUMBERS = {"logins", "tickets", "seats", "nps", StandardFeatures.DAYS_TO_RENEWAL,
        StandardFeatures.DAYS_SINCE_START, Fields.SCORE, Fields.PREVIOUS_SCORE, Fields.VELOCITY, Fields.COVERAGE};
    private static final AtomicLong FIRED = new AtomicLong(), NOT_FIRED = new AtomicLong(), MULTI_WORD = new AtomicLong(),
            ONE_WORD_OF_TESTS = new AtomicLong(), WORDS_OF_TESTS = new AtomicLong();

    @Property(tries = 60)
    void oneRowChunk_firesAndHoldsExactlyWhatTheBitmapsDo(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Playbook> playbooks = playbooks(r, 5 + r.nextInt(110));
        RowProgram program = new RowProgram(playbooks, ColumnarEvaluationTest.SCHEMA);
        AccountBatch columns = new ColumnarEvaluationTest.Round(r.nextInt(60), r).columns(r.nextBoolean());
        int n = playbooks.size(), words = (n + 63) >>> 6;
        if (n > 64) {
            MULTI_WORD.incrementAndGet();
        }
        (program.testWords() == 1 ? ONE_WORD_OF_TESTS : WORDS_OF_TESTS).incrementAndGet();
        RowProgram.Chunk bitmaps = program.newChunk();
        RowProgram.Chunk seenAgain = program.newChunk();
        for (int start = 0; start < columns.size(); start += RowProgram.CHUNK) {
            int rows = Math.min(RowProgram.CHUNK, columns.size() - start);
            long[] expected = new long[rows * words];
            bitmaps.start(columns, start, rows);
            bitmaps.fires(expected, words, null);
            for (int i = 0; i < rows; i++) {
                RowProgram.Chunk fresh = program.newChunk();
                for (RowProgram.Chunk one : List.of(fresh, seenAgain)) {
                    long[] actual = new long[words];
                    one.start(columns, start + i, 1);
                    one.fires(actual, words, null);
                    for (int p = 0; p < n; p++) {
                        boolean fires = (expected[i * words + (p >>> 6)] >>> p & 1L) != 0;
                        assertThat((actual[p >>> 6] >>> p & 1L) != 0).as("playbook %d fires for row %d (%s)", p, start + i,
                                one == fresh ? "direct" : "tables").isEqualTo(fires);
                        assertThat(one.holds(0, p)).as("playbook %d holds for row %d", p, start + i).isEqualTo(bitmaps.holds(i, p));
                        (fires ? FIRED : NOT_FIRED).incrementAndGet();
                    }
                }
            }
        }
    }

    /** The property means something only if playbooks both fired and did not, and sets needed several words. */
    @AfterContainer
    static void bothOutcomesAndWideSetsWereSeen() {
        assertThat(FIRED.get()).isPositive();
        assertThat(NOT_FIRED.get()).isPositive();
        assertThat(MULTI_WORD.get()).isPositive();
        assertThat(ONE_WORD_OF_TESTS.get()).as("programs whose tests fit one word (built in a register)").isPositive();
        assertThat(WORDS_OF_TESTS.get()).as("programs with several words of tests").isPositive();
    }

    private static List<Playbook> playbooks(SplittableRandom r, int count) {
        List<Playbook> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Playbook.Builder b = Playbook.builder().id("p" + i).name("p" + i).trigger(trigger(r))
                    .addActions(new Action.Tag("t" + i));
            for (int c = r.nextInt(4); c > 0; c--) {
                b.addConditions(condition(r, 2));
            }
            if (r.nextInt(4) == 0) {
                Audience.Builder a = Audience.builder();
                if (r.nextBoolean()) {
                    a.addSegments(r.nextBoolean() ? "enterprise" : "smb");
                }
                if (r.nextBoolean()) {
                    a.addLifecycleStages(LifecycleStage.values()[r.nextInt(LifecycleStage.values().length)]);
                }
                if (r.nextBoolean()) {
                    a.addEngagementModels(EngagementModel.values()[r.nextInt(EngagementModel.values().length)]);
                }
                b.audience(a.build());
            }
            list.add(b.build());
        }
        return list;
    }

    private static Trigger trigger(SplittableRandom r) {
        String[] bands = {"red", "yellow", "green"};
        return switch (r.nextInt(8)) {
            case 0 -> new Trigger.BandEntered(bands[r.nextInt(3)]);
            case 1 -> new Trigger.BandLeft(bands[r.nextInt(3)]);
            case 2 -> new Trigger.DirectionTurned(Direction.values()[r.nextInt(Direction.values().length)]);
            case 3 -> new Trigger.DaysBeforeRenewal(r.nextInt(1, 200));
            case 4 -> new Trigger.DaysAfterStart(r.nextInt(0, 30), r.nextInt(30, 70));
            case 5 -> new Trigger.MilestoneOverdue(r.nextInt(1, 12));
            default -> {
                String field = NUMBERS[r.nextInt(6)];
                yield new Trigger.Threshold(field, Operator.values()[r.nextInt(Operator.values().length)], threshold(field, r));
            }
        };
    }

    /** A threshold that data values often equal, so that every operator's boundary is crossed. */
    private static double threshold(String field, SplittableRandom r) {
        return switch (field) {
            case "seats" -> r.nextInt(0, 11) / 10.0;
            case Fields.SCORE, Fields.PREVIOUS_SCORE -> r.nextInt(10, 95);
            case Fields.VELOCITY -> r.nextInt(-1, 2);
            case Fields.COVERAGE -> r.nextInt(0, 3);
            case StandardFeatures.DAYS_TO_RENEWAL -> r.nextInt(-20, 200);
            case StandardFeatures.DAYS_SINCE_START -> r.nextInt(0, 60);
            default -> r.nextInt(0, 12);
        };
    }

    private static Condition condition(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 0 ? 10 : 7);
        String field = NUMBERS[r.nextInt(NUMBERS.length)];
        return switch (kind) {
            case 0, 1, 2 -> Condition.compare(field, Operator.values()[r.nextInt(Operator.values().length)], threshold(field, r));
            case 3 -> Condition.compareFields(field, Operator.values()[r.nextInt(Operator.values().length)],
                    NUMBERS[r.nextInt(NUMBERS.length)], r.nextBoolean() ? 1 : 0.5);
            case 4 -> r.nextBoolean() ? Condition.is(Fields.BAND, new String[] {"red", "yellow", "green"}[r.nextInt(3)])
                    : Condition.in(Fields.PREVIOUS_BAND, "red", "green");
            case 5 -> switch (r.nextInt(4)) {
                case 0 -> Condition.is(Fields.DIRECTION, Direction.values()[r.nextInt(Direction.values().length)].name());
                case 1 -> Condition.in(Fields.SEGMENT, "enterprise", "mid-market");
                case 2 -> Condition.is(Fields.STAGE, LifecycleStage.values()[r.nextInt(LifecycleStage.values().length)].name());
                default -> Condition.is(Fields.ACCOUNT_ID, "acc-" + r.nextInt(400));
            };
            case 6 -> r.nextBoolean() ? Condition.present(r.nextBoolean() ? field : Fields.BAND)
                    : Condition.absent(r.nextBoolean() ? field : Fields.PREVIOUS_BAND);
            case 7 -> Condition.not(condition(r, depth - 1));
            case 8 -> Condition.anyOf(condition(r, depth - 1), condition(r, depth - 1));
            default -> Condition.allOf(condition(r, depth - 1), condition(r, depth - 1));
        };
    }
}
