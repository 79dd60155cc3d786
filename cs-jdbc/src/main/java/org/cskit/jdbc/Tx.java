package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.playbooks.Play;

/**
 * A transaction bound to one thread by {@link CsJdbc#inTransaction}: its connection, which the
 * play state store's reads and writes use, and the plays the outbox sinks collected, written on
 * the same connection just before the commit.
 */
final class Tx {
    final Connection connection;
    private final Map<PlayOutbox, List<Play>> plays = new LinkedHashMap<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    void add(PlayOutbox outbox, Play play) {
        plays.computeIfAbsent(outbox, o -> new ArrayList<>()).add(play);
    }

    /** Writes the collected plays, each outbox's in one statement. */
    void flush() throws SQLException {
        for (Map.Entry<PlayOutbox, List<Play>> e : plays.entrySet()) {
            e.getKey().enqueue(connection, e.getValue());
        }
        plays.clear();
    }
}
