package org.cskit.flink;

import java.util.Objects;

/**
 * A play made or closed by a cskit operator, as it leaves the operator: the light form of the
 * engine's {@code PlayHandle}. A Flink POJO (never Kryo). Delivery downstream is at least once:
 * after a restore from a checkpoint a play may be emitted again, always under the same
 * {@link #key}, so a sink that writes by key (an upsert, or a dedupe on the key) keeps one of each.
 * Not thread-safe.
 */
public class PlayRecord {
    /** The idempotency key: playbook, account, situation and the time the play was first offered. */
    public String key;
    /** The account. */
    public String accountId;
    /** The playbook's id. */
    public String playbookId;
    /** The situation the play responds to, such as {@code threshold:seat_utilisation}. */
    public String situation;
    /** The as-of time of the evaluation that made or closed it, epoch milliseconds. */
    public long at;
    /** Whether this play reminds of an open one. */
    public boolean reminder;
    /** Whether the play closed (its situation cleared) rather than was made. */
    public boolean closed;

    /** For Flink's POJO serializer. */
    public PlayRecord() {}

    /**
     * A record with every field.
     *
     * @param key the idempotency key
     * @param accountId the account
     * @param playbookId the playbook
     * @param situation the situation
     * @param at epoch milliseconds
     * @param reminder whether it is a reminder
     * @param closed whether it closed
     */
    public PlayRecord(String key, String accountId, String playbookId, String situation, long at, boolean reminder, boolean closed) {
        this.key = key;
        this.accountId = accountId;
        this.playbookId = playbookId;
        this.situation = situation;
        this.at = at;
        this.reminder = reminder;
        this.closed = closed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PlayRecord p && Objects.equals(key, p.key) && Objects.equals(accountId, p.accountId)
                && Objects.equals(playbookId, p.playbookId) && Objects.equals(situation, p.situation) && at == p.at
                && reminder == p.reminder && closed == p.closed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, closed);
    }

    @Override
    public String toString() {
        return (closed ? "closed " : reminder ? "reminder " : "play ") + key + " at " + at;
    }
}
