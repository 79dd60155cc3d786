package org.cskit.jdbc;

/**
 * The databases cs-jdbc speaks to. {@link CsJdbc} finds it from the connection's metadata; each
 * has its own migration files and its own batch statements.
 */
public enum Dialect {
    /** PostgreSQL 12 or later (tested on 15). Batches go through {@code unnest} of arrays. */
    POSTGRESQL("postgresql"),
    /** H2 2.x, embedded in file or memory mode. Batches go through JDBC batches of {@code MERGE}. */
    H2("h2");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * Where this dialect's migration files are on the class path, for Flyway's {@code locations}.
     *
     * @return the folder, such as {@code META-INF/cskit/migration/postgresql}
     */
    public String migrationFolder() {
        return "META-INF/cskit/migration/" + folder;
    }

    static Dialect of(String productName) {
        String p = productName.toLowerCase(java.util.Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        throw new JdbcStoreException("database '" + productName
                + "' is not supported: cs-jdbc speaks to PostgreSQL and H2", null);
    }
}
