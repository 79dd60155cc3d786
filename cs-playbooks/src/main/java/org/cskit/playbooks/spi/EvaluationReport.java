package org.cskit.playbooks.spi;

import java.util.List;
import java.util.Objects;

/**
 * What one call of the engine did, counted by playbook: plays made, plays closed, plays the sink
 * did not take, and firings suppressed, by {@link Suppression reason}. Given to an
 * {@link EngineListener}; holds no account (so a metric built from it has bounded tags). Only the
 * counts that are not zero are held ({@link #forEachCount}), so a report of one account is small.
 * Immutable once handed over; thread-safe.
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

    /** What a count counts. */
    public enum Outcome {
        /** Plays delivered (new, offered again, reminders). */
        MADE,
        /** Plays closed because their situation cleared. */
        CLOSED,
        /** Plays and close notifications the sink did not take (offered again later). */
        FAILED,
        /** Firings suppressed by the repeat policy, for a {@link Suppression} reason. */
        SUPPRESSED
    }

    /** Receives a report's counts. */
    @FunctionalInterface
    public interface CountConsumer {
        /**
         * One count, never zero.
         *
         * @param playbook the playbook's index in {@link #playbookIds()}
         * @param outcome what is counted
         * @param reason the reason of a {@link Outcome#SUPPRESSED} count, else null
         * @param count how many
         */
        void accept(int playbook, Outcome outcome, Suppression reason, long count);
    }

    private static final Suppression[] REASONS = Suppression.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    /** Cells per playbook: made, closed, failed, then one per suppression reason. */
    private static final int CELLS = 3 + REASONS.length;

    private final Kind kind;
    private final List<String> playbookIds;
    private final long rows;
    private final long nanos;
    private final int[] cells;
    private final long[] counts;
    private final int size;

    private EvaluationReport(Kind kind, List<String> playbookIds, long rows, long nanos, int[] cells, long[] counts, int size) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.playbookIds = List.copyOf(playbookIds);
        this.rows = rows;
        this.nanos = nanos;
        this.cells = cells;
        this.counts = counts;
        this.size = size;
        if (rows < 0 || nanos < 0) {
            throw new IllegalArgumentException("rows and nanos must not be negative, but were " + rows + " and " + nanos);
        }
        if (size < 0 || size > cells.length || size > counts.length) {
            throw new IllegalArgumentException("size must be in [0, " + Math.min(cells.length, counts.length) + "], but was " + size);
        }
        for (int i = 0; i < size; i++) {
            Objects.checkIndex(cells[i], this.playbookIds.size() * CELLS);
        }
    }

    /**
     * A report (the engine makes them; public for listeners' tests).
     *
     * @param kind the kind of call
     * @param playbookIds the engine's playbooks, in its order
     * @param rows the accounts evaluated
     * @param nanos how long the call took
     * @param cells per count, its {@link #cell cell}; taken over, not copied
     * @param counts per count, how many; taken over, not copied
     * @param size how many of the cells and counts are used
     * @return the report
     * @throws IllegalArgumentException if rows or nanos are negative, or size does not fit the arrays
     * @throws IndexOutOfBoundsException if a cell does not fit the playbooks
     */
    public static EvaluationReport of(Kind kind, List<String> playbookIds, long rows, long nanos, int[] cells, long[] counts,
            int size) {
        return new EvaluationReport(kind, playbookIds, rows, nanos, cells, counts, size);
    }

    /**
     * The cell of a count, for {@link #of}.
     *
     * @param playbook the playbook's index
     * @param outcome what is counted
     * @param reason the reason of a suppression, else ignored
     * @return the cell
     */
    public static int cell(int playbook, Outcome outcome, Suppression reason) {
        return playbook * CELLS + (outcome == Outcome.SUPPRESSED ? 3 + reason.ordinal() : outcome.ordinal());
    }

    /**
     * The number of cells of an engine of so many playbooks (the largest cell is one less).
     *
     * @param playbooks the engine's playbook count
     * @return the cells
     */
    public static int cells(int playbooks) {
        return playbooks * CELLS;
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
     * Gives every count that is not zero (a cell may come more than once; add them up).
     *
     * @param consumer receives them
     */
    public void forEachCount(CountConsumer consumer) {
        for (int i = 0; i < size; i++) {
            if (counts[i] != 0) {
                int within = cells[i] % CELLS;
                Outcome outcome = within < 3 ? OUTCOMES[within] : Outcome.SUPPRESSED;
                consumer.accept(cells[i] / CELLS, outcome, within < 3 ? null : REASONS[within - 3], counts[i]);
            }
        }
    }

    /**
     * @param playbook the playbook's index in {@link #playbookIds()}
     * @return plays delivered (new, offered again, reminders)
     */
    public long made(int playbook) {
        return count(cell(checked(playbook), Outcome.MADE, null));
    }

    /**
     * @param playbook the playbook's index
     * @return plays closed because their situation cleared
     */
    public long closed(int playbook) {
        return count(cell(checked(playbook), Outcome.CLOSED, null));
    }

    /**
     * @param playbook the playbook's index
     * @return plays and close notifications the sink did not take
     */
    public long failed(int playbook) {
        return count(cell(checked(playbook), Outcome.FAILED, null));
    }

    /**
     * @param playbook the playbook's index
     * @param reason why
     * @return firings of the playbook suppressed for that reason
     */
    public long suppressed(int playbook, Suppression reason) {
        return count(cell(checked(playbook), Outcome.SUPPRESSED, Objects.requireNonNull(reason, "reason")));
    }

    /** @return plays delivered, over every playbook */
    public long made() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (cells[i] % CELLS == 0) {
                sum += counts[i];
            }
        }
        return sum;
    }

    private int checked(int playbook) {
        return Objects.checkIndex(playbook, playbookIds.size());
    }

    private long count(int cell) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            if (cells[i] == cell) {
                sum += counts[i];
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "EvaluationReport[" + kind + ", rows=" + rows + ", nanos=" + nanos + ", made=" + made() + "]";
    }
}
