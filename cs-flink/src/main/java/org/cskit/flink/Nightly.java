package org.cskit.flink;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The two outputs of one nightly job ({@link CsFlink#nightly}): the plays the night made and
 * closed, and every account's state after the night, which tomorrow's job reads. Write both:
 * without tomorrow's state, tomorrow's job offers every situation that still holds again, under
 * new keys. Immutable.
 */
public final class Nightly {
    private final SingleOutputStreamOperator<PlayRecord> plays;
    private final DataStream<AccountState> state;

    Nightly(SingleOutputStreamOperator<PlayRecord> plays, DataStream<AccountState> state) {
        this.plays = plays;
        this.state = state;
    }

    /** @return the plays made and closed tonight (reminders included), at least once, by key */
    public SingleOutputStreamOperator<PlayRecord> plays() {
        return plays;
    }

    /**
     * Every account's state after tonight: one record per account that has something to remember
     * (a scored vector or a play state), including accounts that had no records tonight (their
     * state passes on unchanged).
     *
     * @return the state for tomorrow's job
     */
    public DataStream<AccountState> state() {
        return state;
    }
}
