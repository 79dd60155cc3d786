package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a JVM running the engine on PostgreSQL (nights in slices, one transaction
 * each) with a relay whose sink is slow, so plays are committed but not yet delivered when it
 * dies; then a restart in this JVM: the day in progress is evaluated again and a relay delivers
 * what is pending. Every play one engine on the in-memory store makes for those days must be
 * delivered at least once and be in the outbox under one key; a key delivered twice must come from
 * the batch in hand at the kill. The victim runs for {@code -Dcskit.reliability.seconds} (default 3).
 */
class EngineCrashTest {
    private static final long SECONDS = Long.getLong("cskit.reliability.seconds", 3);
    private static final int N = 3_000;

    private DataSource ds;
    private CsJdbc db;

    @BeforeEach
    void freshTables() throws SQLException {
        ds = Databases.postgres();
        db = Databases.fresh(ds);
        EngineWorker.createRounds(ds, db.tablePrefix());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + db.tablePrefix() + "deliveries (play_key VARCHAR(512) NOT NULL, instance VARCHAR(64) NOT NULL)");
        }
    }

    @Test
    void killMinus9_betweenEvaluationAndDelivery_restartDeliversEveryPlayOnceByKey() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process victim = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), EngineWorker.class.getName(),
                PostgresServer.shared().url("postgres"), db.tablePrefix(), "0", "1", "0", Integer.toString(N), Integer.toString(N),
                Long.toString(Long.MAX_VALUE), "1").redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    }
                    synchronized (lines) {
                        if (lines.size() < 80) {
                            lines.add(line);
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("the victim is ready; its output: %s", lines).isTrue();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while ((System.nanoTime() < until || count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox") == 0)
                && victim.isAlive()) {
            Thread.sleep(20);
        }
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).as("killed by SIGKILL; its output: %s", lines).isEqualTo(137);
        long daysDone = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "rounds");
        long inOutbox = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox");
        long pendingAtKill = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL");

        // The restart: the day in progress again (its committed slices find their plays made), then the relay.
        int firstDay = (int) daysDone;
        long[] restarted = EngineWorker.run(ds, db.tablePrefix(), 0, 1, 0, N, N, 0, firstDay);
        int days = (int) restarted[0];
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("restarted").withBatchSize(200)
                .withPollInterval(Duration.ofMillis(5)).withClaimTimeout(Duration.ofSeconds(2)));
        try (PlayOutbox.Relay relay = outbox.startRelay(OutboxWorker.recording(ds, db.tablePrefix(), "restarted"))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        Set<String> expected = JdbcPlaysTest.reference(EngineFixture.engine(), N, days);
        Set<String> keys = strings("SELECT idempotency_key FROM " + db.tablePrefix() + "play_outbox");
        Set<String> delivered = strings("SELECT DISTINCT play_key FROM " + db.tablePrefix() + "deliveries");
        long deliveries = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "deliveries");
        System.out.printf("engine kill -9 after %d s: %d days done and day %d in progress, %d plays in the outbox and %d pending at the "
                + "kill; after the restart %d days, %d plays expected, %d in the outbox, %d deliveries of %d distinct keys (%d twice)%n",
                SECONDS, daysDone, firstDay, inOutbox, pendingAtKill, days, expected.size(), keys.size(), deliveries, delivered.size(),
                deliveries - delivered.size());
        assertThat(pendingAtKill).as("plays committed but not delivered at the kill").isPositive();
        assertThat(keys).as("plays in the outbox, one row per key").isEqualTo(expected);
        assertThat(delivered).as("plays delivered at least once").isEqualTo(expected);
        assertThat(deliveries - delivered.size()).as("deliveries twice: at most the victim's batch in hand").isLessThanOrEqualTo(50);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
