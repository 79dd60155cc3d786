package org.cskit.model.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cskit.model.AccountId;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MilestoneId;
import org.cskit.model.Money;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventsTest {
    private static final AccountId ACME = AccountId.of("acme");
    private static final PlanId PLAN = PlanId.of("acme-plan");
    private static final MilestoneId GO_LIVE = MilestoneId.of("go-live");
    private static final PersonId DANA = PersonId.of("dana");
    private static final PersonId KIM = PersonId.of("kim");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final LocalDate LATER = LocalDate.of(2027, 1, 15);
    private static final Instant AT = Instant.parse("2026-03-10T12:00:00Z");
    private static final Money ARR = Money.of("120000.00", "EUR");

    private static Arguments missing(String field, ThrowingCallable build) {
        return Arguments.of(field, build);
    }

    static Stream<Arguments> missingComponents() {
        Optional<PersonId> none = Optional.empty();
        Optional<PersonId> dana = Optional.of(DANA);
        return Stream.of(
                missing("accountId", () -> new MilestoneAchieved(null, PLAN, GO_LIVE, DAY, AT)),
                missing("planId", () -> new MilestoneAchieved(ACME, null, GO_LIVE, DAY, AT)),
                missing("milestoneId", () -> new MilestoneAchieved(ACME, PLAN, null, DAY, AT)),
                missing("achievedOn", () -> new MilestoneAchieved(ACME, PLAN, GO_LIVE, null, AT)),
                missing("occurredAt", () -> new MilestoneAchieved(ACME, PLAN, GO_LIVE, DAY, null)),
                missing("accountId", () -> new MilestoneMissed(null, PLAN, GO_LIVE, DAY, AT)),
                missing("planId", () -> new MilestoneMissed(ACME, null, GO_LIVE, DAY, AT)),
                missing("milestoneId", () -> new MilestoneMissed(ACME, PLAN, null, DAY, AT)),
                missing("dueDate", () -> new MilestoneMissed(ACME, PLAN, GO_LIVE, null, AT)),
                missing("occurredAt", () -> new MilestoneMissed(ACME, PLAN, GO_LIVE, DAY, null)),
                missing("accountId", () -> new ChampionChanged(null, none, dana, AT)),
                missing("previous", () -> new ChampionChanged(ACME, null, dana, AT)),
                missing("current", () -> new ChampionChanged(ACME, dana, null, AT)),
                missing("occurredAt", () -> new ChampionChanged(ACME, none, dana, null)),
                missing("accountId", () -> new ExecutiveSponsorChanged(null, none, dana, AT)),
                missing("previous", () -> new ExecutiveSponsorChanged(ACME, null, dana, AT)),
                missing("current", () -> new ExecutiveSponsorChanged(ACME, dana, null, AT)),
                missing("occurredAt", () -> new ExecutiveSponsorChanged(ACME, none, dana, null)),
                missing("accountId", () -> new PlanRevised(null, PLAN, 1, 2, "r", AT)),
                missing("planId", () -> new PlanRevised(ACME, null, 1, 2, "r", AT)),
                missing("reason", () -> new PlanRevised(ACME, PLAN, 1, 2, null, AT)),
                missing("occurredAt", () -> new PlanRevised(ACME, PLAN, 1, 2, "r", null)),
                missing("accountId", () -> new LifecycleStageChanged(null, LifecycleStage.ADOPTION, LifecycleStage.EXPANSION, AT)),
                missing("from", () -> new LifecycleStageChanged(ACME, null, LifecycleStage.EXPANSION, AT)),
                missing("to", () -> new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION, null, AT)),
                missing("occurredAt", () -> new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION, LifecycleStage.EXPANSION, null)),
                missing("accountId", () -> new ContractRenewed(null, DAY, LATER, ARR, AT)),
                missing("previousRenewalDate", () -> new ContractRenewed(ACME, null, LATER, ARR, AT)),
                missing("renewalDate", () -> new ContractRenewed(ACME, DAY, null, ARR, AT)),
                missing("arr", () -> new ContractRenewed(ACME, DAY, LATER, null, AT)),
                missing("occurredAt", () -> new ContractRenewed(ACME, DAY, LATER, ARR, null)));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("missingComponents")
    void constructor_missingComponent_isRejected(String field, ThrowingCallable build) {
        assertViolation(build, field, field + " must not be null");
    }

    @Test
    void lifecycleStageChanged_sameStage_isRejected() {
        assertViolation(() -> new LifecycleStageChanged(ACME, LifecycleStage.ADOPTION, LifecycleStage.ADOPTION, AT), "to",
                "lifecycle stage 'to' ADOPTION is the same as 'from': nothing changed");
    }

    @Test
    void championChanged_samePerson_isRejected() {
        assertViolation(() -> new ChampionChanged(ACME, Optional.of(DANA), Optional.of(DANA), AT), "current",
                "current champion 'dana' is the same as the previous one: nothing changed");
    }

    @Test
    void championChanged_noneBeforeAndAfter_isRejected() {
        assertViolation(() -> new ChampionChanged(ACME, Optional.empty(), Optional.empty(), AT), "current",
                "current champion 'none' is the same as the previous one: nothing changed");
    }

    @Test
    void championChanged_firstLostOrNew_isAccepted() {
        assertThat(new ChampionChanged(ACME, Optional.empty(), Optional.of(DANA), AT).current()).contains(DANA);
        assertThat(new ChampionChanged(ACME, Optional.of(DANA), Optional.empty(), AT).current()).isEmpty();
        assertThat(new ChampionChanged(ACME, Optional.of(DANA), Optional.of(KIM), AT).previous()).contains(DANA);
    }

    @Test
    void executiveSponsorChanged_samePerson_isRejected() {
        assertViolation(() -> new ExecutiveSponsorChanged(ACME, Optional.of(KIM), Optional.of(KIM), AT), "current",
                "current executive sponsor 'kim' is the same as the previous one: nothing changed");
    }

    @Test
    void executiveSponsorChanged_noneBeforeAndAfter_isRejected() {
        assertViolation(() -> new ExecutiveSponsorChanged(ACME, Optional.empty(), Optional.empty(), AT), "current",
                "current executive sponsor 'none' is the same as the previous one: nothing changed");
    }

    @Test
    void contractRenewed_sameRenewalDate_isRejected() {
        assertViolation(() -> new ContractRenewed(ACME, LATER, LATER, ARR, AT), "renewalDate",
                "renewalDate 2027-01-15 must be after previousRenewalDate 2027-01-15");
    }

    @Test
    void contractRenewed_earlierRenewalDate_isRejected() {
        assertViolation(() -> new ContractRenewed(ACME, LATER, DAY, ARR, AT), "renewalDate",
                "renewalDate 2026-03-10 must be after previousRenewalDate 2027-01-15");
    }

    @Test
    void planRevised_fromVersionZero_isRejectedNamingFromVersion() {
        // toVersion 1 is fine on its own: the offending component is fromVersion
        assertViolation(() -> new PlanRevised(ACME, PLAN, 0, 1, "r", AT), "fromVersion",
                "a revision goes from a version of at least 1 to a later one, but went from 0 to 1");
    }

    @Test
    void planRevised_toVersionNotLater_isRejected() {
        assertViolation(() -> new PlanRevised(ACME, PLAN, 3, 3, "r", AT), "toVersion",
                "a revision goes from a version of at least 1 to a later one, but went from 3 to 3");
        assertViolation(() -> new PlanRevised(ACME, PLAN, 3, 2, "r", AT), "toVersion",
                "a revision goes from a version of at least 1 to a later one, but went from 3 to 2");
    }

    @Test
    void planRevised_skippingVersions_isAccepted() {
        assertThat(new PlanRevised(ACME, PLAN, 1, 4, "r", AT).toVersion()).isEqualTo(4);
    }

    @Test
    void events_areAccountEvents() {
        AccountEvent e = new MilestoneAchieved(ACME, PLAN, GO_LIVE, DAY, AT);

        assertThat(e.accountId()).isEqualTo(ACME);
        assertThat(e.occurredAt()).isEqualTo(AT);
    }
}
