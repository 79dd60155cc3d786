package org.cskit.samples.columns;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.samples.input.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code columns}: runs three playbooks (read from JSON) over a seeded portfolio of up to ten million
 * accounts held as primitive arrays, the way a nightly job over a data warehouse extract would:
 * the arrays are wrapped in {@link AccountBatch} without copying, evaluated in parallel, and only
 * a few plays are built in full, with their reason. A second run on the same day makes no new plays:
 * the plays of the first are still open. With {@code --state FILE} the play state is saved after the
 * run and restored by the next one, in another process.
 */
@Command(name = "columns", mixinStandardHelpOptions = true,
        description = "Run playbooks over a seeded portfolio held as columns (cskit's fast path for millions of accounts).")
public final class ColumnarPlaybooks implements Callable<Integer> {
    static final FeatureSchema SCHEMA = FeatureSchema.of("logins_14d", "seat_utilisation", "tickets_14d",
            StandardFeatures.DAYS_TO_RENEWAL);
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("smb", EngagementModel.TECH_TOUCH));

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1000000", description = "how many accounts (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "the portfolio's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--state", paramLabel = "FILE", description = "the play state: restored from FILE if it exists (the previous run's), "
            + "saved to it after this run, so a run in a new process knows which plays are open")
    java.nio.file.Path state;

    @Option(names = "--explain", paramLabel = "K", defaultValue = "3", description = "how many plays to show in full (default: ${DEFAULT-VALUE})")
    int explain;

    @Override
    public Integer call() {
        if (accounts < 1 || accounts > 10_000_000) {
            throw new InputException("--accounts " + accounts + " is outside 1 to 10,000,000");
        }
        if (explain < 0) {
            throw new InputException("--explain " + explain + " is negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        AccountBatch columns = portfolio(accounts, seed);
        List<Playbook> playbooks = PlaybookEngine.readJson(resource("playbooks.json"), SCHEMA);
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        if (state != null && java.nio.file.Files.exists(state)) {
            try (InputStream in = java.nio.file.Files.newInputStream(state)) {
                InMemoryPlayStateStore.Restored restored = InMemoryPlayStateStore.restore(in, playbooks,
                        InMemoryPlayStateStore.SetChanges.ACCEPT);
                store = restored.store();
                out.printf("restored %,d play states from %s%n", restored.states(), state);
            } catch (IOException e) {
                throw new InputException("--state " + state + ": " + e.getMessage());
            } catch (org.cskit.model.ValidationException e) {
                throw new InputException("--state " + state + ": " + e.getMessage());
            }
        }
        PlaybookEngine engine = PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks).store(store).build();

        AtomicLongArray perPlaybook = new AtomicLongArray(playbooks.size());
        ConcurrentLinkedQueue<int[]> sample = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        BatchResult first = engine.evaluateParallel(columns, play -> {
            perPlaybook.incrementAndGet(play.playbookIndex());
            if (play.row() < 1000) {
                sample.add(new int[] {play.row(), play.playbookIndex()});
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.printf("evaluated %,d accounts against %d playbooks in %,d ms: %,d plays%n", first.rows(), playbooks.size(), millis,
                first.created());
        for (int p = 0; p < playbooks.size(); p++) {
            out.printf("  %-26s %,d%n", playbooks.get(p).id(), perPlaybook.get(p));
        }
        sample.stream().sorted((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1])).limit(explain)
                .forEach(rp -> {
                    Play play = engine.play(columns, rp[0], rp[1]);
                    out.printf("%s %s: %s%n    because %s; %s%n", play.accountId(), play.playbookId(), play.actions().get(0).text(),
                            play.reason().trigger(), play.reason().conditions().stream()
                                    .map(c -> c.condition() + " (" + c.actual() + ")").reduce((x, y) -> x + "; " + y).orElse("no conditions"));
                });
        BatchResult again = engine.evaluateParallel(columns, play -> { });
        out.printf("the same day again: %,d new plays, %,d suppressed (their plays are still open)%n", again.created(),
                again.suppressed());
        if (state != null) {
            java.nio.file.Path next = state.resolveSibling(state.getFileName() + ".new");
            try (java.io.OutputStream file = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(next), 1 << 20)) {
                store.snapshot(file, playbooks);
            } catch (IOException e) {
                throw new InputException("--state " + state + ": " + e.getMessage());
            }
            try {
                java.nio.file.Files.move(next, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                out.printf("saved %,d play states to %s%n", store.size(), state);
            } catch (IOException e) {
                throw new InputException("--state " + state + ": " + e.getMessage());
            }
        }
        return 0;
    }

    /** A seeded portfolio as columns: logins, seat utilisation, tickets, days to renewal, score, band, direction, segment. */
    static AccountBatch portfolio(int n, long seed) {
        double[] logins = new double[n], seats = new double[n], tickets = new double[n], renewal = new double[n];
        double[] score = new double[n], previousScore = new double[n];
        byte[] band = new byte[n], previousBand = new byte[n], direction = new byte[n], previousDirection = new byte[n];
        byte[] segment = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            logins[i] = r.nextInt(0, 120);
            seats[i] = r.nextInt(5, 101) / 100.0;
            tickets[i] = r.nextInt(0, 6);
            renewal[i] = r.nextInt(-30, 366);
            score[i] = r.nextInt(10, 96);
            previousScore[i] = Math.max(0, Math.min(100, score[i] + r.nextInt(-15, 16)));
            band[i] = band(score[i]);
            previousBand[i] = band(previousScore[i]);
            direction[i] = (byte) (score[i] > previousScore[i] + 2 ? 0 : score[i] < previousScore[i] - 2 ? 2 : 1);
            previousDirection[i] = 1;
            segment[i] = (byte) r.nextInt(SEGMENTS.size());
        }
        FeatureColumns features = FeatureColumns.builder(SCHEMA, n)
                .feature("logins_14d", logins).feature("seat_utilisation", seats).feature("tickets_14d", tickets)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, renewal)
                .build();
        return AccountBatch.builder(features).asOf(NOW).accountIds(i -> AccountId.of(String.format("acc-%07d", i)))
                .segments(SEGMENTS, segment).stage(LifecycleStage.STEADY_STATE)
                .vectors(VectorColumns.builder(n).bands("red", "yellow", "green").scores(score).bandCodes(band)
                        .directionCodes(direction).build())
                .previousVectors(VectorColumns.builder(n).bands("red", "yellow", "green").scores(previousScore)
                        .bandCodes(previousBand).directionCodes(previousDirection).build())
                .build();
    }

    private static byte band(double score) {
        return (byte) (score < 40 ? 0 : score < 65 ? 1 : 2);
    }

    private static String resource(String name) {
        try (InputStream in = ColumnarPlaybooks.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
