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

    static String format(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < MIN || seconds > MAX) {
            return at.toString();
        }
        StringBuilder sb = new StringBuilder(30);
        append(sb, at);
        return sb.toString();
    }

    static StringBuilder append(StringBuilder sb, Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds < MIN || seconds > MAX) {
            return sb.append(at);
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        pad(sb, date.getYear(), 4).append('-');
        pad(sb, date.getMonthValue(), 2).append('-');
        pad(sb, date.getDayOfMonth(), 2).append('T');
        pad(sb, secondOfDay / 3600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2);
        int nano = at.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z');
    }

    /** Appends a non-negative value of at most {@code width} digits, zero-padded. */
    private static StringBuilder pad(StringBuilder sb, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            sb.append((char) ('0' + value / divisor % 10));
        }
        return sb;
    }
}
