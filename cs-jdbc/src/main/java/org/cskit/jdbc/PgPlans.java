package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * Statements PostgreSQL must plan for each execution, with its parameters' values, instead of
 * reusing a generic plan.
 *
 * <p>Why: pgjdbc prepares a statement on the server from its fifth execution on, and after five
 * more PostgreSQL may switch to a generic plan that it then keeps for as long as the connection
 * lives, until the table's statistics change (an {@code ANALYZE}). A generic plan of a lookup by
 * key arrays ({@code account_id = ANY(?)}, {@code UPDATE ... FROM unnest(?, ...)}) made while the
 * table was small (just migrated, or before autovacuum's first {@code ANALYZE}) is a sequential
 * scan, and stays one as the table grows: measured, the event path's read of one account's state
 * took 3.7 ms of server time per call on a table of 18,000 rows, 127 buffers each. A generic plan
 * also assumes ten elements per array, whatever the call holds (one for an event, thousands in a
 * slice). Planned per execution, the planner sees the array and the table's size, and takes the
 * primary key's index. The price is a parse and a plan per execution (one per transaction's
 * statement, shared by all the plays of a group commit), measured in cs-jdbc's README.
 *
 * <p>Loaded only on pgjdbc's connections ({@link PgCopy#available}).
 */
final class PgPlans {
    private PgPlans() {}

    /**
     * Prepares a statement that pgjdbc sends unnamed on every execution (prepare threshold 0), so
     * that PostgreSQL plans it with the values bound each time.
     */
    static PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }
}
