package org.cskit.model.json;

import java.util.Objects;
import org.cskit.model.Validate;

/**
 * Thrown when JSON input cannot become a cskit value: malformed JSON, an unknown or duplicate
 * property, a wrong type, a missing required property, or a value that breaks a domain rule. The
 * message is one line: the JSON path, the problem, and where in the text it was found, such as
 * {@code $.contract.termMonths: expected a whole number, but found the string '12' (line 20,
 * column 20)}. A broken domain rule carries no text location, since rules are checked once the
 * whole object is read; its path points at the field: {@code $.successPlan.milestones[1].dueDate:
 * milestone 'Go live' due 2026-01-10 is before plan start 2026-02-01}. Control characters are
 * escaped and long quoted values cut, as {@link Validate#oneLine} says.
 */
public final class JsonInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /**
     * Creates the exception.
     *
     * @param path the JSON path of the offending value, such as {@code $.contract.arr}
     * @param problem what is wrong with it
     * @param location where in the text, such as {@code line 3, column 7}; may be empty
     * @param cause the underlying exception
     */
    public JsonInputException(String path, String problem, String location, Throwable cause) {
        super(Validate.oneLine(path + ": " + problem + (location.isEmpty() ? "" : " (" + location + ")")), cause);
        this.path = Validate.oneLine(Objects.requireNonNull(path, "path"));
        this.problem = Validate.oneLine(Objects.requireNonNull(problem, "problem"));
    }

    /**
     * The JSON path of the offending value, starting at {@code $}, the document's root.
     *
     * @return the path, such as {@code $.successPlan.milestones[1].dueDate}
     */
    public String path() {
        return path;
    }

    /**
     * What is wrong, without the path.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
