package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ExpansionOpportunity;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.junit.jupiter.api.Test;

/** Each built-in playbook fires in its situation, and not in a near miss. */
class BuiltInPlaybooksTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    private static final FeatureSchema SCHEMA = FeatureSchema.of(BuiltInPlaybooks.features());

    /** A healthy steady-state account: nothing should fire. */
    private static Features.Builder healthy() {
        return Features.builder(SCHEMA)
                .set(BuiltInPlaybooks.SEAT_UTILISATION, 0.7, 30)
                .set(BuiltInPlaybooks.TICKETS, 1, 1).set(BuiltInPlaybooks.TICKETS_CHANGE_PCT, 0, 2)
                .set(StandardFeatures.HAS_PLAN, 1, 1).set(StandardFeatures.OUTCOME_ATTAINMENT, 0.5, 4)
                .set(StandardFeatures.NEXT_PHASE_DEFINED, 0, 1).set(StandardFeatures.MAX_DAYS_OVERDUE, 0, 4)
                .set(StandardFeatures.DAYS_TO_RENEWAL, 250, 1).set(StandardFeatures.DAYS_SINCE_START, 115, 1);
    }

    private static SuccessVector vector(double score, String band, Direction direction) {
        return SuccessVector.builder().accountId(ACME).asOf(AS_OF).score(score).band(Band.of(band, 0)).direction(direction)
                .velocity(0).coverage(1).scorecardId(ScorecardId.of("card")).scorecardVersion(1)
                .addContributions(Contribution.builder().input("all").group("all").points(score).weight(1).build()).build();
    }

    private static PlaybookInput input(Features features, LifecycleStage stage, SuccessVector vector) {
        AccountSnapshot snapshot = AccountSnapshot.builder().accountId(ACME).asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)).lifecycleStage(stage).features(features).build();
        return PlaybookInput.of(snapshot, vector);
    }

    private static List<String> fired(PlaybookInput input) {
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(BuiltInPlaybooks.all()).build();
        return engine.evaluate(input).plays().stream().map(Play::playbookId).toList();
    }

    private static PlaybookInput steady(Features features) {
        return input(features, LifecycleStage.STEADY_STATE, vector(65, "yellow", Direction.FLAT));
    }

    @Test
    void all_loadsSeventeenPlaybooksThatCompileAgainstTheirFeatures() {
        List<Playbook> all = BuiltInPlaybooks.all();

        assertThat(all).extracting(Playbook::id).containsExactly("low-adoption", "champion-change", "support-spike",
                "renewal-at-risk", "expansion-ready", "first-value-overdue", "onboarding-days-0-7", "onboarding-days-7-30",
                "onboarding-days-30-90", "no-success-plan", "target-near-no-next-phase", "milestone-review",
                "expansion-at-milestone", "success-gap-near-due", "high-risk-unowned", "plan-review-due", "promised-outcome-no-plan");
        assertThat(PlaybookEngine.readJson(org.cskit.model.json.CsJson.create().write(all), SCHEMA)).isEqualTo(all);
    }

    @Test
    void healthyAccount_firesNothing() {
        assertThat(fired(steady(healthy().build()))).isEmpty();
    }

    @Test
    void lowAdoption_firesBelowFortyPercentAfterTheFirstMonth() {
        assertThat(fired(steady(healthy().set(BuiltInPlaybooks.SEAT_UTILISATION, 0.35, 30).build()))).containsExactly("low-adoption");
        assertThat(fired(steady(healthy().set(BuiltInPlaybooks.SEAT_UTILISATION, 0.35, 30)
                .set(StandardFeatures.DAYS_SINCE_START, 20, 1).build()))).isEmpty();
    }

    @Test
    void championChange_firesOnTheEvent() {
        PlaybookInput input = steady(healthy().build())
                .withEvent(new ChampionChanged(ACME, Optional.of(PersonId.of("dana")), Optional.of(PersonId.of("lee")), AS_OF));

        assertThat(fired(input)).containsExactly("champion-change");
    }

    @Test
    void supportSpike_needsARiseAndAtLeastThreeTickets() {
        assertThat(fired(steady(healthy().set(BuiltInPlaybooks.TICKETS, 6, 6).set(BuiltInPlaybooks.TICKETS_CHANGE_PCT, 100, 2).build())))
                .containsExactly("support-spike");
        assertThat(fired(steady(healthy().set(BuiltInPlaybooks.TICKETS, 2, 2).set(BuiltInPlaybooks.TICKETS_CHANGE_PCT, 100, 2).build())))
                .isEmpty();
    }

    @Test
    void renewalAtRisk_firesNearRenewalWhenRedOrDeclining() {
        Features nearRenewal = healthy().set(StandardFeatures.DAYS_TO_RENEWAL, 100, 1).build();

        assertThat(fired(input(nearRenewal, LifecycleStage.RENEWAL_WINDOW, vector(35, "red", Direction.FLAT))))
                .containsExactly("renewal-at-risk");
        assertThat(fired(input(nearRenewal, LifecycleStage.RENEWAL_WINDOW, vector(60, "yellow", Direction.DECLINING))))
                .containsExactly("renewal-at-risk");
        assertThat(fired(input(nearRenewal, LifecycleStage.RENEWAL_WINDOW, vector(80, "green", Direction.IMPROVING)))).isEmpty();
    }

    @Test
    void expansionReady_needsSeatsGreenAndResults() {
        Features full = healthy().set(BuiltInPlaybooks.SEAT_UTILISATION, 0.95, 30).set(StandardFeatures.OUTCOME_ATTAINMENT, 0.85, 4)
                .set(StandardFeatures.NEXT_PHASE_DEFINED, 1, 1).build();

        assertThat(fired(input(full, LifecycleStage.STEADY_STATE, vector(82, "green", Direction.FLAT)))).containsExactly("expansion-ready");
        assertThat(fired(input(full, LifecycleStage.STEADY_STATE, vector(60, "yellow", Direction.FLAT)))).isEmpty();
    }

    @Test
    void firstValueOverdue_firesAfterAWeek() {
        assertThat(fired(steady(healthy().set(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE, 9, 1).build())))
                .containsExactly("first-value-overdue");
        assertThat(fired(steady(healthy().set(StandardFeatures.FIRST_VALUE_DAYS_OVERDUE, 3, 1).build()))).isEmpty();
    }

    @Test
    void onboarding_firesTheStepOfTheAccountsAge() {
        assertThat(fired(input(healthy().set(StandardFeatures.DAYS_SINCE_START, 2, 1).build(), LifecycleStage.ONBOARDING,
                vector(50, "yellow", Direction.FLAT)))).containsExactly("onboarding-days-0-7");
        assertThat(fired(input(healthy().set(StandardFeatures.DAYS_SINCE_START, 12, 1).build(), LifecycleStage.ONBOARDING,
                vector(50, "yellow", Direction.FLAT)))).containsExactly("onboarding-days-7-30");
        assertThat(fired(input(healthy().set(StandardFeatures.DAYS_SINCE_START, 45, 1).build(), LifecycleStage.ADOPTION,
                vector(50, "yellow", Direction.FLAT)))).containsExactly("onboarding-days-30-90");
    }

    @Test
    void noSuccessPlan_firesTwoWeeksIn() {
        Features noPlan = healthy().set(StandardFeatures.HAS_PLAN, 0, 1).clear(StandardFeatures.OUTCOME_ATTAINMENT)
                .clear(StandardFeatures.NEXT_PHASE_DEFINED).clear(StandardFeatures.MAX_DAYS_OVERDUE).build();

        assertThat(fired(steady(noPlan))).containsExactly("no-success-plan");
    }

    @Test
    void targetNearNoNextPhase_firesOnlyWithoutANextPhase() {
        assertThat(fired(steady(healthy().set(StandardFeatures.OUTCOME_ATTAINMENT, 0.85, 4).build())))
                .containsExactly("target-near-no-next-phase");
        assertThat(fired(steady(healthy().set(StandardFeatures.OUTCOME_ATTAINMENT, 0.85, 4)
                .set(StandardFeatures.NEXT_PHASE_DEFINED, 1, 1).build()))).isEmpty();
    }

    @Test
    void milestoneReview_isTriggeredByTheMilestoneNotTheCalendar() {
        PlaybookInput input = steady(healthy().build()).withEvent(new MilestoneAchieved(ACME, PlanId.of("plan"),
                MilestoneId.of("go-live"), LocalDate.of(2026, 5, 9), AS_OF));

        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(BuiltInPlaybooks.all()).build();
        List<Play> plays = engine.onEvent(input).plays();

        assertThat(plays).extracting(Play::playbookId).containsExactly("milestone-review");
        assertThat(plays.get(0).actions().get(0).due()).isEqualTo(LocalDate.of(2026, 5, 17));
        assertThat(plays.get(0).situation()).isEqualTo("event:MILESTONE_ACHIEVED:go-live");
    }

    @Test
    void renewalAtRisk_reasonCountsOneDayInTheSingular() {
        Features tomorrow = healthy().set(StandardFeatures.DAYS_TO_RENEWAL, 1, 1).build();
        Features twoDays = healthy().set(StandardFeatures.DAYS_TO_RENEWAL, 2, 1).build();

        Play one = builtIns().evaluate(input(tomorrow, LifecycleStage.RENEWAL_WINDOW, vector(35, "red", Direction.FLAT))).plays().get(0);
        Play two = builtIns().evaluate(input(twoDays, LifecycleStage.RENEWAL_WINDOW, vector(35, "red", Direction.FLAT))).plays().get(0);

        assertThat(one.reason().trigger()).isEqualTo("renewal in 1 day (within 120)");
        assertThat(two.reason().trigger()).isEqualTo("renewal in 2 days (within 120)");
    }

    @Test
    void expansionAtMilestone_firesOnAMilestoneThatCarriesAnOpportunity_notOnOneWithout() {
        Milestone.Builder goLive = Milestone.builder().id(MilestoneId.of("go-live")).name("Go live").kind(MilestoneKind.ROLLOUT)
                .ownerSide(Side.CUSTOMER).dueDate(LocalDate.of(2026, 5, 30)).completion(SignOff.of(Side.CUSTOMER, "Live"))
                .status(MilestoneStatus.ACHIEVED).achievedOn(LocalDate.of(2026, 5, 9));
        Milestone withOpportunity = goLive.expansionOpportunity(ExpansionOpportunity.builder().description("50 more seats")
                .estimatedArr(Money.of("12000.00", "EUR")).build()).build();
        Milestone without = Milestone.builder().from(withOpportunity).expansionOpportunity(Optional.empty()).build();
        // each event to an engine of its own, so that no play of one holds back the next
        List<Play> plays = builtIns().onEvent(steady(healthy().build()).withEvent(new MilestoneAchieved(ACME, PlanId.of("plan"),
                MilestoneId.of("go-live"), LocalDate.of(2026, 5, 9), AS_OF, Optional.of(withOpportunity)))).plays();
        // near misses: the same milestone without an opportunity, and an event that names the milestone without carrying it
        List<Play> bare = builtIns().onEvent(steady(healthy().build()).withEvent(new MilestoneAchieved(ACME,
                PlanId.of("plan"), MilestoneId.of("go-live"), LocalDate.of(2026, 5, 9), AS_OF, Optional.of(without)))).plays();
        List<Play> named = builtIns().onEvent(steady(healthy().build()).withEvent(new MilestoneAchieved(ACME,
                PlanId.of("plan"), MilestoneId.of("go-live"), LocalDate.of(2026, 5, 9), AS_OF))).plays();

        assertThat(plays).extracting(Play::playbookId).containsExactlyInAnyOrder("milestone-review", "expansion-at-milestone");
        assertThat(bare).extracting(Play::playbookId).containsExactly("milestone-review");
        assertThat(named).extracting(Play::playbookId).containsExactly("milestone-review");
    }

    private static PlaybookEngine builtIns() {
        return PlaybookEngine.builder().schema(SCHEMA).playbooks(BuiltInPlaybooks.all()).build();
    }
}
