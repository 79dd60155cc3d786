package org.cskit.playbooks.spi;

import java.util.Arrays;
import org.cskit.model.Validate;

/**
 * What the engine remembers about one account and one playbook, between evaluations: the one
 * situation it has a play out for (offered or open), when that play was first offered (its
 * idempotency key is built from this time, so a retry on a later day carries the same key), when
 * the playbook last made a play for the account (for cooldowns, cadences and reminders), and the
 * times of its latest plays (for at-most-N-per-period limits). Plain data with no policy in it: the
 * engine decides, a {@link PlayStateStore} only keeps it. Immutable and thread-safe.
 *
 * <p>Times are UTC epoch seconds (an as-of time's fraction of a second is dropped), {@link #NEVER}
 * for none. A situation is a code the engine derives from the trigger (such as the renewal
 * date's epoch day; always within the range of an {@code int}); equal codes are the same situation.
 *
 * @param version the store's version of this state: 0 for a state that does not exist yet, then one
 *     more on every write; {@link PlayStateStore#compareAndSet} compares it
 * @param status whether a play is out, and how far it got
 * @param situation the code of the situation of the offered or open play; 0 when {@link Status#NONE}
 * @param offeredAt when the offered or open play was first offered; {@link #NEVER} when none
 * @param lastPlay when the playbook last made (delivered) a play for the account; {@link #NEVER} if never
 * @param recent the times of the latest plays, oldest first, at most the playbook's limit count
 *     (empty for playbooks without a limit); copied
 */
public record PlayState(long version, Status status, long situation, long offeredAt, long lastPlay, long[] recent) {
    private static final long[] NO_TIMES = new long[0];

    /** A time that never happened. */
    public static final long NEVER = Long.MIN_VALUE;

    /** The state of an account and playbook that never made a play. */
    public static final PlayState EMPTY = new PlayState(0, Status.NONE, 0, NEVER, NEVER, new long[0]);

    /** Where the account's play of the playbook stands. */
    public enum Status {
        /** No play out: none was made, or the last one closed. */
        NONE,
        /**
         * A play was offered to the sink, which has not confirmed it (it threw, or the process
         * stopped). The next evaluation offers it again, under the same key, while its situation
         * holds.
         */
        OFFERED,
        /** The sink took the play; it stays open until its situation clears (auto-close). */
        OPEN
    }

    /**
     * Checks and copies.
     *
     * @throws org.cskit.model.ValidationException if the version is negative, the status missing, a
     *     play is out without an offer time, or the recent times are not in order
     */
    public PlayState {
        if (version < 0) {
            throw Validate.invalid("version", "version must not be negative, but was " + version);
        }
        Validate.present("status", status);
        Validate.present("recent", recent);
        if (status != Status.NONE && offeredAt == NEVER) {
            throw Validate.invalid("offeredAt", "a " + status + " play needs the time it was offered");
        }
        recent = recent.length == 0 ? NO_TIMES : recent.clone(); // most states have none: one shared empty array
        for (int i = 1; i < recent.length; i++) {
            if (recent[i] < recent[i - 1]) {
                throw Validate.invalid("recent", "recent play times must be oldest first, but " + recent[i] + " follows "
                        + recent[i - 1]);
            }
        }
    }

    /**
     * The recent play times.
     *
     * @return a copy, oldest first
     */
    @Override
    public long[] recent() {
        return recent.length == 0 ? NO_TIMES : recent.clone();
    }

    /** The number of recent play times, without copying them. */
    public int recentCount() {
        return recent.length;
    }

    /**
     * One recent play time, without copying them.
     *
     * @param i the index, 0 for the oldest
     * @return the time
     */
    public long recentAt(int i) {
        return recent[i];
    }

    /**
     * Whether nothing is remembered: no play out, no last play, no recent plays. A store may delete
     * such a state instead of keeping it.
     *
     * @return whether the state is empty
     */
    public boolean isEmpty() {
        return status == Status.NONE && lastPlay == NEVER && recent.length == 0;
    }

    /**
     * The same state under another version.
     *
     * @param version the version
     * @return the state
     */
    public PlayState withVersion(long version) {
        return new PlayState(version, status, situation, offeredAt, lastPlay, recent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlayState s && version == s.version && status == s.status && situation == s.situation
                && offeredAt == s.offeredAt && lastPlay == s.lastPlay && Arrays.equals(recent, s.recent);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Long.hashCode(situation) * 17 + Long.hashCode(offeredAt) + Arrays.hashCode(recent);
    }

    @Override
    public String toString() {
        return "PlayState[v" + version + " " + status + " situation " + situation + " offeredAt " + offeredAt + " lastPlay " + lastPlay
                + " recent " + Arrays.toString(recent) + "]";
    }
}
