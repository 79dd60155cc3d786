package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cskit.model.Validate;

/**
 * Text with placeholders such as {@code Usage at {{account.id}} fell to {{logins_14d}}}: each
 * {@code {{name}}} is a field (see {@link Fields}) or a feature, filled from the account when a
 * play is made: numbers rounded to two decimals, whole numbers without a fraction, and
 * {@code missing} for a value the account does not have. Placeholders are only looked up, never
 * evaluated: there is no expression language. Immutable and thread-safe; written to JSON as the
 * plain text.
 */
public final class Template {
    private final String text;
    private final List<String> parts; // literal, name, literal, name, ..., literal

    private Template(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @param text the text
     * @return the template
     * @throws org.cskit.model.ValidationException if the text is blank, a placeholder is not closed or empty
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Template of(String text) {
        Validate.nonBlank("template", text);
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(text.substring(at));
                return new Template(text, parts);
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw Validate.invalid("", "template placeholder opened at position " + open + " is not closed with }}: '" + text + "'");
            }
            String name = text.substring(open + 2, close).trim();
            if (name.isEmpty() || name.contains("{") || name.contains("}")) {
                throw Validate.invalid("", "template placeholder at position " + open + " must name a field, but was '"
                        + text.substring(open, close + 2) + "'");
            }
            parts.add(text.substring(at, open));
            parts.add(name);
            at = close + 2;
        }
    }

    /**
     * The placeholders' names, in order of first appearance.
     *
     * @return the names
     */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.size(); i += 2) {
            names.add(parts.get(i));
        }
        return names;
    }

    /**
     * Fills the placeholders.
     *
     * @param values gives a placeholder's text by name
     * @return the filled text
     */
    public String render(java.util.function.Function<String, String> values) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < parts.size(); i++) {
            sb.append(i % 2 == 0 ? parts.get(i) : values.apply(parts.get(i)));
        }
        return sb.toString();
    }

    /**
     * The template's text.
     *
     * @return the text as written
     */
    @JsonValue
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && text.equals(t.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
