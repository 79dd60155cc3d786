package org.cskit.cli.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.model.json.JsonInputException;

/**
 * Turns a problem with a JSON file into one line that names the file and the line:
 * {@code playbooks.json:12: $[1].trigger.field: ...}. cskit's JSON errors carry the JSON path, and a
 * text location when the problem is in the text itself; for a broken rule, found once the value is
 * read, the line is that of the path's value in the text.
 */
public final class JsonErrors {
    private static final Pattern LOCATION = Pattern.compile(" \\(line (\\d+), column \\d+\\)$");
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonErrors() {}

    /**
     * The problem of a JSON text that cskit could not read.
     *
     * @param source the file's name, or what the text was given as (such as an option)
     * @param json the text
     * @param e the problem
     * @return the exception: {@code source:line: path: problem}
     */
    public static InputException of(String source, String json, JsonInputException e) {
        String message = e.getMessage();
        Matcher m = LOCATION.matcher(message);
        if (m.find()) {
            return new InputException(source + ":" + m.group(1) + ": " + message.substring(0, m.start()));
        }
        return of(source, json, e.path(), e.problem());
    }

    /**
     * A problem at a JSON path of a text.
     *
     * @param source the file's name, or what the text was given as
     * @param json the text
     * @param path the path, such as {@code $.groups[0].inputs[1].feature}
     * @param problem what is wrong
     * @return the exception: {@code source:line: path: problem}, without the line if the path is not in the text
     */
    public static InputException of(String source, String json, String path, String problem) {
        int line = lineOf(json, path);
        return new InputException(source + (line > 0 ? ":" + line : "") + ": " + path + ": " + problem);
    }

    /**
     * The line of the value at a JSON path, or of its nearest enclosing value that is in the text.
     *
     * @param json the text
     * @param path the path, starting at {@code $}
     * @return the line, from 1; 0 if the text cannot be read
     */
    static int lineOf(String json, String path) {
        StringBuilder pointer = new StringBuilder();
        Matcher m = STEP.matcher(path.startsWith("$") ? path.substring(1) : path);
        while (m.find()) {
            pointer.append('/').append(m.group(1) != null ? m.group(1).replace("~", "~0").replace("/", "~1") : m.group(2));
        }
        String target = pointer.toString();
        while (true) {
            int line = find(json, JsonPointer.compile(target));
            if (line > 0 || target.isEmpty()) {
                return line;
            }
            target = target.substring(0, target.lastIndexOf('/'));
        }
    }

    private static int find(String json, JsonPointer target) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                boolean opens = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
                JsonPointer at = opens ? p.getParsingContext().getParent().pathAsPointer() : p.getParsingContext().pathAsPointer();
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY && at.equals(target)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
