package org.cskit.testkit;

import org.cskit.model.SuccessVector;
import org.cskit.playbooks.Play;

/**
 * Entry point to cskit's AssertJ assertions: {@code assertThat(vector).isInBand("red").isDeclining()},
 * {@code assertThat(play).isForPlaybook("red-account-rescue").hasActionWithText("Call the champion")}.
 * Import it statically beside AssertJ's {@code Assertions.assertThat}; the overloads do not clash.
 * Stateless and thread-safe.
 */
public final class CsAssertions {
    private CsAssertions() {}

    /**
     * Starts assertions on a success vector.
     *
     * @param actual the vector, may be null (the assertions then fail)
     * @return the assertions
     */
    public static SuccessVectorAssert assertThat(SuccessVector actual) {
        return new SuccessVectorAssert(actual);
    }

    /**
     * Starts assertions on a play.
     *
     * @param actual the play, may be null (the assertions then fail)
     * @return the assertions
     */
    public static PlayAssert assertThat(Play actual) {
        return new PlayAssert(actual);
    }
}
