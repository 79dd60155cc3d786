package org.cskit.flink.internal;

import org.cskit.playbooks.spi.PlayState;

/**
 * A {@link PlayState} as Flink keyed state holds it: a POJO of primitives, serialised by Flink's
 * POJO serializer, never Kryo.
 */
public class StoredPlayState {
    /** The store's version. */
    public long version;
    /** The status's ordinal. */
    public byte status;
    /** The situation code. */
    public long situation;
    /** When offered, epoch seconds, or {@link PlayState#NEVER}. */
    public long offeredAt;
    /** The last play, epoch seconds, or {@link PlayState#NEVER}. */
    public long lastPlay;
    /** The recent play times, oldest first. */
    public long[] recent;

    /** For Flink. */
    public StoredPlayState() {}

    /**
     * Copies a state.
     *
     * @param s the state
     * @return its stored form
     */
    public static StoredPlayState of(PlayState s) {
        StoredPlayState out = new StoredPlayState();
        out.version = s.version();
        out.status = (byte) s.status().ordinal();
        out.situation = s.situation();
        out.offeredAt = s.offeredAt();
        out.lastPlay = s.lastPlay();
        out.recent = s.recent();
        return out;
    }

    /**
     * The state back.
     *
     * @return the state
     */
    public PlayState toPlayState() {
        return new PlayState(version, PlayState.Status.values()[status], situation, offeredAt, lastPlay,
                recent == null ? new long[0] : recent);
    }

    /**
     * Whether two stored states hold the same values (either may be null).
     *
     * @param a one
     * @param b the other
     * @return whether equal field by field
     */
    public static boolean same(StoredPlayState a, StoredPlayState b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.version == b.version && a.status == b.status && a.situation == b.situation && a.offeredAt == b.offeredAt
                && a.lastPlay == b.lastPlay && java.util.Arrays.equals(a.recent == null ? new long[0] : a.recent,
                        b.recent == null ? new long[0] : b.recent);
    }
}
