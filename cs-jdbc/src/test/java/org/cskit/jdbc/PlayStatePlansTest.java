package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore.Write;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL runs {@link JdbcPlayStateStore}'s lookups by key arrays with: statements run
 * often on a connection while the table is empty (just migrated) make PostgreSQL cache a generic
 * plan, a sequential scan on a table that small; once the table has grown those lookups must still
 * go through the primary key. Counted with {@code pg_stat_user_tables} on a one-connection pool (so
 * every statement runs on the same server backend, the one whose plans are cached), autovacuum off
 * for the table (its {@code ANALYZE} would replace the cached plans and hide the fault).
 */
class PlayStatePlansTest {
    private static final long T0 = 1_777_593_600L;
    private static final int ROWS = 5_000;
    private static com.zaxxer.hikari.HikariDataSource pool;

    @BeforeAll
    static void onePool() {
        pool = PostgresServer.shared().pool(1);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    private static PlayState open(long version) {
        return new PlayState(version, PlayState.Status.OPEN, 7, T0, T0, new long[] {T0});
    }

    private static List<Write> news(int n) {
        List<Write> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            writes.add(new Write(AccountId.of("plan-" + i), "renewal", 0, open(1)));
        }
        return writes;
    }

    /** {sequential scans, index scans} of the table so far, after this backend flushed its counts. */
    private static long[] scans(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = s.executeQuery("SELECT seq_scan, COALESCE(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = '"
                    + table + "'")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static CsJdbc emptyStore() throws SQLException {
        CsJdbc db = Databases.fresh(pool);
        TestDb.execute(pool, "ALTER TABLE " + db.table("play_state") + " SET (autovacuum_enabled = false)");
        return db;
    }

    @Test
    void read_tableGrownAfterManyReadsWhileEmpty_usesThePrimaryKey() throws SQLException {
        CsJdbc db = emptyStore();
        JdbcPlayStateStore store = db.playStateStore();
        AccountId[] one = {AccountId.of("plan-17")};
        for (int i = 0; i < 20; i++) {
            store.read(one, 1, (index, playbook, state) -> { });
        }
        assertThat(store.compareAndSetAll(news(ROWS))).doesNotContain(false);
        long[] before = scans(pool, db.table("play_state"));

        int[] found = {0};
        for (int i = 0; i < 10; i++) {
            store.read(one, 1, (index, playbook, state) -> found[0]++);
        }

        long[] after = scans(pool, db.table("play_state"));
        assertThat(found[0]).isEqualTo(10);
        assertThat(after[0] - before[0]).as("sequential scans of the grown table").isZero();
        assertThat(after[1] - before[1]).as("index scans").isGreaterThanOrEqualTo(10);
    }

    @Test
    void compareAndSetAll_updatesAfterManyWhileEmpty_useThePrimaryKey() throws SQLException {
        CsJdbc db = emptyStore();
        JdbcPlayStateStore store = db.playStateStore();
        for (int i = 0; i < 20; i++) {
            // Nothing to update yet: refused, but run (and planned) all the same.
            boolean[] ok = store.compareAndSetAll(List.of(new Write(AccountId.of("plan-1"), "renewal", 1, open(2)),
                    new Write(AccountId.of("plan-2"), "renewal", 1, open(2))));
            assertThat(ok).containsExactly(false, false);
        }
        assertThat(store.compareAndSetAll(news(ROWS))).doesNotContain(false);
        long[] before = scans(pool, db.table("play_state"));

        for (int i = 0; i < 10; i++) {
            boolean[] ok = store.compareAndSetAll(List.of(new Write(AccountId.of("plan-" + (2 * i)), "renewal", 1, open(2)),
                    new Write(AccountId.of("plan-" + (2 * i + 1)), "renewal", 1, open(2))));
            assertThat(ok).containsExactly(true, true);
        }

        long[] after = scans(pool, db.table("play_state"));
        assertThat(after[0] - before[0]).as("sequential scans of the grown table").isZero();
        assertThat(after[1] - before[1]).as("index scans").isGreaterThanOrEqualTo(10);
    }
}
