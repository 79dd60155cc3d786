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
 * The chunk path that tests an atom only for the rows some playbook still needs (and few rows one
 * by one) against the plain evaluation that computes every atom for every row of the chunk and
 * ANDs them: random playbook sets (threshold, band and direction, renewal and start-window
 * triggers; comparisons with random thresholds, so triggers hold for none to all rows; band,
 * segment and stage labels; present/absent, any-of, all-of and not nested; audiences) over random
 * rounds with missing numbers and missing vectors, columns held as {@code double} or as
 * {@code int}/{@code float}, random chunks: the same playbooks fire for the same rows, the same
 * situations hold, and every atom's bit read afterwards is the same.
 */
class ChunkSkipTest {
    private static final String[] NUMBERS = {"logins", "tickets", "seats", "nps", StandardFeatures.DAYS_TO_RENEWAL,
        StandardFeatures.DAYS_SINCE_START, StandardFeatures.MAX_DAYS_OVERDUE, Fields.SCORE, Fields.PREVIOUS_SCORE,
        Fields.VELOCITY, Fields.COVERAGE};
    private static final double[] TOP = {30, 5, 1, 10, 200, 60, 12, 95, 95, 1, 1};
    private static final Operator[] OPS = Operator.values();
    private static final AtomicLong FIRED = new AtomicLong(), ROWS = new AtomicLong();

    @Property(tries = 200)
    void fires_sameAsEveryAtomForEveryRow(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Playbook> playbooks = playbooks(r);
        RowProgram program = new RowProgram(playbooks, ColumnarEvaluationTest.SCHEMA);
        AccountBatch batch = new ColumnarEvaluationTest.Round(r.nextInt(40), r).columns(r.nextBoolean());
        int size = batch.size();
        RowProgram.Chunk gated = program.newChunk(), plain = program.newChunk();
        int words = (playbooks.size() + 63) >>> 6;
        for (int round = 0; round < 4; round++) {
            int from = r.nextInt(size);
            int n = 1 + r.nextInt(Math.min(RowProgram.CHUNK, size - from));
            long[] only = null;
            if (r.nextBoolean()) {
                only = new long[words];
                for (int p = 0; p < playbooks.size(); p++) {
                    only[p >>> 6] |= (r.nextInt(3) == 0 ? 0L : 1L) << p;
                }
            }
            long[] fires = new long[n * words];
            gated.start(batch, from, n);
            gated.fires(fires, words, only);
            plain.start(batch, from, n);
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < playbooks.size(); p++) {
                    boolean asked = only == null || (only[p >>> 6] >>> p & 1L) != 0;
                    boolean expected = asked && all(plain, program.fireAtoms[p], i);
                    boolean fired = (fires[i * words + (p >>> 6)] >>> p & 1L) != 0;
                    assertThat(fired).as("seed %d rows [%d, +%d) row %d playbook %d fires", seed, from, n, i, p).isEqualTo(expected);
                    FIRED.addAndGet(fired ? 1 : 0);
                }
            }
            ROWS.addAndGet(n);
            // What the evaluator reads after fires: situations (for rows with state) and the conditions' bits (for reasons).
            for (int i = 0; i < n; i += 1 + r.nextInt(8)) {
                for (int p = 0; p < playbooks.size(); p++) {
                    assertThat(gated.holds(i, p)).as("seed %d row %d playbook %d holds", seed, i, p)
                            .isEqualTo(all(plain, program.holdAtoms[p], i));
                    for (int a : program.conditionAtoms[p]) {
                        assertThat(gated.bit(a, i)).as("seed %d row %d atom %d", seed, i, a).isEqualTo(plainBit(plain, a, i));
                    }
                }
            }
        }
    }

    @AfterContainer
    static void someFired() {
        assertThat(FIRED.get()).as("playbooks fired over %d rows", ROWS.get()).isGreaterThan(1_000);
    }

    /** Whether all the atoms hold for row i, each computed for the whole chunk (a need of all 64 rows). */
    private static boolean all(RowProgram.Chunk plain, int[] atoms, int i) {
        for (int a : atoms) {
            if (!plainBit(plain, a, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainBit(RowProgram.Chunk plain, int a, int i) {
        return (plain.word(a, i >>> 6, -1L) >>> i & 1L) != 0;
    }

    private static List<Playbook> playbooks(SplittableRandom r) {
        List<Playbook> list = new ArrayList<>();
        int count = 1 + r.nextInt(r.nextInt(5) == 0 ? 80 : 12);
        for (int p = 0; p < count; p++) {
            Playbook.Builder b = Playbook.builder().id("p" + p).name("p" + p).trigger(trigger(r)).addActions(new Action.Tag("t"));
            for (int c = r.nextInt(4); c > 0; c--) {
                b.addConditions(condition(r, 2));
            }
            if (r.nextInt(3) == 0) {
                Audience.Builder audience = Audience.builder();
                if (r.nextBoolean()) {
                    audience.addSegments(r.nextBoolean() ? "enterprise" : "smb");
                } else {
                    audience.addLifecycleStages(LifecycleStage.values()[r.nextInt(LifecycleStage.values().length)]);
                }
                b.audience(audience.build());
            }
            list.add(b.build());
        }
        return list;
    }

    private static Trigger trigger(SplittableRandom r) {
        switch (r.nextInt(7)) {
            case 0: return new Trigger.BandEntered(band(r));
            case 1: return new Trigger.BandLeft(band(r));
            case 2: return new Trigger.DirectionTurned(Direction.values()[r.nextInt(Direction.values().length)]);
            case 3: return new Trigger.DaysBeforeRenewal(r.nextInt(0, 120));
            case 4: return new Trigger.DaysAfterStart(r.nextInt(0, 30), r.nextInt(31, 90));
            default:
                int f = r.nextInt(NUMBERS.length);
                return new Trigger.Threshold(NUMBERS[f], OPS[r.nextInt(OPS.length)], threshold(r, f));
        }
    }

    private static Condition condition(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth > 0 ? 10 : 6);
        int f = r.nextInt(NUMBERS.length);
        switch (kind) {
            case 0: return Condition.is(Fields.BAND, band(r));
            case 1: return Condition.in(Fields.SEGMENT, "smb", r.nextBoolean() ? "enterprise" : "mid-market");
            case 2: return r.nextBoolean() ? Condition.present(NUMBERS[f]) : Condition.absent(NUMBERS[f]);
            case 3: return Condition.is(Fields.STAGE, LifecycleStage.values()[r.nextInt(LifecycleStage.values().length)].name());
            case 6: return Condition.anyOf(condition(r, depth - 1), condition(r, depth - 1));
            case 7: return Condition.allOf(condition(r, depth - 1), condition(r, depth - 1));
            case 8: return Condition.not(condition(r, depth - 1));
            default: return Condition.compare(NUMBERS[f], OPS[r.nextInt(OPS.length)], threshold(r, f));
        }
    }

    /** A threshold within the field's values, so that a comparison holds for anything from no row to all. */
    private static double threshold(SplittableRandom r, int f) {
        double top = TOP[f];
        return top <= 1 ? r.nextInt(0, 11) / 10.0 : r.nextInt(-2, (int) top + 3);
    }

    private static String band(SplittableRandom r) {
        return new String[] {"red", "yellow", "green"}[r.nextInt(3)];
    }
}
