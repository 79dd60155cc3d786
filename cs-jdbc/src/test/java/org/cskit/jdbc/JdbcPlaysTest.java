package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.junit.jupiter.api.Test;

/** The engine on a database in transactional mode: a slice's states and plays commit together or not at all. */
class JdbcPlaysTest {
    private static final int N = 1_000;

    @Test
    void evaluateNight_commitsEveryPlayWithItsState_onBothDatabases() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            JdbcPlays plays = JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine());

            JdbcPlays.Night night = plays.evaluateNight(EngineFixture.day(0, N), 128, 2);

            Set<String> expected = reference(1);
            assertThat(night.failures()).isEmpty();
            assertThat(night.committed().created()).isEqualTo(expected.size());
            assertThat(keys(ds, db)).isEqualTo(expected);
            assertThat(TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_state WHERE status = 'OPEN'"))
                    .as("open states, one per play").isEqualTo(expected.size());
        }
    }

    @Test
    void evaluateNight_failedSlice_leavesNothingOfItAndCanBeRetried() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            JdbcPlays plays = JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine());
            AccountBatch day0 = EngineFixture.day(0, N);
            // acc-300 makes a play on day 0; the outbox refuses it, so its slice's commit fails.
            assertThat(EngineFixture.seats(300, 0)).isLessThan(0.3);
            TestDb.execute(ds, "ALTER TABLE " + db.tablePrefix() + "play_outbox ADD CONSTRAINT " + db.tablePrefix()
                    + "not_300 CHECK (account_id <> 'acc-300')");

            JdbcPlays.Night night = plays.evaluateNight(day0, 100, 2);

            assertThat(night.failures()).singleElement().satisfies(f -> {
                assertThat(f.from()).isEqualTo(300);
                assertThat(f.to()).isEqualTo(400);
                assertThat(f.cause()).isInstanceOf(JdbcStoreException.class)
                        .hasMessageContaining("enqueuing").hasMessageContaining(db.tablePrefix() + "play_outbox");
            });
            assertThat(TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_state WHERE account_id IN "
                    + "(SELECT 'acc-' || CAST(x AS VARCHAR) FROM SYSTEM_RANGE(300, 399) AS r(x))".replace("SYSTEM_RANGE",
                            ds == Databases.postgres() ? "generate_series" : "SYSTEM_RANGE"))).as("states of the failed slice").isZero();
            Set<String> expected = reference(1);
            Set<String> committed = keys(ds, db);
            assertThat(committed).as("plays of the failed slice").noneMatch(k -> slice300(k));
            assertThat(committed).as("plays of the other slices").isEqualTo(without300(expected));

            TestDb.execute(ds, "ALTER TABLE " + db.tablePrefix() + "play_outbox DROP CONSTRAINT " + db.tablePrefix() + "not_300");
            plays.evaluateSlice(day0, night.failures().get(0).from(), night.failures().get(0).to());

            assertThat(keys(ds, db)).as("plays after the retry").isEqualTo(expected);
        }
    }

    @Test
    void days_eachNightPicksUpTheLastOnesOpenPlaysAndCooldowns() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            for (int day = 0; day < 8; day++) {
                // A new engine (a new process) each night: all it knows is in the tables.
                CsJdbc again = CsJdbc.builder().dataSource(ds).tablePrefix(db.tablePrefix()).build();
                JdbcPlays plays = JdbcPlays.of(again, again.playOutbox(OutboxOptions.defaults()), EngineFixture.engine());
                assertThat(plays.evaluateNight(EngineFixture.day(day, N), 256, 1).failures()).isEmpty();
            }
            assertThat(keys(ds, db)).isEqualTo(reference(8));
        }
    }

    @Test
    void onEvent_eightThreadsSendingTheSameEvents_makeOnePlayPerAccount() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            JdbcPlays plays = JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine());
            int accounts = 200;
            long made = eventsOnThreads(plays, 8, accounts, (t, k) -> (k + t * 25) % accounts);

            assertThat(made).as("plays reported made").isEqualTo(accounts);
            assertThat(keys(ds, db)).as("plays in the outbox").hasSize(accounts).allMatch(k -> k.startsWith("champion-left|"));
            assertThat(TestDb.count(ds, "SELECT COUNT(*) FROM " + db.tablePrefix() + "play_state WHERE status = 'OPEN'")).isEqualTo(accounts);
            assertThat(plays.onEvents(List.of(EngineFixture.championChanged(0, 1), EngineFixture.championChanged(0, 1)))
                    .stream().mapToInt(r -> r.created().size()).sum()).as("two events of a new day for one account, one transaction")
                    .isEqualTo(1);
        }
    }

    @Test
    void onEvent_oneOrEightTransactionsInFlight_everyEventsPlayMadeOnce() throws Exception {
        for (int inFlight : new int[] {1, 8}) {
            CsJdbc db = Databases.fresh(Databases.postgres());
            JdbcPlays plays = JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine(), inFlight);
            int accounts = 120;
            long made = eventsOnThreads(plays, 12, 10, (t, k) -> t * 10 + k);

            assertThat(made).as("plays reported made, %d in flight", inFlight).isEqualTo(accounts);
            assertThat(keys(Databases.postgres(), db)).as("plays in the outbox, %d in flight", inFlight).hasSize(accounts);
        }
    }

    /**
     * Sends each of {@code threads} threads' {@code events} events ({@code CHAMPION_CHANGED} of account
     * {@code account(thread, k)}, day 0) through {@link JdbcPlays#onEvent} at once; returns the plays reported made.
     */
    private static long eventsOnThreads(JdbcPlays plays, int threads, int events, java.util.function.IntBinaryOperator account)
            throws Exception {
        java.util.concurrent.atomic.AtomicLong made = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < events; k++) {
                        made.addAndGet(plays.onEvent(EngineFixture.championChanged(account.applyAsInt(thread, k), 0)).created().size());
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return made.get();
    }

    @Test
    void of_noEventTransactionInFlight_throwsNamingTheParameter() {
        CsJdbc db = Databases.fresh(Databases.h2());

        assertThatThrownBy(() -> JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine(), 0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("eventTransactions must be at least 1, but was 0");
    }

    @Test
    void of_outboxOfAnotherDatabase_throwsNamingTheOutbox() {
        CsJdbc db = Databases.fresh(Databases.h2());
        CsJdbc other = CsJdbc.builder().dataSource(Databases.h2()).tablePrefix(db.tablePrefix()).build();

        assertThatThrownBy(() -> JdbcPlays.of(db, other.playOutbox(OutboxOptions.defaults()), EngineFixture.engine()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("outbox must come from the same CsJdbc (db.playOutbox(...)) so that its plays join db's transactions; "
                        + "it came from one with table prefix '" + db.tablePrefix() + "'");
    }

    @Test
    void playStateStore_schemaAtVersion1_throwsSayingToMigrateAndMigrateBringsItTo3() throws Exception {
        DataSource ds = Databases.postgres();
        CsJdbc db = Databases.fresh(ds);
        TestDb.execute(ds, "DROP TABLE " + db.tablePrefix() + "play_state");
        TestDb.execute(ds, "ALTER TABLE " + db.tablePrefix() + "score_history DROP COLUMN band_held, DROP COLUMN computed_score");
        TestDb.execute(ds, "DELETE FROM " + db.tablePrefix() + "schema_version WHERE version >= 2");

        assertThatThrownBy(db::playStateStore)
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> assertThat(e.found()).isEqualTo(1))
                .hasMessage("the cskit tables with prefix '" + db.tablePrefix() + "' are at schema version 1, this cs-jdbc needs "
                        + "version 3: run CsJdbc.migrate()");
        assertThat(db.migrate()).isEqualTo(3);
        assertThat(JdbcPlays.of(db, db.playOutbox(OutboxOptions.defaults()), EngineFixture.engine())
                .evaluateNight(EngineFixture.day(0, 10), 10, 1).failures()).isEmpty();
    }

    @Test
    void of_unreachableDatabase_throwsJdbcStoreExceptionSayingSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DataSource nowhere = new DriverDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=cskit&connectTimeout=2");
        CsJdbc db = CsJdbc.builder().dataSource(nowhere).dialect(Dialect.POSTGRESQL).build();

        assertThatThrownBy(db::playStateStore)
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("cannot connect to the database (reading the cskit schema version): ")
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void compareAndSet_idLongerThanTheTable_throwsNamingTheField() {
        JdbcPlayStateStore store = Databases.fresh(Databases.h2()).playStateStore();
        var state = new org.cskit.playbooks.spi.PlayState(1, org.cskit.playbooks.spi.PlayState.Status.OPEN, 0, 10, 10, new long[0]);

        assertThatThrownBy(() -> store.compareAndSet(org.cskit.model.AccountId.of("a"), "p".repeat(256), 0, state))
                .isInstanceOf(ValidationException.class)
                .hasMessage("playbookId of 256 characters ('" + "p".repeat(40) + "...') is longer than the 255 the play state table holds");
        assertThatThrownBy(() -> store.compareAndSet(org.cskit.model.AccountId.of("a"), "pb", 0, state.withVersion(2)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("next.version must be expectedVersion + 1 = 1, but was 2");
    }

    private static boolean slice300(String key) {
        int at = key.indexOf("|acc-") + 5;
        int account = Integer.parseInt(key.substring(at, key.indexOf('|', at)));
        return account >= 300 && account < 400;
    }

    private static Set<String> without300(Set<String> keys) {
        Set<String> rest = new HashSet<>(keys);
        rest.removeIf(JdbcPlaysTest::slice300);
        return rest;
    }

    /** The keys one engine on the in-memory store makes over the first {@code days} days. */
    static Set<String> reference(int days) {
        return reference(EngineFixture.engine(), N, days);
    }

    /** The keys one engine on the in-memory store makes for {@code n} accounts over the first {@code days} days. */
    static Set<String> reference(PlaybookEngine.Builder builder, int n, int days) {
        Set<String> keys = new HashSet<>();
        PlaybookEngine engine = builder.store(new InMemoryPlayStateStore()).build();
        for (int day = 0; day < days; day++) {
            engine.evaluate(EngineFixture.day(day, n), h -> keys.add(h.key()));
        }
        return keys;
    }

    private static Set<String> keys(DataSource ds, CsJdbc db) throws SQLException {
        return TestDb.strings(ds, "SELECT idempotency_key FROM " + db.tablePrefix() + "play_outbox");
    }
}
