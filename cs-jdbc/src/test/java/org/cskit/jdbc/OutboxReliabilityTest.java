package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox across JVMs on one PostgreSQL database: two JVMs relaying and producing at once, and
 * a JVM killed with SIGKILL between evaluation (plays committed) and delivery. Each run lasts
 * {@code -Dcskit.reliability.seconds} (default 3); the closing note's figures come from 60. Each
 * producer commits 20 plays, then pauses 20 ms (at most 1,000 plays a second), so that the relays,
 * whose sink writes a row per play, keep up.
 */
class OutboxReliabilityTest {
    private static final long SECONDS = Long.getLong("cskit.reliability.seconds", 3);

    private DataSource ds;
    private CsJdbc db;

    @BeforeEach
    void freshTables() throws SQLException {
        ds = Databases.postgres();
        db = Databases.fresh(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + db.tablePrefix() + "deliveries (play_key VARCHAR(512) NOT NULL, instance VARCHAR(64) NOT NULL)");
        }
    }

    @Test
    void twoJvms_producingAndRelayingAtOnce_deliverEveryPlayExactlyOnce() throws Exception {
        // Each JVM goes on after the window until its relay has delivered something (work, not seconds, for a loaded machine).
        Worker other = Worker.start(db.tablePrefix(), "jvm-b", SECONDS, true, 0, 1);
        other.awaitReady();
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("jvm-a").withBatchSize(50)
                .withPollInterval(Duration.ofMillis(5)).withClaimTimeout(Duration.ofSeconds(30)));
        int produced = 0;
        PlayConsumer record = OutboxWorker.recording(ds, db.tablePrefix(), "jvm-a");
        AtomicInteger deliveredByA = new AtomicInteger();
        try (PlayOutbox.Relay relay = outbox.startRelay(p -> {
            record.accept(p);
            deliveredByA.incrementAndGet();
        })) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            while (System.nanoTime() < until || deliveredByA.get() == 0) {
                outbox.enqueue(OutboxWorker.plays("jvm-a", produced, produced + 20));
                produced += 20;
                Thread.sleep(OutboxWorker.PAUSE_MILLIS);
            }
            assertThat(other.process.waitFor(300, TimeUnit.SECONDS)).as("the other JVM ends").isTrue();
            assertThat(other.process.exitValue()).as("the other JVM's exit code; its output: %s", other.lines).isZero();
            awaitEmpty(outbox);
        }

        long total = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox");
        long deliveries = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "deliveries");
        long distinct = count("SELECT COUNT(DISTINCT play_key) FROM " + db.tablePrefix() + "deliveries");
        long byA = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "deliveries WHERE instance = 'jvm-a'");
        System.out.printf("two JVMs, %d s: %d plays (%d from this JVM, %d from the other), %d deliveries, %d distinct, "
                + "%d delivered by this JVM%n", SECONDS, total, produced, total - produced, deliveries, distinct, byA);
        assertThat(total).as("plays in the outbox").isEqualTo(produced + other.committed.get());
        assertThat(distinct).as("plays delivered").isEqualTo(total);
        assertThat(deliveries).as("deliveries (a duplicate needs a claim to time out)").isEqualTo(total);
        assertThat(byA).as("deliveries by each JVM").isBetween(1L, total - 1);
    }

    @Test
    void killMinus9_betweenEvaluationAndDelivery_losesNothingAndDuplicatesNoKey() throws Exception {
        // A slow sink (2 ms a play, half the production rate): a backlog builds and a batch is in hand at the kill.
        Worker victim = Worker.start(db.tablePrefix(), "victim", 600, true, 2, 0);
        victim.awaitReady();
        // Let it commit and deliver for a while, and (work, not seconds, for a loaded machine) until it has plays
        // committed but not delivered, then kill it wherever it is.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        while ((System.nanoTime() < until
                || count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL") == 0)
                && victim.process.isAlive()) {
            Thread.sleep(20);
        }
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        int committed = victim.committed.get();
        long inOutbox = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox");
        long pendingAtKill = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL");
        long claimedAtKill = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "play_outbox WHERE delivered_at_us IS NULL AND picked");

        PlayOutbox restarted = db.playOutbox(OutboxOptions.defaults().withInstanceName("restarted").withBatchSize(50)
                .withPollInterval(Duration.ofMillis(5)).withClaimTimeout(Duration.ofSeconds(2)));
        try (PlayOutbox.Relay relay = restarted.startRelay(OutboxWorker.recording(ds, db.tablePrefix(), "restarted"))) {
            awaitEmpty(restarted);
        }

        Set<String> expected = new HashSet<>();
        for (var p : OutboxWorker.plays("victim", 0, committed)) {
            expected.add(p.key());
        }
        Set<String> delivered = strings("SELECT DISTINCT play_key FROM " + db.tablePrefix() + "deliveries");
        long deliveries = count("SELECT COUNT(*) FROM " + db.tablePrefix() + "deliveries");
        long keys = count("SELECT COUNT(DISTINCT idempotency_key) FROM " + db.tablePrefix() + "play_outbox");
        System.out.printf("kill -9 after %d s: %d plays committed (reported), %d in the outbox, %d pending and %d claimed at the "
                + "kill; after the restart %d deliveries of %d distinct keys (%d delivered twice)%n", SECONDS, committed, inOutbox,
                pendingAtKill, claimedAtKill, deliveries, delivered.size(), deliveries - delivered.size());
        assertThat(inOutbox).as("plays whose commit was reported are all in the outbox").isGreaterThanOrEqualTo(committed);
        assertThat(keys).as("one row per key").isEqualTo(inOutbox);
        assertThat(delivered).as("every committed play delivered").containsAll(expected);
        assertThat(delivered).as("every play in the outbox delivered").hasSize((int) inOutbox);
        assertThat(pendingAtKill).as("the kill came before some deliveries").isPositive();
        assertThat(deliveries - delivered.size()).as("duplicates: at most the batch in hand at the kill").isLessThanOrEqualTo(50);
    }

    private void awaitEmpty(PlayOutbox outbox) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + 2 * SECONDS);
        while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(outbox.stats().pending()).as("plays still pending").isZero();
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

    /** A second JVM running {@link OutboxWorker}, its output read on a thread of its own. */
    private static final class Worker {
        final Process process;
        final AtomicInteger committed = new AtomicInteger();
        final List<String> lines = new ArrayList<>();
        private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

        private Worker(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "worker-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Worker start(String prefix, String instance, long seconds, boolean produce, long sinkMillis, long minDelivered)
                throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    OutboxWorker.class.getName(), PostgresServer.shared().url("postgres"), prefix, instance,
                    Long.toString(seconds), Boolean.toString(produce), Long.toString(sinkMillis), Long.toString(minDelivered))
                    .redirectErrorStream(true);
            return new Worker(pb.start());
        }

        void awaitReady() throws InterruptedException {
            assertThat(ready.await(120, TimeUnit.SECONDS)).as("the worker JVM is ready; its output: %s", lines).isTrue();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("ready")) {
                        ready.countDown();
                    } else if (line.startsWith("committed ")) {
                        committed.set(Integer.parseInt(line.substring(10)));
                    } else {
                        synchronized (lines) {
                            if (lines.size() < 50) {
                                lines.add(line);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // The process died; what was read is kept.
            }
        }
    }
}
