package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connections and transactions on the host's data source, with driver errors translated. */
final class Sql {
    private Sql() {}

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs work in one transaction on a connection of its own: commits when it returns, rolls
     * back when it throws anything, and restores the connection's auto-commit before handing it
     * back to the pool.
     */
    static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
        Connection c = connect(ds, what);
        try {
            boolean auto = c.getAutoCommit();
            try {
                c.setAutoCommit(false);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        } finally {
            close(c);
        }
    }

    /**
     * As {@link #inTransaction}, but when the database reports a unique-key violation (another
     * transaction inserted the same key between this one's check and its insert, which H2's
     * {@code MERGE} does not wait out), rolls back and runs the work again, up to three times.
     */
    static <T> T inTransactionRetryingDuplicates(DataSource ds, String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(ds, what, work);
            } catch (JdbcStoreException e) {
                if (attempt >= 3 || !(e.getCause() instanceof SQLException sql) || !isUniqueViolation(sql)) {
                    throw e;
                }
            }
        }
    }

    /** Whether the exception, or one chained to it, is a unique-key violation (SQLState 23505). */
    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException x = sql; x != null; x = x.getNextException()) {
                    if ("23505".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Connection connect(DataSource ds, String what) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw new JdbcStoreException("cannot connect to the database (" + what + "): " + e.getMessage()
                    + sqlState(e), e);
        }
    }

    static JdbcStoreException failed(String what, SQLException e) {
        return new JdbcStoreException(what + " failed: " + e.getMessage() + sqlState(e), e);
    }

    private static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The work is done (committed or rolled back); a pool that fails to take the connection back is its business.
        }
    }
}
