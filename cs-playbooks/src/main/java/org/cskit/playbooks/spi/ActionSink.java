package org.cskit.playbooks.spi;

/**
 * Where the host carries out plays: creates the tasks, sends the messages, changes the plan, and
 * hears when a play closed. Delivery is at least once: if {@link #deliver} throws anything (an
 * exception, checked or not, or an error), the play stays offered, not open, and the next evaluation
 * whose situation still holds offers it again under the same {@link PlayHandle#key()}, which the sink
 * uses to ignore a duplicate. Close notifications are at least once too: if {@link #closed} throws,
 * the play stays open and the next evaluation tells again. A play offered but never taken whose
 * situation clears before the next offer is not delivered late: it is closed, and {@link #closed}
 * hears of it under the key it was offered with (the sink may have done the work before failing).
 * Errors of the JVM itself ({@link VirtualMachineError}) stop the evaluation instead; the play is
 * then left offered. Implementations must be thread-safe: the engine delivers from many threads.
 */
@FunctionalInterface
public interface ActionSink {

    /**
     * Carries out a play.
     *
     * @param play the play; {@link PlayHandle#play()} builds the full play
     * @throws Exception if the play could not be carried out; it is then offered again later
     */
    void deliver(PlayHandle play) throws Exception;

    /**
     * A play closed: its situation cleared (auto-close), or a play for a new situation of the same
     * playbook replaced an offered one. Default: nothing.
     *
     * @param play the play that closed (its key is the one it was delivered under)
     * @throws Exception if the host could not take note; the play stays open and is closed again later
     */
    default void closed(PlayHandle play) throws Exception { }
}
