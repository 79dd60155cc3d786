package org.cskit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #fixed} never moves,
 * {@link #steppable} moves by {@link #advance} or {@link #setTo}. Time never goes backwards through
 * this API. Thread-safe: many threads may read it while one moves it, and concurrent
 * {@code advance} calls all take effect.
 *
 * <p>Default: {@link #DEFAULT_START} in UTC.
 */
public final class TestClock extends Clock {
    /** Where {@link #steppable()} and {@link #fixed()} start: 2026-05-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-05-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    private final boolean steppable;

    private TestClock(AtomicReference<Instant> now, ZoneId zone, boolean steppable) {
        this.now = now;
        this.zone = zone;
        this.steppable = steppable;
    }

    /**
     * A clock that always reads {@link #DEFAULT_START}, in UTC.
     *
     * @return the clock
     */
    public static TestClock fixed() {
        return fixed(DEFAULT_START);
    }

    /**
     * A clock that always reads the given instant, in UTC.
     *
     * @param at the instant
     * @return the clock
     */
    public static TestClock fixed(Instant at) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(at, "at")), ZoneOffset.UTC, false);
    }

    /**
     * A clock that starts at {@link #DEFAULT_START}, in UTC, and moves when told.
     *
     * @return the clock
     */
    public static TestClock steppable() {
        return steppable(DEFAULT_START);
    }

    /**
     * A clock that starts at the given instant, in UTC, and moves when told.
     *
     * @param start the first instant it reads
     * @return the clock
     */
    public static TestClock steppable(Instant start) {
        return new TestClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC, true);
    }

    /**
     * Moves the clock forward.
     *
     * @param step how far, zero or positive
     * @return the new time
     * @throws IllegalArgumentException if the step is negative
     * @throws UnsupportedOperationException if the clock is fixed
     */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative, but was " + step + ": time does not go back");
        }
        requireSteppable();
        return now.updateAndGet(t -> t.plus(step));
    }

    /**
     * Moves the clock forward to an instant.
     *
     * @param at the new time, not before the current one
     * @throws IllegalArgumentException if {@code at} is before the current time
     * @throws UnsupportedOperationException if the clock is fixed
     */
    public void setTo(Instant at) {
        Objects.requireNonNull(at, "at");
        requireSteppable();
        now.updateAndGet(t -> {
            if (at.isBefore(t)) {
                throw new IllegalArgumentException("cannot set the clock back from " + t + " to " + at);
            }
            return at;
        });
    }

    /**
     * Whether {@link #advance} and {@link #setTo} may move this clock.
     *
     * @return true if steppable, false if fixed
     */
    public boolean isSteppable() {
        return steppable;
    }

    private void requireSteppable() {
        if (!steppable) {
            throw new UnsupportedOperationException("a fixed TestClock does not move; use TestClock.steppable()");
        }
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * The same clock seen from another zone: moving either moves both.
     *
     * @param zone the zone
     * @return a view of this clock in that zone
     */
    @Override
    public TestClock withZone(ZoneId zone) {
        return new TestClock(now, Objects.requireNonNull(zone, "zone"), steppable);
    }

    @Override
    public String toString() {
        return "TestClock[" + (steppable ? "steppable" : "fixed") + ", " + now.get() + ", " + zone + "]";
    }
}
