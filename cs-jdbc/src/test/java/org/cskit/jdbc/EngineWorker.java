package org.cskit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.cskit.model.columns.AccountBatch;

/**
 * One engine evaluating rows {@code [from, to)} of {@link EngineFixture}'s portfolio day after day,
 * each day in slices of {@link #SLICE} rows (first those of the middle third, {@code [N/3, 2N/3)},
 * which the two workers share, then the rest), each slice one transaction ({@link JdbcPlays}), in
 * lock step with the other workers through the table {@code <prefix>rounds}: after each day a
 * worker records it (and whether it is done: its deadline passed and it has evaluated at least
 * the minimum number of days) and waits until every worker has; all stop after the first day any
 * of them recorded as done. The minimum counts work, not seconds, so that a loaded machine on
 * which a worker barely runs still tests the days it asked for. Run in a thread ({@link #run}) or
 * as a JVM of its own, whose window of SECONDS (negative: no deadline) starts when it is connected
 * and prints {@code ready}:
 *
 * <pre>
 * EngineWorker URL PREFIX WORKER WORKERS FROM TO N SECONDS MIN_DAYS [SINK_MILLIS]
 * </pre>
 *
 * With SINK_MILLIS it also runs a relay whose sink takes that long per play and records each
 * delivery in {@code <prefix>deliveries} (as {@link OutboxWorker#recording} does).
 *
 * printing {@code days D} and {@code retried R} (transactions a conflict rolled back and ran again) at the end.
 */
public final class EngineWorker {
    static final int SLICE = 200;

    private EngineWorker() {}

    static void createRounds(DataSource ds, String prefix) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + prefix + "rounds (worker INTEGER NOT NULL, day INTEGER NOT NULL, past BOOLEAN NOT NULL, "
                    + "PRIMARY KEY (worker, day))");
        }
    }

    /**
     * Evaluates days until the workers agree to stop.
     *
     * @return the number of days evaluated and the transactions run again after a conflict
     */
    static long[] run(DataSource ds, String prefix, int worker, int workers, int from, int to, int n, long deadlineMillis,
            int minDays) throws SQLException, InterruptedException {
        return run(ds, prefix, worker, workers, from, to, n, deadlineMillis, minDays, 0);
    }

    /** As {@link #run(DataSource, String, int, int, int, int, int, long, int)}, from a given day (a restart). */
    static long[] run(DataSource ds, String prefix, int worker, int workers, int from, int to, int n, long deadlineMillis, int minDays,
            int firstDay) throws SQLException, InterruptedException {
        int overlapFrom = n / 3;
        int overlapTo = 2 * n / 3;
        CsJdbc db = CsJdbc.builder().dataSource(ds).tablePrefix(prefix).build();
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("worker-" + worker));
        JdbcPlays plays = JdbcPlays.of(db, outbox, EngineFixture.engine());
        for (int day = firstDay; ; day++) {
            // Each worker evaluates the day at its own hour, so that a play made by both has two keys.
            AccountBatch batch = EngineFixture.day(day, n, worker);
            // Both workers start each day on the rows they share (the second half a slice off), so that they race on them.
            int shared = Math.max(from, overlapFrom);
            int sharedTo = Math.min(to, overlapTo);
            int start = shared + (worker % 2) * (SLICE / 2);
            if (start > shared) {
                plays.evaluateSlice(batch, shared, Math.min(sharedTo, start));
            }
            for (int s = start; s < sharedTo; s += SLICE) {
                plays.evaluateSlice(batch, s, Math.min(sharedTo, s + SLICE));
            }
            for (int s = from; s < to; s += SLICE) {
                int a = s;
                int b = Math.min(to, s + SLICE);
                if (a < shared) {
                    plays.evaluateSlice(batch, a, Math.min(b, shared));
                }
                if (b > sharedTo) {
                    plays.evaluateSlice(batch, Math.max(a, sharedTo), b);
                }
            }
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "rounds (worker, day, past) VALUES (?, ?, ?)")) {
                ps.setInt(1, worker);
                ps.setInt(2, day);
                ps.setBoolean(3, System.currentTimeMillis() > deadlineMillis && day + 1 - firstDay >= minDays);
                ps.executeUpdate();
            }
            while (true) {
                try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), "
                        + "SUM(CASE WHEN past THEN 1 ELSE 0 END) FROM " + prefix + "rounds WHERE day = ?")) {
                    ps.setInt(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == workers) {
                            if (rs.getInt(2) > 0) {
                                return new long[] {day + 1, plays.retried()};
                            }
                            break;
                        }
                    }
                }
                Thread.sleep(2);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            PlayOutbox.Relay relay = null;
            if (args.length > 9) {
                long sinkMillis = Long.parseLong(args[9]);
                PlayConsumer record = OutboxWorker.recording(ds, args[1], "worker-" + args[2]);
                PlayOutbox outbox = CsJdbc.builder().dataSource(ds).tablePrefix(args[1]).build().playOutbox(OutboxOptions.defaults()
                        .withInstanceName("relay-" + args[2]).withBatchSize(50).withPollInterval(java.time.Duration.ofMillis(5))
                        .withClaimTimeout(java.time.Duration.ofSeconds(2)));
                relay = outbox.startRelay(p -> {
                    Thread.sleep(sinkMillis);
                    record.accept(p);
                });
            }
            try (Connection c = ds.getConnection()) {
                // connected: the window starts now
            }
            long seconds = Long.parseLong(args[7]);
            long deadline = seconds < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1_000;
            out.println("ready");
            long[] days = run(ds, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Integer.parseInt(args[6]), deadline, Integer.parseInt(args[8]));
            out.println("days " + days[0]);
            out.println("retried " + days[1]);
            if (relay != null) {
                relay.close();
            }
        }
    }
}
