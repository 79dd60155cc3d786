package org.cskit.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.cskit.model.FeatureSchema;
import org.cskit.model.ManualOverride;
import org.cskit.model.Segment;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumn;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.event.AccountEvent;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * The nightly job as one call: for every account of a portfolio, derive the features from its
 * signals, score, run the playbooks against yesterday's play state, hand new plays to the host's
 * sink and keep today's state for tomorrow.
 *
 * <pre>{@code
 * NightlyRun night = NightlyRun.builder().portfolio("acme").deriver(deriver).strategy(scorecard)
 *         .playbooks(playbooks).sliceSize(65_536).progress((done, total, elapsed) -> bar.show(done, total))
 *         .build();
 * NightlyState state = NightlyState.restore(in, "acme", playbooks);           // yesterday's
 * NightlyReport report = night.run(facts, SignalSource.of(signals), history, state, tasks::create, today);
 * state.save(out);                                                            // today's, for tomorrow
 * }</pre>
 *
 * <p><b>Inputs.</b> An {@link AccountBatch} of the facts that are not signals, one row per account:
 * ids, segments, lifecycle stages, the as-of time, yesterday's vectors as its
 * {@linkplain AccountBatch#previousVectors() previous vectors}, and as its features the contract and
 * plan facts (any feature the deriver does not derive); the portfolio's signals as a
 * {@link SignalSource} with as many rows; the score history velocity is read from (or
 * {@link ScoreHistoryColumns#empty}); yesterday's {@link NightlyState}; the sink; and the
 * {@link VectorColumns} today's vectors are written to. The features the scorecard and the playbooks
 * read are the batch's facts followed by the deriver's features, in that order.
 *
 * <p><b>A portfolio read and written a slice at a time.</b> The facts may come a slice at a time too,
 * from an {@link AccountSource} (a query per range of accounts), and today's vectors may go a slice
 * at a time to a {@link VectorSink} (a write to the host's score history):
 * {@code night.run(AccountSource.of(n, facts::read), signals, history, state, tasks::create, VectorSink.of(bands, scores::write))}.
 * The heap the run needs is then the threads' slices and the play state, whatever the number of
 * accounts; held whole, yesterday's vectors cost 10 bytes an account, the facts 4 bytes a fact, today's
 * vectors 27 to 35.
 *
 * <p><b>Slices.</b> The portfolio is worked through {@link Builder#sliceSize slice} by slice on
 * {@link Builder#threads} threads: each thread holds one slice's derived feature, vector and history
 * columns (about {@code sliceSize × (12 × derived features + 60)} bytes) and reuses them, so the heap the
 * run adds is that and the state, whatever the number of accounts. A slice's facts, codes and
 * yesterday's vectors are read where the host holds them when the slice's batch is its own arrays
 * (offset 0 and as many rows as a slice: {@code sliceSize}, or the accounts if fewer; as a source
 * reading into per-slice buffers gives them, or a last, shorter slice viewed from such a batch); a slice that is a view into a larger batch (such as
 * {@link AccountSource#of(AccountBatch)}'s) is copied into the thread's arrays first (12 bytes a fact
 * and row more). One state
 * covers the whole portfolio: a play open in one slice tonight is still open tomorrow, wherever
 * its account falls.
 *
 * <p><b>Overrides, events, enrolments.</b> What the batch carries for some rows goes with those rows
 * into their slice: a manual score override is applied by scoring while it is active (as
 * {@link AccountBatch.Builder#override} says), an event starts the playbooks with its event trigger
 * for that account tonight, and a manual enrolment starts that playbook for that account. The engine
 * reads enrolments only for the run's playbooks (as it does for any batch), so an enrolment in a
 * playbook not in the set makes nothing.
 *
 * <p><b>Bad input</b> is refused before any work, with nothing delivered, written or recorded: a
 * state of another portfolio or playbook set, or from a later night; signals and batch disagreeing on
 * the number of accounts; a batch that already carries vectors; a fact that the deriver also derives;
 * history or today's vectors of another length, or today's vectors without a computed-score column
 * for a batch with manual overrides. What an {@link AccountSource} gives is checked before any work
 * as far as its first slice tells (a later slice of another as-of time, facts, segments or columns of
 * yesterday's vectors is refused when the run reaches it). A slice that fails while the run works (its
 * signals or facts cannot be read, today's vectors cannot be handed over, or an observation is after
 * the as-of time where the source could not check that beforehand) stops the run with that exception; plays already delivered stay recorded in
 * the state, so a re-run of the night makes no duplicates.
 *
 * <p>Immutable and thread-safe; one run at a time per state.
 */
public final class NightlyRun {
    /** The default slice: 65,536 accounts. */
    public static final int DEFAULT_SLICE = 1 << 16;

    private final String portfolio;
    private final FeatureDeriver deriver;
    private final ScoringStrategy strategy;
    private final List<Playbook> playbooks;
    private final Map<String, Integer> playbookSet;
    private final int sliceSize;
    private final int threads;
    private final Progress progress;
    private final EngineListener listener;

    private NightlyRun(Builder b) {
        this.portfolio = b.portfolio;
        this.deriver = b.deriver;
        this.strategy = b.strategy;
        this.playbooks = b.playbooks;
        this.playbookSet = NightlyState.setOf(b.playbooks);
        this.sliceSize = b.sliceSize;
        this.threads = b.threads;
        this.progress = b.progress;
        this.listener = b.listener;
    }

    /**
     * Starts a run's configuration.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the portfolio this run is for */
    public String portfolio() {
        return portfolio;
    }

    /** @return the playbooks, in the engine's order */
    public List<Playbook> playbooks() {
        return playbooks;
    }

    /** @return the slice size */
    public int sliceSize() {
        return sliceSize;
    }

    /**
     * The features the scorecard and the playbooks see for a batch of facts: its features, then the
     * deriver's.
     *
     * @param facts the schema of the facts' batch
     * @return the schema
     * @throws org.cskit.model.ValidationException if a fact is also a derived feature
     */
    public FeatureSchema schema(FeatureSchema facts) {
        List<String> names = new ArrayList<>(facts.names());
        for (String name : deriver.schema().names()) {
            if (facts.indexOf(name) >= 0) {
                throw Validate.invalid("accounts.features", "feature '" + name + "' is both a fact of the account batch and derived from the "
                        + "signals; give it one way");
            }
            names.add(name);
        }
        return FeatureSchema.of(names);
    }

    /**
     * Runs one night over a portfolio held whole: the account facts as one batch, today's vectors
     * written into columns of the whole portfolio. The same as
     * {@link #run(AccountSource, SignalSource, ScoreHistoryColumns, NightlyState, ActionSink, VectorSink)}
     * with {@link AccountSource#of(AccountBatch)} and {@link VectorSink#into}, after checking the
     * batch and today's columns as a whole.
     *
     * @param accounts the account facts (see above), as of tonight, with yesterday's vectors as previous vectors
     * @param signals the portfolio's signals, one row per account of {@code accounts}
     * @param history earlier nights' scores, one row per account ({@link ScoreHistoryColumns#empty} for none)
     * @param state yesterday's state, advanced to tonight's in place
     * @param sink where plays go; called from the run's threads
     * @param today where today's vectors go, one row per account, with velocity and coverage columns; a
     *     computed-score column is needed only when the batch carries manual overrides, a band-held
     *     column is written when present ({@link VectorColumns#allocate} makes both: 9 bytes an account)
     * @return what the run did
     * @throws org.cskit.model.ValidationException for bad input, before any work (see above)
     */
    public NightlyReport run(AccountBatch accounts, SignalSource signals, ScoreHistoryColumns history, NightlyState state,
            ActionSink sink, VectorColumns today) {
        Validate.present("accounts", accounts);
        Validate.present("today", today);
        int n = accounts.size();
        if (today.rows() != n) {
            throw Validate.invalid("today", "today's vectors have " + today.rows() + " rows, but the account batch has " + n);
        }
        VectorSink into = VectorSink.into(today);
        if (accounts.hasOverrides() && today.computedScores() == null) {
            throw Validate.invalid("today", "the account batch carries manual overrides, so today's vectors need a computed-score column "
                    + "for the scores the overrides replace (VectorColumns.allocate makes one)");
        }
        return run(AccountSource.of(accounts), signals, history, state, sink, into);
    }

    /**
     * Runs one night, reading the account facts and handing today's vectors over a slice at a time:
     * the heap the run needs then follows the slice, not the portfolio (the play state apart). Once
     * every slice is done, the state's {@link InMemoryPlayStateStore} gives back the room its buckets
     * kept to grow during the night ({@link InMemoryPlayStateStore#trim}), in the playbooks stage's time.
     *
     * @param accounts the account facts a slice at a time (see {@link AccountSource}), as of tonight, with
     *     yesterday's vectors as previous vectors
     * @param signals the portfolio's signals, one row per account of {@code accounts}
     * @param history earlier nights' scores, one row per account ({@link ScoreHistoryColumns#empty} for none)
     * @param state yesterday's state, advanced to tonight's in place
     * @param sink where plays go; called from the run's threads
     * @param today where each slice's vectors go once it is scored, before its playbooks run; called from the
     *     run's threads
     * @return what the run did
     * @throws org.cskit.model.ValidationException for bad input: before any work as far as the first slice of
     *     facts tells (see above); a later slice of another shape stops the run
     */
    public NightlyReport run(AccountSource accounts, SignalSource signals, ScoreHistoryColumns history, NightlyState state,
            ActionSink sink, VectorSink today) {
        long start = System.nanoTime();
        Validate.present("accounts", accounts);
        Validate.present("signals", signals);
        Validate.present("history", history);
        Validate.present("state", state);
        Validate.present("sink", sink);
        Validate.present("today", today);
        int n = accounts.rows();
        if (signals.rows() != n) {
            throw Validate.invalid("signals", "the signals have " + signals.rows() + " rows, but the account batch has " + n
                    + "; give one row per account to both");
        }
        if (history.rows() != n) {
            throw Validate.invalid("history", "the history has " + history.rows() + " rows, but the account batch has " + n);
        }
        int firstRows = Math.min(sliceSize, n);
        AccountBatch shape = accounts.slice(0, firstRows);
        checkSlice(shape, null, 0, firstRows);
        for (int p = 0; p < history.points(); p++) {
            if (!history.time(p).isBefore(shape.asOf())) {
                throw Validate.invalid("history[" + p + "].at", "history[" + p + "] at " + history.time(p)
                        + " is not before the batch's as-of time " + shape.asOf());
            }
        }
        FeatureSchema schema = schema(shape.schema());
        state.checkRun(portfolio, playbookSet, shape.asOf());
        signals.check(shape.asOf());
        List<String> bands = today.bandLabels();
        Shared shared = new Shared(playbooks.size(), sink);
        // The run counts the engine's reports (suppressed per playbook and reason); the host's listener hears them too.
        EngineListener hear = listener == null ? shared : report -> {
            shared.evaluated(report);
            listener.evaluated(report);
        };
        PlaybookEngine engine = PlaybookEngine.builder().schema(schema).playbooks(playbooks).store(state.playStateStore())
                .bandLabels(bands).segmentNames(shape.segments().stream().map(Segment::name).toList()).listener(hear).build();

        int slices = n == 0 ? 0 : (int) ((n + (long) sliceSize - 1) / sliceSize);
        int workers = Math.max(1, Math.min(threads, slices));
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<AccountBatch> first = new AtomicReference<>(shape);
        Runnable work = () -> {
            Worker w = new Worker(shape, history, firstRows, bands);
            for (int s; !stop.get() && (s = next.getAndIncrement()) < slices;) {
                int from = s * sliceSize;
                int to = (int) Math.min(n, (long) from + sliceSize);
                try {
                    w.slice(from, to, s == 0 ? first.getAndSet(null) : null, accounts, signals, engine, state, shared, today);
                } catch (RuntimeException | Error e) {
                    stop.set(true);
                    throw e;
                } catch (Exception e) {
                    stop.set(true);
                    throw new IllegalStateException("today's vectors of accounts [" + from + ", " + to + ") could not be handed over: "
                            + e.getMessage(), e);
                }
                shared.progress(to - from, n, start, progress);
            }
        };
        if (workers == 1) {
            work.run();
        } else {
            runOnThreads(work, workers, stop);
        }
        if (state.playStateStore() instanceof InMemoryPlayStateStore memory) {
            Clock clock = new Clock(shared); // the room the store's buckets kept to grow is given back, in the playbooks stage's time
            memory.trim();
            clock.lap(4); // the playbooks stage
        }
        state.advance(playbooks, playbookSet, shape.asOf());
        List<NightlyReport.PlaybookCounts> per = new ArrayList<>(playbooks.size());
        for (int p = 0; p < playbooks.size(); p++) {
            per.add(new NightlyReport.PlaybookCounts(playbooks.get(p).id(), shared.created.get(p), shared.reminders.get(p),
                    shared.closed.get(p), shared.suppressed(p)));
        }
        synchronized (shared) {
            return new NightlyReport(shared.rows, slices, shared.createdTotal, shared.closedTotal, shared.suppressed, per, shared.failed,
                    shared.failures, stages(shared.elapsed), stages(shared.cpu), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static NightlyReport.Stages stages(AtomicLongArray nanos) {
        return new NightlyReport.Stages(Duration.ofNanos(nanos.get(0)), Duration.ofNanos(nanos.get(1)), Duration.ofNanos(nanos.get(2)),
                Duration.ofNanos(nanos.get(3)), Duration.ofNanos(nanos.get(4)));
    }

    private static void runOnThreads(Runnable work, int workers, AtomicBoolean stop) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cskit-nightly-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(workers);
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(work));
            }
            Throwable first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                } catch (InterruptedException e) {
                    stop.set(true);
                    Thread.currentThread().interrupt();
                    first = first == null ? e : first;
                }
            }
            if (first instanceof RuntimeException) {
                throw (RuntimeException) first;
            }
            if (first instanceof Error) {
                throw (Error) first;
            }
            if (first != null) {
                throw new IllegalStateException("the nightly run was interrupted", first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * What the threads add up, the sink that counts plays per playbook, and the engine's listener
     * that counts suppressed firings per playbook and reason.
     */
    private static final class Shared implements ActionSink, EngineListener {
        private static final EvaluationReport.Suppression[] REASONS = EvaluationReport.Suppression.values();
        final AtomicLongArray created;
        final AtomicLongArray reminders;
        final AtomicLongArray closed;
        /** Per playbook and reason, at {@code playbook * REASONS.length + reason.ordinal()}. */
        final AtomicLongArray suppressedBy;
        /** Per stage (signals, facts, derive, score, playbooks): elapsed and CPU nanoseconds, summed over the threads. */
        final AtomicLongArray elapsed = new AtomicLongArray(STAGES);
        final AtomicLongArray cpu = new AtomicLongArray(STAGES);
        private final ActionSink sink;
        long rows;
        long createdTotal;
        long closedTotal;
        long suppressed;
        long failed;
        final List<BatchResult.Failure> failures = new ArrayList<>();
        private long done;

        Shared(int playbooks, ActionSink sink) {
            this.created = new AtomicLongArray(playbooks);
            this.reminders = new AtomicLongArray(playbooks);
            this.closed = new AtomicLongArray(playbooks);
            this.suppressedBy = new AtomicLongArray(playbooks * REASONS.length);
            this.sink = sink;
        }

        /** Hears the engine once per slice: adds up the suppressed firings by playbook and reason. */
        @Override
        public void evaluated(EvaluationReport report) {
            report.forEachCount((playbook, outcome, reason, count) -> {
                if (outcome == EvaluationReport.Outcome.SUPPRESSED) {
                    suppressedBy.addAndGet(playbook * REASONS.length + reason.ordinal(), count);
                }
            });
        }

        /** One playbook's suppressed firings by reason, the reasons that occurred only. */
        Map<EvaluationReport.Suppression, Long> suppressed(int playbook) {
            Map<EvaluationReport.Suppression, Long> by = new EnumMap<>(EvaluationReport.Suppression.class);
            for (EvaluationReport.Suppression reason : REASONS) {
                long count = suppressedBy.get(playbook * REASONS.length + reason.ordinal());
                if (count != 0) {
                    by.put(reason, count);
                }
            }
            return by;
        }

        @Override
        public void deliver(PlayHandle play) throws Exception {
            sink.deliver(play);
            created.incrementAndGet(play.playbookIndex());
            if (play.reminder()) {
                reminders.incrementAndGet(play.playbookIndex());
            }
        }

        @Override
        public void closed(PlayHandle play) throws Exception {
            sink.closed(play);
            closed.incrementAndGet(play.playbookIndex());
        }

        synchronized void add(BatchResult r, int from) {
            rows += r.rows();
            createdTotal += r.created();
            closedTotal += r.closed();
            suppressed += r.suppressed();
            failed += r.failed().size();
            for (BatchResult.Failure f : r.failed()) {
                if (failures.size() < NightlyReport.MAX_FAILURES) {
                    failures.add(new BatchResult.Failure(from + f.row(), f.playbookId(), f.message()));
                }
            }
        }

        /** Reports progress, one call at a time, with the accounts done so far. */
        synchronized void progress(int rows, int total, long start, Progress progress) {
            done += rows;
            if (progress != null) {
                progress.onSlice(done, total, Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }

    /**
     * Checks a slice of the account source: {@code to - from} rows, no vectors of today, and (for a
     * slice after the first) the first slice's as-of time, facts, segments and yesterday's vector columns.
     */
    private static void checkSlice(AccountBatch slice, AccountBatch shape, int from, int to) {
        String which = "accounts[" + from + ", " + to + ")";
        if (slice == null || slice.size() != to - from) {
            throw Validate.invalid(which, "the account source's slice [" + from + ", " + to + ") has "
                    + (slice == null ? "no batch" : slice.size() + " rows") + ", but must have " + (to - from));
        }
        if (slice.vectors() != null) {
            throw Validate.invalid(which + ".vectors", "the account batch already has vectors; the run writes today's into 'today': "
                    + "give yesterday's as the batch's previous vectors");
        }
        if (shape == null) {
            return;
        }
        if (!slice.asOf().equals(shape.asOf())) {
            throw Validate.invalid(which + ".asOf", "the slice is as of " + slice.asOf() + ", but the first slice as of " + shape.asOf()
                    + "; give one as-of time to the whole night");
        }
        if (!slice.schema().names().equals(shape.schema().names())) {
            throw Validate.invalid(which + ".features", "the slice has facts " + slice.schema().names() + ", but the first slice "
                    + shape.schema().names() + "; give every slice the same facts");
        }
        if (!slice.segments().equals(shape.segments())) {
            throw Validate.invalid(which + ".segments", "the slice has segments " + slice.segments() + ", but the first slice "
                    + shape.segments() + "; give every slice the same segments");
        }
        String before = previousShape(slice.previousVectors());
        if (!before.equals(previousShape(shape.previousVectors()))) {
            throw Validate.invalid(which + ".previousVectors", "the slice has " + before + ", but the first slice "
                    + previousShape(shape.previousVectors()) + "; give every slice the same columns of yesterday's vectors");
        }
    }

    private static String previousShape(VectorColumns v) {
        return v == null ? "no previous vectors" : "previous vectors with bands " + v.bandLabels() + (v.velocities() == null ? "" : ", velocity")
                + (v.coverages() == null ? "" : ", coverage");
    }

    /**
     * One thread's slice columns, reused from slice to slice: the deriver's features, today's vectors and the
     * history. A slice's facts, codes and yesterday's vectors are read in place when they are the slice's own
     * arrays (row 0 is the slice's first account and the arrays are a slice long, as a host's per-slice buffers
     * or a store's slice-sized blocks are), and otherwise (a view into a larger batch) copied into this thread's
     * arrays first.
     */
    private final class Worker {
        private final AccountBatch shape; // the first slice: every slice has its as-of time, facts, segments and previous columns
        private final int rows;
        private final FeatureColumns derived;
        private final VectorColumns today;
        private final ScoreHistoryColumns history;
        private final ScoreHistoryColumns sourceHistory;
        private final double[][] historyScores;
        private Copies copies; // made when a slice is not its own arrays

        Worker(AccountBatch shape, ScoreHistoryColumns source, int rows, List<String> bands) {
            this.shape = shape;
            this.rows = rows;
            this.derived = FeatureColumns.allocate(deriver.schema(), rows);
            this.today = VectorColumns.allocate(rows, bands);
            this.sourceHistory = source;
            this.historyScores = new double[source.points()][rows];
            ScoreHistoryColumns.Builder h = ScoreHistoryColumns.builder(rows);
            for (int p = 0; p < source.points(); p++) {
                Arrays.fill(historyScores[p], Double.NaN);
                h.point(source.time(p), historyScores[p]);
            }
            this.history = h.build();
        }

        /**
         * One slice: its facts ({@code given}, or read from the source), signals, features, vectors
         * (handed to {@code out}) and plays.
         */
        void slice(int from, int to, AccountBatch given, AccountSource source, SignalSource signalSource, PlaybookEngine engine,
                NightlyState state, Shared shared, VectorSink out) throws Exception {
            int n = to - from;
            Clock clock = new Clock(shared);
            SignalColumns signals = signalSource.slice(from, to);
            if (signals == null || signals.rows() != n) {
                throw Validate.invalid("signals", "the signal source's slice [" + from + ", " + to + ") has "
                        + (signals == null ? "no columns" : signals.rows() + " rows") + ", but must have " + n);
            }
            clock.lap(0);
            AccountBatch accounts = given;
            if (accounts == null) {
                accounts = source.slice(from, to);
                checkSlice(accounts, shape, from, to);
            }
            AccountBatch.Builder b;
            if (accounts.offset() == 0 && accounts.features().rows() == rows) {
                b = AccountBatch.builder(FeatureColumns.concat(accounts.features(), derived)).segments(accounts.segments(),
                        accounts.segmentCodes());
                if (accounts.stageCodes() != null) {
                    b.stages(accounts.stageCodes());
                }
                if (accounts.previousVectors() != null) {
                    b.previousVectors(accounts.previousVectors());
                }
            } else {
                if (copies == null) {
                    copies = new Copies(shape, rows);
                }
                b = copies.copy(accounts, n);
            }
            if (accounts.stageCodes() == null) {
                b.stage(accounts.fixedStage());
            }
            copyHistory(from, n);
            clock.lap(1);
            deriver.derive(signals, accounts.asOf(), derived, 0);
            clock.lap(2);
            AccountBatch slice = accounts;
            b.asOf(accounts.asOf()).accountIds(slice::accountId);
            carry(b, accounts, n);
            AccountBatch unscored = b.build().slice(0, n);
            strategy.scoreAll(unscored, history, today);
            out.accept(from, n, today);
            clock.lap(3);
            AccountBatch scored = b.vectors(today).build().slice(0, n);
            // In the state's transaction (cs-jdbc's): the slice's state changes and plays commit together.
            BatchResult result = state.inTransaction(() -> engine.evaluate(scored, shared));
            clock.lap(4);
            shared.add(result, from);
        }

        /**
         * The slice's manual overrides, events and enrolments, into its batch at the slice's rows. An
         * enrolment is carried for each playbook of the run (the engine asks a batch about no other).
         */
        private void carry(AccountBatch.Builder b, AccountBatch accounts, int n) {
            if (accounts.hasOverrides()) {
                for (int r = 0; r < n; r++) {
                    ManualOverride o = accounts.override(r);
                    if (o != null) {
                        b.override(r, o);
                    }
                }
            }
            if (accounts.hasEvents()) {
                for (int r = 0; r < n; r++) {
                    AccountEvent e = accounts.event(r);
                    if (e != null) {
                        b.event(r, e);
                    }
                }
            }
            if (accounts.hasEnrolments()) {
                for (int r = 0; r < n; r++) {
                    for (Playbook p : playbooks) {
                        if (accounts.enrolled(r, p.id())) {
                            b.enrol(r, p.id());
                        }
                    }
                }
            }
        }

        /** The slice's rows of the score history into this thread's columns. */
        private void copyHistory(int from, int n) {
            for (int p = 0; p < historyScores.length; p++) {
                double[] doubles = sourceHistory.scores(p);
                if (doubles != null) {
                    System.arraycopy(doubles, from, historyScores[p], 0, n);
                } else {
                    char[] codes = sourceHistory.codes(p);
                    for (int r = 0; r < n; r++) {
                        historyScores[p][r] = ScoreHistoryColumns.decode(codes[from + r]);
                    }
                }
            }
        }

        /** This thread's arrays for the facts, codes and yesterday's vectors of slices that are views into a larger batch. */
        private final class Copies {
            private final int facts;
            private final FeatureColumns features;
            private final VectorColumns previous; // null: no previous vectors
            private final byte[] segments;
            private final byte[] stages;

            Copies(AccountBatch shape, int rows) {
                this.facts = shape.schema().size();
                this.features = FeatureColumns.concat(FeatureColumns.allocate(shape.schema(), rows), derived);
                VectorColumns before = shape.previousVectors();
                if (before == null) {
                    this.previous = null;
                } else {
                    VectorColumns.Builder b = VectorColumns.builder(rows).bands(before.bandLabels()).scores(nan(rows))
                            .bandCodes(minusOne(rows)).directionCodes(minusOne(rows));
                    if (before.velocities() != null) {
                        b.velocities(nan(rows));
                    }
                    if (before.coverages() != null) {
                        b.coverages(nan(rows));
                    }
                    this.previous = b.build();
                }
                this.segments = new byte[rows];
                this.stages = new byte[rows];
            }

            /** The slice's facts, codes and previous vectors into these arrays; a batch builder over them. */
            AccountBatch.Builder copy(AccountBatch accounts, int n) {
                FeatureColumns in = accounts.features();
                int at = accounts.offset();
                for (int f = 0; f < facts; f++) {
                    double[] values = features.doubles(f);
                    int[] counts = features.observations(f);
                    FeatureColumn column = in.column(f);
                    if (column == null) {
                        Arrays.fill(values, 0, n, Double.NaN);
                        Arrays.fill(counts, 0, n, 0);
                        continue;
                    }
                    column.read(at, n, values);
                    int[] given = in.observations(f);
                    if (given != null) {
                        System.arraycopy(given, at, counts, 0, n);
                    } else {
                        for (int r = 0; r < n; r++) {
                            counts[r] = Double.isNaN(values[r]) ? 0 : 1;
                        }
                    }
                }
                if (accounts.segmentCodes() != null) {
                    System.arraycopy(accounts.segmentCodes(), at, segments, 0, n);
                } else {
                    Arrays.fill(segments, 0, n, (byte) 0);
                }
                AccountBatch.Builder b = AccountBatch.builder(features).segments(accounts.segments(), segments);
                if (accounts.stageCodes() != null) {
                    System.arraycopy(accounts.stageCodes(), at, stages, 0, n);
                    b.stages(stages);
                }
                VectorColumns before = accounts.previousVectors();
                if (previous != null) {
                    System.arraycopy(before.scores(), at, previous.scores(), 0, n);
                    System.arraycopy(before.bandCodes(), at, previous.bandCodes(), 0, n);
                    System.arraycopy(before.directionCodes(), at, previous.directionCodes(), 0, n);
                    if (before.velocities() != null) {
                        System.arraycopy(before.velocities(), at, previous.velocities(), 0, n);
                    }
                    if (before.coverages() != null) {
                        System.arraycopy(before.coverages(), at, previous.coverages(), 0, n);
                    }
                    b.previousVectors(previous);
                }
                return b;
            }
        }
    }

    /** The stages, in the order {@link NightlyReport.Stages} lists them. */
    private static final int STAGES = 5;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Times one thread's stages of a slice, elapsed and on the processor, into the shared sums. */
    private static final class Clock {
        private final Shared shared;
        private final boolean cpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
        private long wall = System.nanoTime();
        private long used;

        Clock(Shared shared) {
            this.shared = shared;
            this.used = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
        }

        void lap(int stage) {
            long now = System.nanoTime();
            shared.elapsed.addAndGet(stage, now - wall);
            wall = now;
            if (cpu) {
                long u = THREADS.getCurrentThreadCpuTime();
                shared.cpu.addAndGet(stage, u - used);
                used = u;
            }
        }
    }

    private static double[] nan(int rows) {
        double[] a = new double[rows];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static byte[] minusOne(int rows) {
        byte[] a = new byte[rows];
        Arrays.fill(a, (byte) -1);
        return a;
    }

    /** Hears how far a run has got; called once per slice, one call at a time, from the run's threads. */
    @FunctionalInterface
    public interface Progress {
        /**
         * A slice is done.
         *
         * @param done accounts done so far
         * @param total accounts in the portfolio
         * @param elapsed time since the run started
         */
        void onSlice(long done, long total, Duration elapsed);
    }

    /** Configures a {@link NightlyRun}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private String portfolio;
        private FeatureDeriver deriver;
        private ScoringStrategy strategy;
        private List<Playbook> playbooks;
        private int sliceSize = DEFAULT_SLICE;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Progress progress;
        private EngineListener listener;

        private Builder() {}

        /**
         * The portfolio the run is for; a state of another is refused. Required.
         *
         * @param id the portfolio's id, as {@link NightlyState#empty} was given it
         * @return this builder
         */
        public Builder portfolio(String id) {
            this.portfolio = Validate.nonBlank("portfolio", id);
            return this;
        }

        /**
         * How the signals become features. Required.
         *
         * @param deriver the deriver
         * @return this builder
         */
        public Builder deriver(FeatureDeriver deriver) {
            this.deriver = Validate.present("deriver", deriver);
            return this;
        }

        /**
         * How features become vectors. Required.
         *
         * @param strategy the scoring strategy
         * @return this builder
         */
        public Builder strategy(ScoringStrategy strategy) {
            this.strategy = Validate.present("strategy", strategy);
            return this;
        }

        /**
         * The playbooks, compiled once per run against the facts' and the deriver's features.
         * Required (may be empty).
         *
         * @param playbooks the set, in priority order
         * @return this builder
         */
        public Builder playbooks(List<Playbook> playbooks) {
            this.playbooks = List.copyOf(Validate.present("playbooks", playbooks));
            return this;
        }

        /**
         * How many accounts a thread works on at once (default {@value NightlyRun#DEFAULT_SLICE}):
         * larger slices cost heap, smaller ones more per-slice overhead.
         *
         * @param accounts at least 1
         * @return this builder
         * @throws org.cskit.model.ValidationException if below 1
         */
        public Builder sliceSize(int accounts) {
            this.sliceSize = Validate.atLeast("sliceSize", accounts, 1);
            return this;
        }

        /**
         * How many threads work on slices (default: the available processors).
         *
         * @param threads at least 1
         * @return this builder
         * @throws org.cskit.model.ValidationException if below 1
         */
        public Builder threads(int threads) {
            this.threads = Validate.atLeast("threads", threads, 1);
            return this;
        }

        /**
         * Who hears of each slice done. Optional.
         *
         * @param progress the callback
         * @return this builder
         */
        public Builder progress(Progress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Who hears the engine's report of each slice (plays made, closed, failed and suppressed per
         * playbook and reason, rows and time), as {@link PlaybookEngine.Builder#listener} says; called
         * from the run's threads. Optional.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Builds the run.
         *
         * @return the run
         * @throws org.cskit.model.ValidationException naming a required part not given
         */
        public NightlyRun build() {
            Validate.present("portfolio", portfolio);
            Validate.present("deriver", deriver);
            Validate.present("strategy", strategy);
            Validate.present("playbooks", playbooks);
            return new NightlyRun(this);
        }
    }
}
