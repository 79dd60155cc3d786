package org.cskit.model;

import java.util.Objects;

/**
 * Thrown when a value would break one of the domain's rules. The message names the field, the
 * value and the rule, for example {@code milestone 'Go live' due 2026-01-10 is before plan start
 * 2026-02-01}; {@link #field()} gives the offending field as a path relative to the value being
 * built ({@code milestones[2].dueDate}), which the JSON reader joins to the document's own path.
 *
 * <p>The message is one line: control characters are escaped and a quoted value longer than
 * {@value Validate#MAX_QUOTED} characters is cut, saying how many characters were cut
 * ({@link Validate#oneLine}).
 *
 * <p>Nothing is built when this is thrown: cskit values are immutable, so no partial state exists.
 */
public final class ValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates the exception.
     *
     * @param field the offending field, as a path relative to the value being built
     * @param message the rule that was broken, naming the field and the value
     */
    public ValidationException(String field, String message) {
        super(Validate.oneLine(Objects.requireNonNull(message, "message")));
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * Creates the exception for a broken rule found while doing something else, such as scoring
     * one account of a portfolio.
     *
     * @param field the offending field, as a path relative to the value being built
     * @param message the rule that was broken, naming the field and the value
     * @param cause the exception that found it
     */
    public ValidationException(String field, String message, Throwable cause) {
        super(Validate.oneLine(Objects.requireNonNull(message, "message")), cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * The offending field as a path relative to the value being built, such as {@code score} or
     * {@code milestones[2].dueDate}.
     *
     * @return the field path; empty when the value is a scalar (an identifier) and the path of the
     *     property holding it says everything
     */
    public String field() {
        return field;
    }
}
