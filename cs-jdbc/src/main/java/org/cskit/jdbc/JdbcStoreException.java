package org.cskit.jdbc;

/**
 * The database could not be reached, or refused what a cskit store asked of it. The message
 * says what the store was doing and what the database answered; {@link #getCause()} holds the
 * driver's {@link java.sql.SQLException} when there was one. Nothing of the failed unit of work
 * (a batch, a claim, a delivery mark) was committed.
 */
public class JdbcStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the driver's exception, or null
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
