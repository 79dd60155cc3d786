package org.cskit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.cskit.model.ValidationException;

/**
 * cskit's tables in the host's database: where the score history and the play outbox live. It
 * holds the host's {@link DataSource} (cs-jdbc has no connection pool of its own: give it the
 * host's pool), the table prefix and the dialect, which it reads from the database the first
 * time it needs it. Immutable and thread-safe; create one per database and prefix.
 *
 * <pre>{@code
 * CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("cskit_").build();
 * db.migrate();                                   // or run the migration files with Flyway
 * JdbcScoreHistory history = db.scoreHistory();   // checks the schema version first
 * PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults());
 * JdbcPlayStateStore states = db.playStateStore();
 * }</pre>
 *
 * <p><b>Transactional mode.</b> {@link #inTransaction} binds one connection to the calling thread:
 * every read and compare-and-set of this instance's {@link JdbcPlayStateStore} on that thread, and
 * every play handed to a {@link PlayOutbox#sink()} of this instance, join its transaction, which
 * commits when the work returns and rolls back when it throws. An engine built with the store and
 * the sink therefore commits a slice's (or an event's) state changes and its plays together, or
 * nothing of them; {@link JdbcPlays} runs the nightly slices and the events that way.
 *
 * <p>Defaults: table prefix {@code cskit_}, the system UTC clock. Rules: the prefix is 1 to 30
 * characters, a letter or underscore then letters, digits or underscores (it becomes part of
 * unquoted SQL names).
 */
public final class CsJdbc {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}");

    private final DataSource dataSource;
    private final String prefix;
    private final Clock clock;
    private volatile Dialect dialect;
    private final ThreadLocal<Tx> bound = new ThreadLocal<>();

    private CsJdbc(Builder b) {
        this.dataSource = b.dataSource;
        this.prefix = b.prefix;
        this.clock = b.clock;
        this.dialect = b.dialect;
    }

    /**
     * Starts a configuration.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings the cskit tables under this prefix to the version this cs-jdbc needs, running the
     * migration files it has not run yet, each in a transaction. Safe to call at every start.
     *
     * @return the schema version now in the database
     * @throws SchemaVersionException if the database holds a newer version than this cs-jdbc knows
     * @throws JdbcStoreException if the database cannot be reached or refuses a statement
     */
    public int migrate() {
        return Schema.migrate(dataSource, dialect(), prefix);
    }

    /**
     * Checks that the cskit tables under this prefix are at the version this cs-jdbc needs.
     *
     * @throws SchemaVersionException if they are missing or at another version
     * @throws JdbcStoreException if the database cannot be reached
     */
    public void checkSchema() {
        Schema.check(dataSource, prefix);
    }

    /**
     * The schema version this cs-jdbc needs.
     *
     * @return the version
     */
    public static int schemaVersion() {
        return Schema.LATEST;
    }

    /**
     * The score history in these tables, after checking the schema version.
     *
     * @return the store
     * @throws SchemaVersionException if the tables are missing or at another version
     * @throws JdbcStoreException if the database cannot be reached
     */
    public JdbcScoreHistory scoreHistory() {
        checkSchema();
        return new JdbcScoreHistory(this);
    }

    /**
     * The play outbox in these tables, after checking the schema version.
     *
     * @param options how this instance claims and retries plays
     * @return the outbox
     * @throws SchemaVersionException if the tables are missing or at another version
     * @throws JdbcStoreException if the database cannot be reached
     */
    public PlayOutbox playOutbox(OutboxOptions options) {
        checkSchema();
        return new PlayOutbox(this, Objects.requireNonNull(options, "options"));
    }

    /**
     * The play state store in these tables, after checking the schema version.
     *
     * @return the store
     * @throws SchemaVersionException if the tables are missing or at another version
     * @throws JdbcStoreException if the database cannot be reached
     */
    public JdbcPlayStateStore playStateStore() {
        checkSchema();
        return new JdbcPlayStateStore(this);
    }

    /**
     * Runs work in one transaction bound to the calling thread (see the class comment): this
     * instance's play state store and outbox sinks, used on this thread inside {@code work}, read
     * and write on its connection; plays handed to an outbox sink are inserted just before the
     * commit. Commits when {@code work} returns; rolls back when it throws, and rethrows. A call
     * inside another on the same thread joins the outer transaction. Work on other threads (a
     * parallel stream inside {@code work}) does not join it.
     *
     * @param work the work
     * @param <T> what it returns
     * @return what {@code work} returned, after the commit
     * @throws JdbcStoreException if the database cannot be reached or the commit fails; nothing was committed
     * @throws RuntimeException whatever {@code work} threw, after the rollback
     */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (bound.get() != null) {
            return work.get();
        }
        return Sql.inTransaction(dataSource, "a cskit transaction", c -> {
            Tx tx = new Tx(c);
            bound.set(tx);
            try {
                T result = work.get();
                tx.flush();
                return result;
            } finally {
                bound.remove();
            }
        });
    }

    /** The transaction bound to this thread by {@link #inTransaction}, or null. */
    Tx current() {
        return bound.get();
    }

    /**
     * The host's data source.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * The table prefix.
     *
     * @return the prefix
     */
    public String tablePrefix() {
        return prefix;
    }

    /**
     * The clock that stamps enqueue, claim and delivery times.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The database's dialect, read from the connection's metadata on first use unless set.
     *
     * @return the dialect
     * @throws JdbcStoreException if the database cannot be reached or is neither PostgreSQL nor H2
     */
    public Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            Connection c = Sql.connect(dataSource, "reading the database's product name");
            try (c) {
                d = Dialect.of(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw Sql.failed("reading the database's product name", e);
            }
            dialect = d;
        }
        return d;
    }

    String table(String name) {
        return prefix + name;
    }

    /** Configures a {@link CsJdbc}. Not thread-safe. */
    public static final class Builder {
        private DataSource dataSource;
        private String prefix = "cskit_";
        private Clock clock = Clock.systemUTC();
        private Dialect dialect;

        private Builder() {}

        /**
         * The host's data source (usually its connection pool). Required.
         *
         * @param dataSource the data source
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * The prefix of every cskit table name.
         *
         * @param prefix the prefix; {@code cskit_} by default
         * @return this builder
         */
        public Builder tablePrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * The clock for enqueue, claim and delivery times.
         *
         * @param clock the clock; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The dialect, when the host does not want it read from the database.
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /**
         * Checks the configuration; does not touch the database.
         *
         * @return the configuration
         * @throws ValidationException if the data source or clock is missing or the prefix breaks its rule
         */
        public CsJdbc build() {
            if (dataSource == null) {
                throw new ValidationException("dataSource", "dataSource is required");
            }
            if (clock == null) {
                throw new ValidationException("clock", "clock is required");
            }
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new ValidationException("tablePrefix", "tablePrefix '" + prefix + "' must be 1 to 30 characters: "
                        + "a letter or underscore, then letters, digits or underscores");
            }
            return new CsJdbc(this);
        }
    }
}
