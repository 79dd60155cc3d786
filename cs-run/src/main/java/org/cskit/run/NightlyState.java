package org.cskit.run;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.cskit.model.Validate;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * What a portfolio's nightly runs remember from one night to the next: the play state of every
 * account (an {@link InMemoryPlayStateStore}), the portfolio it belongs to, the playbook set it was
 * made under and the night it was last advanced to. A {@link NightlyRun} refuses a state of another
 * portfolio or playbook set, or one from a later night, before it does any work.
 *
 * <p>A run advances the state in place (its store holds today's plays afterwards); {@link #save}
 * writes it for tomorrow's run in another JVM, {@link #restore} reads it back. Not for two runs at
 * once.
 *
 * <p><b>A state in the host's store.</b> {@link #on(String, PlayStateStore, Transactions)} keeps the
 * play state in a {@link PlayStateStore} of the host's, such as cs-jdbc's {@code JdbcPlayStateStore}
 * (which is durable by itself, so there is nothing to {@link #save}), and runs each slice's playbook
 * stage inside one of the host's transactions ({@code CsJdbc::inTransaction}): the slice's state
 * changes and the plays it hands to a sink that joins the transaction (cs-jdbc's outbox sink) commit
 * together or not at all. Such a state checks the portfolio, and the playbook set and night of the
 * runs made on this object; the store itself does not record them.
 *
 * <p><b>Format</b>, version {@value #FORMAT}, big-endian: the 8 bytes {@code CSKITNS1}; the format
 * version (int); the portfolio id (a short length and UTF-8 bytes); the as-of time of the night it
 * was advanced to (long epoch milliseconds, {@code Long.MIN_VALUE} for none); then the store's
 * snapshot as {@link InMemoryPlayStateStore#snapshot} writes it (with the playbook set and its
 * checksum).
 */
public final class NightlyState {
    /** The format version {@link #save} writes and {@link #restore} reads. */
    public static final int FORMAT = 1;

    private static final byte[] MAGIC = {'C', 'S', 'K', 'I', 'T', 'N', 'S', '1'};
    private static final long NONE = Long.MIN_VALUE;
    /** Runs a slice's playbook stage as it is, with no transaction around it. */
    private static final Transactions NONE_AROUND = NightlyState::withoutTransaction;

    private final String portfolio;
    private final PlayStateStore store;
    private final Transactions transactions;
    private Map<String, Integer> playbookSet; // null: no night run yet, any set is accepted
    private List<Playbook> playbooks;
    private Instant night; // null: none yet

    private NightlyState(String portfolio, PlayStateStore store, Transactions transactions, List<Playbook> playbooks, Instant night) {
        this.portfolio = portfolio;
        this.store = store;
        this.transactions = transactions;
        this.playbooks = playbooks;
        this.playbookSet = playbooks == null ? null : setOf(playbooks);
        this.night = night;
    }

    /**
     * The state before a portfolio's first night: no plays, any playbook set.
     *
     * @param portfolio the portfolio's id, as the host names it (a tenant, a book of business)
     * @return the empty state
     * @throws org.cskit.model.ValidationException if the id is blank or longer than 1,000 characters
     */
    public static NightlyState empty(String portfolio) {
        return new NightlyState(checkId(portfolio), new InMemoryPlayStateStore(), NONE_AROUND, null, null);
    }

    /**
     * A state kept in a store of the host's, each slice's playbook stage run on the calling thread
     * without a transaction (each store write is then on its own). For a store shared with the
     * engine that handles the day's events, so that nights and events see the same plays.
     *
     * @param portfolio the portfolio's id
     * @param store where the play state is kept
     * @return the state, as if no night had run on it yet (any playbook set is accepted)
     * @throws org.cskit.model.ValidationException if the id is blank or longer than 1,000 characters, or the store is null
     */
    public static NightlyState on(String portfolio, PlayStateStore store) {
        return on(portfolio, store, NONE_AROUND);
    }

    /**
     * A state kept in a store of the host's, each slice's playbook stage run inside
     * {@code transactions} (see the class comment): with cs-jdbc,
     * {@code NightlyState.on("acme", db.playStateStore(), db::inTransaction)} and the outbox's sink.
     *
     * @param portfolio the portfolio's id
     * @param store where the play state is kept
     * @param transactions runs a slice's playbook stage in one transaction, on the calling thread
     * @return the state, as if no night had run on it yet (any playbook set is accepted)
     * @throws org.cskit.model.ValidationException if the id is blank or longer than 1,000 characters, or the store
     *     or transactions is null
     */
    public static NightlyState on(String portfolio, PlayStateStore store, Transactions transactions) {
        return new NightlyState(checkId(portfolio), Validate.present("store", store), Validate.present("transactions", transactions),
                null, null);
    }

    private static <T> T withoutTransaction(Supplier<T> work) {
        return work.get();
    }

    /**
     * Runs work in one transaction of the host's, on the calling thread: committed when the work
     * returns, rolled back when it throws. {@code CsJdbc::inTransaction} is one.
     */
    @FunctionalInterface
    public interface Transactions {
        /**
         * Runs work in a transaction.
         *
         * @param work the work
         * @param <T> what it returns
         * @return what the work returned, after the commit
         */
        <T> T inTransaction(Supplier<T> work);
    }

    private static String checkId(String portfolio) {
        Validate.nonBlank("portfolio", portfolio);
        if (portfolio.length() > 1000) {
            throw Validate.invalid("portfolio", "portfolio id of " + portfolio.length() + " characters is longer than 1000: "
                    + Validate.quote(portfolio));
        }
        return portfolio;
    }

    /** @return the portfolio's id */
    public String portfolio() {
        return portfolio;
    }

    /**
     * The in-memory store of a state made by {@link #empty} or {@link #restore} (or given to {@link #on}).
     *
     * @return the play state store (today's after a run)
     * @throws IllegalStateException if the state is kept in another kind of store ({@link #playStateStore()} gives it)
     */
    public InMemoryPlayStateStore inMemoryStore() {
        if (store instanceof InMemoryPlayStateStore memory) {
            return memory;
        }
        throw new IllegalStateException("the state of portfolio '" + portfolio + "' is kept in a " + store.getClass().getSimpleName()
                + ", not in memory; playStateStore() gives it");
    }

    /** @return where the play state is kept, whatever its kind */
    public PlayStateStore playStateStore() {
        return store;
    }

    /** Runs a slice's playbook stage in the state's transactions. */
    <T> T inTransaction(Supplier<T> work) {
        return transactions.inTransaction(work);
    }

    /** @return the as-of time of the last night run on this state, if any */
    public Optional<Instant> night() {
        return Optional.ofNullable(night);
    }

    /** @return the playbook ids and versions of the last night's set, empty before the first night */
    public Map<String, Integer> playbookSet() {
        return playbookSet == null ? Map.of() : playbookSet;
    }

    /** Checks that a night as of {@code asOf} under {@code set} may run on this state; changes nothing. */
    void checkRun(String runPortfolio, Map<String, Integer> set, Instant asOf) {
        if (!portfolio.equals(runPortfolio)) {
            throw Validate.invalid("state.portfolio", "the state belongs to portfolio " + Validate.quote(portfolio) + ", but this run is for "
                    + Validate.quote(runPortfolio));
        }
        if (playbookSet != null && !playbookSet.equals(set)) {
            throw Validate.invalid("state.playbooks", "the state was made under another playbook set: " + differences(playbookSet, set)
                    + "; restore it with SetChanges.ACCEPT to adapt it to this set");
        }
        if (night != null && night.isAfter(asOf)) {
            throw Validate.invalid("state.night", "the state is from the night as of " + night + ", after this night's as-of time " + asOf);
        }
    }

    /** Records that a night ran. */
    void advance(List<Playbook> set, Map<String, Integer> ids, Instant asOf) {
        this.playbooks = set;
        this.playbookSet = ids;
        this.night = asOf;
    }

    static Map<String, Integer> setOf(List<Playbook> playbooks) {
        Map<String, Integer> set = new LinkedHashMap<>();
        for (Playbook p : playbooks) {
            set.put(p.id(), p.version());
        }
        return java.util.Collections.unmodifiableMap(set);
    }

    private static String differences(Map<String, Integer> was, Map<String, Integer> now) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : was.entrySet()) {
            Integer v = now.get(e.getKey());
            if (v == null) {
                b.append(b.length() == 0 ? "" : ", ").append("removed ").append(e.getKey());
            } else if (!v.equals(e.getValue())) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" version ").append(e.getValue()).append(" -> ").append(v);
            }
        }
        for (String id : now.keySet()) {
            if (!was.containsKey(id)) {
                b.append(b.length() == 0 ? "" : ", ").append("added ").append(id);
            }
        }
        return b.toString();
    }

    /**
     * Writes the state (and flushes, without closing the stream).
     *
     * @param out where to write
     * @throws UncheckedIOException if the stream fails
     * @throws IllegalStateException if the state is kept in a store that is not in memory (which keeps it itself)
     */
    public void save(OutputStream out) {
        Objects.requireNonNull(out, "out");
        if (!(store instanceof InMemoryPlayStateStore memory)) {
            throw new IllegalStateException("the state of portfolio '" + portfolio + "' is kept in a " + store.getClass().getSimpleName()
                    + ", which keeps it; only a state in memory is saved to a stream");
        }
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.write(MAGIC);
            data.writeInt(FORMAT);
            byte[] id = portfolio.getBytes(StandardCharsets.UTF_8);
            data.writeShort(id.length);
            data.write(id);
            data.writeLong(night == null ? NONE : night.toEpochMilli());
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the nightly state failed", e);
        }
        memory.snapshot(out, playbooks == null ? List.of() : playbooks);
    }

    /**
     * Reads a state written by {@link #save}, for a portfolio and a playbook set, refusing one of
     * another portfolio or set.
     *
     * @param in the saved state (read to its end, not closed)
     * @param portfolio the portfolio tonight's run is for
     * @param playbooks tonight's playbook set, in the engine's order
     * @return the state
     * @throws org.cskit.model.ValidationException if the stream is not a nightly state, is truncated or
     *     corrupt, of another format version, or of another portfolio or playbook set; nothing is restored
     * @throws UncheckedIOException if the stream fails
     */
    public static NightlyState restore(InputStream in, String portfolio, List<Playbook> playbooks) {
        return restore(in, portfolio, playbooks, InMemoryPlayStateStore.SetChanges.REJECT);
    }

    /**
     * Reads a state as {@link #restore(InputStream, String, List)} does, adapting it to a changed
     * playbook set with {@link InMemoryPlayStateStore.SetChanges#ACCEPT} (states of removed
     * playbooks are dropped, new ones start empty).
     *
     * @param in the saved state
     * @param portfolio the portfolio tonight's run is for
     * @param playbooks tonight's playbook set, in the engine's order
     * @param changes what to do if the set differs
     * @return the state, under tonight's set
     * @throws org.cskit.model.ValidationException as above (another set only with {@code REJECT})
     */
    public static NightlyState restore(InputStream in, String portfolio, List<Playbook> playbooks,
            InMemoryPlayStateStore.SetChanges changes) {
        Objects.requireNonNull(in, "in");
        checkId(portfolio);
        List<Playbook> set = List.copyOf(Validate.present("playbooks", playbooks));
        Objects.requireNonNull(changes, "changes");
        DataInputStream data = new DataInputStream(in);
        String saved;
        long night;
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw Validate.invalid("state", "not a cskit nightly state: it does not start with CSKITNS1");
            }
            int format = data.readInt();
            if (format != FORMAT) {
                throw Validate.invalid("state.format", "nightly state format version " + format + ", but this cskit reads version " + FORMAT);
            }
            byte[] id = new byte[data.readUnsignedShort()];
            data.readFully(id);
            saved = new String(id, StandardCharsets.UTF_8);
            night = data.readLong();
        } catch (EOFException e) {
            throw Validate.invalid("state", "the nightly state ends too early: it is truncated");
        } catch (IOException e) {
            throw new UncheckedIOException("reading the nightly state failed", e);
        }
        if (!saved.equals(portfolio)) {
            throw Validate.invalid("state.portfolio", "the state belongs to portfolio " + Validate.quote(saved) + ", but this run is for "
                    + Validate.quote(portfolio));
        }
        // A state no night has run on yet was made under no set: any set may start on it.
        InMemoryPlayStateStore.Restored restored = InMemoryPlayStateStore.restore(in, set,
                night == NONE ? InMemoryPlayStateStore.SetChanges.ACCEPT : changes);
        return new NightlyState(portfolio, restored.store(), NONE_AROUND, set, night == NONE ? null : Instant.ofEpochMilli(night));
    }

    @Override
    public String toString() {
        return "NightlyState[" + portfolio + ", " + (store instanceof InMemoryPlayStateStore m ? m.size() + " play states"
                : "in a " + store.getClass().getSimpleName()) + ", night " + night + ", playbooks " + playbookSet() + "]";
    }
}
