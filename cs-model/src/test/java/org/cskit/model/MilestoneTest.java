package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MilestoneTest {
    private static final LocalDate DUE = LocalDate.of(2026, 3, 10);

    private static Milestone.Builder goLive() {
        return Fixtures.milestone("go-live", "Go live", MilestoneKind.ROLLOUT, DUE);
    }

    private static Milestone achievedOn(LocalDate day) {
        return goLive().status(MilestoneStatus.ACHIEVED).achievedOn(day).build();
    }

    @Test
    void build_blankName_isRejected() {
        assertViolation(() -> goLive().name("  ").build(), "name", "name must not be blank, but was '  '");
    }

    @Test
    void build_achievedWithoutDate_isRejected() {
        assertViolation(() -> goLive().status(MilestoneStatus.ACHIEVED).build(), "achievedOn",
                "milestone 'Go live' is ACHIEVED but has no achievedOn date");
    }

    @Test
    void build_dateWithoutAchievedStatus_isRejected() {
        assertViolation(() -> goLive().status(MilestoneStatus.IN_PROGRESS).achievedOn(LocalDate.of(2026, 3, 1)).build(),
                "achievedOn", "milestone 'Go live' has achievedOn 2026-03-01 but its status is IN_PROGRESS, not ACHIEVED");
    }

    @Test
    void build_dateWithDefaultStatus_isRejectedNamingPlanned() {
        assertViolation(() -> goLive().achievedOn(LocalDate.of(2026, 3, 1)).build(),
                "achievedOn", "milestone 'Go live' has achievedOn 2026-03-01 but its status is PLANNED, not ACHIEVED");
    }

    @Test
    void build_dependsOnItself_isRejected() {
        assertViolation(() -> goLive().addDependsOn(MilestoneId.of("setup"), MilestoneId.of("go-live")).build(),
                "dependsOn", "milestone 'Go live' depends on itself ('go-live')");
    }

    @Test
    void status_notGiven_isPlanned() {
        assertThat(goLive().build().status()).isEqualTo(MilestoneStatus.PLANNED);
    }

    @Test
    void isAchievedAsOf_dayBeforeAchievement_isFalse() {
        Milestone m = achievedOn(LocalDate.of(2026, 3, 8));

        assertThat(m.isAchievedAsOf(LocalDate.of(2026, 3, 7))).isFalse();
        assertThat(m.isAchievedAsOf(LocalDate.of(2026, 3, 8))).isTrue();
        assertThat(m.isAchievedAsOf(LocalDate.of(2026, 3, 9))).isTrue();
    }

    @Test
    void isAchievedOnTime_onDueDate_isTrue() {
        assertThat(achievedOn(DUE).isAchievedOnTime()).isTrue();
    }

    @Test
    void isAchievedOnTime_dayAfterDueDate_isFalse() {
        assertThat(achievedOn(DUE.plusDays(1)).isAchievedOnTime()).isFalse();
    }

    @Test
    void isAchievedOnTime_notAchieved_isFalse() {
        assertThat(goLive().build().isAchievedOnTime()).isFalse();
    }

    @Test
    void isOpenAsOf_achievedLater_isOpenUntilThen() {
        Milestone m = achievedOn(LocalDate.of(2026, 3, 20));

        assertThat(m.isOpenAsOf(LocalDate.of(2026, 3, 19))).isTrue();
        assertThat(m.isOpenAsOf(LocalDate.of(2026, 3, 20))).isFalse();
    }

    @Test
    void isOpenAsOf_cancelled_isFalse() {
        assertThat(goLive().status(MilestoneStatus.CANCELLED).build().isOpenAsOf(LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    void isOverdueAsOf_onDueDate_isNotYet() {
        assertThat(goLive().build().isOverdueAsOf(DUE)).isFalse();
        assertThat(goLive().build().isOverdueAsOf(DUE.plusDays(1))).isTrue();
    }

    @Test
    void isOverdueAsOf_achievedLateButAchievedByThen_isFalse() {
        Milestone m = achievedOn(LocalDate.of(2026, 3, 20));

        assertThat(m.isOverdueAsOf(LocalDate.of(2026, 3, 15))).isTrue();
        assertThat(m.isOverdueAsOf(LocalDate.of(2026, 3, 20))).isFalse();
    }

    @Test
    void isOverdueAsOf_cancelled_isFalse() {
        assertThat(goLive().status(MilestoneStatus.CANCELLED).build().isOverdueAsOf(DUE.plusDays(30))).isFalse();
    }

    @Test
    void dependsOn_returned_isUnmodifiable() {
        Milestone m = goLive().addDependsOn(MilestoneId.of("setup")).build();

        assertThatThrownBy(() -> m.dependsOn().add(MilestoneId.of("other"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_builderReusedAfterBuild_leavesBuiltValueAlone() {
        Milestone.Builder b = goLive().addDependsOn(MilestoneId.of("setup"));
        Milestone built = b.build();

        b.addDependsOn(MilestoneId.of("other")).dueDate(DUE.plusDays(5));

        assertThat(built.dependsOn()).containsExactly(MilestoneId.of("setup"));
        assertThat(built.dueDate()).isEqualTo(DUE);
    }
}
