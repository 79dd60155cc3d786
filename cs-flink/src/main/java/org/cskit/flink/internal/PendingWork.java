package org.cskit.flink.internal;

/**
 * What an account's timer at one time does: a full evaluation, and the events of that time (as
 * JSON, in arrival order); for the nightly job, whether yesterday's state was read. A Flink POJO.
 */
public class PendingWork {
    /** Whether a full evaluation is due at this time. */
    public boolean evaluate;
    /** The events of this time, as JSON. */
    public String[] events;
    /** Whether yesterday's state was read for this time (the nightly job's as-of time). */
    public boolean carried;

    /** For Flink. */
    public PendingWork() {}
}
