package org.cskit.cli.columns;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.cskit.cli.input.InputException;
import org.cskit.datagen.GeneratedAccount;
import org.cskit.datagen.PortfolioGenerator;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
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
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.run.NightlyReport;
import org.cskit.run.NightlyRun;
import org.cskit.run.NightlyState;
import org.cskit.run.SignalSource;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDeriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code columns}: the nightly job over a generated portfolio held as columns, through cs-run's
 * {@link NightlyRun}: cs-datagen's generator emits each slice of accounts' signals as
 * {@link SignalColumns} (a {@link SignalSource}), the run derives the generator's features from
 * them, scores with the shipped scorecard and runs three playbooks (read from JSON) against the play
 * state, a slice at a time on every processor. The contract and plan facts come from each account
 * object (the edge where plans are objects) as the run's {@link AccountBatch}. Last week's vectors
 * are a night of the same run without playbooks; today's reads them for band hysteresis, velocity
 * and band transitions. Only a few plays are built in full, with their reason. A second run on the
 * same day makes no new plays: the plays of the first are still open. With {@code --state-file FILE} the
 * {@link NightlyState} is saved after the run and restored by the next one, in another process.
 */
@Command(name = "columns", mixinStandardHelpOptions = true,
        description = "Derive, score and run playbooks over a generated portfolio held as columns (cskit's nightly run for millions of accounts).")
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
    /** The error for the flag's old name, {@code --state}. */
    static final String OLD_FLAG = "--state is now --state-file: columns saves the play state to a snapshot file (a NightlyState), "
            + "given with --state-file FILE (the demo command's H2 database is --state-db FILE)";
    private static final FeatureSchema STANDARD = FeatureSchema.of(StandardFeatures.names());
    private static final List<Segment> SEGMENTS = List.of(Segment.of("smb", EngagementModel.TECH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED), Segment.of("enterprise", EngagementModel.HIGH_TOUCH));

    @Spec
    CommandSpec spec;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "100000", description = "how many accounts (default: ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "the portfolio's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--state-file", paramLabel = "FILE", description = "the play state as a snapshot file (a NightlyState): restored "
            + "from FILE if it exists (the previous run's), saved to it after this run, so a run in a new process knows which plays are open")
    java.nio.file.Path state;

    /** The flag's old name, refused with the new one (it named two formats: {@code demo} takes an H2 database). */
    @Option(names = "--state", arity = "0..1", hidden = true)
    String oldState;

    @Option(names = "--explain", paramLabel = "K", defaultValue = "3", description = "how many plays to show in full (default: ${DEFAULT-VALUE})")
    int explain;

    @Override
    public Integer call() {
        if (oldState != null) {
            throw new InputException(OLD_FLAG);
        }
        if (accounts < 1 || accounts > MAX_ACCOUNTS) {
            throw new InputException("--accounts " + accounts + " is outside 1 to 1,000,000");
        }
        if (explain < 0) {
            throw new InputException("--explain " + explain + " is negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(seed).accounts(accounts).start(START).months(MONTHS).build();
        if (!generator.account(0).account().id().equals(id(0))) {
            throw new IllegalStateException("the generator's account ids changed: update ColumnarPlaybooks.id");
        }
        String portfolio = "generated-seed-" + seed;
        WeightedScorecard strategy = (WeightedScorecard) ScoringStrategies.withBuiltIns()
                .create(WeightedScorecard.NAME, resource("/org/cskit/cli/demo/generated-scorecard.json"));
        List<String> bands = strategy.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
        FeatureDeriver deriver = FeatureDeriver.of(PortfolioGenerator.featureDefinitions());
        byte[] segment = new byte[accounts];
        byte[] stage = new byte[accounts];

        // Last week: the same run without playbooks, for the vectors today's bands and transitions read.
        NightlyRun scoring = NightlyRun.builder().portfolio(portfolio).deriver(deriver).strategy(strategy).playbooks(List.of())
                .sliceSize(SLICE).build();
        VectorColumns before = VectorColumns.allocate(accounts, bands);
        scoring.run(facts(generator, LAST_WEEK, segment, stage).build(), signals(generator, LAST_WEEK, new LongAdder()),
                ScoreHistoryColumns.empty(accounts), NightlyState.empty(portfolio), (ActionSink) play -> { }, before);

        AccountBatch today = facts(generator, TODAY, segment, stage).previousVectors(before).build();
        List<Playbook> playbooks = PlaybookEngine.readJson(resource("playbooks.json"), scoring.schema(today.schema()), bands,
                SEGMENTS.stream().map(Segment::name).toList());
        NightlyRun night = NightlyRun.builder().portfolio(portfolio).deriver(deriver).strategy(strategy).playbooks(playbooks)
                .sliceSize(SLICE).build();
        NightlyState yesterday = NightlyState.empty(portfolio);
        if (state != null && java.nio.file.Files.exists(state)) {
            try (InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(state), 1 << 20)) {
                yesterday = NightlyState.restore(in, portfolio, playbooks, InMemoryPlayStateStore.SetChanges.ACCEPT);
                out.printf("restored %,d play states from %s%n", yesterday.inMemoryStore().size(), state);
            } catch (IOException e) {
                throw new InputException("--state-file " + state + ": " + e.getMessage());
            } catch (org.cskit.model.ValidationException e) {
                throw new InputException("--state-file " + state + ": " + e.getMessage());
            }
        }
        ScoreHistoryColumns history = ScoreHistoryColumns.builder(accounts).point(instant(LAST_WEEK), before.scores()).build();
        VectorColumns vectors = VectorColumns.allocate(accounts, bands);
        LongAdder observations = new LongAdder();
        ConcurrentLinkedQueue<Play> sample = new ConcurrentLinkedQueue<>();
        NightlyReport report = night.run(today, signals(generator, TODAY, observations), history, yesterday, play -> {
            if (play.row() < 1000) {
                sample.add(play.play());
            }
        }, vectors);
        NightlyReport.Stages took = report.stages();
        out.printf("signals -> features: %,d observations (as columns, no object each) into %d features for %,d accounts: "
                + "%,d ms to generate, %,d ms to derive (%,d ns per account)%n", observations.sum(), deriver.schema().size(), accounts,
                took.signals().toMillis(), took.derive().toMillis(), took.derive().toNanos() / accounts);
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
                strategy.config().id(), took.score().toMillis(), counts, enteredRed, bands.get(0));
        out.printf("vectors -> playbooks: evaluated %,d accounts against %d playbooks in %,d ms: %,d plays%n", report.accounts(),
                playbooks.size(), took.playbooks().toMillis(), report.created());
        for (NightlyReport.PlaybookCounts p : report.playbooks()) {
            out.printf("  %-26s %,d%n", p.playbookId(), p.created());
        }
        out.printf("the night took %,d ms on %d slices (times above are summed over the run's threads)%n", report.wall().toMillis(),
                report.slices());
        sample.stream().sorted(Comparator.comparing((Play p) -> p.accountId().value()).thenComparing(Play::playbookId)).limit(explain)
                .forEach(play -> out.printf("%s %s: %s%n    because %s; %s%n", play.accountId(), play.playbookId(),
                        play.actions().get(0).text(), play.reason().trigger(), play.reason().conditions().stream()
                                .map(c -> c.condition() + " (" + c.actual() + ")").reduce((x, y) -> x + "; " + y).orElse("no conditions")));
        NightlyReport again = night.run(today, signals(generator, TODAY, new LongAdder()), history, yesterday, play -> { },
                VectorColumns.allocate(accounts, bands));
        java.util.Map<org.cskit.playbooks.spi.EvaluationReport.Suppression, Long> why = new java.util.TreeMap<>();
        again.playbooks().forEach(p -> p.suppressed().forEach((reason, count) -> why.merge(reason, count, Long::sum)));
        out.printf("the same day again: %,d new plays, %,d suppressed (%s)%n", again.created(), again.suppressed(), why.isEmpty() ? "none"
                : why.entrySet().stream().map(e -> String.format("%s %,d", e.getKey(), e.getValue())).collect(java.util.stream.Collectors
                        .joining(", ")));
        if (state != null) {
            java.nio.file.Path next = state.resolveSibling(state.getFileName() + ".new");
            try (java.io.OutputStream file = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(next), 1 << 20)) {
                yesterday.save(file);
            } catch (IOException e) {
                throw new InputException("--state-file " + state + ": " + e.getMessage());
            }
            try {
                java.nio.file.Files.move(next, state, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                out.printf("saved %,d play states to %s%n", yesterday.inMemoryStore().size(), state);
            } catch (IOException e) {
                throw new InputException("--state-file " + state + ": " + e.getMessage());
            }
        }
        return 0;
    }

    /** The generator's id of account {@code i} ({@code acct-0000042}), without generating the account. */
    static AccountId id(int i) {
        String digits = Integer.toString(i);
        return AccountId.of("acct-" + "0000000".substring(Math.min(7, digits.length())) + digits);
    }

    /** The generator's signals as of a day, a slice at a time, counting the observations. */
    private static SignalSource signals(PortfolioGenerator generator, LocalDate day, LongAdder observations) {
        Instant asOf = instant(day);
        return SignalSource.of(generator.accounts(), (from, to) -> {
            SignalColumns s = generator.signalColumns(from, to, asOf, LOOKBACK);
            for (SignalColumn c : s.columns()) {
                observations.add(c.count());
            }
            return s;
        });
    }

    /**
     * The accounts' facts as of a day: their contract and plan facts (the standard features,
     * {@link AccountFacts}), segment and
     * stage codes, and ids. An account that has churned by the day keeps no contract or plan facts:
     * its row is left missing.
     */
    private AccountBatch.Builder facts(PortfolioGenerator generator, LocalDate day, byte[] segment, byte[] stage) {
        FeatureColumns features = FeatureColumns.allocate(STANDARD, accounts);
        List<String> segmentNames = SEGMENTS.stream().map(Segment::name).toList();
        boolean[] churned = new boolean[accounts];
        List<Account> facts = new ArrayList<>(accounts);
        for (int i = 0; i < accounts; i++) {
            GeneratedAccount generated = generator.account(i);
            Optional<Account> current = generated.accountOn(day);
            Account account = current.orElse(generated.account());
            segment[i] = (byte) segmentNames.indexOf(account.segment().name());
            stage[i] = (byte) account.lifecycleStage().ordinal();
            churned[i] = current.isEmpty();
            facts.add(account);
        }
        AccountFacts.write(facts, day, features, 0);
        for (int i = 0; i < accounts; i++) {
            if (churned[i]) { // churned: no contract, no plan facts
                for (int k = 0; k < STANDARD.size(); k++) {
                    features.doubles(k)[i] = Double.NaN;
                    features.observations(k)[i] = 0;
                }
            }
        }
        return AccountBatch.builder(features).asOf(instant(day)).accountIds(ColumnarPlaybooks::id).segments(SEGMENTS, segment).stages(stage);
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
