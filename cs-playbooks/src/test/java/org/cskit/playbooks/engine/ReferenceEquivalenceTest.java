package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.day;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.Features;
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
import org.cskit.playbooks.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine against a small reference interpreter written from the repeat policy's documentation,
 * on random playbook sets (threshold and renewal triggers, comparisons, cooldowns, limits,
 * auto-close on or off, exclusion groups, priorities) and random accounts over forty days: the
 * same plays made and closed, day by day, for the batch call and for the per-account call.
 */
class ReferenceEquivalenceTest {
    private static final String[] FIELDS = {"logins_14d", "seat_utilisation", StandardFeatures.DAYS_SINCE_START};
    private static final Operator[] OPS = {Operator.LT, Operator.LE, Operator.GT, Operator.GE};
    private static final Segment SEGMENT = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);
    private static final int ACCOUNTS = 30;
    private static final int DAYS = 40;

    @ParameterizedTest(name = "batch = {0}")
    @ValueSource(booleans = {true, false})
    void engine_makesAndClosesThePlaysTheReferenceDoes(boolean batch) {
        int compared = 0;
        for (long seed = 1; seed <= 120; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            List<Playbook> playbooks = playbooks(r);
            double[][][] data = data(r); // [day][field or renewal][account]
            Reference reference = new Reference(playbooks);
            List<String> made = new ArrayList<>();
            PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).sink(play -> made.add(
                    play.at() + " " + play.accountId() + " " + play.playbookId())).build();
            for (int d = 0; d < DAYS; d++) {
                List<String> expected = new ArrayList<>();
                List<String> expectedClosed = new ArrayList<>();
                for (int a = 0; a < ACCOUNTS; a++) {
                    reference.evaluate(a, d, data[d], expected, expectedClosed);
                }
                made.clear();
                List<String> closed = new ArrayList<>();
                org.cskit.playbooks.spi.ActionSink sink = new org.cskit.playbooks.spi.ActionSink() {
                    @Override
                    public void deliver(org.cskit.playbooks.spi.PlayHandle play) {
                        made.add(play.at() + " " + play.accountId() + " " + play.playbookId());
                    }

                    @Override
                    public void closed(org.cskit.playbooks.spi.PlayHandle play) {
                        closed.add(play.at() + " " + play.accountId() + " " + play.playbookId());
                    }
                };
                if (batch) {
                    engine.evaluate(batch(d, data[d]), sink);
                } else {
                    for (int a = 0; a < ACCOUNTS; a++) {
                        EvaluationResult result = engine.evaluate(input(d, a, data[d]));
                        result.closed().forEach(h -> closed.add(h.at() + " " + h.accountId() + " " + h.playbookId()));
                    }
                }
                assertThat(new TreeSet<>(made)).as("seed %d day %d: plays made", seed, d).isEqualTo(new TreeSet<>(expected));
                assertThat(new TreeSet<>(closed)).as("seed %d day %d: plays closed", seed, d).isEqualTo(new TreeSet<>(expectedClosed));
                compared += expected.size() + expectedClosed.size();
            }
        }
        assertThat(compared).as("plays made and closed, compared").isGreaterThan(5_000);
    }

    private static List<Playbook> playbooks(SplittableRandom r) {
        List<Playbook> list = new ArrayList<>();
        int n = r.nextInt(2, 7);
        for (int p = 0; p < n; p++) {
            Trigger trigger = r.nextInt(4) == 0 ? new Trigger.DaysBeforeRenewal(r.nextInt(5, 30))
                    : new Trigger.Threshold(FIELDS[r.nextInt(2)], OPS[r.nextInt(4)], r.nextInt(1, 10));
            List<Condition> conditions = new ArrayList<>();
            for (int c = r.nextInt(3); c > 0; c--) {
                conditions.add(Condition.compare(FIELDS[r.nextInt(3)], OPS[r.nextInt(4)], r.nextInt(1, 10)));
            }
            RepeatPolicy.Builder repeat = RepeatPolicy.builder().autoClose(r.nextInt(4) != 0);
            if (r.nextBoolean()) {
                repeat.cooldown(Duration.ofDays(r.nextInt(1, 10)));
            }
            if (r.nextInt(3) == 0) {
                repeat.limit(new RepeatPolicy.Limit(r.nextInt(1, 4), Duration.ofDays(r.nextInt(5, 20))));
            }
            if (r.nextInt(3) == 0) {
                repeat.exclusionGroup("g" + r.nextInt(2));
            }
            list.add(Playbook.builder().id("p" + p).name("p" + p).trigger(trigger).addAllConditions(conditions)
                    .priority(Priority.values()[r.nextInt(Priority.values().length)]).repeat(repeat.build())
                    .addActions(new Action.Tag("t")).build());
        }
        return list;
    }

    /** Three fields and days to renewal per account, walking from day to day. */
    private static double[][][] data(SplittableRandom r) {
        double[][][] data = new double[DAYS][4][ACCOUNTS];
        for (int a = 0; a < ACCOUNTS; a++) {
            double x = r.nextInt(10), y = r.nextInt(10), age = r.nextInt(10);
            int renewal = r.nextInt(0, 60);
            for (int d = 0; d < DAYS; d++) {
                x = Math.max(0, Math.min(10, x + r.nextInt(-2, 3)));
                y = Math.max(0, Math.min(10, y + r.nextInt(-2, 3)));
                age = Math.max(0, Math.min(10, age + r.nextInt(-1, 2)));
                data[d][0][a] = x;
                data[d][1][a] = y;
                data[d][2][a] = age;
                data[d][3][a] = renewal - d >= -5 ? renewal - d : renewal - d + 60; // renews every 60 days
            }
        }
        return data;
    }

    private static AccountBatch batch(int d, double[][] day) {
        FeatureColumns features = FeatureColumns.builder(SCHEMA, ACCOUNTS).feature(FIELDS[0], day[0]).feature(FIELDS[1], day[1])
                .feature(FIELDS[2], day[2]).feature(StandardFeatures.DAYS_TO_RENEWAL, day[3]).build();
        return AccountBatch.builder(features).asOf(day(d)).accountIds(ReferenceEquivalenceTest::id).segments(List.of(SEGMENT), null)
                .stage(LifecycleStage.ADOPTION).build();
    }

    private static PlaybookInput input(int d, int a, double[][] day) {
        Features f = Features.builder(SCHEMA).set(FIELDS[0], day[0][a], 1).set(FIELDS[1], day[1][a], 1).set(FIELDS[2], day[2][a], 1)
                .set(StandardFeatures.DAYS_TO_RENEWAL, day[3][a], 1).build();
        return PlaybookInput.of(org.cskit.model.AccountSnapshot.builder().accountId(id(a)).asOf(day(d)).segment(SEGMENT)
                .lifecycleStage(LifecycleStage.ADOPTION).features(f).build());
    }

    private static AccountId id(int a) {
        return AccountId.of("acc-" + a);
    }

    /** The repeat policy as its documentation states it, with maps and lists. */
    private static final class Reference {
        private final List<Playbook> playbooks;
        private final Map<String, Long> open = new HashMap<>(); // account|playbook -> situation of the open play
        private final Map<String, List<Long>> plays = new HashMap<>(); // account|playbook -> times of its plays (seconds)

        Reference(List<Playbook> playbooks) {
            this.playbooks = playbooks;
        }

        void evaluate(int a, int d, double[][] data, List<String> made, List<String> closed) {
            long now = EngineFixtures.day(d).getEpochSecond();
            String prefix = EngineFixtures.day(d) + " " + id(a) + " ";
            int n = playbooks.size();
            boolean[] holds = new boolean[n];
            long[] situation = new long[n];
            for (int p = 0; p < n; p++) {
                Playbook pb = playbooks.get(p);
                boolean h = conditions(pb, a, data);
                if (pb.trigger() instanceof Trigger.Threshold t) {
                    h &= t.op().test(value(t.field(), a, data), t.value());
                    situation[p] = 0;
                } else {
                    double left = data[3][a];
                    h &= left >= 0 && left <= ((Trigger.DaysBeforeRenewal) pb.trigger()).days();
                    situation[p] = d + (long) left;
                }
                holds[p] = h;
            }
            // 1. Close plays whose situation no longer holds (auto-close).
            for (int p = 0; p < n; p++) {
                String key = a + "|" + p;
                Long o = open.get(key);
                if (o != null && playbooks.get(p).repeat().autoClose() && (!holds[p] || o != situation[p])) {
                    open.remove(key);
                    closed.add(prefix + playbooks.get(p).id());
                }
            }
            // 2. Of those that fire, mutual exclusion, then the policy.
            for (int p = 0; p < n; p++) {
                if (!holds[p]) {
                    continue;
                }
                Playbook pb = playbooks.get(p);
                String key = a + "|" + p;
                if (excluded(p, holds, a)) {
                    continue;
                }
                Long o = open.get(key);
                if (o != null && o == situation[p]) {
                    continue;
                }
                List<Long> times = plays.getOrDefault(key, List.of());
                long cooldown = pb.repeat().cooldown().getSeconds();
                if (!times.isEmpty() && cooldown > 0 && now < times.get(times.size() - 1) + cooldown) {
                    continue;
                }
                if (pb.repeat().limit().isPresent()) {
                    RepeatPolicy.Limit limit = pb.repeat().limit().get();
                    long inWindow = times.stream().filter(t -> t > now - limit.period().getSeconds() && t <= now).count();
                    if (inWindow >= limit.count()) {
                        continue;
                    }
                }
                open.put(key, situation[p]);
                plays.computeIfAbsent(key, k -> new ArrayList<>()).add(now);
                made.add(prefix + pb.id());
            }
        }

        private boolean excluded(int p, boolean[] holds, int a) {
            Playbook pb = playbooks.get(p);
            if (pb.repeat().exclusionGroup().isEmpty()) {
                return false;
            }
            for (int q = 0; q < playbooks.size(); q++) {
                Playbook other = playbooks.get(q);
                if (q == p || !other.repeat().exclusionGroup().equals(pb.repeat().exclusionGroup())) {
                    continue;
                }
                boolean moreUrgent = other.priority().compareTo(pb.priority()) > 0 || other.priority() == pb.priority() && q < p;
                if (holds[q] && moreUrgent) {
                    return true;
                }
                if (open.containsKey(a + "|" + q)) {
                    return true;
                }
            }
            return false;
        }

        private boolean conditions(Playbook pb, int a, double[][] data) {
            for (Condition c : pb.conditions()) {
                Condition.Compare cmp = (Condition.Compare) c;
                if (!cmp.op().test(value(cmp.field(), a, data), cmp.value())) {
                    return false;
                }
            }
            return true;
        }

        private static double value(String field, int a, double[][] data) {
            for (int f = 0; f < FIELDS.length; f++) {
                if (FIELDS[f].equals(field)) {
                    return data[f][a];
                }
            }
            throw new IllegalArgumentException(field);
        }
    }
}
