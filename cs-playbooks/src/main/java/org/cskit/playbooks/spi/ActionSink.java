package org.cskit.playbooks.spi;

import org.cskit.playbooks.Play;

/**
 * Where the host carries out plays: creates the tasks, sends the messages, changes the plan.
 * Delivery is at least once: if {@link #deliver} throws, the play is not recorded and a later
 * evaluation offers it again with the same {@link Play#key()}, which the sink can use to ignore a
 * duplicate. Implementations must be thread-safe: the engine delivers from many threads.
 */
@FunctionalInterface
public interface ActionSink {

    /**
     * Carries out a play.
     *
     * @param play the play
     * @throws RuntimeException if the play could not be carried out; it is then not recorded as done
     */
    void deliver(Play play);
}
