package org.cskit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cskit.jdbc.CsJdbc;
import org.cskit.jdbc.JdbcPlays;
import org.cskit.jdbc.OutboxOptions;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.jdbc.PostgresServer;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.PersonId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * cs-jdbc's play state and event path on a real, durable PostgreSQL (fsync and synchronous commit
 * on) started by the benchmark, beside the in-memory store in the same run:
 *
 * <ol>
 *   <li>play state of N accounts (one open play each, with a recent play time): save with
 *       {@code compareAndSetAll} in slices of 10,000 (one transaction each, W at a time; a
 *       {@code COPY} each, as the table holds none of them), then restore: the whole table
 *       streamed by {@code forEach} into a new in-memory store, the stream alone, and every
 *       account read in chunks of 256 (the engine's chunk) on W threads. The in-memory store: the
 *       same writes, then snapshot to bytes and restore from them;</li>
 *   <li>event path: T threads each call {@code JdbcPlays.onEvent} (B = 1: calls arriving together
 *       share a transaction) or {@code JdbcPlays.onEvents} with B events at a time for S seconds; every event is a new account's
 *       {@code CHAMPION_CHANGED}, so every event makes one durable play (state and outbox row
 *       committed together); a relay delivers them to a no-op sink meanwhile. Throughput and
 *       p50/p99 latency per call, and CPU time per play of this JVM and of the PostgreSQL
 *       server's processes (load-independent, unlike the throughput on a shared machine); the
 *       same engine on the in-memory store beside it.</li>
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -Xmx4g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.jdbc.JdbcPlaysBenchmark \
 *     [--accounts 1000000] [--writers 2] [--threads 64] [--batch 1] [--seconds 20] [--warmup 5] [--relay-after] \
 *     [--in-flight 4] [--statements N] [--pg NAME=VALUE ...]
 * </pre>
 *
 * <p>The event path also prints this JVM's CPU per play by kind of thread (event threads, the
 * relay, JIT compilers, GC) and the server's by process (backends, WAL writer, autovacuum...);
 * {@code --statements N} loads {@code pg_stat_statements} and prints the N statements that took
 * the server the most time; {@code --pg NAME=VALUE} sets a server setting (autovacuum runs every
 * second unless set otherwise: see the source).
 */
