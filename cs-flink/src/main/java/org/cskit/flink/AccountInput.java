package org.cskit.flink;

import java.util.Arrays;
import java.util.Objects;
import org.cskit.model.LifecycleStage;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.json.CsJson;

/**
 * One record of an account's stream: observations of one signal (one or many, such as a nightly
 * extract's whole window), one {@link AccountEvent} (as its JSON), or the account's profile (its
 * segment and lifecycle stage from a time on). A Flink POJO (public fields,
 * a public no-argument constructor), so Flink serialises it with its own POJO serializer, never
 * Kryo. Not thread-safe; records are handed from operator to operator, not shared.
 *
 * <p>Checked by the operator before anything is kept (see {@link CsFlink}): the account id is
 * present; exactly one of a signal, an event and a profile is; a signal has as many times as
 * values, at least one, times in order; an event's JSON reads as an event of this account; a
 * profile names both a segment the definitions declare and a stage.
 *
 * <p><b>Profiles.</b> Each evaluation uses the account's latest profile at or before its time;
 * an account with none is in the definitions' first segment ({@code default} unless
 * the definitions declare others) at stage {@link LifecycleStage#ADOPTION}.
 */
public class AccountInput {
    /** The account, the key of every keyed cskit operator. */
    public String accountId;
    /** The signal's name, or null for an event. */
    public String signal;
    /** The observations' times, epoch milliseconds, oldest first; null for an event. */
    public long[] times;
    /** The observations' values, one per time; null for an event. */
    public double[] values;
    /** The event as cskit JSON ({@code CsJson}), or null for observations. */
    public String event;
    /** The event's or the profile's time, epoch milliseconds; unused for observations. */
    public long eventTime;
    /** The account's segment from {@link #eventTime} on, or null: a profile record. */
    public String segment;
    /** The account's lifecycle stage from {@link #eventTime} on, or null: a profile record. */
    public LifecycleStage stage;

    /** For Flink's POJO serializer; use the factories. */
    public AccountInput() {}

    /**
     * One observation of a signal.
     *
     * @param accountId the account
     * @param signal the signal's name
     * @param epochMillis when it was observed
     * @param value the value
     * @return the record
     */
    public static AccountInput signal(String accountId, String signal, long epochMillis, double value) {
        return signal(accountId, signal, new long[] {epochMillis}, new double[] {value});
    }

    /**
     * Several observations of one signal (not copied).
     *
     * @param accountId the account
     * @param signal the signal's name
     * @param times when, epoch milliseconds, oldest first
     * @param values the values, one per time
     * @return the record
     */
    public static AccountInput signal(String accountId, String signal, long[] times, double[] values) {
        AccountInput in = new AccountInput();
        in.accountId = accountId;
        in.signal = signal;
        in.times = times;
        in.values = values;
        return in;
    }

    /**
     * An event, written as JSON.
     *
     * @param event the event
     * @return the record
     */
    public static AccountInput event(AccountEvent event) {
        Objects.requireNonNull(event, "event");
        AccountInput in = new AccountInput();
        in.accountId = event.accountId().value();
        in.event = CsJson.create().write(event);
        in.eventTime = event.occurredAt().toEpochMilli();
        return in;
    }

    /**
     * The account's profile from a time on: its segment and lifecycle stage.
     *
     * @param accountId the account
     * @param segment the segment's name, one the definitions declare
     * @param stage the lifecycle stage
     * @param epochMillis from when
     * @return the record
     */
    public static AccountInput profile(String accountId, String segment, LifecycleStage stage, long epochMillis) {
        AccountInput in = new AccountInput();
        in.accountId = accountId;
        in.segment = segment;
        in.stage = stage;
        in.eventTime = epochMillis;
        return in;
    }

    /** @return whether this record is a profile (it has a segment or a stage) */
    public boolean isProfile() {
        return segment != null || stage != null;
    }

    /**
     * The record's event time: the event's or the profile's, or the latest observation's.
     *
     * @return epoch milliseconds
     */
    public long timestamp() {
        return event != null || isProfile() || times == null || times.length == 0 ? eventTime : times[times.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountInput a && Objects.equals(accountId, a.accountId) && Objects.equals(signal, a.signal)
                && Arrays.equals(times, a.times) && Arrays.equals(values, a.values) && Objects.equals(event, a.event)
                && eventTime == a.eventTime && Objects.equals(segment, a.segment) && stage == a.stage;
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, signal, event) * 31 + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        if (isProfile()) {
            return "AccountInput[" + accountId + " profile " + segment + " " + stage + " from " + eventTime + "]";
        }
        return event != null ? "AccountInput[" + accountId + " event " + event + "]"
                : "AccountInput[" + accountId + " " + signal + " " + (times == null ? 0 : times.length) + " observations]";
    }
}
