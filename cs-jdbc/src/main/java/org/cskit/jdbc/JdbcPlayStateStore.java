package org.cskit.jdbc;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cskit.model.AccountId;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * The engine's play state in the table {@code <prefix>play_state}: one row per account and
 * playbook that has state, keyed by both, with a version column that every write compares. Obtain
 * it from {@link CsJdbc#playStateStore()} and give it to the engine
 * ({@code PlaybookEngine.builder().store(...)}). Storage only: the engine decides, this keeps.
 * Thread-safe.
 *
 * <p><b>Reads</b> are one query per batch ({@code account_id = ANY(?)}, as many accounts as the
 * engine's chunk), an event's is one query for one account. <b>A compare-and-set</b> (outside a
 * transaction) is one
 * statement: from version 0 an insert that does nothing when the row exists (PostgreSQL
 * {@code ON CONFLICT DO NOTHING}; on H2 a refused duplicate), otherwise an update or, for an empty
 * state, a delete, each {@code WHERE version = expected}; it succeeded if it touched one row.
 * Under PostgreSQL's read committed isolation a writer that waited for another's row lock
 * re-checks the version after that one commits, so of two racing writers exactly one wins.
 * <b>{@link #compareAndSetAll}</b> is the batch path: on PostgreSQL one statement per kind of
 * write over arrays ({@code unnest}), and with pgjdbc a binary {@code COPY} for 1,000 or more new
 * rows (the save of a night from nothing; if one of them is there already the copy is rolled back
 * to a savepoint and the array insert runs instead); on H2 one statement per write on one
 * connection. <b>{@link #forEach}</b> streams the whole table with a cursor, for a restore
 * elsewhere.
 *
 * <p><b>Transactions.</b> Outside {@link CsJdbc#inTransaction} every call runs in a transaction
 * of its own and is durable when it returns. Inside, the store works optimistically and in
 * batches: an account's states are read from the table once per transaction (one query per
 * batch read), compare-and-sets are answered against what the transaction sees (its own writes
 * included) and kept, and at the commit each (account, playbook) written goes to the table, each
 * checked against the version it was read at: on PostgreSQL in one statement with the outbox's
 * plays (a data-modifying {@code WITH}), or by {@code COPY} for 1,000 or more new rows. If another
 * transaction wrote one of those rows in between, the transaction rolls back with a
 * {@link JdbcStoreException} whose cause has SQLState 40001, and is run again by
 * {@link JdbcPlays}: of two engines that evaluated one account at once, one commits and the other
 * evaluates again and finds the play made. The outbox rows of the plays made are inserted in the
 * same transaction, so a slice's or an event's state changes and plays commit together or not at
 * all.
 *
 * <p>Playbook ids longer than 255 characters, and more than 1,000 recent play times, are refused with a {@link ValidationException} before anything is written.
 */
public final class JdbcPlayStateStore implements PlayStateStore {
    private static final int MAX_ID = 255;
    private static final int MAX_RECENT = 1_000;
    private static final String COLUMNS = "account_id, playbook_id, version, status, situation, offered_at, last_play, recent";
    /** Inserts from this many on go in by {@code COPY} on PostgreSQL with pgjdbc (fewer: one statement over arrays). */
    private static final int COPY_FROM = 1_000;
    /** Rows fetched per round trip when streaming the table ({@link #forEach}). */
    private static final int FETCH = 10_000;

    private final CsJdbc db;
    private final String table;
    private final boolean postgres;
    private final String select;
    /** PostgreSQL: each kind of write over arrays, returning the keys of the rows it wrote. */
    private final String insertArrays;
    private final String updateArrays;
    private final String deleteArrays;

    JdbcPlayStateStore(CsJdbc db) {
        this.db = db;
        this.table = db.table("play_state");
        this.postgres = db.dialect() == Dialect.POSTGRESQL;
        this.select = "SELECT " + COLUMNS + " FROM " + table + " WHERE account_id = ANY(?)";
        this.insertArrays = "INSERT INTO " + table + " (" + COLUMNS + ") SELECT * FROM unnest(?::varchar[], ?::varchar[], "
                + "?::int8[], ?::varchar[], ?::int8[], ?::int8[], ?::int8[], ?::bytea[]) ON CONFLICT (account_id, playbook_id) "
                + "DO NOTHING RETURNING account_id, playbook_id";
        this.updateArrays = "UPDATE " + table + " t SET version = u.v, status = u.s, situation = u.sit, offered_at = u.o, "
                + "last_play = u.l, recent = u.r FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::varchar[], ?::int8[], "
                + "?::int8[], ?::int8[], ?::bytea[], ?::int8[]) AS u(a, p, v, s, sit, o, l, r, ev) WHERE t.account_id = u.a "
                + "AND t.playbook_id = u.p AND t.version = u.ev RETURNING t.account_id, t.playbook_id";
        this.deleteArrays = "DELETE FROM " + table + " t USING unnest(?::varchar[], ?::varchar[], ?::int8[]) AS u(a, p, ev) "
                + "WHERE t.account_id = u.a AND t.playbook_id = u.p AND t.version = u.ev RETURNING t.account_id, t.playbook_id";
    }

    @Override
    public void read(AccountId[] accounts, int count, StateConsumer into) {
        java.util.Objects.checkFromIndexSize(0, count, accounts.length);
        if (count == 0) {
            return;
        }
        Tx tx = db.current();
        if (tx != null) {
            readInTransaction(tx, accounts, count, into);
            return;
        }
        // An account may be given twice: its rows go to every index it has.
        Map<String, Object> indexes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String id = accounts[i].value();
            Object had = indexes.putIfAbsent(id, i);
            if (had != null) {
                int[] more = had instanceof Integer first ? new int[] {first} : (int[]) had;
                int[] grown = java.util.Arrays.copyOf(more, more.length + 1);
                grown[more.length] = i;
                indexes.put(id, grown);
            }
        }
        String[] ids = indexes.keySet().toArray(new String[0]);
        Sql.inTransaction(db.dataSource(), reading(count), c -> {
            select(c, ids, (account, playbook, state) -> {
                Object at = indexes.get(account);
                if (at instanceof Integer i) {
                    into.accept(i, playbook, state);
                } else if (at != null) {
                    for (int i : (int[]) at) {
                        into.accept(i, playbook, state);
                    }
                }
            });
            return null;
        });
    }

    private String reading(int count) {
        return "reading the play states of " + count + " accounts from " + table;
    }

    /** Receives the rows of a select. */
    @FunctionalInterface
    private interface RowConsumer {
        void accept(String account, String playbook, PlayState state);
    }

    private void select(Connection c, String[] ids, RowConsumer into) throws SQLException {
        Array array = c.createArrayOf("VARCHAR", ids);
        try (PreparedStatement ps = planned(c, select)) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.accept(rs.getString(1), rs.getString(2), state(rs));
                }
            }
        } finally {
            array.free();
        }
    }

    /**
     * In a transaction: accounts not read in it yet are read in one query; then every account's
     * states are reported as the transaction sees them (its own writes included).
     */
    private void readInTransaction(Tx tx, AccountId[] accounts, int count, StateConsumer into) {
        Map<String, Map<String, Tx.Cell>> known = tx.states(this);
        Set<String> missing = new java.util.LinkedHashSet<>();
        for (int i = 0; i < count; i++) {
            if (!known.containsKey(accounts[i].value())) {
                missing.add(accounts[i].value());
            }
        }
        if (!missing.isEmpty()) {
            try {
                select(tx.connection, missing.toArray(new String[0]), (account, playbook, state) ->
                        known.computeIfAbsent(account, a -> new HashMap<>(4)).put(playbook, new Tx.Cell(state.version(), state)));
            } catch (SQLException e) {
                throw Sql.failed(reading(count), e);
            }
            for (String account : missing) {
                known.computeIfAbsent(account, a -> new HashMap<>(4));
            }
        }
        for (int i = 0; i < count; i++) {
            for (Map.Entry<String, Tx.Cell> e : known.get(accounts[i].value()).entrySet()) {
                if (e.getValue().current != null) {
                    into.accept(i, e.getKey(), e.getValue().current);
                }
            }
        }
    }

    /** In a transaction: compares with the state the transaction sees and keeps the write for the commit. */
    private boolean compareAndSetInTransaction(Tx tx, AccountId account, String playbookId, long expectedVersion, PlayState next) {
        Map<String, Map<String, Tx.Cell>> known = tx.states(this);
        Map<String, Tx.Cell> states = known.get(account.value());
        if (states == null) {
            readInTransaction(tx, new AccountId[] {account}, 1, (i, p, s) -> { });
            states = known.get(account.value());
        }
        Tx.Cell cell = states.get(playbookId);
        long version = cell == null || cell.current == null ? 0 : cell.current.version();
        if (version != expectedVersion) {
            return false;
        }
        if (cell == null) {
            cell = new Tx.Cell(0, null);
            states.put(playbookId, cell);
        }
        cell.current = next.isEmpty() ? null : next;
        cell.written = true;
        return true;
    }

    /**
     * Writes what a transaction wrote, each (account, playbook) from the version it was read at to
     * its last state; if any row moved on since (another transaction wrote it), the transaction
     * cannot commit.
     *
     * <p>On PostgreSQL, unless there are {@value #COPY_FROM} or more new rows (then a {@code COPY}),
     * the inserts, updates and deletes, and the outbox's plays if given, go to the database in one
     * statement (a data-modifying {@code WITH}): one round trip for an event's or a group's writes.
     * Otherwise the plays are enqueued after the states.
     *
     * @param outbox the outbox whose plays commit with the states, or null
     * @param plays its plays (may be empty)
     * @throws JdbcStoreException with SQLState 40001 (a serialization failure) on such a conflict
     */
    void flush(Connection c, Map<String, Map<String, Tx.Cell>> known, PlayOutbox outbox, List<org.cskit.playbooks.Play> plays)
            throws SQLException {
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<String, Map<String, Tx.Cell>> account : known.entrySet()) {
            for (Map.Entry<String, Tx.Cell> e : account.getValue().entrySet()) {
                Tx.Cell cell = e.getValue();
                if (!cell.written || cell.base == 0 && cell.current == null) {
                    continue;
                }
                PlayState next = cell.current != null ? cell.current : PlayState.EMPTY.withVersion(cell.base + 1);
                writes.add(new Write(AccountId.of(account.getKey()), e.getKey(), cell.base, next));
            }
        }
        boolean withPlays = outbox != null && !plays.isEmpty();
        if (writes.isEmpty()) {
            if (withPlays) {
                outbox.enqueue(c, plays);
            }
            return;
        }
        boolean[] ok = new boolean[writes.size()];
        if (postgres) {
            List<Integer> all = new ArrayList<>(writes.size());
            int inserts = 0;
            for (int i = 0; i < ok.length; i++) {
                all.add(i);
                inserts += writes.get(i).expectedVersion() == 0 ? 1 : 0;
            }
            if (inserts < COPY_FROM) {
                combined(c, writes, all, withPlays ? outbox : null, withPlays ? plays : List.of(), ok);
            } else {
                writeRound(c, writes, all, ok);
                if (withPlays) {
                    outbox.enqueue(c, plays);
                }
            }
        } else {
            for (int i = 0; i < ok.length; i++) {
                Write w = writes.get(i);
                ok[i] = write(c, w.account().value(), w.playbookId(), w.expectedVersion(), w.next());
            }
            if (withPlays) {
                outbox.enqueue(c, plays);
            }
        }
        for (int i = 0; i < ok.length; i++) {
            if (!ok[i]) {
                Write w = writes.get(i);
                String message = "the play state of account '" + w.account().value() + "', playbook '" + w.playbookId() + "' in "
                        + table + " was changed by another transaction after this one read it at version " + w.expectedVersion()
                        + ": this transaction rolls back (run it again)";
                throw new JdbcStoreException(message, new SQLException(message, "40001"));
            }
        }
    }

    @Override
    public boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
        check("", account, playbookId, expectedVersion, next);
        Tx tx = db.current();
        if (tx != null) {
            return compareAndSetInTransaction(tx, account, playbookId, expectedVersion, next);
        }
        return Sql.inTransaction(db.dataSource(), "writing the play state of account '" + account.value() + "', playbook '"
                + playbookId + "' in " + table, c -> write(c, account.value(), playbookId, expectedVersion, next));
    }

    @Override
    public boolean[] compareAndSetAll(List<Write> writes) {
        for (int i = 0; i < writes.size(); i++) {
            Write w = writes.get(i);
            check("writes[" + i + "].", w.account(), w.playbookId(), w.expectedVersion(), w.next());
        }
        boolean[] ok = new boolean[writes.size()];
        if (writes.isEmpty()) {
            return ok;
        }
        Tx tx = db.current();
        if (tx != null) {
            for (int i = 0; i < ok.length; i++) {
                Write w = writes.get(i);
                ok[i] = compareAndSetInTransaction(tx, w.account(), w.playbookId(), w.expectedVersion(), w.next());
            }
            return ok;
        }
        Sql.inTransaction(db.dataSource(), "writing " + writes.size() + " play states in " + table, c -> {
            if (!postgres) {
                for (int i = 0; i < ok.length; i++) {
                    Write w = writes.get(i);
                    ok[i] = write(c, w.account().value(), w.playbookId(), w.expectedVersion(), w.next());
                }
                return null;
            }
            // Rounds in which each (account, playbook) appears once, so that a returned key names one write.
            List<Integer> pending = new ArrayList<>(writes.size());
            for (int i = 0; i < ok.length; i++) {
                pending.add(i);
            }
            while (!pending.isEmpty()) {
                List<Integer> round = new ArrayList<>(pending.size());
                List<Integer> later = new ArrayList<>();
                Set<String> seen = new HashSet<>(pending.size() * 2);
                for (int i : pending) {
                    Write w = writes.get(i);
                    (seen.add(key(w.account().value(), w.playbookId())) ? round : later).add(i);
                }
                writeRound(c, writes, round, ok);
                pending = later;
            }
            return null;
        });
        return ok;
    }

    /** One compare-and-set on a connection. */
    private boolean write(Connection c, String account, String playbook, long expected, PlayState next) throws SQLException {
        if (expected == 0) {
            if (next.isEmpty()) {
                // Deleting what is not there: it succeeds when there is indeed nothing.
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table + " WHERE account_id = ? AND playbook_id = ?")) {
                    ps.setString(1, account);
                    ps.setString(2, playbook);
                    try (ResultSet rs = ps.executeQuery()) {
                        return !rs.next();
                    }
                }
            }
            String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    + (postgres ? " ON CONFLICT (account_id, playbook_id) DO NOTHING" : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, account);
                ps.setString(2, playbook);
                bindState(ps, 3, next);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (!postgres && Sql.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        }
        if (next.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE account_id = ? AND playbook_id = ? AND version = ?")) {
                ps.setString(1, account);
                ps.setString(2, playbook);
                ps.setLong(3, expected);
                return ps.executeUpdate() == 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET version = ?, status = ?, situation = ?, "
                + "offered_at = ?, last_play = ?, recent = ? WHERE account_id = ? AND playbook_id = ? AND version = ?")) {
            bindState(ps, 1, next);
            ps.setString(7, account);
            ps.setString(8, playbook);
            ps.setLong(9, expected);
            return ps.executeUpdate() == 1;
        }
    }

    /** PostgreSQL: the round's inserts, updates and deletes, one statement each over arrays. */
    private void writeRound(Connection c, List<Write> writes, List<Integer> round, boolean[] ok) throws SQLException {
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        for (int i : round) {
            Write w = writes.get(i);
            if (w.expectedVersion() == 0 && w.next().isEmpty()) {
                ok[i] = write(c, w.account().value(), w.playbookId(), 0, w.next());
            } else if (w.expectedVersion() == 0) {
                inserts.add(i);
            } else if (w.next().isEmpty()) {
                deletes.add(i);
            } else {
                updates.add(i);
            }
        }
        Map<String, Integer> byKey = new HashMap<>(round.size() * 2);
        for (int i : round) {
            byKey.put(key(writes.get(i).account().value(), writes.get(i).playbookId()), i);
        }
        if (inserts.size() >= COPY_FROM && PgCopy.available(c) && copyInserts(c, writes, inserts)) {
            for (int i : inserts) {
                ok[i] = true;
            }
        } else if (!inserts.isEmpty()) {
            runFreeing(c, insertArrays, arrays(c, writes, inserts, Kind.INSERT), byKey, ok, false);
        }
        if (!updates.isEmpty()) {
            runFreeing(c, updateArrays, arrays(c, writes, updates, Kind.UPDATE), byKey, ok, true);
        }
        if (!deletes.isEmpty()) {
            runFreeing(c, deleteArrays, arrays(c, writes, deletes, Kind.DELETE), byKey, ok, true);
        }
    }

    /**
     * PostgreSQL: the inserts, updates and deletes of a commit (each (account, playbook) once, none
     * a delete of nothing), and the plays, in one statement: a {@code WITH} whose parts each write,
     * and whose result is the keys of the state rows written.
     */
    private void combined(Connection c, List<Write> writes, List<Integer> round, PlayOutbox outbox,
            List<org.cskit.playbooks.Play> plays, boolean[] ok) throws SQLException {
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        List<Integer> deletes = new ArrayList<>();
        Map<String, Integer> byKey = new HashMap<>(round.size() * 2);
        for (int i : round) {
            Write w = writes.get(i);
            (w.expectedVersion() == 0 ? inserts : w.next().isEmpty() ? deletes : updates).add(i);
            byKey.put(key(w.account().value(), w.playbookId()), i);
        }
        List<List<Array>> arrays = new ArrayList<>(4);
        try {
            arrays.add(arrays(c, writes, inserts, Kind.INSERT));
            arrays.add(arrays(c, writes, updates, Kind.UPDATE));
            arrays.add(arrays(c, writes, deletes, Kind.DELETE));
            String sql = "WITH i AS (" + insertArrays + "), u AS (" + updateArrays + "), d AS (" + deleteArrays + ")";
            if (outbox != null) {
                arrays.add(outbox.arrays(c, plays));
                sql += ", o AS (" + outbox.arrayInsert() + ")";
            }
            sql += " SELECT account_id, playbook_id FROM i UNION ALL SELECT account_id, playbook_id FROM u "
                    + "UNION ALL SELECT account_id, playbook_id FROM d";
            // Inserts alone do not scan the table: their cached plan is fine (see planned).
            run(c, sql, arrays, byKey, ok, !updates.isEmpty() || !deletes.isEmpty());
        } catch (SQLException e) {
            throw Sql.failed("writing " + round.size() + " play states in " + table + (outbox == null ? ""
                    : " and enqueuing " + plays.size() + " plays in " + outbox.database().table("play_outbox")), e);
        } finally {
            for (List<Array> list : arrays) {
                for (Array a : list) {
                    a.free();
                }
            }
        }
    }

    /**
     * Inserts new rows with a binary {@code COPY} (the save of a night from nothing): all of them
     * went in if it returns true. If one of the keys is there already (another writer came first),
     * the copy is rolled back to a savepoint and this returns false, for the insert that skips
     * those rows to run instead.
     */
    private boolean copyInserts(Connection c, List<Write> writes, List<Integer> inserts) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        PgCopy copy = PgCopy.start(c, "COPY " + table + " (" + COLUMNS + ") FROM STDIN (FORMAT binary)");
        try {
            for (int i : inserts) {
                Write w = writes.get(i);
                PlayState s = w.next();
                copy.row(8);
                copy.text(w.account().value());
                copy.text(w.playbookId());
                copy.int8(s.version());
                copy.text(s.status().name());
                copy.int8(s.situation());
                nullableTime(copy, s.offeredAt());
                nullableTime(copy, s.lastPlay());
                copy.bytes(encode(s));
            }
            copy.end();
        } catch (SQLException e) {
            copy.cancel();
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(before);
            return false;
        } catch (RuntimeException e) {
            copy.cancel();
            throw e;
        }
        c.releaseSavepoint(before);
        return true;
    }

    private static void nullableTime(PgCopy copy, long time) {
        if (time == PlayState.NEVER) {
            copy.nul();
        } else {
            copy.int8(time);
        }
    }

    /** Receives the states of {@link #forEach}. */
    @FunctionalInterface
    public interface StateVisitor {
        /**
         * One stored state.
         *
         * @param account the account
         * @param playbookId the playbook
         * @param state its state, with the stored version (at least 1)
         */
        void accept(AccountId account, String playbookId, PlayState state);
    }

    /**
     * Streams every state in the table, in no particular order: one query in a transaction of its
     * own, fetched {@value #FETCH} rows per round trip (a cursor on PostgreSQL), so memory stays
     * flat however many rows there are. For restoring the whole state elsewhere (into an
     * {@code InMemoryPlayStateStore} for a night, or another database), or for reporting; the
     * engine itself reads by batch ({@link #read}). Sees what was committed when it started, not
     * the writes of a transaction of {@link CsJdbc#inTransaction} in progress.
     *
     * @param visitor receives each state
     * @return how many states it received
     * @throws JdbcStoreException if the database cannot be reached or holds a row the store never writes
     */
    public long forEach(StateVisitor visitor) {
        java.util.Objects.requireNonNull(visitor, "visitor");
        return Sql.inTransaction(db.dataSource(), "reading every play state in " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table)) {
                ps.setFetchSize(FETCH);
                long n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visitor.accept(AccountId.of(rs.getString(1)), rs.getString(2), state(rs));
                        n++;
                    }
                }
                return n;
            }
        });
    }

    /** What an array statement does, and so which arrays it takes. */
    private enum Kind { INSERT, UPDATE, DELETE }

    /**
     * The arrays of some writes for one kind of statement: account, playbook, then for an insert
     * or update the state's six columns, then for an update or delete the expected version.
     */
    private static List<Array> arrays(Connection c, List<Write> writes, List<Integer> which, Kind kind) throws SQLException {
        int n = which.size();
        String[] accounts = new String[n];
        String[] playbooks = new String[n];
        Long[] versions = new Long[n];
        String[] statuses = new String[n];
        Long[] situations = new Long[n];
        Long[] offered = new Long[n];
        Long[] last = new Long[n];
        byte[][] recent = new byte[n][];
        Long[] expected = new Long[n];
        for (int k = 0; k < n; k++) {
            Write w = writes.get(which.get(k));
            PlayState s = w.next();
            accounts[k] = w.account().value();
            playbooks[k] = w.playbookId();
            versions[k] = s.version();
            statuses[k] = s.status().name();
            situations[k] = s.situation();
            offered[k] = orNull(s.offeredAt());
            last[k] = orNull(s.lastPlay());
            recent[k] = encode(s);
            expected[k] = w.expectedVersion();
        }
        List<Array> arrays = new ArrayList<>(9);
        arrays.add(c.createArrayOf("varchar", accounts));
        arrays.add(c.createArrayOf("varchar", playbooks));
        if (kind != Kind.DELETE) {
            arrays.add(c.createArrayOf("int8", versions));
            arrays.add(c.createArrayOf("varchar", statuses));
            arrays.add(c.createArrayOf("int8", situations));
            arrays.add(c.createArrayOf("int8", offered));
            arrays.add(c.createArrayOf("int8", last));
            arrays.add(c.createArrayOf("bytea", recent));
        }
        if (kind != Kind.INSERT) {
            arrays.add(c.createArrayOf("int8", expected));
        }
        return arrays;
    }

    /** {@link #run} with one list of arrays, freed afterwards. */
    private static void runFreeing(Connection c, String sql, List<Array> arrays, Map<String, Integer> byKey, boolean[] ok,
            boolean lookup) throws SQLException {
        try {
            run(c, sql, List.of(arrays), byKey, ok, lookup);
        } finally {
            for (Array a : arrays) {
                a.free();
            }
        }
    }

    /**
     * Runs a statement whose parameters are the given arrays in order, and marks the writes whose
     * keys it returns; {@code lookup}: it finds rows by the arrays' keys, so it is planned per
     * execution (see {@link #planned}).
     */
    private static void run(Connection c, String sql, List<List<Array>> arrays, Map<String, Integer> byKey, boolean[] ok,
            boolean lookup) throws SQLException {
        try (PreparedStatement ps = lookup ? planned(c, sql) : c.prepareStatement(sql)) {
            int at = 1;
            for (List<Array> list : arrays) {
                for (Array a : list) {
                    ps.setArray(at++, a);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer i = byKey.get(key(rs.getString(1), rs.getString(2)));
                    if (i != null) {
                        ok[i] = true;
                    }
                }
            }
        }
    }

    /**
     * A statement that finds rows by key arrays, planned per execution on PostgreSQL with pgjdbc
     * (see {@link PgPlans}: a cached generic plan made while the table was small scans it whole,
     * however large it has grown since).
     */
    private static PreparedStatement planned(Connection c, String sql) throws SQLException {
        return PgCopy.available(c) ? PgPlans.prepare(c, sql) : c.prepareStatement(sql);
    }

    private static String key(String account, String playbook) {
        return account.length() + ":" + account + playbook;
    }

    private static void bindState(PreparedStatement ps, int at, PlayState s) throws SQLException {
        ps.setLong(at, s.version());
        ps.setString(at + 1, s.status().name());
        ps.setLong(at + 2, s.situation());
        setNullable(ps, at + 3, s.offeredAt());
        setNullable(ps, at + 4, s.lastPlay());
        ps.setBytes(at + 5, encode(s));
    }

    private static void setNullable(PreparedStatement ps, int at, long time) throws SQLException {
        if (time == PlayState.NEVER) {
            ps.setNull(at, java.sql.Types.BIGINT);
        } else {
            ps.setLong(at, time);
        }
    }

    private static Long orNull(long time) {
        return time == PlayState.NEVER ? null : time;
    }

    /** The recent play times as big-endian longs, 8 bytes each. */
    private static byte[] encode(PlayState s) {
        ByteBuffer b = ByteBuffer.allocate(8 * s.recentCount());
        for (int i = 0; i < s.recentCount(); i++) {
            b.putLong(s.recentAt(i));
        }
        return b.array();
    }

    /** A row's state (the columns after account and playbook), refusing what the store never writes. */
    private PlayState state(ResultSet rs) throws SQLException {
        long version = rs.getLong(3);
        String status = rs.getString(4);
        long situation = rs.getLong(5);
        long offered = rs.getLong(6);
        if (rs.wasNull()) {
            offered = PlayState.NEVER;
        }
        long last = rs.getLong(7);
        if (rs.wasNull()) {
            last = PlayState.NEVER;
        }
        byte[] bytes = rs.getBytes(8);
        Status st;
        try {
            st = Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new JdbcStoreException(table + " row (" + rs.getString(1) + ", " + rs.getString(2) + ") has status '" + status
                    + "', not one of " + java.util.Arrays.toString(Status.values()), e);
        }
        if (bytes.length % 8 != 0) {
            throw new JdbcStoreException(table + " row (" + rs.getString(1) + ", " + rs.getString(2) + ") has " + bytes.length
                    + " bytes of recent play times, not a multiple of 8", null);
        }
        long[] recent = new long[bytes.length / 8];
        ByteBuffer b = ByteBuffer.wrap(bytes);
        for (int i = 0; i < recent.length; i++) {
            recent[i] = b.getLong();
        }
        try {
            return new PlayState(version, st, situation, offered, last, recent);
        } catch (ValidationException e) {
            throw new JdbcStoreException(table + " row (" + rs.getString(1) + ", " + rs.getString(2) + ") is not a valid state: "
                    + e.getMessage(), e);
        }
    }

    private static void check(String field, AccountId account, String playbookId, long expectedVersion, PlayState next) {
        Validate.present(field + "account", account);
        Validate.present(field + "playbookId", playbookId);
        Validate.present(field + "next", next);
        if (expectedVersion < 0) {
            throw Validate.invalid(field + "expectedVersion", field + "expectedVersion must not be negative, but was " + expectedVersion);
        }
        if (next.version() != expectedVersion + 1) {
            throw Validate.invalid(field + "next.version", field + "next.version must be expectedVersion + 1 = " + (expectedVersion + 1)
                    + ", but was " + next.version());
        }
        // An AccountId holds at most 200 characters, within the column's 255.
        maxLength(field + "playbookId", playbookId);
        if (next.recentCount() > MAX_RECENT) {
            throw Validate.invalid(field + "next.recent", field + "next.recent holds " + next.recentCount()
                    + " play times, more than the " + MAX_RECENT + " the table keeps (a limit's count is at most 1,000)");
        }
    }

    private static void maxLength(String field, String value) {
        if (value.length() > MAX_ID) {
            throw Validate.invalid(field, field + " of " + value.length() + " characters ('" + value.substring(0, 40)
                    + "...') is longer than the " + MAX_ID + " the play state table holds");
        }
    }
}
