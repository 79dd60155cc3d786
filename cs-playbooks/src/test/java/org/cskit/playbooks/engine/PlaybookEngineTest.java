package org.cskit.playbooks.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.PersonId;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.cskit.model.MilestoneId;
import org.cskit.model.PlanId;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Audience;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.playbooks.engine.EngineFixtures.ACME;
import static org.cskit.playbooks.engine.EngineFixtures.SCHEMA;
import static org.cskit.playbooks.engine.EngineFixtures.day;
import static org.cskit.playbooks.engine.EngineFixtures.features;
import static org.cskit.playbooks.engine.EngineFixtures.seats;
import static org.cskit.playbooks.engine.EngineFixtures.snapshot;
import static org.cskit.playbooks.engine.EngineFixtures.vector;

class PlaybookEngineTest {

    private static Playbook lowAdoption(RepeatPolicy repeat) {
        return Playbook.builder().id("low-adoption").name("Low adoption")
                .trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addConditions(Condition.compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, 30))
                .addActions(new Action.Task(Template.of("Seat utilisation at {{seat_utilisation}} for {{account.id}}"), "CSM", 7,
                        Priority.HIGH))
                .priority(Priority.HIGH)
                .repeat(repeat)
                .build();
    }

    private static PlaybookEngine engine(Playbook... playbooks) {
        return PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(playbooks).build();
    }

    @Test
    void evaluate_thresholdCrossed_makesOnePlayWithItsReason() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));

        EvaluationResult r = engine.evaluate(seats(0, 0.2));

        assertThat(r.created()).hasSize(1);
        Play play = r.plays().get(0);
        assertThat(play.situation()).isEqualTo("threshold:seat_utilisation");
        assertThat(play.actions().get(0).text()).isEqualTo("Seat utilisation at 0.2 for acme");
        assertThat(play.actions().get(0).due()).isEqualTo(LocalDate.of(2026, 5, 8));
        assertThat(play.reason().trigger()).isEqualTo("seat_utilisation < 0.3 (was 0.2)");
        assertThat(play.reason().conditions()).containsExactly(
                new Play.ConditionOutcome("contract.days_since_start >= 30", "contract.days_since_start = 100", true));
    }

    @Test
    void evaluate_sameSituationAgain_keepsTheOpenPlay() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));
        engine.evaluate(seats(0, 0.2));

        EvaluationResult again = engine.evaluate(seats(1, 0.1));

        assertThat(again.created()).isEmpty();
        assertThat(again.suppressed()).containsExactly(
                new EvaluationResult.Suppressed("low-adoption", "threshold:seat_utilisation", "ALREADY_OPEN"));
        assertThat(engine.openPlaybooks(ACME)).hasSize(1);
    }

    @Test
    void evaluate_situationClears_closesTheOpenPlayAndLaterFiresAgain() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));
        engine.evaluate(seats(0, 0.2));

        EvaluationResult cleared = engine.evaluate(seats(5, 0.6));
        EvaluationResult again = engine.evaluate(seats(9, 0.25));

        assertThat(cleared.closed()).hasSize(1);
        assertThat(engine.openPlaybooks(ACME)).hasSize(1);
        assertThat(again.created()).hasSize(1);
    }

    @Test
    void evaluate_conditionClears_closesTheOpenPlayToo() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));
        engine.evaluate(seats(0, 0.2));

        EvaluationResult r = engine.evaluate(PlaybookInput.of(snapshot(1, features()
                .set("seat_utilisation", 0.2, 10).set(StandardFeatures.DAYS_SINCE_START, 10, 1).build()).build()));

        assertThat(r.closed()).hasSize(1);
    }

    @Test
    void evaluate_autoCloseOff_leavesThePlayOpen() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.builder().autoClose(false).build()));
        engine.evaluate(seats(0, 0.2));

        assertThat(engine.evaluate(seats(5, 0.6)).closed()).isEmpty();
        assertThat(engine.openPlaybooks(ACME)).hasSize(1);
    }

    @Test
    void evaluate_refireWithinCooldown_isSuppressed() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.builder().cooldown(Duration.ofDays(30)).build()));
        engine.evaluate(seats(0, 0.2));
        engine.evaluate(seats(5, 0.6));

        EvaluationResult within = engine.evaluate(seats(20, 0.2));
        EvaluationResult after = engine.evaluate(seats(30, 0.2));

        assertThat(within.suppressed()).extracting(EvaluationResult.Suppressed::reason).containsExactly("COOLING_DOWN");
        assertThat(after.created()).hasSize(1);
    }

    @Test
    void evaluate_limitPerPeriod_capsThePlays() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.builder()
                .limit(new RepeatPolicy.Limit(2, Duration.ofDays(30))).build()));
        List<String> outcomes = new ArrayList<>();
        for (int d = 0; d < 12; d += 2) {
            // alternate low and high: each low day is a new situation after the last one closed
            EvaluationResult r = engine.evaluate(seats(d, d % 4 == 0 ? 0.2 : 0.6));
            r.created().forEach(p -> outcomes.add("created@" + p.at()));
            r.suppressed().forEach(s -> outcomes.add(s.reason()));
        }

        assertThat(outcomes).containsExactly("created@" + day(0), "created@" + day(4), "LIMIT_REACHED");
    }

    @Test
    void evaluate_exclusionGroup_keepsTheMostUrgent() {
        Playbook urgent = Playbook.builder().from(lowAdoption(RepeatPolicy.builder().exclusionGroup("adoption").build()))
                .id("very-low-adoption").priority(Priority.URGENT).build();
        Playbook high = lowAdoption(RepeatPolicy.builder().exclusionGroup("adoption").build());
        PlaybookEngine engine = engine(high, urgent);

        EvaluationResult r = engine.evaluate(seats(0, 0.2));

        assertThat(r.created()).extracting(PlayHandle::playbookId).containsExactly("very-low-adoption");
        assertThat(r.suppressed()).extracting(EvaluationResult.Suppressed::reason).containsExactly("EXCLUDED by very-low-adoption");
    }

    @Test
    void evaluate_exclusionGroupWithEqualPriority_keepsTheFirstListed() {
        Playbook first = lowAdoption(RepeatPolicy.builder().exclusionGroup("adoption").build());
        Playbook second = Playbook.builder().from(first).id("low-adoption-2").build();

        EvaluationResult r = engine(first, second).evaluate(seats(0, 0.2));

        assertThat(r.created()).extracting(PlayHandle::playbookId).containsExactly("low-adoption");
    }

    @Test
    void evaluate_bandEntered_firesOnTheTransitionOnly() {
        Playbook red = Playbook.builder().id("entered-red").name("Entered red").trigger(new Trigger.BandEntered("red"))
                .addActions(new Action.Tag("at-risk")).build();
        PlaybookEngine engine = engine(red);
        var yellow = vector(0, 50, "yellow", 1, Direction.FLAT);
        var redNow = vector(7, 35, "red", 0, Direction.DECLINING);

        EvaluationResult entered = engine.evaluate(PlaybookInput.of(snapshot(7, features().build()).previousVector(yellow).build(), redNow));
        EvaluationResult stillRed = engine.evaluate(PlaybookInput.of(snapshot(14, features().build()).previousVector(redNow).build(),
                vector(14, 33, "red", 0, Direction.DECLINING)));

        assertThat(entered.created()).hasSize(1);
        assertThat(entered.plays().get(0).reason().trigger()).isEqualTo("band entered 'red' (was 'yellow', now 'red')");
        assertThat(stillRed.created()).isEmpty();
        assertThat(stillRed.suppressed()).isEmpty();
        assertThat(engine.openPlaybooks(ACME)).hasSize(1);
    }

    @Test
    void onEvent_evaluatesOnlyThePlaybooksOfThatEvent() {
        Playbook champion = Playbook.builder().id("champion-change").name("Champion change")
                .trigger(new Trigger.OnEvent("CHAMPION_CHANGED")).addActions(new Action.Tag("new-champion")).build();
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()), champion);
        var event = new ChampionChanged(ACME, Optional.of(PersonId.of("dana")), Optional.of(PersonId.of("lee")), day(3));

        EvaluationResult r = engine.onEvent(seats(3, 0.1).withEvent(event));

        assertThat(r.created()).extracting(PlayHandle::playbookId).containsExactly("champion-change");
        assertThat(r.created().get(0).situation()).isEqualTo("event:CHAMPION_CHANGED:lee@" + day(3));
    }

    @Test
    void onEvent_eventsWhoseKeysShareAStringHash_areTwoSituations() {
        Playbook review = Playbook.builder().id("milestone-review").name("Milestone review")
                .trigger(new Trigger.OnEvent("MILESTONE_ACHIEVED")).addActions(new Action.Tag("review")).build();
        PlaybookEngine engine = engine(review);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode()); // the situation code was the key's String.hashCode()

        EvaluationResult first = engine.onEvent(seats(3, 0.5).withEvent(new MilestoneAchieved(ACME, PlanId.of("plan"),
                MilestoneId.of("Aa"), day(3).atOffset(java.time.ZoneOffset.UTC).toLocalDate(), day(3))));
        EvaluationResult second = engine.onEvent(seats(4, 0.5).withEvent(new MilestoneAchieved(ACME, PlanId.of("plan"),
                MilestoneId.of("BB"), day(4).atOffset(java.time.ZoneOffset.UTC).toLocalDate(), day(4))));
        EvaluationResult again = engine.onEvent(seats(5, 0.5).withEvent(new MilestoneAchieved(ACME, PlanId.of("plan"),
                MilestoneId.of("BB"), day(4).atOffset(java.time.ZoneOffset.UTC).toLocalDate(), day(4))));

        assertThat(first.created()).extracting(PlayHandle::situation).containsExactly("event:MILESTONE_ACHIEVED:Aa");
        assertThat(second.created()).extracting(PlayHandle::situation).containsExactly("event:MILESTONE_ACHIEVED:BB");
        assertThat(again.created()).isEmpty();
        assertThat(again.suppressed()).extracting(EvaluationResult.Suppressed::reason).containsExactly("ALREADY_OPEN");
    }

    @Test
    void onEvent_withoutAnEvent_isRejected() {
        assertThatThrownBy(() -> engine(lowAdoption(RepeatPolicy.ofDefaults())).onEvent(seats(0, 0.2)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("onEvent needs an input with an event; use evaluate for a full evaluation");
    }

    @Test
    void evaluate_daysBeforeRenewal_firesOncePerRenewalDate() {
        Playbook renewal = Playbook.builder().id("renewal-90").name("Renewal in 90 days")
                .trigger(new Trigger.DaysBeforeRenewal(90)).addActions(new Action.ScheduleReview(14, Template.of("Renewal review")))
                .repeat(RepeatPolicy.builder().autoClose(false).build()).build();
        PlaybookEngine engine = engine(renewal);

        List<Play> plays = new ArrayList<>();
        for (int d = 0; d < 30; d += 10) {
            plays.addAll(engine.evaluate(PlaybookInput.of(snapshot(d, features()
                    .set(StandardFeatures.DAYS_TO_RENEWAL, 95 - d, 1).build()).build())).plays());
        }

        assertThat(plays).hasSize(1);
        // day 10: renewal 85 days away, on 2026-05-11 + 85 days = 2026-08-04.
        assertThat(plays.get(0).situation()).isEqualTo("renewal:2026-08-04");
    }

    @Test
    void evaluate_renewalDateMovesWithinTheWindow_closesThePlayAndOpensOneForTheNewDate() {
        Playbook renewal = Playbook.builder().id("renewal-90").name("Renewal in 90 days")
                .trigger(new Trigger.DaysBeforeRenewal(90)).addActions(new Action.ScheduleReview(14, Template.of("Renewal review")))
                .build(); // auto-close, no cooldown, no limit: a closed play leaves no state
        PlaybookEngine engine = engine(renewal);

        EvaluationResult first = engine.evaluate(PlaybookInput.of(snapshot(0, features()
                .set(StandardFeatures.DAYS_TO_RENEWAL, 80, 1).build()).build()));
        EvaluationResult moved = engine.evaluate(PlaybookInput.of(snapshot(1, features()
                .set(StandardFeatures.DAYS_TO_RENEWAL, 60, 1).build()).build()));

        assertThat(first.created()).extracting(PlayHandle::situation).containsExactly("renewal:2026-07-20");
        assertThat(moved.closed()).extracting(PlayHandle::situation).containsExactly("renewal:2026-07-20");
        assertThat(moved.suppressed()).isEmpty();
        assertThat(moved.created()).extracting(PlayHandle::situation).containsExactly("renewal:2026-07-01");
        assertThat(engine.openPlaybooks(ACME)).containsExactly("renewal-90");
    }

    @Test
    void evaluate_cadence_firesEveryPeriod() {
        Playbook review = Playbook.builder().id("quarterly").name("Quarterly review").trigger(new Trigger.Every(Period.ofDays(90)))
                .addActions(new Action.ScheduleReview(7, Template.of("Quarterly review"))).build();
        PlaybookEngine engine = engine(review);
        int plays = 0;
        for (int d = 0; d <= 200; d += 10) {
            plays += engine.evaluate(seats(d, 0.5)).created().size();
        }

        assertThat(plays).isEqualTo(3); // days 0, 90, 180
    }

    @Test
    void evaluate_manualTrigger_firesOnlyWhenEnrolled() {
        Playbook manual = Playbook.builder().id("exec-briefing").name("Executive briefing").trigger(new Trigger.Manual())
                .addActions(new Action.Tag("briefing")).build();
        PlaybookEngine engine = engine(manual);

        assertThat(engine.evaluate(seats(0, 0.5)).created()).isEmpty();
        assertThat(engine.evaluate(seats(1, 0.5).withEnrolment("exec-briefing")).created()).hasSize(1);
    }

    @Test
    void evaluate_sinkFails_recordsNothingAndARetryDeliversTheSamePlay() {
        AtomicInteger attempts = new AtomicInteger();
        List<PlayHandle> delivered = new ArrayList<>();
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).addPlaybooks(lowAdoption(RepeatPolicy.ofDefaults()))
                .sink(play -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("task system down");
                    }
                    delivered.add(play);
                }).build();

        EvaluationResult first = engine.evaluate(seats(0, 0.2));
        EvaluationResult retry = engine.evaluate(seats(0, 0.2));

        assertThat(first.failed()).extracting(EvaluationResult.Failure::error)
                .containsExactly("delivery failed; offered again next time under the same key: java.lang.IllegalStateException: task system down");
        assertThat(first.created()).isEmpty();
        assertThat(retry.created()).hasSize(1);
        assertThat(retry.created().get(0).key()).isEqualTo(first.failed().get(0).play().key());
        assertThat(delivered).hasSize(1);
    }

    @Test
    void evaluate_concurrentlyForOneAccount_createsOnePlay() throws Exception {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<EvaluationResult>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int day = t % 2;
                results.add(pool.submit(() -> {
                    start.await();
                    return engine.evaluate(seats(day, 0.2));
                }));
            }
            start.countDown();
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (Future<EvaluationResult> f : results) {
                f.get().created().forEach(h -> keys.add(h.key()));
            }

            assertThat(keys).as("at least once, and every delivery under one key").hasSize(1);
            assertThat(engine.openPlaybooks(ACME)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dryRun_reportsWhatEachPlaybookWouldHaveDone() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));

        DryRunReport report = engine.dryRun(Stream.of(seats(0, 0.2), seats(1, 0.2), seats(2, 0.7), seats(3, 0.1)));

        assertThat(report.playbooks()).containsExactly(new DryRunReport.PlaybookSummary("low-adoption", 2,
                new java.util.TreeSet<>(List.of(ACME)), 1, 1));
        assertThat(engine.openPlaybooks(ACME)).as("a dry run leaves the live history alone").isEmpty();
    }

    @Test
    void build_unknownFeature_namesThePlaybookAndField() {
        Playbook typo = Playbook.builder().from(lowAdoption(RepeatPolicy.ofDefaults()))
                .trigger(new Trigger.Threshold("seat_util", Operator.LT, 0.3)).build();

        assertThatThrownBy(() -> engine(typo))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("[0].trigger.field");
                    assertThat(e.getMessage()).startsWith("unknown feature 'seat_util'; known features: logins_14d, seat_utilisation, ");
                });
    }

    @Test
    void readJson_unknownFeatureInATemplate_namesTheJsonPath() {
        String json = """
                [ {"id": "x", "name": "X", "trigger": {"type": "MANUAL"},
                   "actions": [ {"type": "TASK", "title": "Call about {{logins_7d}}", "ownerRole": "CSM", "dueInDays": 1, "priority": "LOW"} ] } ]""";

        assertThatThrownBy(() -> PlaybookEngine.readJson(json, SCHEMA))
                .isInstanceOfSatisfying(JsonInputException.class, e -> {
                    assertThat(e.path()).isEqualTo("$[0].actions[0].title");
                    assertThat(e.problem()).startsWith("unknown feature 'logins_7d'");
                });
    }

    @Test
    void evaluate_snapshotOfAnotherSchema_isRejected() {
        PlaybookEngine engine = engine(lowAdoption(RepeatPolicy.ofDefaults()));
        FeatureSchema other = FeatureSchema.of("seat_utilisation");

        assertThatThrownBy(() -> engine.evaluate(PlaybookInput.of(snapshot(0, org.cskit.model.Features.builder(other).build()).build())))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("the snapshot's features follow FeatureSchema[seat_utilisation], but the playbooks were compiled for");
    }

    @Test
    void evaluate_outsideTheAudience_doesNotFire() {
        Playbook smbOnly = Playbook.builder().from(lowAdoption(RepeatPolicy.ofDefaults()))
                .audience(Audience.builder().addSegments("smb").build()).build();

        assertThat(engine(smbOnly).evaluate(seats(0, 0.2)).created()).isEmpty();
    }

    @Test
    void evaluateAll_manyAccountsInParallel_givesTheSameResultsInOrder() {
        Playbook playbook = lowAdoption(RepeatPolicy.ofDefaults());
        List<PlaybookInput> inputs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            inputs.add(PlaybookInput.of(org.cskit.model.AccountSnapshot.builder().from(seats(0, (i % 10) / 10.0).snapshot())
                    .accountId(org.cskit.model.AccountId.of("a" + i)).build()));
        }
        List<Integer> oneByOne = inputs.stream().map(engine(playbook)::evaluate).map(r -> r.created().size()).toList();

        List<EvaluationResult> parallel = engine(playbook).evaluateAll(inputs.stream(), 64).toList();

        assertThat(parallel).extracting(r -> r.created().size()).containsExactlyElementsOf(oneByOne);
        assertThat(parallel.get(1).created().get(0).accountId().value()).isEqualTo("a1");
        assertThat(oneByOne.stream().mapToInt(Integer::intValue).sum()).isEqualTo(600);
    }
}
