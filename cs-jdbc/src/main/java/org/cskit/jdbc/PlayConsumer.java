package org.cskit.jdbc;

import org.cskit.playbooks.Play;

/**
 * Where the outbox hands plays: the host's sink (create the task, send the message). A play is
 * handed over at least once: if the consumer throws, or the JVM dies before the outbox marks the
 * play delivered, it is handed over again later, with the same {@link Play#key()}, which the
 * consumer can use to recognise a duplicate. Called from the relay's thread, one play at a time.
 */
@FunctionalInterface
public interface PlayConsumer {

    /**
     * Carries out a play.
     *
     * @param play the play
     * @throws Exception if it could not be carried out; the play is then retried after a back-off
     */
    void accept(Play play) throws Exception;
}
