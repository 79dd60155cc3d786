package org.cskit.jdbc.internal;

import java.time.Instant;

/** Instants as microseconds since the epoch, the precision the tables keep. */
public final class Micros {
    private Micros() {}

    /**
     * Whether an instant has no part below a microsecond.
     *
     * @param t the instant
     * @return true if it is a whole number of microseconds
     */
    public static boolean exact(Instant t) {
        return t.getNano() % 1_000 == 0;
    }

    /**
     * The instant in microseconds.
     *
     * @param t the instant, within about 292,000 years of 1970
     * @return microseconds since 1970-01-01T00:00Z
     */
    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /**
     * The instant of a number of microseconds.
     *
     * @param micros microseconds since 1970-01-01T00:00Z
     * @return the instant
     */
    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
