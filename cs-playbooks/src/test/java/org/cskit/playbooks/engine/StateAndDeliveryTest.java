package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.day;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.PersonId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.InMemoryPlayStateStore.SetChanges;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.junit.jupiter.api.Test;

/** State that outlives the JVM, delivery under faults, and the repeat policy's newer rules, through the one engine. */
class StateAndDeliveryTest {
    private static final Segment SEGMENT = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);
    private static final int N = 600;

    private static Playbook lowAdoption(RepeatPolicy repeat) {
        return Playbook.builder().id("low-adoption").name("Low adoption").trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH)).repeat(repeat).build();
    }

    private static Playbook renewal() {
        return Playbook.builder().id("renewal").name("Renewal").trigger(new Trigger.DaysBeforeRenewal(30))
                .addActions(new Action.Task(Template.of("Renewal in {{contract.days_to_renewal}} days"), "AE", 3, Priority.NORMAL)).build();
    }

    private static List<Playbook> set() {
        return List.of(lowAdoption(RepeatPolicy.ofDefaults()), renewal());
    }

    /** A portfolio as of a day: seat utilisation and renewal from a seed; {@code cleared} rows have high utilisation. */
    private static AccountBatch night(int day, long seed, Set<Integer> cleared) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] seats = new double[N], renewal = new double[N], start = new double[N];
        for (int i = 0; i < N; i++) {
            seats[i] = cleared.contains(i) ? 0.9 : r.nextDouble();
            renewal[i] = r.nextInt(10, 90) - day; // no renewal passes within the tests' week
            start[i] = 400;
        }
        FeatureColumns features = FeatureColumns.builder(SCHEMA, N).feature("seat_utilisation", seats)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, renewal).feature(StandardFeatures.DAYS_SINCE_START, start).build();
        return AccountBatch.builder(features).asOf(day(day)).accountIds(i -> AccountId.of("acc-" + i)).segments(List.of(SEGMENT), null)
                .stage(LifecycleStage.ADOPTION).build();
    }

    /**
     * A sink that carries out each key once (it remembers the keys it did) and can fail in chosen
     * ways; it counts a delivery of a key it already acknowledged as a duplicate.
     */
    private static final class FlakySink implements ActionSink {
        final Set<String> done = new TreeSet<>();
        final Set<String> acknowledged = new java.util.HashSet<>();
        int calls;
        int duplicates;
        int failEvery; // 0: never
        boolean afterWork; // fail after doing the work (a timeout)

        @Override
        public synchronized void deliver(PlayHandle play) throws Exception {
            calls++;
            String key = play.key();
            if (acknowledged.contains(key)) {
                duplicates++;
            }
            boolean fail = failEvery > 0 && calls % failEvery == 0;
            if (fail && !afterWork) {
                throw failure(calls);
            }
            if (done.add(key)) {
                play.play(); // builds the full play, as a real sink would
            }
            if (fail) {
                throw failure(calls);
            }
            acknowledged.add(key);
        }

        private static Exception failure(int call) {
            return switch (call % 3) {
                case 0 -> new IllegalStateException("task system down");
                case 1 -> new IOException("timed out");
                default -> new RuntimeException(new AssertionError("wrapped"));
            };
        }
    }

    @Test
    void faultInjection_sinkFailsEveryKthCallOrAfterTheWork_retriedOnLaterDays_zeroLostZeroDuplicated() {
        for (boolean afterWork : new boolean[] {false, true}) {
            FlakySink reliable = new FlakySink();
            FlakySink flaky = new FlakySink();
            flaky.failEvery = 3;
            flaky.afterWork = afterWork;
            PlaybookEngine a = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
            PlaybookEngine b = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
            long failed = 0;
            for (int day = 0; day < 6; day++) {
                AccountBatch batch = night(day, 7, Set.of());
                a.evaluate(batch, reliable);
                failed += b.evaluate(batch, flaky).failed().size();
            }
            flaky.failEvery = 0; // the task system is back
            AccountBatch last = night(6, 7, Set.of());
            a.evaluate(last, reliable);
            b.evaluate(last, flaky);

            assertThat(failed).as("failures injected").isGreaterThan(50);
            assertThat(flaky.done).as("keys carried out despite failures (afterWork=%s): none lost, none new", afterWork)
                    .isEqualTo(reliable.done).hasSizeGreaterThan(100);
            assertThat(flaky.duplicates).as("deliveries of a key already acknowledged").isZero();
            assertThat(reliable.duplicates).isZero();
        }
    }

    @Test
    void deliver_errorOrCheckedException_leavesThePlayOfferedAndTheRestOfTheAccountGoesOn() {
        List<String> delivered = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        ActionSink sink = play -> {
            if (calls.incrementAndGet() == 1) {
                throw new AssertionError("an error, not an exception");
            }
            delivered.add(play.key());
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
        // Find a row where both playbooks fire.
        AccountBatch both = null;
        for (int i = 0; i < N && both == null; i++) {
            AccountBatch row = night(0, 3, Set.of()).slice(i, i + 1);
            List<PlayHandle> plays = new ArrayList<>();
            PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build().evaluate(row, plays::add);
            if (plays.size() == 2) {
                both = row;
            }
        }
        assertThat(both).as("a row where both playbooks fire").isNotNull();

        BatchResult first = engine.evaluate(both, sink);
        BatchResult retry = engine.evaluate(both, sink);

        assertThat(first.failed()).hasSize(1).allSatisfy(f -> assertThat(f.message()).contains("AssertionError: an error, not an exception"));
        assertThat(first.created()).as("the account's other playbook still delivered").isEqualTo(1);
        assertThat(retry.created()).isEqualTo(1);
        assertThat(delivered).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void closeNotification_throws_thePlayStaysOpenAndIsClosedAgainNextTime() {
        AtomicInteger closeCalls = new AtomicInteger();
        List<String> closed = new ArrayList<>();
        List<String> made = new ArrayList<>();
        ActionSink sink = new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                made.add(play.key());
            }

            @Override
            public void closed(PlayHandle play) throws Exception {
                if (closeCalls.incrementAndGet() == 1) {
                    throw new IOException("CRM down");
                }
                closed.add(play.key());
            }
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption(RepeatPolicy.ofDefaults())).sink(sink).build();

        engine.evaluate(EngineFixtures.seats(0, 0.1));
        EvaluationResult failing = engine.evaluate(EngineFixtures.seats(1, 0.8));
        assertThat(failing.failed()).singleElement().satisfies(f -> assertThat(f.error()).contains("close notification failed"));
        assertThat(engine.openPlaybooks(EngineFixtures.ACME)).containsExactly("low-adoption");
        EvaluationResult again = engine.evaluate(EngineFixtures.seats(2, 0.8));

        assertThat(again.closed()).hasSize(1);
        assertThat(closed).containsExactlyElementsOf(made);
        assertThat(engine.openPlaybooks(EngineFixtures.ACME)).isEmpty();
    }

    @Test
    void offeredPlay_whoseSituationClearsBeforeARetry_isClosedUnderItsKeyNotDeliveredLate() {
        List<String> offered = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        ActionSink down = new ActionSink() {
            @Override
            public void deliver(PlayHandle play) throws Exception {
                offered.add(play.key());
                throw new IOException("down");
            }

            @Override
            public void closed(PlayHandle play) {
                closed.add(play.key());
            }
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption(RepeatPolicy.ofDefaults())).sink(down).build();

        engine.evaluate(EngineFixtures.seats(0, 0.1));
        EvaluationResult cleared = engine.evaluate(EngineFixtures.seats(1, 0.9));

        assertThat(cleared.created()).isEmpty();
        assertThat(closed).isEqualTo(offered).hasSize(1);
        assertThat(engine.openPlaybooks(EngineFixtures.ACME)).isEmpty();
    }

    @Test
    void snapshot_restoredInANewEngine_theNextNightMakesOnlyNewPlays() {
        PlaybookEngine night1 = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
        long made = night1.evaluate(night(0, 11, Set.of()), play -> { }).created();
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ((InMemoryPlayStateStore) night1.store()).snapshot(saved, night1.playbooks());

        InMemoryPlayStateStore.Restored restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(saved.toByteArray()), set(),
                SetChanges.REJECT);
        PlaybookEngine night2 = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).store(restored.store()).build();
        PlaybookEngine forgetful = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
        AccountBatch next = night(1, 11, Set.of());
        Set<String> continuing = new TreeSet<>();
        night1.evaluate(next, play -> continuing.add(play.key()));
        Set<String> afterRestore = new TreeSet<>();
        night2.evaluate(next, play -> afterRestore.add(play.key()));

        assertThat(made).isPositive();
        assertThat(restored.states()).isEqualTo(made);
        assertThat(afterRestore).as("plays of the second night after a restore: only renewals entering their window")
                .isEqualTo(continuing).allSatisfy(k -> assertThat(k).startsWith("renewal|"));
        assertThat(forgetful.evaluate(next, play -> { }).created()).as("without the state, the open plays come again")
                .isGreaterThan(made);
    }

    @Test
    void restore_changedPlaybookSet_dropsRemovedReportsAddedAndKeepsAChangedVersionsPlays() {
        PlaybookEngine before = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
        before.evaluate(night(0, 5, Set.of()), play -> { });
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ((InMemoryPlayStateStore) before.store()).snapshot(saved, before.playbooks());
        Playbook lowAdoption2 = Playbook.builder().from(lowAdoption(RepeatPolicy.ofDefaults())).version(2).build();
        Playbook added = Playbook.builder().from(renewal()).id("renewal-call").build();
        List<Playbook> now = List.of(lowAdoption2, added);

        assertThatThrownBy(() -> InMemoryPlayStateStore.restore(new ByteArrayInputStream(saved.toByteArray()), now, SetChanges.REJECT))
                .isInstanceOf(ValidationException.class).hasMessageContaining("the snapshot was taken under another playbook set: "
                        + "not in the set now: renewal; new in the set: renewal-call; version changed: low-adoption 1 -> 2");
        InMemoryPlayStateStore.Restored r = InMemoryPlayStateStore.restore(new ByteArrayInputStream(saved.toByteArray()), now,
                SetChanges.ACCEPT);
        PlaybookEngine after = PlaybookEngine.builder().schema(SCHEMA).playbooks(now).store(r.store()).build();
        Map<String, Long> counts = new HashMap<>();
        after.evaluate(night(1, 5, Set.of()), play -> counts.merge(play.playbookId(), 1L, Long::sum));

        assertThat(r.dropped()).containsOnlyKeys("renewal").allSatisfy((id, n) -> assertThat(n).isPositive());
        assertThat(r.added()).containsExactly("renewal-call");
        assertThat(r.versionChanged()).containsExactly(Map.entry("low-adoption", "1 -> 2"));
        assertThat(counts).as("the changed version's plays stay open; the new playbook starts empty").doesNotContainKey("low-adoption")
                .containsKey("renewal-call");
    }

    @Test
    void snapshot_randomStates_restoreExactly() {
        SplittableRandom r = new SplittableRandom(99);
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        Map<String, org.cskit.playbooks.spi.PlayState> expected = new HashMap<>();
        for (int k = 0; k < 20_000; k++) {
            AccountId account = AccountId.of("a" + r.nextInt(2_000));
            String playbook = set().get(r.nextInt(2)).id();
            String key = account.value() + " " + playbook;
            org.cskit.playbooks.spi.PlayState before = expected.getOrDefault(key, org.cskit.playbooks.spi.PlayState.EMPTY);
            org.cskit.playbooks.spi.PlayState.Status status = org.cskit.playbooks.spi.PlayState.Status.values()[r.nextInt(3)];
            long t = 1_700_000_000L + r.nextInt(1_000_000);
            long[] recent = new long[r.nextInt(4) == 0 ? r.nextInt(1, 5) : 0];
            for (int i = 0; i < recent.length; i++) {
                recent[i] = t - 86_400L * (recent.length - i);
            }
            boolean empty = r.nextInt(8) == 0;
            org.cskit.playbooks.spi.PlayState next = empty ? org.cskit.playbooks.spi.PlayState.EMPTY.withVersion(before.version() + 1)
                    : new org.cskit.playbooks.spi.PlayState(before.version() + 1, status, r.nextBoolean() ? 0 : r.nextInt(),
                            status == org.cskit.playbooks.spi.PlayState.Status.NONE ? org.cskit.playbooks.spi.PlayState.NEVER : t,
                            r.nextBoolean() ? t : r.nextBoolean() ? org.cskit.playbooks.spi.PlayState.NEVER : t - 5, recent);
            assertThat(store.compareAndSet(account, playbook, before.version(), next)).isTrue();
            if (next.isEmpty()) {
                expected.remove(key);
            } else {
                expected.put(key, next);
            }
        }
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        store.snapshot(saved, set());
        InMemoryPlayStateStore back = restore(saved.toByteArray()).store();

        Map<String, org.cskit.playbooks.spi.PlayState> read = new HashMap<>();
        AccountId[] accounts = new AccountId[2_000];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = AccountId.of("a" + i);
        }
        back.read(accounts, accounts.length, (i, playbook, state) -> read.put(accounts[i].value() + " " + playbook, state));
        assertThat(read).isEqualTo(expected).hasSizeGreaterThan(1_000);
        assertThat(back.size()).isEqualTo(expected.size());
    }

    @Test
    void restore_badSnapshots_failWholeWithOneClearMessage() {
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(set()).build();
        engine.evaluate(night(0, 5, Set.of()), play -> { });
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ((InMemoryPlayStateStore) engine.store()).snapshot(saved, engine.playbooks());
        byte[] good = saved.toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        byte[] corrupt = good.clone();
        corrupt[57] ^= 0x10; // in the first state's account fingerprint: a well-formed stream whose checksum no longer matches
        byte[] newer = good.clone();
        newer[11] = 2;
        byte[] other = "{\"not\": \"a snapshot\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(InMemoryPlayStateStore.restore(new ByteArrayInputStream(good), set(), SetChanges.REJECT).states()).isPositive();
        assertThatThrownBy(() -> restore(truncated)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("the snapshot ends too early: it is truncated");
        assertThatThrownBy(() -> restore(corrupt)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("the snapshot's checksum does not match its content: the stream is corrupt");
        assertThatThrownBy(() -> restore(newer)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("snapshot format version 2, but this cskit reads version 1");
        assertThatThrownBy(() -> restore(other)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a cskit play state snapshot");
    }

    private static InMemoryPlayStateStore.Restored restore(byte[] bytes) {
        return InMemoryPlayStateStore.restore(new ByteArrayInputStream(bytes), set(), SetChanges.REJECT);
    }

    @Test
    void remindEvery_whileTheSituationHolds_remindsUnderNewKeysKeepingOneOpenPlay() {
        Playbook reminding = lowAdoption(RepeatPolicy.builder().remindEvery(Duration.ofDays(7)).build());
        List<PlayHandle> made = new ArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(reminding).sink(made::add).build();

        for (int d = 0; d <= 20; d++) {
            engine.evaluate(EngineFixtures.seats(d, 0.1));
        }

        assertThat(made).extracting(PlayHandle::at).containsExactly(day(0), day(7), day(14));
        assertThat(made).extracting(PlayHandle::reminder).containsExactly(false, true, true);
        assertThat(made).extracting(PlayHandle::key).doesNotHaveDuplicates();
        assertThat(made.get(1).key()).startsWith(made.get(0).key() + "|reminder@");
        assertThat(engine.openPlaybooks(EngineFixtures.ACME)).containsExactly("low-adoption");
    }

    @Test
    void remindEvery_notPositive_isRejected() {
        assertThatThrownBy(() -> RepeatPolicy.builder().remindEvery(Duration.ZERO).build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("remindEvery must be positive such as P7D, but was P0D");
        assertThatThrownBy(() -> RepeatPolicy.builder().remindEvery(Duration.ofDays(3651)).build()).isInstanceOf(ValidationException.class)
                .hasMessageContaining("remindEvery must be at most P3650D (ten years), but was P3651D");
    }

    @Test
    void compareFields_fieldAgainstAnotherTimesAFactor_inJavaAndJson() {
        Playbook java = Playbook.builder().id("few-logins-for-seats").name("Few logins for the seats").trigger(new Trigger.Manual())
                .addConditions(Condition.compareFields("logins_14d", Operator.LT, "seat_utilisation", 100))
                .addActions(new Action.Tag("check")).build();
        String json = "[{\"id\": \"few-logins-for-seats\", \"name\": \"Few logins for the seats\", \"trigger\": {\"type\": \"MANUAL\"},"
                + " \"conditions\": [{\"type\": \"COMPARE_FIELDS\", \"field\": \"logins_14d\", \"op\": \"LT\", \"other\": \"seat_utilisation\","
                + " \"factor\": 100}], \"actions\": [{\"type\": \"TAG\", \"tag\": \"check\"}]}]";
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(PlaybookEngine.readJson(json, SCHEMA)).build();
        PlaybookInput few = PlaybookInput.of(EngineFixtures.snapshot(0, EngineFixtures.features().set("logins_14d", 20, 1)
                .set("seat_utilisation", 0.5, 1).build()).build()).withEnrolment("few-logins-for-seats");
        PlaybookInput many = PlaybookInput.of(EngineFixtures.snapshot(1, EngineFixtures.features().set("logins_14d", 60, 1)
                .set("seat_utilisation", 0.5, 1).build()).build()).withEnrolment("few-logins-for-seats");

        assertThat(PlaybookEngine.readJson(json, SCHEMA)).containsExactly(java);
        EvaluationResult r = engine.evaluate(few);
        assertThat(r.plays()).singleElement().satisfies(p -> assertThat(p.reason().conditions()).singleElement()
                .isEqualTo(new org.cskit.playbooks.Play.ConditionOutcome("logins_14d < seat_utilisation x 100",
                        "logins_14d = 20, seat_utilisation = 0.5", true)));
        assertThat(PlaybookEngine.builder().schema(SCHEMA).playbooks(List.of(java)).build().evaluate(many).created()).isEmpty();
        assertThatThrownBy(() -> PlaybookEngine.readJson(json.replace("\"other\": \"seat_utilisation\"", "\"other\": \"seats\""), SCHEMA))
                .isInstanceOf(JsonInputException.class).hasMessageContaining("$[0].conditions[0].other")
                .hasMessageContaining("unknown feature 'seats'");
        assertThatThrownBy(() -> Condition.compareFields("logins_14d", Operator.LT, "seat_utilisation", 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("factor must not be 0");
    }

    @Test
    void largestCooldownAndLimit_evaluateWithoutOverflow() {
        // Definitions are bounded when read (ten years, 1,000 plays); the engine keeps no array sized
        // by a count and adds times in saturated seconds, so the largest settings evaluate like any other.
        Playbook extreme = lowAdoption(RepeatPolicy.builder().cooldown(Duration.ofDays(RepeatPolicy.MAX_DAYS))
                .limit(new RepeatPolicy.Limit(RepeatPolicy.MAX_COUNT, Duration.ofDays(RepeatPolicy.MAX_DAYS))).build());
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(extreme).build();

        EvaluationResult first = engine.evaluate(EngineFixtures.seats(0, 0.1));
        engine.evaluate(EngineFixtures.seats(1, 0.8));
        EvaluationResult again = engine.evaluate(EngineFixtures.seats(2, 0.1));
        BatchResult batch = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(extreme).build().evaluate(night(0, 1, Set.of()), p -> { });

        assertThat(first.created()).hasSize(1);
        assertThat(again.suppressed()).extracting(EvaluationResult.Suppressed::reason).containsExactly("COOLING_DOWN");
        assertThat(batch.created()).isPositive();
    }

    @Test
    void twoRowsWithOneAccountId_neverDeliverTheSameKeyTwice() {
        double[] seats = {0.1, 0.2};
        FeatureColumns features = FeatureColumns.builder(SCHEMA, 2).feature("seat_utilisation", seats).build();
        AccountBatch twice = AccountBatch.builder(features).asOf(day(0)).accountIds(i -> AccountId.of("same"))
                .segments(List.of(SEGMENT), null).stage(LifecycleStage.ADOPTION).build();
        List<String> keys = new ArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption(RepeatPolicy.ofDefaults())).build();

        BatchResult r = engine.evaluate(twice, play -> keys.add(play.key()));

        assertThat(keys).hasSize(1);
        assertThat(r.suppressed()).isEqualTo(1);
    }

    @Test
    void events_inABatchAndPerEvent_shareOneStateAndMutualExclusion() {
        Playbook champion = Playbook.builder().id("champion-change").name("Champion change")
                .trigger(new Trigger.OnEvent("CHAMPION_CHANGED")).priority(Priority.URGENT)
                .repeat(RepeatPolicy.builder().exclusionGroup("attention").build()).addActions(new Action.Tag("champion")).build();
        Playbook low = lowAdoption(RepeatPolicy.builder().exclusionGroup("attention").build());
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(champion, low).build();
        ChampionChanged event = new ChampionChanged(AccountId.of("acc-0"), Optional.of(PersonId.of("ann")), Optional.of(PersonId.of("bob")),
                day(0));
        FeatureColumns features = FeatureColumns.builder(SCHEMA, 2).feature("seat_utilisation", new double[] {0.9, 0.1}).build();
        AccountBatch withEvent = AccountBatch.builder(features).asOf(day(0)).accountIds(i -> AccountId.of("acc-" + i))
                .segments(List.of(SEGMENT), null).stage(LifecycleStage.ADOPTION).event(0, event).build();
        List<String> made = new ArrayList<>();

        engine.evaluate(withEvent, play -> made.add(play.accountId() + " " + play.playbookId()));
        // The next night acc-0's seats drop too: the open champion play of the same group excludes low adoption.
        FeatureColumns next = FeatureColumns.builder(SCHEMA, 2).feature("seat_utilisation", new double[] {0.1, 0.1}).build();
        AccountBatch nextNight = AccountBatch.builder(next).asOf(day(1)).accountIds(i -> AccountId.of("acc-" + i))
                .segments(List.of(SEGMENT), null).stage(LifecycleStage.ADOPTION).build();
        BatchResult r = engine.evaluate(nextNight, play -> made.add(play.accountId() + " " + play.playbookId()));

        assertThat(made).containsExactly("acc-0 champion-change", "acc-1 low-adoption");
        assertThat(r.suppressed()).as("acc-0 excluded by its open champion play, acc-1 already open").isEqualTo(2);
        assertThatThrownBy(() -> AccountBatch.builder(features).asOf(day(0)).accountIds(i -> AccountId.of("acc-" + i))
                .segments(List.of(SEGMENT), null).stage(LifecycleStage.ADOPTION).event(1, event).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("the event of row 1 is of account 'acc-0', not of the row's account 'acc-1'");
    }

    @Test
    void storeTimes_outsideWhatTheStoreKeeps_areRejectedNamingTheBound() {
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        org.cskit.playbooks.spi.PlayState before1970 = new org.cskit.playbooks.spi.PlayState(1,
                org.cskit.playbooks.spi.PlayState.Status.OPEN, 0, -5, -5, new long[0]);

        assertThatThrownBy(() -> store.compareAndSet(AccountId.of("a"), "p", 0, before1970)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("offeredAt -5 is outside 1970 to 2106");
    }
}
