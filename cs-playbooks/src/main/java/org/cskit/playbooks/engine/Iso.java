package org.cskit.playbooks.engine;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} exactly as {@link Instant#toString()} does, for years 0 to 9999, without
 * going through {@code DateTimeFormatter}: plays' keys, situations and reasons name times, and the
 * formatter was a large share of making a play.
 */
final class Iso {
    private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private Iso() {}

    /** The last instant formatted and its text: evaluations of one batch share their as-of time. */
    private static volatile Formatted last = new Formatted(Instant.EPOCH, "1970-01-01T00:00:00Z");

    private record Formatted(Instant at, String text) {}

    static String format(Instant at) {
        Formatted f = last;
        if (f.at.equals(at)) {
            return f.text;
        }
        long seconds = at.getEpochSecond();
        if (seconds < MIN || seconds > MAX) {
            return at.toString();
        }
        String text = append(new StringBuilder(30), at).toString();
        last = new Formatted(at, text);
        return text;
    }

    /** Appends an instant of years 0 to 9999. */
    private static StringBuilder append(StringBuilder sb, Instant at) {
        long seconds = at.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(sb, date.getYear(), 1000).append('-');
        digits(sb, date.getMonthValue(), 10).append('-');
        digits(sb, date.getDayOfMonth(), 10).append('T');
        digits(sb, secondOfDay / 3600, 10).append(':');
        digits(sb, secondOfDay / 60 % 60, 10).append(':');
        digits(sb, secondOfDay % 60, 10);
        int nano = at.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 100);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 100_000);
            } else {
                digits(sb, nano, 100_000_000);
            }
        }
        return sb.append('Z');
    }

    /** Appends a non-negative value zero-padded to as many digits as {@code top} (a power of ten) has. */
    private static StringBuilder digits(StringBuilder sb, int value, int top) {
        if (top == 10) {
            return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
        }
        for (int d = top; d > 0; d /= 10) {
            sb.append((char) ('0' + value / d % 10));
        }
        return sb;
    }
}
