package org.cskit.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cskit.jdbc.internal.Micros;
import org.cskit.jdbc.internal.PlayJson;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.ActionSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transactional outbox for plays in the table {@code <prefix>play_outbox}. A play enters it in
 * the same transaction as the state change that made it ({@link #enqueue(Connection, Collection)}
 * on the host's connection), so a crash between evaluation and delivery loses nothing: the play is
 * either in the table or was never made. A relay then hands every play to the host's
 * {@link PlayConsumer} at least once. Obtain it from {@link CsJdbc#playOutbox(OutboxOptions)}.
 * Thread-safe.
 *
 * <p><b>Idempotency.</b> The play's {@link Play#key()} is the table's primary key: enqueuing a key
 * that is already there (pending or delivered) adds nothing and counts as not new. Delivered rows
 * stay, so a key is refused again until {@link #purgeDelivered(Instant)} removes them.
 *
 * <p><b>Several instances.</b> Any number of JVMs may share the table, in the way of db-scheduler:
 * an instance selects due plays and claims each with an optimistic update ({@code picked}, {@code picked_by},
 * {@code picked_at_us}, {@code version = version + 1} where the version is the one it read); on
 * PostgreSQL one statement does both, updating the rows its select locked with
 * {@code FOR UPDATE SKIP LOCKED} (so instances take different rows). Only the
 * instance whose update matched delivers the play. It then marks the batch delivered (on
 * PostgreSQL in one statement over the keys and versions), or failed
 * with a back-off, again only where the version is still its own. A claim older than
 * {@link OutboxOptions#claimTimeout()} (its instance died or hung) may be claimed by any instance,
 * so a play is delivered twice only when an instance dies, or takes longer than the timeout, after
 * handing it over and before marking its batch: at most one batch per such event.
 */
public final class PlayOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(PlayOutbox.class);

    private final CsJdbc db;
    private final OutboxOptions options;
    private final String table;
    private final String insert;
    private final String select;
    /** PostgreSQL: the claim in one statement (the select's rows locked, updated and returned); null on H2. */
    private final String claimAll;
    /** PostgreSQL: a batch marked delivered in one statement over key and version arrays; null on H2. */
    private final String markAll;
    /** Group commit of {@link #enqueue(Collection)}: at most four transactions in flight. */
    private final GroupCommit<List<Play>, Integer> groups = new GroupCommit<>(4, this::writeGroup);

    PlayOutbox(CsJdbc db, OutboxOptions options) {
        this.db = db;
        this.options = options;
        this.table = db.table("play_outbox");
        boolean postgres = db.dialect() == Dialect.POSTGRESQL;
        this.insert = postgres
                ? "INSERT INTO " + table + " (idempotency_key, account_id, playbook_id, play_json, enqueued_at_us, due_at_us, "
                        + "picked, attempts, version) SELECT u.k, u.a, u.p, u.j, u.e, u.e, FALSE, 0, 0 "
                        + "FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::int8[]) AS u(k, a, p, j, e) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key"
                : "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(512)), CAST(? AS VARCHAR(255)), "
                        + "CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(1000000)), CAST(? AS BIGINT))) AS u(k, a, p, j, e) "
                        + "ON t.idempotency_key = u.k WHEN NOT MATCHED THEN INSERT (idempotency_key, account_id, playbook_id, "
                        + "play_json, enqueued_at_us, due_at_us, picked, attempts, version) "
                        + "VALUES (u.k, u.a, u.p, u.j, u.e, u.e, FALSE, 0, 0)";
        this.select = "SELECT idempotency_key, version, attempts, play_json FROM " + table
                + " WHERE delivered_at_us IS NULL AND due_at_us <= ? AND (picked = FALSE OR picked_at_us < ?)"
                + " ORDER BY due_at_us FETCH FIRST ? ROWS ONLY" + (postgres ? " FOR UPDATE SKIP LOCKED" : "");
        // ANY(ARRAY(...)), not a join with the select: planned as a join (its LIMIT taken as the rows it
        // returns), the update scanned the whole table, delivered rows included (4,900 buffers per claim).
        this.claimAll = postgres ? "UPDATE " + table + " t SET picked = TRUE, picked_by = ?, picked_at_us = ?, "
                + "version = t.version + 1 WHERE t.idempotency_key = ANY(ARRAY(" + select.replace(
                        "SELECT idempotency_key, version, attempts, play_json", "SELECT idempotency_key") + ")) "
                + "RETURNING t.idempotency_key, t.version, t.attempts, t.play_json, t.due_at_us" : null;
        this.markAll = postgres ? "UPDATE " + table + " t SET delivered_at_us = ?, picked = FALSE, picked_by = NULL, "
                + "picked_at_us = NULL, version = t.version + 1 FROM unnest(?::varchar[], ?::int8[]) AS u(k, v) "
                + "WHERE t.idempotency_key = u.k AND t.version = u.v" : null;
    }

    /**
     * The outbox as the engine's {@link ActionSink}: a delivered play is enqueued under its key.
     * Inside {@link CsJdbc#inTransaction} (of the {@link CsJdbc} this outbox came from) the play
     * is kept with the thread's transaction and inserted just before it commits, on its
     * connection, so it commits with the state change that made it or not at all; outside, it is
     * enqueued at once in a transaction of its own ({@link #enqueue(Collection)}), durable before
     * the engine records the play as open. A key already in the table is not added again.
     * Close notifications are not carried: the outbox holds the plays made (ask
     * {@code PlaybookEngine.openPlaybooks} or the state store what is open).
     *
     * @return the sink
     */
    public ActionSink sink() {
        return sink;
    }

    private final ActionSink sink = this::deliverToOutbox;

    private void deliverToOutbox(org.cskit.playbooks.spi.PlayHandle handle) {
        Play play = handle.play();
        List<Play> one = validated(List.of(play));
        Tx tx = db.current();
        if (tx != null) {
            tx.add(this, play);
        } else {
            enqueue(one);
        }
    }

    /** The database this outbox is in. */
    CsJdbc database() {
        return db;
    }

    /**
     * The options this instance claims and retries with.
     *
     * @return the options
     */
    public OutboxOptions options() {
        return options;
    }

    /**
     * Enqueues plays in a transaction of their own, durable when this returns. Calls from threads
     * that arrive together share one transaction (group commit, at most four in flight), so many
     * events at once cost one round trip and one commit each group; if a shared transaction fails,
     * each call's plays are written again on their own, so one call's failure is not another's.
     *
     * @param plays the plays
     * @return how many were new (a key already in the table, or twice in the batch, is not)
     * @throws ValidationException if a play's key, account or playbook id is longer than the table holds
     * @throws JdbcStoreException if the database cannot be reached or refuses the batch; nothing is enqueued
     */
    public int enqueue(Collection<Play> plays) {
        List<Play> unique = validated(plays);
        if (unique.isEmpty()) {
            return 0;
        }
        return groups.submit(unique, "enqueuing " + unique.size() + " plays");
    }

    /**
     * Writes the plays of callers waiting at once in one transaction (group commit: one round trip
     * and one durable commit for all of them); returns how many of each caller's plays were new.
     */
    private List<Integer> writeGroup(List<List<Play>> batch) {
        Map<String, Integer> owner = new LinkedHashMap<>();
        List<Play> plays = new ArrayList<>();
        for (int r = 0; r < batch.size(); r++) {
            for (Play p : batch.get(r)) {
                if (owner.putIfAbsent(p.key(), r) == null) {
                    plays.add(p);
                }
            }
        }
        java.util.Set<String> added = Sql.inTransactionRetryingDuplicates(db.dataSource(), "enqueuing " + plays.size() + " plays in "
                + table, c -> write(c, plays));
        Integer[] counts = new Integer[batch.size()];
        java.util.Arrays.fill(counts, 0);
        for (String key : added) {
            counts[owner.get(key)]++;
        }
        return java.util.Arrays.asList(counts);
    }

    /**
     * Enqueues plays on the host's connection, inside the host's transaction: they commit or roll
     * back with whatever else the host did on it (the state change that made them). The outbox
     * neither commits nor closes the connection.
     *
     * @param connection the host's connection, in the transaction to join
     * @param plays the plays
     * @return how many were new
     * @throws ValidationException if a play's key, account or playbook id is longer than the table holds
     * @throws JdbcStoreException if the database refuses the statement (the host's transaction should then roll back)
     */
    public int enqueue(Connection connection, Collection<Play> plays) {
        List<Play> unique = validated(plays);
        if (unique.isEmpty()) {
            return 0;
        }
        try {
            return write(connection, unique).size();
        } catch (SQLException e) {
            throw Sql.failed("enqueuing " + unique.size() + " plays in " + table, e);
        }
    }

    /**
     * One round of delivery on the calling thread: claims up to {@link OutboxOptions#batchSize()}
     * due plays, hands each to the consumer, and marks them delivered (or failed, to be retried
     * after a back-off) in one transaction.
     *
     * @param consumer the host's sink
     * @return how many plays were delivered
     * @throws JdbcStoreException if the database cannot be reached; claimed plays stay claimed
     *     until the claim timeout and are then delivered again
     * @throws Error if the consumer threw one, after the batch was marked
     */
    public int deliverDue(PlayConsumer consumer) {
        List<Claimed> claimed = claim();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Claimed> delivered = new ArrayList<>(claimed.size());
        Map<Claimed, String> failed = new LinkedHashMap<>();
        Error fatal = null;
        for (Claimed play : claimed) {
            if (fatal != null) {
                failed.put(play, "not attempted: the consumer threw " + fatal);
                continue;
            }
            try {
                consumer.accept(PlayJson.read(play.json()));
                delivered.add(play);
            } catch (Exception | Error e) {
                failed.put(play, String.valueOf(e));
                if (e instanceof Error error) {
                    fatal = error;
                } else {
                    LOG.warn("play '{}' was not delivered; it will be retried: {}", play.key(), e.toString());
                }
            }
        }
        mark(delivered, failed);
        if (fatal != null) {
            throw fatal;
        }
        return delivered.size();
    }

    /**
     * Starts a relay: a daemon thread that calls {@link #deliverDue} until closed, at once again
     * while it finds full batches, after {@link OutboxOptions#pollInterval()} otherwise. A database
     * error (any runtime exception) is logged at WARN and retried after the poll interval; an
     * {@link Error} from the consumer ends the relay after its batch is marked.
     *
     * @param consumer the host's sink
     * @return the relay; close it to stop it
     */
    public Relay startRelay(PlayConsumer consumer) {
        return new Relay(consumer);
    }

    /**
     * What the outbox holds now.
     *
     * @return the counts
     */
    public OutboxStats stats() {
        return Sql.inTransaction(db.dataSource(), "counting the plays in " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN delivered_at_us IS NULL THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN delivered_at_us IS NULL AND picked THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN delivered_at_us IS NULL AND attempts > 0 THEN 1 ELSE 0 END), 0), "
                    + "COALESCE(SUM(CASE WHEN delivered_at_us IS NOT NULL THEN 1 ELSE 0 END), 0) FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new OutboxStats(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        });
    }

    /**
     * One play's row.
     *
     * @param key the play's idempotency key
     * @return the row, if the key is in the outbox
     */
    public Optional<OutboxEntry> entry(String key) {
        return Sql.inTransaction(db.dataSource(), "reading play '" + key + "' from " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT enqueued_at_us, attempts, last_failure, picked, "
                    + "picked_by, delivered_at_us FROM " + table + " WHERE idempotency_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long delivered = rs.getLong(6);
                    Optional<Instant> deliveredAt = rs.wasNull() ? Optional.empty() : Optional.of(Micros.instant(delivered));
                    boolean picked = rs.getBoolean(4);
                    return Optional.of(new OutboxEntry(key, Micros.instant(rs.getLong(1)), rs.getInt(2),
                            Optional.ofNullable(rs.getString(3)), picked ? Optional.ofNullable(rs.getString(5)) : Optional.empty(),
                            deliveredAt));
                }
            }
        });
    }

    /**
     * Removes delivered plays delivered before a time; their keys may then be enqueued again.
     *
     * @param before the exclusive bound on the delivery time
     * @return how many rows were removed
     */
    public int purgeDelivered(Instant before) {
        return Sql.inTransaction(db.dataSource(), "purging delivered plays from " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE delivered_at_us IS NOT NULL AND delivered_at_us < ?")) {
                ps.setLong(1, Micros.of(before));
                return ps.executeUpdate();
            }
        });
    }

    private static List<Play> validated(Collection<Play> plays) {
        Map<String, Play> unique = new LinkedHashMap<>();
        int i = 0;
        for (Play p : plays) {
            String field = "plays[" + i++ + "]";
            maxLength(field + ".key", p.key(), 512);
            maxLength(field + ".accountId", p.accountId().value(), 255);
            maxLength(field + ".playbookId", p.playbookId(), 255);
            unique.putIfAbsent(p.key(), p);
        }
        return new ArrayList<>(unique.values());
    }

    private static void maxLength(String field, String value, int max) {
        if (value.length() > max) {
            throw new ValidationException(field, field + " of " + value.length() + " characters ('"
                    + value.substring(0, 40) + "...') is longer than the " + max + " the outbox holds");
        }
    }

    /**
     * PostgreSQL: the insert of plays over arrays (keys already there are skipped), for a statement
     * that writes the play states too ({@link JdbcPlayStateStore}); its parameters are
     * {@link #arrays(Connection, List)}'s.
     */
    String arrayInsert() {
        return insert;
    }

    /**
     * PostgreSQL: the arrays {@link #arrayInsert()} takes, of the plays checked and one per key
     * (as {@link #enqueue(Connection, Collection)} checks them), enqueued now.
     *
     * @throws ValidationException if a play's key, account or playbook is too long for the table
     */
    List<Array> arrays(Connection c, List<Play> plays) throws SQLException {
        return arrays(c, validated(plays), Micros.of(db.clock().instant()));
    }

    private static List<Array> arrays(Connection c, List<Play> plays, long now) throws SQLException {
        int n = plays.size();
        String[] keys = new String[n];
        String[] accounts = new String[n];
        String[] playbooks = new String[n];
        String[] json = new String[n];
        Long[] at = new Long[n];
        for (int i = 0; i < n; i++) {
            Play p = plays.get(i);
            keys[i] = p.key();
            accounts[i] = p.accountId().value();
            playbooks[i] = p.playbookId();
            json[i] = PlayJson.write(p);
            at[i] = now;
        }
        return List.of(c.createArrayOf("varchar", keys), c.createArrayOf("varchar", accounts),
                c.createArrayOf("varchar", playbooks), c.createArrayOf("text", json), c.createArrayOf("int8", at));
    }

    /** Inserts the plays whose keys are not in the table yet; returns those keys. */
    private java.util.Set<String> write(Connection c, List<Play> plays) throws SQLException {
        long now = Micros.of(db.clock().instant());
        if (db.dialect() == Dialect.POSTGRESQL) {
            List<Array> arrays = arrays(c, plays, now);
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                for (int i = 0; i < arrays.size(); i++) {
                    ps.setArray(i + 1, arrays.get(i));
                }
                java.util.Set<String> added = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        added.add(rs.getString(1));
                    }
                }
                return added;
            } finally {
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Play p : plays) {
                ps.setString(1, p.key());
                ps.setString(2, p.accountId().value());
                ps.setString(3, p.playbookId());
                ps.setString(4, PlayJson.write(p));
                ps.setLong(5, now);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            java.util.Set<String> added = new java.util.HashSet<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0 || counts[i] == java.sql.Statement.SUCCESS_NO_INFO) {
                    added.add(plays.get(i).key());
                }
            }
            return added;
        }
    }

    /** A play this instance claimed, with the version its claim wrote. */
    private record Claimed(String key, long version, int attempts, String json) {}

    private List<Claimed> claim() {
        Instant now = db.clock().instant();
        long nowUs = Micros.of(now);
        long staleUs = Micros.of(now.minus(options.claimTimeout()));
        return Sql.inTransaction(db.dataSource(), "claiming plays in " + table, c -> {
            if (claimAll != null && PgCopy.available(c)) {
                // One statement: the due rows locked (skipping those another instance is claiming), updated, returned.
                record Due(long due, Claimed play) {}
                List<Due> mine = new ArrayList<>();
                try (PreparedStatement ps = PgPlans.prepare(c, claimAll)) {
                    ps.setString(1, options.instanceName());
                    ps.setLong(2, nowUs);
                    ps.setLong(3, nowUs);
                    ps.setLong(4, staleUs);
                    ps.setInt(5, options.batchSize());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            mine.add(new Due(rs.getLong(5), new Claimed(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4))));
                        }
                    }
                }
                // RETURNING keeps no order: deliver in due order, as the select chose them.
                mine.sort(java.util.Comparator.comparingLong(Due::due));
                List<Claimed> sorted = new ArrayList<>(mine.size());
                for (Due d : mine) {
                    sorted.add(d.play());
                }
                return sorted;
            }
            List<Claimed> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setLong(1, nowUs);
                ps.setLong(2, staleUs);
                ps.setInt(3, options.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Claimed(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4)));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return candidates;
            }
            List<Claimed> mine = new ArrayList<>(candidates.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET picked = TRUE, picked_by = ?, "
                    + "picked_at_us = ?, version = version + 1 WHERE idempotency_key = ? AND version = ?")) {
                for (Claimed cand : candidates) {
                    ps.setString(1, options.instanceName());
                    ps.setLong(2, nowUs);
                    ps.setString(3, cand.key());
                    ps.setLong(4, cand.version());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        Claimed cand = candidates.get(i);
                        mine.add(new Claimed(cand.key(), cand.version() + 1, cand.attempts(), cand.json()));
                    }
                }
            }
            return mine;
        });
    }

    private void mark(List<Claimed> delivered, Map<Claimed, String> failed) {
        Instant now = db.clock().instant();
        long nowUs = Micros.of(now);
        int lost = Sql.inTransaction(db.dataSource(), "marking " + (delivered.size() + failed.size()) + " plays in " + table, c -> {
            int matched = 0;
            int expected = 0;
            if (!delivered.isEmpty() && markAll != null && PgCopy.available(c)) {
                String[] keys = new String[delivered.size()];
                Long[] versions = new Long[delivered.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = delivered.get(i).key();
                    versions[i] = delivered.get(i).version();
                }
                java.sql.Array k = c.createArrayOf("varchar", keys);
                java.sql.Array v = c.createArrayOf("int8", versions);
                try (PreparedStatement ps = PgPlans.prepare(c, markAll)) {
                    ps.setLong(1, nowUs);
                    ps.setArray(2, k);
                    ps.setArray(3, v);
                    matched += ps.executeUpdate();
                    expected += keys.length;
                } finally {
                    k.free();
                    v.free();
                }
            } else if (!delivered.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET delivered_at_us = ?, picked = FALSE, "
                        + "picked_by = NULL, picked_at_us = NULL, version = version + 1 WHERE idempotency_key = ? AND version = ?")) {
                    for (Claimed p : delivered) {
                        ps.setLong(1, nowUs);
                        ps.setString(2, p.key());
                        ps.setLong(3, p.version());
                        ps.addBatch();
                        expected++;
                    }
                    matched += sum(ps.executeBatch());
                }
            }
            if (!failed.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET picked = FALSE, picked_by = NULL, "
                        + "picked_at_us = NULL, attempts = attempts + 1, due_at_us = ?, last_failure = ?, version = version + 1 "
                        + "WHERE idempotency_key = ? AND version = ?")) {
                    for (Map.Entry<Claimed, String> f : failed.entrySet()) {
                        ps.setLong(1, Micros.of(now.plus(options.backoffAfter(f.getKey().attempts() + 1))));
                        String message = f.getValue();
                        ps.setString(2, message.length() > 2000 ? message.substring(0, 2000) : message);
                        ps.setString(3, f.getKey().key());
                        ps.setLong(4, f.getKey().version());
                        ps.addBatch();
                        expected++;
                    }
                    matched += sum(ps.executeBatch());
                }
            }
            return expected - matched;
        });
        if (lost > 0) {
            LOG.warn("{} plays' claims had timed out and were taken by another instance before this one marked them;"
                    + " they may be delivered twice (raise claimTimeout above the time a batch takes)", lost);
        }
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int n : counts) {
            s += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
        }
        return s;
    }

    /** A background thread delivering from the outbox until closed. */
    public final class Relay implements AutoCloseable {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final Thread thread;
        private volatile long delivered;

        private Relay(PlayConsumer consumer) {
            thread = new Thread(() -> run(consumer), "cskit-outbox-relay-" + options.instanceName());
            thread.setDaemon(true);
            thread.start();
        }

        private void run(PlayConsumer consumer) {
            while (stop.getCount() > 0) {
                long wait = options.pollInterval().toNanos();
                try {
                    int n = deliverDue(consumer);
                    delivered += n;
                    if (n > 0 && n >= options.batchSize() / 2) {
                        wait = 0;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("outbox relay {}: {}; retrying in {}", options.instanceName(), e.toString(), options.pollInterval());
                }
                try {
                    if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * How many plays this relay has delivered.
         *
         * @return the count
         */
        public long delivered() {
            return delivered;
        }

        /**
         * Stops the relay after the batch in hand is marked, waiting up to 30 seconds for it.
         *
         * @throws InterruptedException if interrupted while waiting
         */
        @Override
        public void close() throws InterruptedException {
            stop.countDown();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }
}
