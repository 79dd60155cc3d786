package org.cskit.benchmarks.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cskit.jdbc.CsJdbc;
import org.cskit.jdbc.OutboxOptions;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.spi.ScoreHistory;

/**
 * cs-jdbc's stores on a real, durable PostgreSQL (fsync and synchronous commit on, as PostgreSQL
 * ships) started by the benchmark itself, beside the in-memory equivalents in the same run:
 *
 * <ol>
 *   <li>score history: save the vectors of N accounts (6 contributions each, made before the
 *       clock starts) in slices of 10,000, one transaction per slice, W slices at a time, then restore the day with {@code forEachOn} (whole vectors)
 *       and with {@code vectorColumns} (the columns a nightly run reads); the same on
 *       {@link InMemoryScoreHistory};
 *   <li>play outbox, event path: T threads each enqueue one play per transaction (a durable
 *       commit each) for S seconds while a relay delivers them to a no-op sink; throughput and
 *       p50/p99 enqueue latency, and the same on a concurrent in-memory queue with a key set.
 * </ol>
 *
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -Xmx4g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.jdbc.JdbcStoresBenchmark \
 *     [--accounts 1000000] [--writers 2] [--threads 64] [--seconds 20]
 * </pre>
 *
 * With {@code --seconds 0} only the score history runs.
 *
 * Generating the vectors is not timed: all are made before the first save.
 */
public final class JdbcStoresBenchmark {
    private static final Instant AS_OF = Instant.parse("2026-05-01T02:00:00Z");
    private static final int SLICE = 10_000;

    private JdbcStoresBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        int accounts = intArg(args, "--accounts", 1_000_000);
        int threads = intArg(args, "--threads", 64);
        int seconds = intArg(args, "--seconds", 20);
        int writers = intArg(args, "--writers", 2);
        out.printf("JdbcStoresBenchmark: %,d accounts, %d writers, %d threads, %d s; %d cores, max heap %d MB%n", accounts, writers,
                threads, seconds,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (JdbcBench bench = JdbcBench.start(args, Math.min(threads + 4, 40), List.of())) {
            HikariDataSource pool = bench.pool();
            CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("bench_").build();
            db.migrate();
            List<List<SuccessVector>> slices = new ArrayList<>();
            for (int from = 0; from < accounts; from += SLICE) {
                slices.add(slice(from, Math.min(accounts, from + SLICE)));
            }
            scoreHistory(out, "in-memory", InMemoryScoreHistory.create(), slices, accounts, writers);
            scoreHistory(out, "postgresql", db.scoreHistory(), slices, accounts, writers);
            slices = null;
            if (seconds > 0) {
                outbox(out, db, threads, seconds);
            }
        }
    }

