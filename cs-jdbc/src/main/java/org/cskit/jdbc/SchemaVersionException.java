package org.cskit.jdbc;

/**
 * The database holds cskit's tables at another version than this cs-jdbc needs (or none at
 * all): run {@link CsJdbc#migrate()}, the migration files, or a cs-jdbc that knows the newer
 * version. Thrown before anything is read or written.
 */
public final class SchemaVersionException extends JdbcStoreException {
    private static final long serialVersionUID = 1L;

    private final int found;
    private final int expected;

    /**
     * Creates the exception.
     *
     * @param message what was found and what to do
     * @param found the version in the database, 0 when there are no cskit tables
     * @param expected the version this cs-jdbc needs
     */
    public SchemaVersionException(String message, int found, int expected) {
        super(message, null);
        this.found = found;
        this.expected = expected;
    }

    /**
     * The version in the database.
     *
     * @return the version, 0 when there are no cskit tables under the prefix
     */
    public int found() {
        return found;
    }

    /**
     * The version this cs-jdbc needs.
     *
     * @return the version
     */
    public int expected() {
        return expected;
    }
}
