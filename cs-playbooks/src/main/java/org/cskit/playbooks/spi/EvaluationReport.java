package org.cskit.playbooks.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one call of the engine did, counted by playbook: plays made, plays closed, plays the sink
 * did not take, and firings suppressed, by {@link Suppression reason}. Given to an
 * {@link EngineListener}; holds no account (so a metric built from it has bounded tags). Immutable
 * once handed over; thread-safe.
 */
public final class EvaluationReport {
    /** What kind of call the report is of. */
    public enum Kind {
        /** Rows of a portfolio held as columns. */
        PORTFOLIO,
        /** One account, every playbook. */
        ACCOUNT,
        /** One account, the playbooks its event starts. */
        EVENT
    }

    /** Why a playbook fired without making a play; the reasons of {@code EvaluationResult.Suppressed}. */
    public enum Suppression {
        /** The situation's play is open already. */
        ALREADY_OPEN,
        /** The cooldown since the last play has not passed. */
        COOLING_DOWN,
        /** The playbook made its most plays in the limit's period. */
        LIMIT_REACHED,
        /** A more urgent playbook of its exclusion group fired or has a play out. */
        EXCLUDED,
        /** The sink has not taken the close notification of the previous play. */
        CLOSE_PENDING,
        /** Another evaluation of the account recorded first. */
        CONCURRENT
    }

    /** The count of plays made, at {@code playbook * SLOTS + MADE} in {@link #of}'s counts. */
    public static final int MADE = 0;
    /** The count of plays closed. */
    public static final int CLOSED = 1;
    /** The count of plays and close notifications the sink did not take. */
    public static final int FAILED = 2;
    /** The count of firings suppressed for the first {@link Suppression} reason; the others follow in their order. */
    public static final int SUPPRESSED = 3;
    /** Counts per playbook: made, closed, failed, then one per suppression reason. */
    public static final int SLOTS = SUPPRESSED + Suppression.values().length;

    private final Kind kind;
    private final List<String> playbookIds;
    private final long rows;
    private final long nanos;
    private final long[] counts;

    private EvaluationReport(Kind kind, List<String> playbookIds, long rows, long nanos, long[] counts) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.playbookIds = List.copyOf(playbookIds);
        this.rows = rows;
        this.nanos = nanos;
        this.counts = counts;
        if (rows < 0 || nanos < 0) {
            throw new IllegalArgumentException("rows and nanos must not be negative, but were " + rows + " and " + nanos);
        }
        if (counts != null && counts.length != this.playbookIds.size() * SLOTS) {
            throw new IllegalArgumentException("counts must hold " + SLOTS + " per playbook (" + this.playbookIds.size() * SLOTS
                    + "), but held " + counts.length);
        }
    }

    /**
     * A report (the engine makes them; public for listeners' tests).
     *
     * @param kind the kind of call
     * @param playbookIds the engine's playbooks, in its order
     * @param rows the accounts evaluated
     * @param nanos how long the call took
     * @param counts {@link #SLOTS} counts per playbook in the order made, closed, failed, then the
     *     {@link Suppression} reasons in their order; taken over, not copied; null when nothing was counted
     * @return the report
     * @throws IllegalArgumentException if the counts do not fit the playbooks, or rows or nanos are negative
     */
    public static EvaluationReport of(Kind kind, List<String> playbookIds, long rows, long nanos, long[] counts) {
        return new EvaluationReport(kind, playbookIds, rows, nanos, counts);
    }

    /** @return the kind of call */
    public Kind kind() {
        return kind;
    }

    /** @return the engine's playbook ids, in its order; {@code playbook} arguments index this list */
    public List<String> playbookIds() {
        return playbookIds;
    }

    /** @return the accounts (rows) evaluated */
    public long rows() {
        return rows;
    }

    /** @return how long the call took, in nanoseconds */
    public long nanos() {
        return nanos;
    }

    /**
     * @param playbook the playbook's index in {@link #playbookIds()}
     * @return plays delivered (new, offered again, reminders)
     */
    public long made(int playbook) {
        return count(playbook, MADE);
    }

    /**
     * @param playbook the playbook's index
     * @return plays closed because their situation cleared
     */
    public long closed(int playbook) {
        return count(playbook, CLOSED);
    }

    /**
     * @param playbook the playbook's index
     * @return plays and close notifications the sink did not take
     */
    public long failed(int playbook) {
        return count(playbook, FAILED);
    }

    /**
     * @param playbook the playbook's index
     * @param reason why
     * @return firings of the playbook suppressed for that reason
     */
    public long suppressed(int playbook, Suppression reason) {
        return count(playbook, SUPPRESSED + reason.ordinal());
    }

    /** @return plays delivered, over every playbook */
    public long made() {
        return total(MADE);
    }

    /** @return whether anything at all was counted (a call that made, closed, failed and suppressed nothing has no counts) */
    public boolean hasCounts() {
        return counts != null;
    }

    private long total(int slot) {
        long sum = 0;
        for (int p = 0; p < playbookIds.size(); p++) {
            sum += count(p, slot);
        }
        return sum;
    }

    private long count(int playbook, int slot) {
        Objects.checkIndex(playbook, playbookIds.size());
        return counts == null ? 0 : counts[playbook * SLOTS + slot];
    }

    @Override
    public String toString() {
        return "EvaluationReport[" + kind + ", rows=" + rows + ", nanos=" + nanos + ", made=" + made() + "]";
    }
}
