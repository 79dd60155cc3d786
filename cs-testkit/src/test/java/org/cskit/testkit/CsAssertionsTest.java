package org.cskit.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.testkit.CsAssertions.assertThat;

import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.Play;
import org.junit.jupiter.api.Test;

class CsAssertionsTest {
    private final SuccessVector red = TestVectors.red();
    private final Play play = TestPlays.play();

    @Test
    void vectorAssertions_passOnAMatchingVector() {
        assertThat(red).isInBand("red").isDeclining().hasScoreBetween(20, 30).contributionsAddUpToScore()
                .hasCoverageAtLeast(1).hasContributionFrom("usage");
        assertThat(TestVectors.green()).isFlat();
        assertThat(TestVectors.vector(50, TestVectors.YELLOW, Direction.IMPROVING)).isImproving();
    }

    @Test
    void isInBand_failure_namesBothBands() {
        assertThatThrownBy(() -> assertThat(red).isInBand("green"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the vector of account 'acme' to be in band 'green', but it was in band 'red' (rank 0)"
                        + " with score 25.0");
    }

    @Test
    void direction_failure_namesTheVelocity() {
        assertThatThrownBy(() -> assertThat(red).isImproving())
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the vector of account 'acme' to be IMPROVING, but it was DECLINING (velocity -2.0 points a week)");
    }

    @Test
    void hasScoreBetween_failure_namesTheRange() {
        assertThatThrownBy(() -> assertThat(red).hasScoreBetween(30, 40))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the score of account 'acme' to be in [30.0, 40.0], but it was 25.0");
    }

    @Test
    void hasCoverageAtLeast_failure_namesTheCoverage() {
        SuccessVector partial = TestVectors.builder(25, TestVectors.RED, Direction.FLAT).coverage(0.5).build();

        assertThatThrownBy(() -> assertThat(partial).hasCoverageAtLeast(0.8))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected the coverage of account 'acme' to be at least 0.8, but it was 0.5; inputs with missing data: []");
    }

    @Test
    void vectorAssertion_onNull_fails() {
        assertThatThrownBy(() -> assertThat((SuccessVector) null).isInBand("red"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void playAssertions_passOnAMatchingPlay() {
        assertThat(play).isForPlaybook("red-account-rescue").hasSituation("band:red").hasActionWithText("Call the champion")
                .firedBecause("logins_14d < 10").wasTriggeredBy("vector.band entered 'red' (was 'yellow')");
    }

    @Test
    void isForPlaybook_failure_namesBoth() {
        assertThatThrownBy(() -> assertThat(play).isForPlaybook("renewal-prep"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Expected play 'red-account-rescue|acme|band:red|2026-05-10T00:00:00Z' to be made by playbook"
                        + " 'renewal-prep', but it was made by 'red-account-rescue'");
    }

    @Test
    void hasSituation_failure_namesBoth() {
        assertThatThrownBy(() -> assertThat(play).hasSituation("band:yellow"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to respond to situation 'band:yellow', but it responds to 'band:red'");
    }

    @Test
    void hasActionWithText_failure_listsTheActions() {
        assertThatThrownBy(() -> assertThat(play).hasActionWithText("Send the survey"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to have an action with text 'Send the survey', but its actions were: [Task 'Call the champion']");
    }

    @Test
    void firedBecause_failure_listsTheReason() {
        assertThatThrownBy(() -> assertThat(play).firedBecause("nps < 0"))
                .isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("to have fired because 'nps < 0' held, but its reason was: trigger"
                        + " 'vector.band entered 'red' (was 'yellow')', conditions ['logins_14d < 10' held (logins_14d = 4)]");
    }
}
