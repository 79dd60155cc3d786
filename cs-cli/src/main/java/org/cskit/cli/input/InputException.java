package org.cskit.cli.input;

/** A problem with the user's input : one line, naming the file, the line and the problem. */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line: file, line (where there is one) and problem
     */
    public InputException(String message) {
        super(org.cskit.model.Validate.oneLine(message));
    }
}
