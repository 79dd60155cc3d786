package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.testkit.TestVectors;
import org.junit.jupiter.api.Test;

/** Configuration, schema versions, an unreachable database and failed slices. */
class CsJdbcTest {
    private static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");

    @Test
    void build_badPrefix_throwsNamingTheRule() {
        assertThatThrownBy(() -> CsJdbc.builder().dataSource(Databases.h2()).tablePrefix("cs-kit").build())
                .isInstanceOf(ValidationException.class)
                .hasMessage("tablePrefix 'cs-kit' must be 1 to 30 characters: a letter or underscore, then letters, digits or underscores");
        assertThatThrownBy(() -> CsJdbc.builder().build())
                .isInstanceOf(ValidationException.class).hasMessage("dataSource is required");
    }

    @Test
    void scoreHistory_noTablesUnderThePrefix_throwsSchemaVersionException() {
        CsJdbc db = CsJdbc.builder().dataSource(Databases.postgres()).tablePrefix("absent_").build();

        assertThatThrownBy(db::scoreHistory)
                .isInstanceOfSatisfying(SchemaVersionException.class, e -> {
                    assertThat(e.found()).isZero();
                    assertThat(e.expected()).isEqualTo(3);
                })
                .hasMessageStartingWith("no cskit tables with prefix 'absent_' in the database: run CsJdbc.migrate()");
    }

