package org.cskit.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The versioned migration files and the version table they fill. */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /** The migrations, in order; file {@code V<n>__<name>.sql} of each dialect's folder. */
    static final List<String> MIGRATIONS = List.of("V1__cskit_score_history_and_play_outbox.sql", "V2__cskit_play_state.sql",
            "V3__cskit_score_history_band_held.sql");

    /** The version this cs-jdbc needs. */
    static final int LATEST = MIGRATIONS.size();

    private static final String PLACEHOLDER = "${cskit_prefix}";

    private Schema() {}

    /** The version in the database: 0 when there is no version table under the prefix. */
    static int version(DataSource ds, String prefix) {
        Connection c = Sql.connect(ds, "reading the cskit schema version");
        try (c; Statement s = c.createStatement()) {
            if (!tableExists(c, prefix + "schema_version")) {
                return 0;
            }
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + prefix + "schema_version")) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw Sql.failed("reading the cskit schema version", e);
        }
    }

    static void check(DataSource ds, String prefix) {
        int found = version(ds, prefix);
        if (found == LATEST) {
            return;
        }
        if (found == 0) {
            throw new SchemaVersionException("no cskit tables with prefix '" + prefix + "' in the database: run "
                    + "CsJdbc.migrate(), or the migration files under META-INF/cskit/migration with Flyway "
                    + "(placeholder cskit_prefix=" + prefix + ")", found, LATEST);
        }
        if (found < LATEST) {
            throw new SchemaVersionException("the cskit tables with prefix '" + prefix + "' are at schema version "
                    + found + ", this cs-jdbc needs version " + LATEST + ": run CsJdbc.migrate()", found, LATEST);
        }
        throw new SchemaVersionException("the cskit tables with prefix '" + prefix + "' are at schema version " + found
                + ", newer than this cs-jdbc knows (" + LATEST + "): use the cs-jdbc that migrated them", found, LATEST);
    }

    static int migrate(DataSource ds, Dialect dialect, String prefix) {
        int found = version(ds, prefix);
        if (found > LATEST) {
            check(ds, prefix);
        }
        for (int v = found + 1; v <= LATEST; v++) {
            String file = MIGRATIONS.get(v - 1);
            List<String> statements = statements(read(dialect.migrationFolder() + "/" + file), prefix);
            int version = v;
            Sql.inTransaction(ds, "migrating the cskit tables to version " + v, c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                return version;
            });
            LOG.info("cskit tables with prefix '{}' migrated to version {} ({})", prefix, v, file);
        }
        return LATEST;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        // Unquoted names fold to lower case in PostgreSQL and to upper case in H2.
        for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT), table.toUpperCase(java.util.Locale.ROOT))) {
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static String read(String resource) {
        try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new JdbcStoreException("migration file " + resource + " is not on the class path", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JdbcStoreException("cannot read migration file " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The script's statements: comment lines dropped, split at a semicolon that ends a line. */
    static List<String> statements(String script, String prefix) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1).replace(PLACEHOLDER, prefix));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new JdbcStoreException("migration script ends without a semicolon: " + current, null);
        }
        return statements;
    }
}
