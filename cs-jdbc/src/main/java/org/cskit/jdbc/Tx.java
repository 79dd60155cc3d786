package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.PlayState;

/**
 * A transaction bound to one thread by {@link CsJdbc#inTransaction}: its connection; the play
 * states it read and wrote, per store (read once per account, written to the table only when it
 * commits, each write then checked against the version it was read at); and the plays the
 * outbox sinks collected, written on the same connection just before the commit.
 */
final class Tx {
    final Connection connection;
    private final Map<PlayOutbox, List<Play>> plays = new LinkedHashMap<>();
    private final Map<JdbcPlayStateStore, Map<String, Map<String, Cell>>> states = new LinkedHashMap<>();

    Tx(Connection connection) {
        this.connection = connection;
    }

    /**
     * One (account, playbook) as this transaction sees it: the version in the table when it was
     * read (0: no row), and the state now (null: none).
     */
    static final class Cell {
        final long base;
        PlayState current;
        boolean written;

        Cell(long base, PlayState current) {
            this.base = base;
            this.current = current;
        }
    }

    /** The states this transaction knows of a store's accounts, by account then playbook; an account read is present (maybe empty). */
    Map<String, Map<String, Cell>> states(JdbcPlayStateStore store) {
        return states.computeIfAbsent(store, s -> new HashMap<>());
    }

    void add(PlayOutbox outbox, Play play) {
        plays.computeIfAbsent(outbox, o -> new ArrayList<>()).add(play);
    }

    /**
     * Writes the states written in this transaction and the collected plays: with one outbox, its
     * plays go with the (first) store's states (on PostgreSQL in one statement); any others after.
     */
    void flush() throws SQLException {
        PlayOutbox joined = plays.size() == 1 && !states.isEmpty() ? plays.keySet().iterator().next() : null;
        for (Map.Entry<JdbcPlayStateStore, Map<String, Map<String, Cell>>> e : states.entrySet()) {
            PlayOutbox outbox = joined;
            joined = null;
            e.getKey().flush(connection, e.getValue(), outbox, outbox == null ? List.of() : plays.remove(outbox));
        }
        states.clear();
        for (Map.Entry<PlayOutbox, List<Play>> e : plays.entrySet()) {
            e.getKey().enqueue(connection, e.getValue());
        }
        plays.clear();
    }
}
