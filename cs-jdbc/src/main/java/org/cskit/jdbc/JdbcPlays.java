package org.cskit.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.engine.EvaluationResult;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;

/**
 * The playbook engine on a database, in transactional mode: the engine keeps its state in a
 * {@link JdbcPlayStateStore} and delivers to a {@link PlayOutbox#sink()}, and each slice of the
 * nightly run, and each event, runs in one transaction ({@link CsJdbc#inTransaction}), so the
 * state changes and the plays they made commit together or not at all. A relay
 * ({@link PlayOutbox#startRelay}) then hands the plays to the host's sink at least once, under
 * their unique idempotency keys. Thread-safe.
 *
 * <pre>{@code
 * CsJdbc db = CsJdbc.builder().dataSource(pool).build();
 * db.migrate();
 * PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults());
 * JdbcPlays plays = JdbcPlays.of(db, outbox, PlaybookEngine.builder().schema(schema).playbooks(playbooks));
 * JdbcPlays.Night night = plays.evaluateNight(columns, 4_096, 2);   // the nightly run: slices of 4,096 rows on 2 threads
 * night.failures().forEach(f -> plays.evaluateSlice(columns, f.from(), f.to()));   // retry a failed slice
 * plays.onEvent(PlaybookInput.of(snapshot, vector).withEvent(event));        // an event: one transaction
 * try (PlayOutbox.Relay relay = outbox.startRelay(tasks::create)) { ... }     // the host's sink, at least once
 * }</pre>
 *
 * <p><b>What a transaction holds.</b> The reads of the slice's accounts, every compare-and-set the
 * engine makes (a new play is recorded offered, then open once the outbox took it), and the
 * outbox rows of the plays made, inserted just before the commit. If anything fails (the
 * database is unreachable, a statement is refused, the commit fails) the transaction rolls back:
 * the slice left no state change and no play, and is reported in {@link Night#failures()} to be
 * run again. A slice that a deadlock or a serialization failure rolled back (another engine
 * evaluated the same accounts at the same time) is run again after a short random pause, up to ten
 * times. Two engines that evaluate one account at once do not both make its play: the store
 * checks every row's version at the commit (see {@link JdbcPlayStateStore}), so the second
 * transaction rolls back and its evaluation, run again, finds the play made.
 *
 * <p>Within a transaction the engine's reads are one query per chunk of accounts and its writes
 * go to the table at the commit with the plays (on PostgreSQL one statement, or a {@code COPY} for
 * 1,000 or more new rows); keep slices to a few thousand rows so
 * that a slice that must run again loses little.
 */
public final class JdbcPlays {
    /** Attempts of a transaction that a conflict (or deadlock) rolled back, before it is reported. */
    private static final int ATTEMPTS = 10;

    private final CsJdbc db;
    private final PlaybookEngine engine;
    private final PlayOutbox outbox;
    private final java.util.concurrent.atomic.AtomicLong retried = new java.util.concurrent.atomic.AtomicLong();

    /** The default of {@link #of(CsJdbc, PlayOutbox, PlaybookEngine.Builder, int)}: event transactions in flight at once. */
    public static final int DEFAULT_EVENT_TRANSACTIONS = 4;

    private JdbcPlays(CsJdbc db, PlayOutbox outbox, PlaybookEngine engine, int eventTransactions) {
        this.db = db;
        this.outbox = outbox;
        this.engine = engine;
        this.events = new GroupCommit<>(eventTransactions, this::onEvents);
    }

    /**
     * Builds the engine on the database's play state store, delivering to the outbox.
     *
     * @param db the database
     * @param outbox the outbox; from the same {@link CsJdbc}, so that its plays join the transaction
     * @param engine the engine's configuration (schema, playbooks); its store and sink are set here
     * @return the runner
     * @throws org.cskit.model.ValidationException if the outbox belongs to another {@link CsJdbc}
     * @throws SchemaVersionException if the tables are missing or at another version
     */
    public static JdbcPlays of(CsJdbc db, PlayOutbox outbox, PlaybookEngine.Builder engine) {
        return of(db, outbox, engine, DEFAULT_EVENT_TRANSACTIONS);
    }

