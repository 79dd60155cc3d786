package org.cskit.samples.calibrate;

/** A problem with the user's input to {@code calibrate}: one line, naming the file, the line and the problem. */
public final class CalibrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: file, line (where there is one) and problem
     */
    public CalibrateException(String message) {
        super(message);
    }
}
