package org.cskit.playbooks.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumn;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Audience;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The columnar path against the object path: the same random portfolio, evaluated over several
 * rounds in time (so cooldowns, limits, auto-close, cadences and exclusion all come into play),
 * must make and close exactly the same plays, and {@code play(columns, row, p)} must equal the
 * object path's play.
 */
class ColumnarEvaluationTest {
    static final FeatureSchema SCHEMA = FeatureSchema.of("logins", "tickets", "seats", "nps",
            StandardFeatures.DAYS_TO_RENEWAL, StandardFeatures.DAYS_SINCE_START, StandardFeatures.MAX_DAYS_OVERDUE);
    private static final String[] BANDS = {"red", "yellow", "green"};
    private static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("smb", EngagementModel.TECH_TOUCH));
    private static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    private static final int[] ROUND_DAYS = {0, 1, 3, 8, 15, 31, 33, 70};
    private static final int ACCOUNTS = 400;

    static List<Playbook> playbooks() {
        RepeatPolicy cooldown = RepeatPolicy.builder().cooldown(Duration.ofDays(7)).build();
        RepeatPolicy limit = RepeatPolicy.builder().limit(new RepeatPolicy.Limit(2, Duration.ofDays(30))).build();
        RepeatPolicy noClose = RepeatPolicy.builder().autoClose(false).build();
        RepeatPolicy groupA = RepeatPolicy.builder().exclusionGroup("risk").build();
        List<Playbook> list = new ArrayList<>();
        list.add(pb("low-logins", new Trigger.Threshold("logins", Operator.LT, 10), RepeatPolicy.builder().build(), Priority.NORMAL,
                Audience.builder().build(), Condition.compare("tickets", Operator.GE, 2)));
        list.add(pb("seats-cool", new Trigger.Threshold("seats", Operator.LE, 0.4), cooldown, Priority.LOW,
                Audience.builder().addSegments("enterprise", "mid-market").build(), Condition.present("nps")));
        list.add(pb("entered-red", new Trigger.BandEntered("red"), groupA, Priority.URGENT, Audience.builder().build(),
                Condition.anyOf(Condition.compare("nps", Operator.LE, 6), Condition.absent("nps"))));
        list.add(pb("left-green", new Trigger.BandLeft("green"), groupA, Priority.HIGH, Audience.builder().build()));
        list.add(pb("declining", new Trigger.DirectionTurned(Direction.DECLINING), groupA, Priority.HIGH,
                Audience.builder().addEngagementModels(EngagementModel.HIGH_TOUCH, EngagementModel.SCALED).build(),
                Condition.not(Condition.is(Fields.BAND, "green"))));
        list.add(pb("renewal", new Trigger.DaysBeforeRenewal(90), cooldown, Priority.HIGH, Audience.builder().build(),
                Condition.compare(Fields.SCORE, Operator.LT, 60), Condition.compare(Fields.COVERAGE, Operator.GE, 1),
                Condition.compare(Fields.VELOCITY, Operator.EQ, 0)));
        list.add(pb("onboarding", new Trigger.DaysAfterStart(0, 30), RepeatPolicy.builder().build(), Priority.NORMAL,
                Audience.builder().addLifecycleStages(LifecycleStage.ONBOARDING, LifecycleStage.ADOPTION).build()));
        list.add(pb("overdue", new Trigger.MilestoneOverdue(5), limit, Priority.NORMAL, Audience.builder().build(),
                Condition.allOf(Condition.in(Fields.SEGMENT, "smb", "mid-market"), Condition.compare("logins", Operator.NE, 0))));
        list.add(pb("review", new Trigger.Every(Period.ofDays(14)), noClose, Priority.LOW, Audience.builder().build(),
                Condition.compare(Fields.PREVIOUS_SCORE, Operator.GT, 50)));
        list.add(pb("limited", new Trigger.Threshold(Fields.SCORE, Operator.LT, 50),
                RepeatPolicy.builder().limit(new RepeatPolicy.Limit(1, Duration.ofDays(20))).cooldown(Duration.ofDays(2)).build(),
                Priority.NORMAL, Audience.builder().build(), Condition.compare("nps", Operator.EQ, 5)));
        list.add(pb("champion", new Trigger.OnEvent("CHAMPION_CHANGED"), RepeatPolicy.builder().build(), Priority.HIGH,
                Audience.builder().build()));
        list.add(pb("manual", new Trigger.Manual(), RepeatPolicy.builder().build(), Priority.LOW, Audience.builder().build()));
        return list;
    }

    private static Playbook pb(String id, Trigger trigger, RepeatPolicy repeat, Priority priority, Audience audience,
            Condition... conditions) {
        return Playbook.builder().id(id).name(id).trigger(trigger).repeat(repeat).priority(priority).audience(audience)
                .addConditions(conditions)
                .addActions(new Action.Task(Template.of("Call {account.id}: logins {logins}, band {vector.band}"), "csm", 3,
                        priority))
                .build();
    }

    /** One round of the portfolio as plain arrays, from which both forms are built. */
    static final class Round {
        final Instant at;
        final double[][] features = new double[SCHEMA.size()][ACCOUNTS];
        final double[] score = new double[ACCOUNTS], previousScore = new double[ACCOUNTS];
        final byte[] band = new byte[ACCOUNTS], previousBand = new byte[ACCOUNTS];
        final byte[] direction = new byte[ACCOUNTS], previousDirection = new byte[ACCOUNTS];
        final byte[] segment = new byte[ACCOUNTS], stage = new byte[ACCOUNTS];

        Round(int day, SplittableRandom r) {
            at = T0.plus(Duration.ofDays(day));
            for (int i = 0; i < ACCOUNTS; i++) {
                for (int f = 0; f < SCHEMA.size(); f++) {
                    features[f][i] = r.nextInt(8) == 0 ? Double.NaN : value(f, r);
                }
                segment[i] = (byte) r.nextInt(3);
                stage[i] = (byte) r.nextInt(LifecycleStage.values().length);
                vector(r, i, score, band, direction);
                vector(r, i, previousScore, previousBand, previousDirection);
            }
        }

        private static double value(int f, SplittableRandom r) {
            switch (f) {
                case 0: return r.nextInt(0, 30);
                case 1: return r.nextInt(0, 5);
                case 2: return r.nextInt(0, 11) / 10.0;
                case 3: return r.nextInt(0, 11);
                case 4: return r.nextInt(-20, 200);
                case 5: return r.nextInt(0, 60);
                default: return r.nextInt(0, 12);
            }
        }

        private static void vector(SplittableRandom r, int i, double[] score, byte[] band, byte[] direction) {
            if (r.nextInt(10) == 0) {
                score[i] = Double.NaN;
                band[i] = -1;
                direction[i] = -1;
            } else {
                score[i] = r.nextInt(10, 95);
                band[i] = (byte) (score[i] < 40 ? 0 : score[i] < 65 ? 1 : 2);
                direction[i] = (byte) r.nextInt(3);
            }
        }

        AccountBatch columns() {
            return columns(false);
        }

        /**
         * The round as a batch; {@code typed}: whole-number features held as {@code int} (even
         * features) and {@code float} (odd ones) columns instead of {@code double}.
         */
        AccountBatch columns(boolean typed) {
            FeatureColumns.Builder f = FeatureColumns.builder(SCHEMA, ACCOUNTS);
            for (int k = 0; k < SCHEMA.size(); k++) {
                String name = SCHEMA.names().get(k);
                boolean whole = java.util.Arrays.stream(features[k]).allMatch(v -> Double.isNaN(v) || v == Math.rint(v));
                if (typed && whole && k % 2 == 0) {
                    f.feature(name, java.util.Arrays.stream(features[k])
                            .mapToInt(v -> Double.isNaN(v) ? FeatureColumn.MISSING_INT : (int) v).toArray());
                } else if (typed && whole) {
                    float[] floats = new float[ACCOUNTS];
                    for (int i = 0; i < ACCOUNTS; i++) {
                        floats[i] = (float) features[k][i];
                    }
                    f.feature(name, floats);
                } else {
                    f.feature(name, features[k]);
                }
            }
            return AccountBatch.builder(f.build()).asOf(at).accountIds(ColumnarEvaluationTest::id)
                    .segments(SEGMENTS, segment).stages(stage)
                    .vectors(VectorColumns.builder(ACCOUNTS).bands(BANDS).scores(score).bandCodes(band).directionCodes(direction)
                            .velocities(velocity()).coverages(coverage()).build())
                    .previousVectors(VectorColumns.builder(ACCOUNTS).bands(BANDS).scores(previousScore).bandCodes(previousBand)
                            .directionCodes(previousDirection).build())
                    .build();
        }

        /** The vectors' velocity: 0 where scored, as {@link #vector} builds them. */
        double[] velocity() {
            double[] v = new double[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                v[i] = Double.isNaN(score[i]) ? Double.NaN : 0;
            }
            return v;
        }

        /** The vectors' coverage: 1 where scored. */
        double[] coverage() {
            double[] c = new double[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                c[i] = Double.isNaN(score[i]) ? Double.NaN : 1;
            }
            return c;
        }

        PlaybookInput input(int i) {
            Features.Builder f = Features.builder(SCHEMA);
            for (int k = 0; k < SCHEMA.size(); k++) {
                if (!Double.isNaN(features[k][i])) {
                    f.setAt(k, features[k][i], 1);
                }
            }
            AccountSnapshot.Builder s = AccountSnapshot.builder().accountId(id(i)).asOf(at).segment(SEGMENTS.get(segment[i]))
                    .lifecycleStage(LifecycleStage.values()[stage[i]]).features(f.build());
            SuccessVector previous = vector(i, at.minus(Duration.ofDays(1)), previousScore[i], previousBand[i], previousDirection[i]);
            if (previous != null) {
                s.previousVector(previous);
            }
            SuccessVector current = vector(i, at, score[i], band[i], direction[i]);
            return current == null ? PlaybookInput.of(s.build()) : PlaybookInput.of(s.build(), current);
        }

        private static SuccessVector vector(int i, Instant at, double score, byte band, byte direction) {
            if (Double.isNaN(score)) {
                return null;
            }
            return SuccessVector.builder().accountId(id(i)).asOf(at).score(score).band(Band.of(BANDS[band], band))
                    .direction(Direction.values()[direction]).velocity(0).coverage(1).scorecardId(ScorecardId.of("card"))
                    .scorecardVersion(1)
                    .addContributions(Contribution.builder().input("usage").group("usage").points(score).weight(1).build()).build();
        }
    }

    static AccountId id(int i) {
        return AccountId.of("acc-" + i);
    }

    /** The playbooks plus 70 more, so that atoms need three 64-bit words and playbooks two. */
    static List<Playbook> widePlaybooks() {
        List<Playbook> list = new ArrayList<>(playbooks());
        for (int k = 0; k < 70; k++) {
            list.add(pb("wide-" + k, new Trigger.Threshold("logins", Operator.LE, k % 30), RepeatPolicy.builder().build(),
                    Priority.NORMAL, Audience.builder().build(), Condition.compare("nps", Operator.GE, k % 11),
                    Condition.compare("seats", Operator.LT, k / 70.0)));
        }
        return list;
    }

    @ParameterizedTest(name = "wide = {0}")
    @ValueSource(booleans = {false, true})
    void columnsMakeAndCloseTheSamePlaysAsObjects_roundAfterRound(boolean wide) {
        List<Playbook> playbooks = wide ? widePlaybooks() : playbooks();
        PlaybookEngine objects = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        PlaybookEngine columnar = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        SplittableRandom random = new SplittableRandom(7);
        Set<String> playbooksThatFired = new TreeSet<>();
        Set<String> playbooksThatClosed = new TreeSet<>();
        long suppressedTotal = 0;
        for (int day : ROUND_DAYS) {
            Round round = new Round(day, random);
            AccountBatch columns = round.columns();
            Set<String> expectedCreated = new TreeSet<>();
            Set<String> expectedClosed = new TreeSet<>();
            List<Play> expectedPlays = new ArrayList<>();
            long expectedSuppressed = 0;
            for (int i = 0; i < ACCOUNTS; i++) {
                EvaluationResult r = objects.evaluate(round.input(i));
                r.created().forEach(p -> expectedCreated.add(p.accountId() + " " + p.playbookId()));
                r.closed().forEach(p -> expectedClosed.add(p.accountId() + " " + p.playbookId()));
                expectedPlays.addAll(r.plays());
                expectedSuppressed += r.suppressed().size();
            }
            Set<String> created = new TreeSet<>();
            Set<String> closed = new TreeSet<>();
            List<Play> plays = new ArrayList<>();
            BatchResult result = columnar.evaluate(columns, new ActionSink() {
                @Override
                public void deliver(PlayHandle h) {
                    created.add(id(h.row()) + " " + h.playbookId());
                    plays.add(h.play());
                    assertThat(h.play()).isEqualTo(columnar.play(columns, h.row(), h.playbookIndex()));
                }

                @Override
                public void closed(PlayHandle h) {
                    closed.add(id(h.row()) + " " + h.playbookId());
                }
            });
            assertThat(created).as("plays made on day %d", day).isEqualTo(expectedCreated);
            assertThat(closed).as("plays closed on day %d", day).isEqualTo(expectedClosed);
            assertThat(plays).as("plays built on day %d", day).containsExactlyInAnyOrderElementsOf(expectedPlays);
            assertThat(result.created()).isEqualTo(expectedCreated.size());
            assertThat(result.closed()).isEqualTo(expectedClosed.size());
            assertThat(result.suppressed()).as("suppressed on day %d", day).isEqualTo(expectedSuppressed);
            assertThat(result.rows()).isEqualTo(ACCOUNTS);
            expectedCreated.forEach(k -> playbooksThatFired.add(k.substring(k.indexOf(' ') + 1)));
            expectedClosed.forEach(k -> playbooksThatClosed.add(k.substring(k.indexOf(' ') + 1)));
            suppressedTotal += expectedSuppressed;
        }
        // The comparison means something only if every batch trigger fired and plays were closed and suppressed.
        playbooksThatFired.removeIf(id -> id.startsWith("wide-"));
        assertThat(playbooksThatFired).containsExactlyInAnyOrder("low-logins", "seats-cool", "entered-red", "left-green",
                "declining", "renewal", "onboarding", "overdue", "review", "limited");
        assertThat(playbooksThatClosed).contains("low-logins", "renewal", "onboarding");
        assertThat(suppressedTotal).isPositive();
    }

    @Test
    void intAndFloatFeatureColumns_makeTheSamePlaysAsDoubleColumns() {
        List<Playbook> playbooks = playbooks();
        PlaybookEngine doubles = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        PlaybookEngine typed = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        SplittableRandom random = new SplittableRandom(13);
        for (int day : ROUND_DAYS) {
            Round round = new Round(day, random);
            AccountBatch plain = round.columns(false);
            AccountBatch mixed = round.columns(true);
            assertThat(java.util.stream.IntStream.range(0, SCHEMA.size()).mapToObj(k -> mixed.features().column(k).type()))
                    .contains(FeatureColumn.Type.INT, FeatureColumn.Type.FLOAT, FeatureColumn.Type.DOUBLE);
            List<Play> expected = new ArrayList<>();
            doubles.evaluate(plain, h -> expected.add(h.play()));
            List<Play> actual = new ArrayList<>();
            typed.evaluate(mixed, h -> actual.add(h.play()));
            assertThat(actual).as("plays on day %d", day).isNotEmpty().containsExactlyElementsOf(expected);
        }
    }

    @Test
    void parallelEvaluation_makesTheSamePlaysAsSequential() {
        List<Playbook> playbooks = playbooks();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        PlaybookEngine other = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        AccountBatch columns = new Round(0, new SplittableRandom(3)).columns();
        Set<Long> sequential = new TreeSet<>();
        engine.evaluate(columns, h -> sequential.add((long) h.row() * 64 + h.playbookIndex()));
        Set<Long> parallel = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BatchResult r = other.evaluateParallel(columns, h -> parallel.add((long) h.row() * 64 + h.playbookIndex()));
        assertThat(new TreeSet<>(parallel)).isEqualTo(sequential).isNotEmpty();
        assertThat(r.created()).isEqualTo(sequential.size());
    }

    @Test
    void slices_areViewsWithTheirOwnRowNumbers() {
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks()).build();
        PlaybookEngine slicedEngine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks()).build();
        AccountBatch columns = new Round(0, new SplittableRandom(11)).columns();
        Set<Long> whole = new TreeSet<>();
        engine.evaluate(columns, h -> whole.add((long) h.row() * 64 + h.playbookIndex()));
        Set<Long> sliced = new TreeSet<>();
        for (int from = 0; from < ACCOUNTS; from += 150) {
            int base = from;
            AccountBatch slice = columns.slice(from, Math.min(ACCOUNTS, from + 150));
            slicedEngine.evaluate(slice, h -> {
                sliced.add((long) (base + h.row()) * 64 + h.playbookIndex());
                assertThat(h.play()).isEqualTo(engine.play(columns, base + h.row(), h.playbookIndex()));
            });
            assertThat(slice.accountId(0)).isEqualTo(id(from));
        }
        assertThat(sliced).isEqualTo(whole).isNotEmpty();
    }

    @Test
    void sinkFailure_isReportedNotRecorded_andRetriedNextTimeUnderTheSameKey() {
        List<Playbook> playbooks = playbooks();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).build();
        AccountBatch columns = new Round(0, new SplittableRandom(5)).columns();
        Set<String> failedKeys = new TreeSet<>();
        BatchResult failing = engine.evaluate(columns, h -> {
            failedKeys.add(h.key());
            throw new java.io.IOException("CRM down");
        });
        assertThat(failing.created()).isZero();
        assertThat(failing.failed()).isNotEmpty().allSatisfy(f -> assertThat(f.message()).endsWith("java.io.IOException: CRM down"));
        Set<String> delivered = new TreeSet<>();
        BatchResult retry = engine.evaluate(columns, h -> delivered.add(h.key()));
        assertThat(retry.created()).isEqualTo(failing.failed().size());
        assertThat(delivered).isEqualTo(failedKeys);
        assertThat(engine.evaluate(columns, h -> { }).created()).as("a third pass finds them open").isZero();
    }

    @Test
    void openPlaybooks_answersWhatIsOpen() {
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks()).build();
        Round round = new Round(0, new SplittableRandom(9));
        AccountBatch columns = round.columns();
        List<PlayHandle> made = new ArrayList<>();
        engine.evaluate(columns, made::add);
        PlayHandle first = made.get(0);
        assertThat(engine.openPlaybooks(first.accountId())).contains(first.playbookId());
        assertThat(first.at()).isEqualTo(round.at);
    }

    @Test
    void badColumns_areRejectedNamingColumnRowAndValue() {
        assertThatThrownBy(() -> AccountBatch.builder(FeatureColumns.builder(SCHEMA, 2).build()).asOf(T0)
                .accountIds(ColumnarEvaluationTest::id).segments(SEGMENTS, null).stage(LifecycleStage.ADOPTION).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("3 segments but no codes");
    }

    private static AccountBatch.Builder base(int size) {
        return AccountBatch.builder(FeatureColumns.builder(SCHEMA, size).build()).asOf(T0).accountIds(ColumnarEvaluationTest::id)
                .segments(List.of(SEGMENTS.get(0)), null).stage(LifecycleStage.ADOPTION);
    }
}
