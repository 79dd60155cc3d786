package org.cskit.samples.columns;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.cskit.model.Account;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.samples.input.InputException;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.datagen.GeneratedAccount;
import org.cskit.datagen.PortfolioGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code columns}: the whole nightly pipeline over a generated portfolio held as columns, with no
 * object per observation and none per account between the stages: cs-datagen's generator emits each
 * slice of accounts' signals as {@link SignalColumns}, {@link FeatureDeriver} derives the generator's
 * features from them into {@link FeatureColumns} (the contract and plan facts come from each account
 * object, the edge where plans are objects), the shipped scorecard writes {@link VectorColumns} for
 * last week and today (today's band hysteresis and velocity read last week's columns), and three
 * playbooks (read from JSON) run over the {@link AccountBatch} in parallel; only a few plays are
 * built in full, with their reason. A second run on the same day makes no new plays: the plays of the
 * first are still open. With {@code --state FILE} the play state is saved after the run and restored
 * by the next one, in another process.
 */
@Command(name = "columns", mixinStandardHelpOptions = true,
        description = "Derive, score and run playbooks over a generated portfolio held as columns (cskit's path for millions of accounts).")
public final class ColumnarPlaybooks implements Callable<Integer> {
    /** The generator's window, as the demo's {@code --generated} uses it. */
    static final LocalDate START = LocalDate.of(2025, 1, 1);
    static final int MONTHS = 24;
    /** Today: renewals have started coming up. */
    static final LocalDate TODAY = LocalDate.of(2025, 9, 1);
    static final LocalDate LAST_WEEK = TODAY.minusDays(7);
    /** The longest window the generator's features read (nps, 180 days). */
    static final Duration LOOKBACK = Duration.ofDays(180);
    static final int SLICE = 50_000;
    static final int MAX_ACCOUNTS = 1_000_000;
    static final FeatureSchema SCHEMA = PortfolioGenerator.snapshotAssembler().schema();
    private static final FeatureSchema STANDARD = FeatureSchema.of(StandardFeatures.names());
    private static final List<Segment> SEGMENTS = List.of(Segment.of("smb", EngagementModel.TECH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("enterprise", EngagementModel.HIGH_TOUCH));

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "100000", description = "how many accounts (default: ${DEFAULT-VALUE})")
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
        if (accounts < 1 || accounts > MAX_ACCOUNTS) {
            throw new InputException("--accounts " + accounts + " is outside 1 to 1,000,000");
        }
        if (explain < 0) {
            throw new InputException("--explain " + explain + " is negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(seed).accounts(accounts).start(START).months(MONTHS).build();
        WeightedScorecard strategy = (WeightedScorecard) ScoringStrategies.withBuiltIns()
                .create(WeightedScorecard.NAME, resource("/org/cskit/samples/demo/generated-scorecard.json"));
        List<String> bands = strategy.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
        byte[] segment = new byte[accounts];
        byte[] stage = new byte[accounts];
        FeatureDeriver deriver = FeatureDeriver.of(PortfolioGenerator.featureDefinitions());

        Run lastWeek = derive(generator, deriver, LAST_WEEK, segment, stage);
        AccountBatch lastWeekBatch = batch(generator, lastWeek.features, LAST_WEEK, segment, stage).build();
        VectorColumns before = VectorColumns.allocate(accounts, bands);
        strategy.scoreAll(lastWeekBatch, ScoreHistoryColumns.empty(accounts), before);

        Run today = derive(generator, deriver, TODAY, segment, stage);
        out.printf("signals -> features: %,d observations (as columns, no object each) into %d features for %,d accounts: "
                + "%,d ms to generate, %,d ms to derive (%,d ns per account)%n", today.observations, deriver.schema().size(), accounts,
                today.generateMillis, today.deriveNanos / 1_000_000, today.deriveNanos / accounts);
        AccountBatch scoring = batch(generator, today.features, TODAY, segment, stage).previousVectors(before).build();
        ScoreHistoryColumns history = ScoreHistoryColumns.builder(accounts).point(instant(LAST_WEEK), before.scores()).build();
        VectorColumns vectors = VectorColumns.allocate(accounts, bands);
        long start = System.nanoTime();
        strategy.scoreAll(scoring, history, vectors);
        long scoreNanos = System.nanoTime() - start;
        int[] perBand = new int[bands.size()];
        int enteredRed = 0;
        for (int r = 0; r < accounts; r++) {
            perBand[vectors.bandCodes()[r]]++;
            if (vectors.bandCodes()[r] == 0 && before.bandCodes()[r] != 0) {
                enteredRed++;
            }
        }
        StringBuilder counts = new StringBuilder();
        for (int b = 0; b < bands.size(); b++) {
            counts.append(b == 0 ? "" : ", ").append(bands.get(b)).append(' ').append(String.format("%,d", perBand[b]));
        }
        out.printf("features -> vectors: scored %,d accounts with %s in %,d ms; %s; %,d entered %s since last week%n", accounts,
                strategy.config().id(), scoreNanos / 1_000_000, counts, enteredRed, bands.get(0));

        AccountBatch columns = batch(generator, today.features, TODAY, segment, stage).vectors(vectors).previousVectors(before).build();
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
        start = System.nanoTime();
        BatchResult first = engine.evaluateParallel(columns, play -> {
            perPlaybook.incrementAndGet(play.playbookIndex());
            if (play.row() < 1000) {
                sample.add(new int[] {play.row(), play.playbookIndex()});
            }
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.printf("vectors -> playbooks: evaluated %,d accounts against %d playbooks in %,d ms: %,d plays%n", first.rows(),
                playbooks.size(), millis, first.created());
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

    /** One day's features, with what making them took. */
    private record Run(FeatureColumns features, long observations, long generateMillis, long deriveNanos) {}

    /**
     * Derives one day's features a slice of accounts at a time: the generator's signals as columns
     * into the derived features, then each account's contract and plan facts (the standard features)
     * and its segment and stage codes.
     */
    private Run derive(PortfolioGenerator generator, FeatureDeriver deriver, LocalDate day, byte[] segment, byte[] stage) {
        FeatureColumns features = FeatureColumns.allocate(SCHEMA, accounts);
        Instant asOf = instant(day);
        long observations = 0;
        long generate = 0;
        long derive = 0;
        List<String> segmentNames = SEGMENTS.stream().map(Segment::name).toList();
        for (int from = 0; from < accounts; from += SLICE) {
            int to = Math.min(accounts, from + SLICE);
            long t0 = System.nanoTime();
            SignalColumns signals = generator.signalColumns(from, to, asOf, LOOKBACK);
            long t1 = System.nanoTime();
            deriver.derive(signals, asOf, features, from);
            long t2 = System.nanoTime();
            generate += t1 - t0;
            derive += t2 - t1;
            for (SignalColumn c : signals.columns()) {
                observations += c.count();
            }
            for (int i = from; i < to; i++) {
                GeneratedAccount generated = generator.account(i);
                Optional<Account> current = generated.accountOn(day);
                Account account = current.orElse(generated.account());
                segment[i] = (byte) segmentNames.indexOf(account.segment().name());
                stage[i] = (byte) account.lifecycleStage().ordinal();
                if (current.isEmpty()) {
                    continue; // churned: no contract, no plan facts
                }
                Features.Builder facts = Features.builder(STANDARD);
                StandardFeatures.write(account, day, facts);
                Features standard = facts.build();
                for (int k = 0; k < STANDARD.size(); k++) {
                    if (standard.isPresentAt(k)) {
                        int at = SCHEMA.indexOf(STANDARD.names().get(k));
                        features.doubles(at)[i] = standard.valueAt(k);
                        features.observations(at)[i] = standard.observationsAt(k);
                    }
                }
            }
        }
        return new Run(features, observations, generate / 1_000_000, derive);
    }

    private AccountBatch.Builder batch(PortfolioGenerator generator, FeatureColumns features, LocalDate day, byte[] segment, byte[] stage) {
        return AccountBatch.builder(features).asOf(instant(day)).accountIds(row -> generator.account(row).account().id())
                .segments(SEGMENTS, segment).stages(stage);
    }

    private static Instant instant(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String resource(String name) {
        try (InputStream in = ColumnarPlaybooks.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
