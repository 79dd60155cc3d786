package org.cskit.model.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.Currency;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cskit.model.ValidationException;

/**
 * Reads and writes cskit values as JSON. Input passes the same checks as values built in Java;
 * any problem becomes a {@link JsonInputException} whose message starts with the JSON path.
 *
 * <p>The rules of the JSON form: unknown properties, duplicate properties, trailing content,
 * {@code null} for a number, a fraction for a whole number and a string where a number or a
 * boolean belongs are all rejected; empty optional values are left out when writing; dates are
 * ISO-8601 strings ({@code 2026-02-01}), times are UTC instants ({@code 2026-02-01T09:30:00Z}),
 * periods are ISO-8601 ({@code P14D}), durations are ISO-8601 strings ({@code P30D} or
 * {@code PT12H}; a bare number such as {@code 30} is refused, since it has no unit, and so are
 * months and years, which have no fixed length) and enums are written by name. A whole number out
 * of its type's range is refused naming the range; JSON nested deeper than {@value #MAX_DEPTH}
 * levels is refused before it is read; {@code null} is never read as a value: not at the top, not
 * as an element of a list.
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class CsJson {
    private static final Pattern STRING_VALUE = Pattern.compile("String value \\(\"(.*?)\"\\)");
    private static final Pattern TOKEN = Pattern.compile("JsonToken\\.(\\w+)");
    private static final Pattern MISSING = Pattern.compile("Cannot build (\\w+), some of required attributes are not set (\\[.*])");
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Numeric value \\((.*?)\\) out of range of (\\w+)");

    /** The deepest nesting of arrays and objects that JSON input may have. */
    public static final int MAX_DEPTH = 100;

    private final ObjectMapper mapper;

    private CsJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Returns a reader and writer with cskit's JSON rules.
     *
     * @return a new instance
     */
    public static CsJson create() {
        return using(new ObjectMapper());
    }

    /**
     * Returns a reader and writer based on a copy of the host's mapper (its modules and settings),
     * with cskit's JSON rules applied to the copy. The host's mapper is left unchanged.
     *
     * @param hostMapper the host's mapper
     * @return a new instance
     */
    public static CsJson using(ObjectMapper hostMapper) {
        ObjectMapper m = Objects.requireNonNull(hostMapper, "hostMapper").copy();
        m.registerModule(new JavaTimeModule());
        m.registerModule(new Jdk8Module());
        m.registerModule(TimeText.module());
        m.registerModule(KnownPropertiesFirst.module());
        // Deeply nested input overflows the stack of any recursive reader: refuse it before reading.
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        // Only declared properties: helpers such as Money.isNegative() are not part of the JSON form.
        m.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        m.enable(SerializationFeature.INDENT_OUTPUT);
        m.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        m.setDefaultPropertyInclusion(JsonInclude.Include.NON_ABSENT);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            m.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return new CsJson(m);
    }

    /**
     * Returns a copy of the configured mapper, for hosts that need Jackson directly (tree model,
     * streaming). Changing the copy does not change this instance.
     *
     * @return a mapper with cskit's JSON rules
     */
    public ObjectMapper mapper() {
        return mapper.copy();
    }

    /**
     * Reads a value.
     *
     * @param json the JSON text
     * @param type the value's type, such as {@code Account.class}
     * @param <T> the value's type
     * @return the value
     * @throws JsonInputException if the text is not a valid value of the type
     */
    public <T> T read(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return nonNull(read(() -> mapper.readValue(json, type)), type);
    }

    /**
     * Reads a value from a stream of UTF-8 JSON; the stream is not closed.
     *
     * @param json the JSON stream
     * @param type the value's type
     * @param <T> the value's type
     * @return the value
     * @throws JsonInputException if the text is not a valid value of the type
     * @throws UncheckedIOException if the stream cannot be read
     */
    public <T> T read(InputStream json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return nonNull(read(() -> mapper.readerFor(type).without(JsonParser.Feature.AUTO_CLOSE_SOURCE).<T>readValue(json)), type);
    }

    /**
     * Reads a value from a character stream; the reader is not closed.
     *
     * @param json the JSON reader
     * @param type the value's type
     * @param <T> the value's type
     * @return the value
     * @throws JsonInputException if the text is not a valid value of the type
     * @throws UncheckedIOException if the reader cannot be read
     */
    public <T> T read(Reader json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        return nonNull(read(() -> mapper.readerFor(type).without(JsonParser.Feature.AUTO_CLOSE_SOURCE).<T>readValue(json)), type);
    }

    /**
     * Reads a JSON array of values, such as a list of signals.
     *
     * @param json the JSON text
     * @param elementType the elements' type
     * @param <T> the elements' type
     * @return the values, unmodifiable
     * @throws JsonInputException if the text is not an array of valid values
     */
    public <T> List<T> readList(String json, Class<T> elementType) {
        Objects.requireNonNull(json, "json");
        JavaType listType = mapper.getTypeFactory().constructCollectionType(List.class, elementType);
        List<T> values = read(() -> mapper.readValue(json, listType));
        if (values == null) {
            throw new JsonInputException("$", "expected an array, but found null", "", null);
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new JsonInputException("$[" + i + "]", "expected " + describe(elementType) + ", but found null", "", null);
            }
        }
        return List.copyOf(values);
    }

    private static <T> T nonNull(T value, Class<T> type) {
        if (value == null) {
            throw new JsonInputException("$", "expected " + describe(type) + ", but found null", "", null);
        }
        return value;
    }

    /**
     * Writes a value as indented JSON that {@link #read(String, Class)} reads back to an equal value.
     *
     * @param value the value
     * @return the JSON text
     */
    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @FunctionalInterface
    private interface JsonRead<T> {
        T run() throws IOException;
    }

    private static <T> T read(JsonRead<T> read) {
        try {
            return read.run();
        } catch (JsonMappingException e) {
            throw translate(e);
        } catch (StreamReadException e) {
            throw malformed("$", e);
        } catch (StreamConstraintsException e) {
            throw tooDeep("$", e);
        } catch (JsonProcessingException e) {
            throw new JsonInputException("$", firstLine(e.getOriginalMessage()), location(e.getLocation()), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonInputException translate(JsonMappingException e) {
        String path = path(e.getPath());
        String location = location(e.getLocation());
        ValidationException rule = find(e, ValidationException.class);
        if (rule != null) {
            String field = rule.field().isEmpty() ? "" : "." + rule.field();
            // No text location: a rule is checked once its whole object is read, so the parser
            // stands at the object's end; the path is the precise pointer.
            return new JsonInputException(path + field, rule.getMessage(), "", e);
        }
        StreamConstraintsException deep = find(e, StreamConstraintsException.class);
        if (deep != null) {
            return tooDeep(path, deep);
        }
        StreamReadException syntax = find(e, StreamReadException.class);
        if (syntax != null) {
            return malformed(path, syntax);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ", "; known properties: ", ""));
            String guess = u.getKnownPropertyIds() == null ? null : closest(u.getPropertyName(),
                    u.getKnownPropertyIds().stream().map(Object::toString).toList());
            return new JsonInputException(path, "unknown property '" + u.getPropertyName() + "'"
                    + (guess == null ? known : "; did you mean '" + guess + "'?" + known.replaceFirst("^;", "")), location, e);
        }
        if (e instanceof InvalidTypeIdException t) {
            return new JsonInputException(path, "unknown or missing type '" + t.getTypeId() + "': "
                    + firstLine(t.getOriginalMessage()).replaceAll(" as a subtype of `[\\w.]+`", "")
                            .replace(" (for POJO property", " (property"), location, e);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            String allowed = Arrays.stream(f.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
            return new JsonInputException(path, "must be one of " + allowed + ", but was '" + f.getValue() + "'", location, e);
        }
        IllegalStateException incomplete = find(e, IllegalStateException.class);
        if (incomplete != null && incomplete.getMessage() != null) {
            Matcher m = MISSING.matcher(incomplete.getMessage());
            if (m.find()) {
                return new JsonInputException(path, m.group(1) + " is missing required properties " + m.group(2), location, e);
            }
        }
        if (find(e, NullPointerException.class) != null) {
            return new JsonInputException(path, "must not be null", location, e);
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            if (mi.getMessage() != null && mi.getMessage().startsWith("Trailing token")) {
                return new JsonInputException(path, "unexpected content after the end of the value", location, e);
            }
            return new JsonInputException(path, "expected " + describe(mi.getTargetType()) + ", but found "
                    + found(mi), location, e);
        }
        return new JsonInputException(path, firstLine(e.getOriginalMessage()), location, e);
    }

    /**
     * The known name a typo most likely meant: the one at the least edit distance, if that is at
     * most 2 (or a third of the name), ignoring case.
     */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 10 || a.length() > 100 || b.length() > 100) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static JsonInputException tooDeep(String path, StreamConstraintsException e) {
        return new JsonInputException(path, "JSON nests arrays and objects more than " + MAX_DEPTH
                + " levels deep; cskit reads at most " + MAX_DEPTH, location(e.getLocation()), e);
    }

    private static JsonInputException malformed(String path, StreamReadException e) {
        String message = firstLine(e.getOriginalMessage());
        Matcher range = OUT_OF_RANGE.matcher(message);
        if (e instanceof InputCoercionException && range.find()) {
            String bounds = range.group(2).equals("int") ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                    : Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            return new JsonInputException(path, "expected a whole number from " + bounds + ", but found " + range.group(1),
                    location(e.getLocation()), e);
        }
        if (message.startsWith("Non-standard token")) {
            message = message.substring(0, message.indexOf(':')) + " is not a number; give a finite number";
        } else if (message.startsWith("Duplicate field")) {
            message = "duplicate property" + message.substring("Duplicate field".length());
        }
        return new JsonInputException(path, "malformed JSON: " + message, location(e.getLocation()), e);
    }

    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            return f.getValue() instanceof String text ? "the string '" + text + "'" : "the value " + f.getValue();
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher text = STRING_VALUE.matcher(message);
        if (text.find()) {
            return "the string '" + text.group(1) + "'";
        }
        Matcher token = TOKEN.matcher(message);
        String name = token.find() ? token.group(1) : message.contains("`null`") ? "VALUE_NULL" : "";
        return switch (name) {
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            case "START_OBJECT", "FIELD_NAME" -> "an object";
            case "START_ARRAY" -> "an array";
            default -> "a value of another type";
        };
    }

    private static String describe(Class<?> type) {
        if (type == double.class || type == Double.class || type == BigDecimal.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == LocalDate.class) {
            return "a date such as 2026-02-01";
        }
        if (type == Instant.class) {
            return "a time such as 2026-02-01T09:30:00Z";
        }
        if (type == Period.class) {
            return "a period such as P14D or P1M";
        }
        if (type == Currency.class) {
            return "an ISO 4217 currency code such as EUR";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a " + type.getSimpleName();
    }

    private static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String location(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