    private static void scoreHistory(PrintStream out, String name, ScoreHistory history, List<List<SuccessVector>> slices,
            int accounts, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> saved = new ArrayList<>();
        long start = System.nanoTime();
        for (List<SuccessVector> slice : slices) {
            saved.add(pool.submit(() -> history.save(slice)));
        }
        int stored = 0;
        for (Future<Integer> f : saved) {
            stored += f.get();
        }
        long saveNanos = System.nanoTime() - start;
        pool.shutdown();
        long[] restored = {0, 0};
        long t0 = System.nanoTime();
        history.forEachOn(LocalDate.ofInstant(AS_OF, ZoneOffset.UTC), v -> {
            restored[0]++;
            restored[1] += v.contributions().size();
        });
        long restoreNanos = System.nanoTime() - t0;
        List<AccountId> ids = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            ids.add(AccountId.of(String.format("acct-%07d", i)));
        }
        t0 = System.nanoTime();
        VectorColumns columns = history.vectorColumns(ids, LocalDate.ofInstant(AS_OF, ZoneOffset.UTC), List.of("red", "yellow", "green"));
        long columnsNanos = System.nanoTime() - t0;
        long scored = java.util.Arrays.stream(columns.scores()).filter(x -> !Double.isNaN(x)).count();
        out.printf("score history %-10s restore as VectorColumns (no explanations) %,d of %,d rows scored: %6.2f s%n", name, scored,
                accounts, columnsNanos / 1e9);
        out.printf("score history %-10s save %,d vectors (%d writers): %6.2f s (%,.0f/s)   restore %,d vectors (%,d contributions): %6.2f s (%,.0f/s)%n",
                name, stored, writers, saveNanos / 1e9, stored / (saveNanos / 1e9), restored[0], restored[1], restoreNanos / 1e9,
                restored[0] / (restoreNanos / 1e9));
    }

    static List<SuccessVector> slice(int from, int to) {
        List<SuccessVector> vectors = new ArrayList<>(to - from);
        String[] inputs = {"logins_14d", "seat_utilisation", "open_tickets", "nps", "outcome_attainment", "milestones_on_time"};
        String[] groups = {"usage", "usage", "support", "sentiment", "outcome", "outcome"};
        for (int i = from; i < to; i++) {
            SplittableRandom r = new SplittableRandom(i);
            List<Contribution> contributions = new ArrayList<>(inputs.length);
            double score = 0;
            for (int k = 0; k < inputs.length; k++) {
                double points = r.nextDouble() * 100.0 / inputs.length;
                score += points;
                Contribution.Builder c = Contribution.builder().input(inputs[k]).group(groups[k]).points(points)
                        .weight(1.0 / inputs.length);
                if (r.nextInt(10) == 0) {
                    c.missing(MissingDataPolicy.NEUTRAL);
                } else {
                    c.value(r.nextDouble() * 50);
                }
                contributions.add(c.build());
            }
            int rank = score < 40 ? 0 : score < 70 ? 1 : 2;
            vectors.add(SuccessVector.builder().accountId(AccountId.of(String.format("acct-%07d", i))).asOf(AS_OF)
                    .score(score).band(Band.of(rank == 0 ? "red" : rank == 1 ? "yellow" : "green", rank))
                    .direction(Direction.values()[r.nextInt(3)]).velocity(r.nextDouble() * 4 - 2).coverage(0.9)
                    .contributions(contributions).scorecardId(ScorecardId.of("bench-card")).scorecardVersion(3).build());
        }
        return vectors;
    }

    private static Play play(String thread, long i) {
        Instant at = AS_OF.plusSeconds(i);
        String account = thread + "-" + i;
        Action.Task task = new Action.Task(Template.of("Call {{account}}"), "CSM", 3, Priority.HIGH);
        return new Play("support-spike|" + account + "|tickets:3|" + at, AccountId.of(account), "support-spike", 1,
                "tickets:3", Priority.HIGH, at, List.of(new Play.PlannedAction(task, "Call " + account, LocalDate.of(2026, 5, 4))),
                new Play.Reason("event TicketOpened", List.of(new Play.ConditionOutcome("open_tickets >= 3", "open_tickets = 4", true))));
    }

    /** One way to make a play durable; returns when it is. */
    @FunctionalInterface
    private interface Enqueue {
        void enqueue(Play play);
    }

    private static void outbox(PrintStream out, CsJdbc db, int threads, int seconds) throws Exception {
        Map<String, Play> keys = new ConcurrentHashMap<>();
        Queue<Play> queue = new ConcurrentLinkedQueue<>();
        eventPath(out, "in-memory", threads, seconds, p -> {
            if (keys.putIfAbsent(p.key(), p) == null) {
                queue.add(p);
            }
        }, () -> {
            long n = 0;
            while (queue.poll() != null) {
                n++;
            }
            return n;
        });
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults().withInstanceName("bench").withBatchSize(500)
                .withPollInterval(Duration.ofMillis(10)));
        AtomicLong delivered = new AtomicLong();
        try (PlayOutbox.Relay relay = outbox.startRelay(p -> delivered.incrementAndGet())) {
            eventPath(out, "postgresql", threads, seconds, p -> outbox.enqueue(List.of(p)), () -> 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (outbox.stats().pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        out.printf("outbox postgresql: %,d delivered by one relay; %s%n", delivered.get(), outbox.stats());
    }

    /** Runs the event path on T threads for S seconds (after 2 s of warm-up) and prints throughput and latency. */
    private static void eventPath(PrintStream out, String name, int threads, int seconds, Enqueue enqueue,
            java.util.function.LongSupplier drain) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long until = warmUntil + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String thread = name + "-t" + t;
            results.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                long i = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= until) {
                        break;
                    }
                    enqueue.enqueue(play(thread, i++));
                    long t1 = System.nanoTime();
                    if (t0 >= warmUntil) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = t1 - t0;
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long drained = 0;
        while (System.nanoTime() < until) {
            drained += drain.getAsLong();
            Thread.sleep(1);
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            all.add(f.get());
        }
        pool.shutdown();
        drained += drain.getAsLong();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        out.printf("outbox %-10s %d threads, %d s: %,d plays enqueued, %,.0f plays/s, enqueue latency p50 %.3f ms, p99 %.3f ms%s%n",
                name, threads, seconds, merged.length, merged.length / (double) seconds, merged[merged.length / 2] / 1e6,
                merged[(int) (merged.length * 0.99)] / 1e6, drained > 0 ? String.format(" (%,d drained)", drained) : "");
    }

    private static int intArg(String[] args, String name, int fallback) {
        return JdbcBench.intArg(args, name, fallback);
    }
}
