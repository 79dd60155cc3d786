package org.cskit.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.cskit.model.Validate;

/**
 * Reads durations and periods from ISO-8601 strings only. Jackson's own readers take a bare number
 * as seconds ({@code "cooldown": 30} would be 30 seconds); here it is refused, since it has no unit.
 * A duration and a period accept the same spelling of days and weeks ({@code P30D}, {@code P2W}); a
 * duration refuses months and years (they have no fixed length) and a period refuses hours, minutes
 * and seconds (it counts calendar days), each saying why.
 */
final class TimeText {
    private static final String DURATION = "a duration such as P30D (30 days) or PT12H (12 hours)";
    private static final String PERIOD = "a period such as P14D or P1M";

    private TimeText() {}

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("cskit-time-text");
        module.addDeserializer(Duration.class, new DurationReader());
        module.addDeserializer(Period.class, new PeriodReader());
        return module;
    }

    /** Parses a duration as JSON input spells it; the message says what was wrong and what to write. */
    static Duration duration(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException notDuration) {
            Period p = period(t);
            if (p != null && p.toTotalMonths() == 0) {
                return Duration.ofDays(p.getDays());
            }
            if (p != null) {
                throw problem(DURATION, "the string " + Validate.quote(text) + ": months and years have no fixed length, "
                        + "so write days, such as P30D");
            }
            throw problem(DURATION, "the string " + Validate.quote(text) + hint(t));
        }
    }

    /** Parses a period as JSON input spells it; the message says what was wrong and what to write. */
    static Period calendarPeriod(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        Period p = period(t);
        if (p != null) {
            return p;
        }
        try {
            Duration.parse(t);
        } catch (DateTimeParseException notDuration) {
            throw problem(PERIOD, "the string " + Validate.quote(text) + hint(t));
        }
        throw problem(PERIOD, "the string " + Validate.quote(text) + ": a period counts whole days, weeks, months "
                + "or years, without hours, minutes or seconds");
    }

    private static Period period(String t) {
        try {
            return Period.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String hint(String t) {
        // "30d", "30 days": the number and unit an ISO-8601 string writes as P30D.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(-?\\d+)\\s*(D|DAY|DAYS)").matcher(t);
        return m.matches() ? "; write P" + m.group(1) + "D" : "";
    }

    private static org.cskit.model.ValidationException problem(String expected, String found) {
        return Validate.invalid("", "expected " + expected + ", but found " + found);
    }

    private static String token(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return "the number " + Validate.oneLine(p.getText()) + ": a bare number has no unit";
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME) {
            return "an object";
        }
        if (t == JsonToken.START_ARRAY) {
            return "an array";
        }
        return t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE ? "a boolean" : "a value of another type";
    }

    private static final class DurationReader extends StdScalarDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationReader() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw problem(DURATION, token(p) + "; write P" + (p.hasToken(JsonToken.VALUE_NUMBER_INT) ? p.getText() : "30")
                        + "D for days or PT" + (p.hasToken(JsonToken.VALUE_NUMBER_INT) ? p.getText() : "30") + "S for seconds");
            }
            return duration(p.getText());
        }
    }

    private static final class PeriodReader extends StdScalarDeserializer<Period> {
        private static final long serialVersionUID = 1L;

        PeriodReader() {
            super(Period.class);
        }

        @Override
        public Period deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw problem(PERIOD, token(p) + (p.hasToken(JsonToken.VALUE_NUMBER_INT) ? "; write P" + p.getText() + "D for days" : ""));
            }
            return calendarPeriod(p.getText());
        }
    }
}
