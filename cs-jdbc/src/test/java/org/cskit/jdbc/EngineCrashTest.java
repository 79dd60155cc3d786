package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
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
 * the batch in hand at the kill. The victim runs for {@code -Dcskit.reliability.seconds} (default 3)
 * after it is connected, and at least until it has finished a day and has plays pending.
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
        TestDb.execute(ds, "CREATE TABLE " + db.tablePrefix() + "deliveries (play_key VARCHAR(512) NOT NULL, instance VARCHAR(64) NOT NULL)");
    }

    @Test
    void killMinus9_betweenEvaluationAndDelivery_restartDeliversEveryPlayOnceByKey() throws Exception {
        ChildJvm victim = ChildJvm.start(EngineWorker.class, PostgresServer.shared().url("postgres"), db.tablePrefix(), "0", "1", "0",
                Integer.toString(N), Integer.toString(N), "-1", "1", "1");
        assertThat(victim.awaitReady(120)).as("the victim is connected; its output: %s", victim.lines()).isTrue();
        // The kill comes after the window, and (counting work, not seconds, for a loaded machine) once the
        // victim has finished a day and has plays committed but not delivered.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while ((System.nanoTime() < until || TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "rounds") == 0
                || TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL") == 0)
                && victim.process.isAlive()) {
            Thread.sleep(20);
        }
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.process.exitValue()).as("killed by SIGKILL; its output: %s", victim.lines()).isEqualTo(137);
        long daysDone = TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "rounds");
        long inOutbox = TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox");
        long pendingAtKill = TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL");

        // The restart: the day in progress again (its committed slices find their plays made), then the relay.
        int firstDay = (int) daysDone;
        long[] restarted = EngineWorker.run(ds, db.tablePrefix(), 0, 1, 0, N, N, 0, 1, firstDay);
        int days = (int) restarted[0];
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("restarted").withBatchSize(200)
                .withPollInterval(Duration.ofMillis(5)).withClaimTimeout(Duration.ofSeconds(2)));
        PlayOutbox.Relay relay = outbox.startRelay(OutboxWorker.recording(ds, db.tablePrefix(), "restarted"));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            relay.close();
        }

        Set<String> expected = JdbcPlaysTest.reference(EngineFixture.engine(), N, days);
        Set<String> keys = TestDb.strings(ds, "SELECT idempotency_key FROM " + db.tablePrefix() + "play_outbox");
        Set<String> delivered = TestDb.strings(ds, "SELECT DISTINCT play_key FROM " + db.tablePrefix() + "deliveries");
        long deliveries = TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "deliveries");
        System.out.printf("engine kill -9 after %d s: %d days done and day %d in progress, %d plays in the outbox and %d pending at the "
                + "kill; after the restart %d days, %d plays expected, %d in the outbox, %d deliveries of %d distinct keys (%d twice)%n",
                SECONDS, daysDone, firstDay, inOutbox, pendingAtKill, days, expected.size(), keys.size(), deliveries, delivered.size(),
                deliveries - delivered.size());
        assertThat(pendingAtKill).as("plays committed but not delivered at the kill").isPositive();
        assertThat(keys).as("plays in the outbox, one row per key").isEqualTo(expected);
        assertThat(delivered).as("plays delivered at least once").isEqualTo(expected);
        assertThat(deliveries - delivered.size()).as("deliveries twice: at most the victim's batch in hand").isLessThanOrEqualTo(50);
    }
}
