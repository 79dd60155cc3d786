package org.cskit.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;

/**
 * An {@link ActionSink} that keeps what it is given, for tests of hosts and engines. Idempotent by
 * {@link Play#key()}: the first delivery of a key is kept, a later delivery of the same key is
 * counted as an attempt and otherwise ignored, as the SPI's at-least-once delivery asks.
 * Thread-safe: deliveries from many threads are all kept, each key once. Memory grows with the
 * number of distinct keys; {@link #clear()} empties it.
 */
public final class CollectingActionSink implements ActionSink {
    private final Map<String, Play> delivered = new LinkedHashMap<>();
    private final java.util.Set<String> closed = new java.util.LinkedHashSet<>();
    private int attempts;

    /** Creates an empty sink. */
    public CollectingActionSink() {}

    /**
     * Keeps the play (built in full) unless a play with its key was delivered before.
     *
     * @param play the play
     * @throws NullPointerException if the play is null
     */
    @Override
    public void deliver(PlayHandle play) {
        Objects.requireNonNull(play, "play");
        String key = play.key();
        synchronized (delivered) {
            attempts++;
            if (delivered.containsKey(key)) {
                return;
            }
        }
        Play full = play.play();
        synchronized (delivered) {
            delivered.putIfAbsent(key, full);
        }
    }

    /**
     * Notes the key of a play that closed.
     *
     * @param play the play
     */
    @Override
    public void closed(PlayHandle play) {
        synchronized (delivered) {
            closed.add(play.key());
        }
    }

    /**
     * The keys of the plays that closed, each once, in the order they closed.
     *
     * @return a copy of the keys
     */
    public List<String> closedKeys() {
        synchronized (delivered) {
            return List.copyOf(closed);
        }
    }

    /**
     * The plays carried out, each key once, in the order of their first delivery.
     *
     * @return a copy of the plays
     */
    public List<Play> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered.values());
        }
    }

    /**
     * The play delivered with a key.
     *
     * @param key the play's key
     * @return the play, or empty if no play with that key was delivered
     */
    public Optional<Play> delivered(String key) {
        synchronized (delivered) {
            return Optional.ofNullable(delivered.get(key));
        }
    }

    /**
     * How many times {@link #deliver} was called, duplicates included.
     *
     * @return the number of attempts
     */
    public int attempts() {
        synchronized (delivered) {
            return attempts;
        }
    }

    /** Forgets every play and resets the attempts. */
    public void clear() {
        synchronized (delivered) {
            delivered.clear();
            closed.clear();
            attempts = 0;
        }
    }

    @Override
    public String toString() {
        synchronized (delivered) {
            return "CollectingActionSink[" + delivered.size() + " plays, " + attempts + " attempts]";
        }
    }
}
