package org.cskit.testkit;

import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.cskit.playbooks.Play;

/**
 * AssertJ assertions on a {@link Play}; start them with {@link CsAssertions#assertThat(Play)}.
 * Each failure names the play's key, the expectation and what the play held. Not thread-safe (like
 * every AssertJ assertion object: one per check).
 */
public final class PlayAssert extends AbstractAssert<PlayAssert, Play> {

    PlayAssert(Play actual) {
        super(actual, PlayAssert.class);
    }

    /**
     * Checks the playbook that made the play.
     *
     * @param playbookId the expected playbook
     * @return this
     * @throws AssertionError if the play is null or from another playbook
     */
    public PlayAssert isForPlaybook(String playbookId) {
        isNotNull();
        if (!actual.playbookId().equals(playbookId)) {
            failWithMessage("Expected play '%s' to be made by playbook '%s', but it was made by '%s'", actual.key(), playbookId,
                    actual.playbookId());
        }
        return this;
    }

    /**
     * Checks the situation the play responds to.
     *
     * @param situation the expected situation, such as {@code band:red}
     * @return this
     * @throws AssertionError if the play is null or responds to another situation
     */
    public PlayAssert hasSituation(String situation) {
        isNotNull();
        if (!actual.situation().equals(situation)) {
            failWithMessage("Expected play '%s' to respond to situation '%s', but it responds to '%s'", actual.key(), situation,
                    actual.situation());
        }
        return this;
    }

    /**
     * Checks that one of the play's actions has exactly this text (placeholders filled).
     *
     * @param text the expected text
     * @return this
     * @throws AssertionError if the play is null or no action has that text
     */
    public PlayAssert hasActionWithText(String text) {
        isNotNull();
        if (actual.actions().stream().noneMatch(a -> a.text().equals(text))) {
            failWithMessage("Expected play '%s' to have an action with text '%s', but its actions were: %s", actual.key(), text,
                    actual.actions().stream().map(a -> a.action().getClass().getSimpleName() + " '" + a.text() + "'")
                            .collect(Collectors.joining(", ", "[", "]")));
        }
        return this;
    }

    /**
     * Checks that the play fired because of a condition: its reason names that condition, described
     * as the engine describes it (such as {@code logins_14d < 10}), and the condition held.
     *
     * @param condition the condition's description
     * @return this
     * @throws AssertionError if the play is null, its reason lacks the condition, or the condition did not hold
     */
    public PlayAssert firedBecause(String condition) {
        isNotNull();
        boolean held = actual.reason().conditions().stream().anyMatch(c -> c.condition().equals(condition) && c.held());
        if (!held) {
            failWithMessage("Expected play '%s' to have fired because '%s' held, but its reason was: trigger '%s', conditions %s",
                    actual.key(), condition, actual.reason().trigger(), actual.reason().conditions().stream()
                            .map(c -> "'" + c.condition() + "' " + (c.held() ? "held" : "did not hold") + " (" + c.actual() + ")")
                            .collect(Collectors.joining(", ", "[", "]")));
        }
        return this;
    }

    /**
     * Checks the trigger that fired the play, described as the engine describes it (such as
     * {@code vector.band entered 'red' (was 'yellow')}).
     *
     * @param trigger the expected description
     * @return this
     * @throws AssertionError if the play is null or was fired by another trigger
     */
    public PlayAssert wasTriggeredBy(String trigger) {
        isNotNull();
        if (!actual.reason().trigger().equals(trigger)) {
            failWithMessage("Expected play '%s' to be triggered by '%s', but it was triggered by '%s'", actual.key(), trigger,
                    actual.reason().trigger());
        }
        return this;
    }
}
