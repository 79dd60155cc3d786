package org.cskit.flink;

/**
 * Flink's state backend failed to read or write cskit's keyed state (such as RocksDB failing); the
 * cause is the backend's exception. Flink then fails the task and restores it from the last
 * checkpoint.
 */
public final class StateAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param what what was being done
     * @param cause the backend's exception
     */
    public StateAccessException(String what, Throwable cause) {
        super("Flink keyed state failed while " + what + ": " + cause.getMessage(), cause);
    }
}