    /**
     * As {@link #of(CsJdbc, PlayOutbox, PlaybookEngine.Builder)}, with the number of event
     * transactions {@link #onEvent} keeps in flight at once. More lets more commits wait on the
     * database's log flush together (a durable commit waits for one, about 5 ms on this project's
     * machine); fewer puts more events in each transaction, which costs the database less per event.
     *
     * @param db the database
     * @param outbox the outbox; from the same {@link CsJdbc}
     * @param engine the engine's configuration (schema, playbooks); its store and sink are set here
     * @param eventTransactions event transactions in flight at once, at least 1 (default 4)
     * @return the runner
     * @throws org.cskit.model.ValidationException if the outbox belongs to another {@link CsJdbc}, or
     *     eventTransactions is below 1
     * @throws SchemaVersionException if the tables are missing or at another version
     */
    public static JdbcPlays of(CsJdbc db, PlayOutbox outbox, PlaybookEngine.Builder engine, int eventTransactions) {
        Validate.atLeast("eventTransactions", eventTransactions, 1);
        Validate.present("db", db);
        Validate.present("outbox", outbox);
        Validate.present("engine", engine);
        if (outbox.database() != db) {
            throw Validate.invalid("outbox", "outbox must come from the same CsJdbc (db.playOutbox(...)) so that its plays join "
                    + "db's transactions; it came from one with table prefix '" + outbox.database().tablePrefix() + "'");
        }
        return new JdbcPlays(db, outbox, engine.store(db.playStateStore()).sink(outbox.sink()).build(), eventTransactions);
    }

    /**
     * The engine, on the database's store and delivering to the outbox. Calls made on it directly
     * are not wrapped in a transaction (each store write and play is then durable on its own).
     *
     * @return the engine
     */
    public PlaybookEngine engine() {
        return engine;
    }

    /**
     * How many transactions were rolled back by a conflict with another transaction (or a
     * deadlock) and run again, since this runner was made: a measure of how often engines meet on
     * the same accounts.
     *
     * @return the count
     */
    public long retried() {
        return retried.get();
    }

    /**
     * The outbox the plays go to.
     *
     * @return the outbox
     */
    public PlayOutbox outbox() {
        return outbox;
    }

    /**
     * The event path: {@link PlaybookEngine#onEvent} in a transaction, durable when this returns.
     * Calls from threads that arrive together share one transaction (group commit, at most four
     * in flight unless {@link #of(CsJdbc, PlayOutbox, PlaybookEngine.Builder, int)} says otherwise): their accounts' states are read in one query, the events are evaluated one
     * after another, and the state changes and plays of all of them commit at once. If a shared
     * transaction fails, each call's event is run again on its own, so one event's failure is not
     * another's. Called inside {@link CsJdbc#inTransaction} of the same database, the event joins
     * that transaction instead (and is durable when it commits).
     *
     * @param input the account with its event
     * @return what the evaluation did, after the commit
     * @throws JdbcStoreException if the database failed; nothing of the event was kept (handle it again)
     */
    public EvaluationResult onEvent(PlaybookInput input) {
        Objects.requireNonNull(input, "input");
        if (db.current() != null) {
            // Inside the caller's own transaction: the event joins it, on this thread.
            return engine.onEvent(input);
        }
        return events.submit(input, "handling an event for account '" + input.snapshot().accountId().value() + "'");
    }

    /** Group commit of {@link #onEvent}: at most {@code eventTransactions} transactions in flight. */
    private final GroupCommit<PlaybookInput, EvaluationResult> events;

    /**
     * Several events in one transaction, in order: for a host that takes events in batches (a
     * message queue's poll), so that one durable commit covers them all. Each is
     * {@link PlaybookEngine#onEvent}; the results come after the commit, in the inputs' order.
     *
     * @param inputs the accounts with their events
     * @return what each evaluation did
     * @throws JdbcStoreException if the database failed; nothing of any of the events was kept
     */
    public List<EvaluationResult> onEvents(List<PlaybookInput> inputs) {
        List<PlaybookInput> all = List.copyOf(inputs);
        org.cskit.model.AccountId[] accounts = new org.cskit.model.AccountId[all.size()];
        for (int i = 0; i < accounts.length; i++) {
            accounts[i] = all.get(i).snapshot().accountId();
        }
        return retrying(() -> db.inTransaction(() -> {
            // The accounts' states in one query; the engine's reads then come from the transaction.
            engine.store().read(accounts, accounts.length, (i, playbook, state) -> { });
            List<EvaluationResult> results = new ArrayList<>(all.size());
            for (PlaybookInput input : all) {
                results.add(engine.onEvent(input));
            }
            return results;
        }));
    }

