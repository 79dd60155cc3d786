package org.cskit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.testkit.TestPlays;

/**
 * A second JVM for the reliability tests: works on the outbox of a PostgreSQL database until it
 * is killed or has run for its time.
 *
 * <pre>
 * OutboxWorker URL PREFIX INSTANCE SECONDS PRODUCE SINK_MILLIS [MIN_DELIVERED]
 * </pre>
 *
 * Its SECONDS start once its relay runs; with MIN_DELIVERED it goes on after them until its relay
 * has delivered that many plays (work done, for a loaded machine on which it barely runs).
 *
 * It runs a relay whose consumer records each delivery in {@code <prefix>deliveries} (key,
 * instance), taking SINK_MILLIS more per play (a slow sink), and, when PRODUCE is {@code true}, enqueues plays {@code INSTANCE-0, -1, ...} in
 * transactions of 20 at the same time, printing {@code committed N} after each commit and pausing
 * {@link #PAUSE_MILLIS} ms. It prints
 * {@code ready} once its relay runs.
 */
public final class OutboxWorker {
    /** The pause after each transaction of 20 plays. */
    static final long PAUSE_MILLIS = 20;

    private OutboxWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        String url = args[0];
        String prefix = args[1];
        String instance = args[2];
        long seconds = Long.parseLong(args[3]);
        long minDelivered = args.length > 6 ? Long.parseLong(args[6]) : 0;
        boolean produce = Boolean.parseBoolean(args[4]);
        long sinkMillis = Long.parseLong(args[5]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            CsJdbc db = CsJdbc.builder().dataSource(ds).tablePrefix(prefix).build();
            PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName(instance).withBatchSize(50)
                    .withPollInterval(Duration.ofMillis(5)).withClaimTimeout(Duration.ofSeconds(2)));
            PlayConsumer record = recording(ds, prefix, instance);
            java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
            try (PlayOutbox.Relay relay = outbox.startRelay(p -> {
                Thread.sleep(sinkMillis);
                record.accept(p);
                delivered.incrementAndGet();
            })) {
                out.println("ready");
                long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                int n = 0;
                while (System.nanoTime() < until || delivered.get() < minDelivered) {
                    if (produce) {
                        outbox.enqueue(plays(instance, n, n + 20));
                        n += 20;
                        out.println("committed " + n);
                        Thread.sleep(PAUSE_MILLIS);
                    } else {
                        Thread.sleep(20);
                    }
                }
            }
        }
        out.println("done");
    }

    static List<Play> plays(String instance, int from, int to) {
        List<Play> plays = new ArrayList<>();
        for (int i = from; i < to; i++) {
            plays.add(TestPlays.play(AccountId.of(instance + "-" + i), "pb", "band:red", TestPlays.play().createdAt()));
        }
        return plays;
    }

    /** A consumer that writes each delivery to the deliveries table (its own transaction). */
    static PlayConsumer recording(javax.sql.DataSource ds, String prefix, String instance) {
        return p -> {
            try (Connection c = ds.getConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "deliveries (play_key, instance) VALUES (?, ?)")) {
                ps.setString(1, p.key());
                ps.setString(2, instance);
                ps.executeUpdate();
            }
        };
    }
}