    @Test
    void playOutbox_schemaNewerThanThisLibrary_throwsSchemaVersionException() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + db.tablePrefix() + "schema_version (version, description) VALUES (4, 'from the future')");
            }

            assertThatThrownBy(() -> db.playOutbox(OutboxOptions.defaults()))
                    .isInstanceOf(SchemaVersionException.class)
                    .hasMessage("the cskit tables with prefix '" + db.tablePrefix() + "' are at schema version 4, newer than "
                            + "this cs-jdbc knows (3): use the cs-jdbc that migrated them");
            assertThatThrownBy(db::migrate).isInstanceOf(SchemaVersionException.class);
        }
    }

    @Test
    void migrate_fromVersion2_keepsTheVectorsWhichReadAsNotHeld() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            db.scoreHistory().save(TestVectors.vector(AccountId.of("a"), T0, 50, TestVectors.YELLOW, Direction.FLAT));
            // Back to version 2: the columns version 3 added are gone.
            TestDb.execute(ds, "ALTER TABLE " + db.tablePrefix() + "score_history DROP COLUMN band_held");
            TestDb.execute(ds, "ALTER TABLE " + db.tablePrefix() + "score_history DROP COLUMN computed_score");
            TestDb.execute(ds, "DELETE FROM " + db.tablePrefix() + "schema_version WHERE version = 3");

            assertThat(db.migrate()).isEqualTo(3);
            SuccessVector read = db.scoreHistory().vectorOn(AccountId.of("a"), LocalDate.of(2026, 5, 1)).orElseThrow();
            assertThat(read.score()).isEqualTo(50);
            assertThat(read.bandHeld()).isFalse();
            var columns = db.scoreHistory().vectorColumns(List.of(AccountId.of("a")), LocalDate.of(2026, 5, 1),
                    List.of("red", "yellow", "green"));
            assertThat(columns.bandHeld()).containsExactly(false);
            assertThat(columns.computedScores()).containsExactly(Double.NaN);
        }
    }

    /** After the migrations, H2 looks a saved row up by the primary key, not by the score_day index (a full day's scan per row). */
    @Test
    void h2Save_afterTheMigrations_looksRowsUpByThePrimaryKey() throws Exception {
        CsJdbc db = Databases.fresh(Databases.h2());
        String merge = db.scoreHistory().upsertSql().replace("?", "NULL");
        String plan;
        try (Connection c = Databases.h2().getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("EXPLAIN " + merge)) {
            rs.next();
            plan = rs.getString(1);
        }
        String target = plan.substring(0, plan.indexOf("USING"));
        assertThat(target).as("the MERGE's lookup of the target row in: %s", plan).contains("PRIMARY_KEY")
                .doesNotContainIgnoringCase("score_history_day");
    }

    @Test
    void migrate_again_changesNothing() {
        CsJdbc db = Databases.fresh(Databases.postgres());
        db.scoreHistory().save(TestVectors.vector(AccountId.of("a"), T0, 50, TestVectors.YELLOW, Direction.FLAT));

        assertThat(db.migrate()).isEqualTo(3);
        assertThat(db.scoreHistory().vectorOn(AccountId.of("a"), LocalDate.of(2026, 5, 1))).isPresent();
    }

    @Test
    void scoreHistory_unreachableDatabase_throwsJdbcStoreExceptionSayingSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DataSource nowhere = new DriverDataSource("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=cskit&connectTimeout=2");
        CsJdbc db = CsJdbc.builder().dataSource(nowhere).dialect(Dialect.POSTGRESQL).build();

        assertThatThrownBy(db::scoreHistory)
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageStartingWith("cannot connect to the database (reading the cskit schema version): ")
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void save_sliceFailingInTheDatabase_storesNothingAndCanBeRetried() throws Exception {
        for (DataSource ds : List.of(Databases.postgres(), Databases.h2())) {
            CsJdbc db = Databases.fresh(ds);
            JdbcScoreHistory history = db.scoreHistory();
            List<SuccessVector> slice = new ArrayList<>();
            for (int i = 0; i < 12_000; i++) {
                // Accounts sort after the first chunk of 10,000, so the failure comes in the second statement.
                slice.add(TestVectors.vector(AccountId.of(i == 11_999 ? "zz-last" : String.format("acct-%05d", i)), T0,
                        i == 11_999 ? 99.5 : 50, TestVectors.YELLOW, Direction.FLAT));
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + db.tablePrefix() + "score_history ADD CONSTRAINT " + db.tablePrefix()
                        + "below_99 CHECK (score < 99)");
            }

            assertThatThrownBy(() -> history.save(slice))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageStartingWith("saving 12000 vectors in " + db.tablePrefix() + "score_history failed: ");
            int[] count = {0};
            history.forEachOn(LocalDate.of(2026, 5, 1), v -> count[0]++);
            assertThat(count[0]).as("rows of the failed slice").isZero();

            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + db.tablePrefix() + "score_history DROP CONSTRAINT " + db.tablePrefix() + "below_99");
            }
            assertThat(history.save(slice)).isEqualTo(12_000);
        }
    }

    @Test
    void h2File_closedAndOpenedAgain_keepsVectorsAndPendingPlays() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("cskit-h2-reopen-").resolve("db");
        SuccessVector v = TestVectors.vector(AccountId.of("acme"), T0, 42, TestVectors.YELLOW, Direction.DECLINING);
        var play = org.cskit.testkit.TestPlays.play();
        try (var first = Databases.h2Pool(file)) {
            CsJdbc db = CsJdbc.builder().dataSource(first).build();
            db.migrate();
            db.scoreHistory().save(v);
            db.playOutbox(OutboxOptions.defaults()).enqueue(List.of(play));
        }
        try (var second = Databases.h2Pool(file)) {
            CsJdbc db = CsJdbc.builder().dataSource(second).build();
            List<org.cskit.playbooks.Play> delivered = new ArrayList<>();

            assertThat(db.scoreHistory().vectorOn(AccountId.of("acme"), LocalDate.of(2026, 5, 1))).contains(v);
            assertThat(db.playOutbox(OutboxOptions.defaults()).deliverDue(delivered::add)).isEqualTo(1);
            assertThat(delivered).containsExactly(play);
        }
    }

    @Test
    void save_asOfBelowAMicrosecond_throwsNamingTheVector() {
        JdbcScoreHistory history = Databases.fresh(Databases.h2()).scoreHistory();
        SuccessVector ok = TestVectors.vector(AccountId.of("a"), T0, 50, TestVectors.YELLOW, Direction.FLAT);
        SuccessVector nanos = TestVectors.vector(AccountId.of("b"), T0.plusNanos(1), 50, TestVectors.YELLOW, Direction.FLAT);

        assertThatThrownBy(() -> history.save(List.of(ok, nanos)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("vectors[1].asOf 2026-05-01T06:00:00.000000001Z has a part below a microsecond: "
                        + "the score history keeps microseconds");
        assertThat(history.latestBefore(AccountId.of("a"), Instant.MAX)).isEmpty();
    }

    @Test
    void forEachOn_corruptDetail_throwsNamingTheRow() throws Exception {
        CsJdbc db = Databases.fresh(Databases.postgres());
        JdbcScoreHistory history = db.scoreHistory();
        history.save(TestVectors.vector(AccountId.of("acme"), T0, 50, TestVectors.YELLOW, Direction.FLAT));
        try (Connection c = Databases.postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + db.tablePrefix() + "score_history SET detail = '\\x07'::bytea");
        }

        assertThatThrownBy(() -> history.vectorOn(AccountId.of("acme"), LocalDate.of(2026, 5, 1)))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessage("the detail of account 'acme' at 2026-05-01T06:00:00Z in " + db.tablePrefix()
                        + "score_history cannot be read: detail is in format 7, this cs-jdbc reads format 1");
    }
}