    /**
     * One account's full evaluation ({@link PlaybookEngine#evaluate(PlaybookInput)}) in one transaction.
     *
     * @param input the account
     * @return what the evaluation did, after the commit
     * @throws JdbcStoreException if the database failed; nothing of it was kept
     */
    public EvaluationResult evaluate(PlaybookInput input) {
        Objects.requireNonNull(input, "input");
        return retrying(() -> db.inTransaction(() -> engine.evaluate(input)));
    }

    /**
     * One slice, rows {@code [from, to)}, in one transaction.
     *
     * @param columns the portfolio
     * @param from the first row
     * @param to the row after the last
     * @return what the slice did, after the commit
     * @throws JdbcStoreException if the database failed; nothing of the slice was kept
     */
    public BatchResult evaluateSlice(AccountBatch columns, int from, int to) {
        Objects.requireNonNull(columns, "columns");
        return retrying(() -> db.inTransaction(() -> engine.evaluate(columns, from, to, outbox.sink())));
    }

    /**
     * The nightly run: the portfolio in slices of {@code sliceRows} rows, each in one transaction,
     * on {@code threads} threads. A failed slice does not stop the others; it is reported with its
     * rows and exception, and left as it was before the night.
     *
     * @param columns the portfolio
     * @param sliceRows rows per slice (and per transaction), at least 1
     * @param threads threads evaluating slices, at least 1
     * @return the committed slices' counts and the failed slices
     * @throws org.cskit.model.ValidationException if sliceRows or threads is below 1
     */
    public Night evaluateNight(AccountBatch columns, int sliceRows, int threads) {
        Objects.requireNonNull(columns, "columns");
        Validate.atLeast("sliceRows", sliceRows, 1);
        Validate.atLeast("threads", threads, 1);
        int slices = (columns.size() + sliceRows - 1) / sliceRows;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, slices)), r -> {
            Thread t = new Thread(r, "cskit-night");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<BatchResult>> results = new ArrayList<>(slices);
            for (int s = 0; s < slices; s++) {
                int from = s * sliceRows;
                int to = Math.min(columns.size(), from + sliceRows);
                results.add(pool.submit(() -> evaluateSlice(columns, from, to)));
            }
            BatchResult total = new BatchResult(0, 0, 0, 0, List.of());
            List<SliceFailure> failures = new ArrayList<>();
            for (int s = 0; s < slices; s++) {
                int from = s * sliceRows;
                int to = Math.min(columns.size(), from + sliceRows);
                try {
                    total = plus(total, results.get(s).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    failures.add(new SliceFailure(from, to, (RuntimeException) e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new JdbcStoreException("interrupted while waiting for the night's slices", e);
                }
            }
            return new Night(total, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    private static BatchResult plus(BatchResult a, BatchResult b) {
        List<BatchResult.Failure> failed = new ArrayList<>(a.failed());
        failed.addAll(b.failed());
        return new BatchResult(a.rows() + b.rows(), a.created() + b.created(), a.closed() + b.closed(),
                a.suppressed() + b.suppressed(), failed);
    }

    /** Runs again what a deadlock or serialization failure rolled back (SQLState 40P01, 40001). */
    private <T> T retrying(java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (JdbcStoreException e) {
                if (attempt >= ATTEMPTS || !transientFailure(e)) {
                    throw e;
                }
                retried.incrementAndGet();
                try {
                    // Back off a little, more each time, so that two engines on the same accounts stop meeting.
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 1 + 5 * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean transientFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * What a night did.
     *
     * @param committed the counts of the slices that committed
     * @param failures the slices that did not, each left as before the night
     */
    public record Night(BatchResult committed, List<SliceFailure> failures) {
        /** Checks and copies. */
        public Night {
            Validate.present("committed", committed);
            failures = List.copyOf(Validate.present("failures", failures));
        }
    }

    /**
     * A slice that failed and was rolled back: run {@link JdbcPlays#evaluateSlice(AccountBatch, int, int)}
     * on its rows again.
     *
     * @param from the first row
     * @param to the row after the last
     * @param cause why it failed
     */
    public record SliceFailure(int from, int to, RuntimeException cause) {}
}