public final class JdbcPlaysBenchmark {
    private static final long T0 = 1_777_593_600L; // 2026-05-01T00:00:00Z
    private static final int SLICE = 10_000;
    private static final int CHUNK = 256;
    private static final FeatureSchema SCHEMA = FeatureSchema.of(StandardFeatures.names());
    private static final Segment SEGMENT = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);

    private JdbcPlaysBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        int accounts = intArg(args, "--accounts", 1_000_000);
        int threads = intArg(args, "--threads", 64);
        int batch = intArg(args, "--batch", 1);
        int seconds = intArg(args, "--seconds", 20);
        int writers = intArg(args, "--writers", 2);
        warmup = intArg(args, "--warmup", 5);
        inFlight = intArg(args, "--in-flight", JdbcPlays.DEFAULT_EVENT_TRANSACTIONS);
        relayAfter = JdbcBench.flag(args, "--relay-after");
        out.printf("JdbcPlaysBenchmark: %,d accounts, %d writers, %d threads, %d events per call, %d s, %d event transactions in "
                + "flight; %d cores, max heap %d MB%n", accounts, writers, threads, batch, seconds, inFlight,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        // The event path's tables start empty and grow by thousands of rows a second: with autovacuum's
        // default one-minute nap they would have no statistics for the whole run (and the planner, taking
        // each key to match 0.5% of the table, would scan them); a host's tables get them within a minute.
        // Autovacuum runs every second here instead, its CPU counted in the server's. --pg NAME=VALUE
        // (given later, so it wins) sets any server setting, e.g. --pg autovacuum_naptime=60. Only for the
        // event path: the play state's save and restore are measured with PostgreSQL's defaults.
        List<String> settings = new ArrayList<>(seconds > 0 ? List.of("autovacuum_naptime=1") : List.of());
        int statements = intArg(args, "--statements", 0);
        if (statements > 0) {
            settings.add("shared_preload_libraries=pg_stat_statements");
        }
        try (JdbcBench bench = JdbcBench.start(args, Math.min(threads + writers + 4, 180), settings)) {
            PostgresServer server = bench.server();
            HikariDataSource pool = bench.pool();
            CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("bench_").build();
            db.migrate();
            if (accounts > 0) {
                states(out, accounts, writers, db);
            }
            if (statements > 0) {
                try (var c = pool.getConnection(); var st = c.createStatement()) {
                    st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    st.execute("SELECT pg_stat_statements_reset()");
                }
            }
            if (seconds > 0) {
                events(out, db, threads, batch, seconds, server);
            }
            if (statements > 0) {
                topStatements(out, pool, statements);
            }
        }
    }

    private static void states(PrintStream out, int accounts, int writers, CsJdbc db) throws Exception {
        List<List<PlayStateStore.Write>> slices = new ArrayList<>();
        for (int from = 0; from < accounts; from += SLICE) {
            List<PlayStateStore.Write> slice = new ArrayList<>(SLICE);
            for (int i = from; i < Math.min(accounts, from + SLICE); i++) {
                long at = T0 + i % 86_400;
                slice.add(new PlayStateStore.Write(id(i), "bench-playbook", 0,
                        new PlayState(1, PlayState.Status.OPEN, 20_000 + i % 7, at, at, new long[] {at})));
            }
            slices.add(slice);
        }
        AccountId[] ids = new AccountId[accounts];
        for (int i = 0; i < accounts; i++) {
            ids[i] = id(i);
        }
        // In memory: the writes, then a snapshot and a restore.
        InMemoryPlayStateStore memory = new InMemoryPlayStateStore();
        long written = save(memory, slices, writers);
        List<Playbook> set = List.of(eventPlaybook("bench-playbook"));
        long t0 = System.nanoTime();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        memory.snapshot(bytes, set);
        long snapshotNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        InMemoryPlayStateStore restored = InMemoryPlayStateStore.restore(new ByteArrayInputStream(bytes.toByteArray()), set,
                InMemoryPlayStateStore.SetChanges.REJECT).store();
        long restoreNanos = System.nanoTime() - t0;
        long[] read = readAll(restored, ids, writers);
        out.printf("play state in-memory   write %,d states (%d writers): %6.2f s; snapshot %,d bytes: %6.2f s; restore: %6.2f s; "
                + "read all in chunks of %d: %,d states, %6.2f s%n", written, writers, lastSave / 1e9, bytes.size(), snapshotNanos / 1e9,
                restoreNanos / 1e9, CHUNK, read[0], read[1] / 1e9);
        var store = db.playStateStore();
        written = save(store, slices, writers);
        long saveNanos = lastSave;
        out.printf("play state postgresql  save %,d states (%d writers, compareAndSetAll per slice of %,d, COPY): %6.2f s "
                + "(%,.0f/s)%n", written, writers, SLICE, saveNanos / 1e9, written / (saveNanos / 1e9));
        // Restore: the whole table streamed with a cursor into a new in-memory store (what a night on the
        // in-memory store starts from), then the same stream alone, then the engine's way (chunks of ids).
        t0 = System.nanoTime();
        InMemoryPlayStateStore into = new InMemoryPlayStateStore();
        long streamed = store.forEach((account, playbook, state) -> into.compareAndSet(account, playbook, 0,
                state.withVersion(1)));
        long intoNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        long[] counted = {0};
        store.forEach((account, playbook, state) -> counted[0]++);
        long streamNanos = System.nanoTime() - t0;
        read = readAll(store, ids, writers);
        out.printf("play state postgresql  restore: forEach into an in-memory store %,d states %6.2f s (%,.0f/s); forEach alone "
                + "%,d states %6.2f s; read all in chunks of %d ids (%d threads): %,d states, %6.2f s (%,.0f/s)%n", streamed,
                intoNanos / 1e9, streamed / (intoNanos / 1e9), counted[0], streamNanos / 1e9, CHUNK, writers, read[0],
                read[1] / 1e9, read[0] / (read[1] / 1e9));
    }

    private static long lastSave;
    /** Seconds of each event path run before measuring (the JIT compiles the JDBC path meanwhile). */
    private static int warmup;
    /** Event transactions in flight at once ({@code JdbcPlays.of}'s eventTransactions). */
    private static int inFlight;
    /** Whether the relay starts only after the event path was measured (to see the event path's own cost). */
    private static boolean relayAfter;

    private static long save(PlayStateStore store, List<List<PlayStateStore.Write>> slices, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (List<PlayStateStore.Write> slice : slices) {
            done.add(pool.submit(() -> {
                int n = 0;
                for (boolean ok : store.compareAndSetAll(slice)) {
                    n += ok ? 1 : 0;
                }
                return n;
            }));
        }
        long written = 0;
        for (Future<Integer> f : done) {
            written += f.get();
        }
        lastSave = System.nanoTime() - start;
        pool.shutdown();
        return written;
    }

    /** Reads every account in chunks on W threads; returns {states, nanos}. */
    private static long[] readAll(PlayStateStore store, AccountId[] ids, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicLong states = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        int per = (ids.length + writers - 1) / writers;
        for (int w = 0; w < writers; w++) {
            int from = w * per;
            int to = Math.min(ids.length, from + per);
            done.add(pool.submit(() -> {
                AccountId[] chunk = new AccountId[CHUNK];
                long n = 0;
                long[] count = {0};
                for (int i = from; i < to; i += CHUNK) {
                    int k = Math.min(CHUNK, to - i);
                    System.arraycopy(ids, i, chunk, 0, k);
                    store.read(chunk, k, (index, playbook, state) -> count[0]++);
                }
                n += count[0];
                states.addAndGet(n);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        return new long[] {states.get(), nanos};
    }

    private static AccountId id(int i) {
        return AccountId.of(String.format("acct-%07d", i));
    }

    private static Playbook eventPlaybook(String id) {
        return Playbook.builder().id(id).name(id).trigger(new Trigger.OnEvent("CHAMPION_CHANGED"))
                .addActions(new Action.Task(Template.of("Meet the new champion"), "CSM", 3, Priority.HIGH)).build();
    }

    private static PlaybookInput event(String thread, long i) {
        AccountId account = AccountId.of(thread + "-" + i);
        Instant at = Instant.ofEpochSecond(T0);
        Features features = Features.builder(SCHEMA).set(StandardFeatures.DAYS_TO_RENEWAL, 200, 1)
                .set(StandardFeatures.DAYS_SINCE_START, 100, 1).build();
        AccountSnapshot snapshot = AccountSnapshot.builder().accountId(account).asOf(at).segment(SEGMENT)
                .lifecycleStage(LifecycleStage.ADOPTION).features(features).build();
        return PlaybookInput.of(snapshot).withEvent(new ChampionChanged(account, Optional.of(PersonId.of("champion-1")),
                Optional.of(PersonId.of("champion-2")), at));
    }

    /** One call of the event path: handles B events, returns the plays made. */
    @FunctionalInterface
    private interface Call {
        long handle(List<PlaybookInput> events);
    }

    private static void events(PrintStream out, CsJdbc db, int threads, int batch, int seconds, PostgresServer server)
            throws Exception {
        AtomicLong sunk = new AtomicLong();
        PlaybookEngine memory = PlaybookEngine.builder().schema(SCHEMA).playbooks(List.of(eventPlaybook("champion-left")))
                .store(new InMemoryPlayStateStore()).sink(h -> sunk.incrementAndGet()).build();
        eventPath(out, "in-memory", threads, batch, seconds, null, events -> {
            long n = 0;
            for (PlaybookInput e : events) {
                n += memory.onEvent(e).created().size();
            }
            return n;
        });
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("bench").withBatchSize(500)
                .withPollInterval(Duration.ofMillis(10)));
        JdbcPlays plays = JdbcPlays.of(db, outbox,
                PlaybookEngine.builder().schema(SCHEMA).playbooks(List.of(eventPlaybook("champion-left"))), inFlight);
        AtomicLong delivered = new AtomicLong();
        PlayOutbox.Relay[] relay = {relayAfter ? null : outbox.startRelay(p -> delivered.incrementAndGet())};
        try {
            long commits0 = commits(db);
            long plays0 = outbox.stats().pending() + outbox.stats().delivered();
            eventPath(out, "postgresql", threads, batch, seconds, server, events -> {
                if (events.size() == 1) {
                    return plays.onEvent(events.get(0)).created().size();
                }
                long n = 0;
                for (var r : plays.onEvents(events)) {
                    n += r.created().size();
                }
                return n;
            });
            long made = outbox.stats().pending() + outbox.stats().delivered() - plays0;
            if (relay[0] == null) {
                relay[0] = outbox.startRelay(p -> delivered.incrementAndGet());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            // Idle backends report their statistics within 10 s.
            Thread.sleep(11_000);
            long commits = commits(db) - commits0;
            out.printf("event path postgresql: %,d plays made (warm-up included) in %,d committed transactions (the relay's "
                    + "included): %.1f plays per commit%n", made, commits, made / (double) commits);
        } finally {
            if (relay[0] != null) {
                relay[0].close();
            }
        }
        out.printf("event path postgresql: %,d delivered by one relay; %s%n", delivered.get(), outbox.stats());
    }

    /** Runs the event path on T threads for S seconds (after the warm-up) and prints throughput, latency and CPU per play. */
    private static void eventPath(PrintStream out, String name, int threads, int batch, int seconds, PostgresServer server, Call call)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] cpu0 = new long[2];
        java.util.Map<String, Long>[] threads0 = new java.util.Map[2];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long until = warmUntil + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String thread = name + "-t" + t;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 14];
                int n = 0;
                long i = 0;
                long plays = 0;
                while (true) {
                    List<PlaybookInput> events = new ArrayList<>(batch);
                    for (int b = 0; b < batch; b++) {
                        events.add(event(thread, i++));
                    }
                    long t0 = System.nanoTime();
                    if (t0 >= until) {
                        break;
                    }
                    if (t0 >= warmUntil && cpu0[0] == 0) {
                        synchronized (cpu0) {
                            if (cpu0[0] == 0) {
                                cpu0[0] = os.getProcessCpuTime();
                                cpu0[1] = server == null ? 0 : server.cpuNanos();
                                threads0[0] = threadTicks();
                                threads0[1] = server == null ? Map.of() : server.cpuNanosByKind();
                            }
                        }
                    }
                    long made = call.handle(events);
                    long t1 = System.nanoTime();
                    if (t0 >= warmUntil) {
                        plays += made;
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t1 - t0;
                    }
                }
                long[] r = Arrays.copyOf(latencies, n + 1);
                r[n] = plays;
                return r;
            }));
        }
        long plays = 0;
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            long[] r = f.get();
            plays += r[r.length - 1];
            all.add(Arrays.copyOf(r, r.length - 1));
        }
        long jvmCpu;
        long serverCpu;
        synchronized (cpu0) {
            jvmCpu = os.getProcessCpuTime() - cpu0[0];
            serverCpu = server == null ? 0 : server.cpuNanos() - cpu0[1];
        }
        java.util.Map<String, Long> threads1 = threadTicks();
        java.util.Map<String, Long> server1 = server == null ? Map.of() : server.cpuNanosByKind();
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        out.printf("event path %-10s %d threads, %d events per call, %d s: %,d calls, %,d plays, %,.0f plays/s, call latency "
                + "p50 %.3f ms, p99 %.3f ms; CPU per play: this JVM %.1f us, PostgreSQL server %.1f us (all its processes, the "
                + "relay's work included)%n", name, threads, batch, seconds, merged.length, plays, plays / (double) seconds,
                merged[merged.length / 2] / 1e6, merged[(int) (merged.length * 0.99)] / 1e6, jvmCpu / 1e3 / plays,
                serverCpu / 1e3 / plays);
        if (threads0[0] != null && !threads1.isEmpty()) {
            // This JVM's CPU per play by kind of thread (Linux /proc, 10 ms ticks): where the JVM's share goes.
            java.util.Map<String, Long> by = new java.util.TreeMap<>();
            threads1.forEach((key, ticks) -> by.merge(key.substring(key.indexOf(' ') + 1),
                    ticks - threads0[0].getOrDefault(key, 0L), Long::sum));
            StringBuilder line = new StringBuilder("event path " + name + " JVM CPU per play by thread:");
            long made = plays;
            by.entrySet().stream().filter(e -> e.getValue() > 0).sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> line.append(String.format(" %s %.1f us;", e.getKey(), e.getValue() * 1e4 / made)));
            out.println(line);
        }
        if (!server1.isEmpty()) {
            // The server's CPU per play by process (backends that connected during the run count from zero).
            StringBuilder line = new StringBuilder("event path " + name + " PostgreSQL CPU per play by process:");
            long made = plays;
            server1.forEach((kind, nanos) -> line.append(String.format(" %s %.1f us;", kind,
                    (nanos - threads0[1].getOrDefault(kind, 0L)) / 1e3 / made)));
            out.println(line);
        }
    }

    /** CPU ticks (user + system, 1/100 s) of this JVM's threads, keyed "tid kind" (the name without its numbers). */
    private static java.util.Map<String, Long> threadTicks() {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return ticks;
        }
        for (java.io.File task : tasks) {
            try {
                String comm = java.nio.file.Files.readString(task.toPath().resolve("comm")).trim();
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getName() + " " + comm.replaceAll("[0-9#]+", "N"), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (java.io.IOException | RuntimeException e) {
                // A thread that ended meanwhile.
            }
        }
        return ticks;
    }

    /** Prints the statements that took the most server time (pg_stat_statements), warm-up included. */
    private static void topStatements(PrintStream out, javax.sql.DataSource pool, int top) throws java.sql.SQLException {
        try (var c = pool.getConnection(); var s = c.prepareStatement("SELECT calls, total_plan_time, total_exec_time, rows, "
                + "shared_blks_hit + shared_blks_read, wal_records, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM "
                + "pg_stat_statements ORDER BY total_plan_time + total_exec_time DESC LIMIT ?")) {
            s.setInt(1, top);
            try (var rs = s.executeQuery()) {
                out.printf("pg_stat_statements (warm-up included): calls, plan ms, exec ms, rows, buffers, WAL records, query%n");
                while (rs.next()) {
                    out.printf("  %,10d %,10.0f %,10.0f %,10d %,12d %,10d  %s%n", rs.getLong(1), rs.getDouble(2), rs.getDouble(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getString(7));
                }
            }
        }
    }

    /** Transactions committed in the database so far (PostgreSQL's statistics, which lag by up to a second). */
    private static long commits(CsJdbc db) throws java.sql.SQLException {
        try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (var rs = s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return JdbcBench.intArg(args, name, fallback);
    }
}
