package org.cskit.playbooks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cskit.model.Validate;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.RepeatPolicy;

/**
 * The play history of a columnar evaluation: for each row (account) and playbook of one engine, the
 * last play's time, the situation of the open play if any, and, for playbooks with a limit, the
 * times of the latest plays. It applies the same {@link RepeatPolicy} rules as
 * {@link InMemoryPlayHistory} (one open play per situation, cooldown, at most N per period,
 * auto-close), in primitive arrays: {@code rows x playbooks x 16} bytes, plus {@code 8 x count}
 * per row for each playbook with a limit. Rows are positions, so keep each account on the same row
 * from one evaluation to the next.
 *
 * <p>It remembers, per row and playbook, only the latest play; that is all the rules need as long
 * as each row is evaluated in time order. Plays of event and manual playbooks, made by
 * {@link PlaybookEngine#evaluate(PlaybookInput)}, are kept in the engine's {@link
 * org.cskit.playbooks.spi.PlayHistory}, not here: use one path per playbook set.
 *
 * <p>Evaluations of disjoint row ranges may run in parallel; one row must not be evaluated by two
 * threads at once ({@link PlaybookEngine#evaluateParallel} splits rows that way).
 */
public final class RowPlayHistory {
    static final long NONE = Long.MIN_VALUE;

    final PlaybookEngine engine;
    private final int rows;
    private final int playbooks;
    final long[] last; // epoch nanos of the latest play, NONE if never
    final long[] open; // situation code of the open play, NONE if none
    final int playbookWords;
    final long[] openBits; // per row, a bit per playbook with an open play
    private final long[][] recent; // per playbook with a limit: rows x count play times, NONE if empty
    private final int[] limitCount;
    private final long[] limitNanos;
    final long[] cooldownNanos;

    RowPlayHistory(PlaybookEngine engine, int rows) {
        this.engine = engine;
        this.rows = Validate.atLeast("rows", rows, 0);
        List<Playbook> list = engine.playbooks();
        this.playbooks = list.size();
        long cells = (long) rows * playbooks;
        if (cells > Integer.MAX_VALUE - 8) {
            throw Validate.invalid("rows", rows + " rows x " + playbooks + " playbooks is more cells than one array holds; "
                    + "split the portfolio into batches of at most " + (Integer.MAX_VALUE - 8) / Math.max(1, playbooks) + " rows");
        }
        last = new long[(int) cells];
        open = new long[(int) cells];
        playbookWords = Math.max(1, (playbooks + 63) >>> 6);
        openBits = new long[rows * playbookWords];
        recent = new long[playbooks][];
        limitCount = new int[playbooks];
        limitNanos = new long[playbooks];
        cooldownNanos = new long[playbooks];
        for (int p = 0; p < playbooks; p++) {
            RepeatPolicy policy = list.get(p).repeat();
            cooldownNanos[p] = policy.cooldown().toNanos();
            if (policy.limit().isPresent()) {
                limitCount[p] = policy.limit().get().count();
                limitNanos[p] = policy.limit().get().period().toNanos();
                recent[p] = new long[rows * limitCount[p]];
            }
        }
        clear();
    }

    /** @return the number of rows */
    public int rows() {
        return rows;
    }

    /** Forgets every play. */
    public void clear() {
        Arrays.fill(last, NONE);
        Arrays.fill(open, NONE);
        Arrays.fill(openBits, 0L);
        for (long[] r : recent) {
            if (r != null) {
                Arrays.fill(r, NONE);
            }
        }
    }

    /**
     * When the playbook last made a play for the row.
     *
     * @param row the row
     * @param playbookId the playbook
     * @return the time, or empty if never
     */
    public Optional<Instant> lastPlay(int row, String playbookId) {
        long t = last[cell(row, playbookId)];
        return t == NONE ? Optional.empty() : Optional.of(Instant.ofEpochSecond(0, t));
    }

    /**
     * Whether the row has an open play of the playbook.
     *
     * @param row the row
     * @param playbookId the playbook
     * @return whether one is open
     */
    public boolean isOpen(int row, String playbookId) {
        return open[cell(row, playbookId)] != NONE;
    }

    /**
     * The playbooks with an open play for the row, in the engine's order.
     *
     * @param row the row
     * @return their ids
     */
    public List<String> openPlaybooks(int row) {
        Objects.checkIndex(row, rows);
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < playbooks; p++) {
            if (open[row * playbooks + p] != NONE) {
                ids.add(engine.playbooks().get(p).id());
            }
        }
        return ids;
    }

    private int cell(int row, String playbookId) {
        Objects.checkIndex(row, rows);
        return row * playbooks + engine.indexOf(playbookId);
    }

    /** Whether the playbook has made {@code count} plays in {@code (now - period, now]}; false without a limit. */
    boolean limitReached(int row, int p, long now) {
        long[] times = recent[p];
        if (times == null) {
            return false;
        }
        int count = limitCount[p];
        long from = now - limitNanos[p];
        int inWindow = 0;
        for (int i = row * count, end = i + count; i < end; i++) {
            long t = times[i];
            if (t != NONE && t > from && t <= now) {
                inWindow++;
            }
        }
        return inWindow >= count;
    }

    /** Closes the open play of a row and playbook. */
    void close(int row, int p) {
        open[row * playbooks + p] = NONE;
        openBits[row * playbookWords + (p >>> 6)] &= ~(1L << p);
    }

    /** Records a play made at {@code now} in the given situation. */
    void record(int row, int p, long now, long situation) {
        int cell = row * playbooks + p;
        last[cell] = now;
        open[cell] = situation;
        openBits[row * playbookWords + (p >>> 6)] |= 1L << p;
        long[] times = recent[p];
        if (times != null) {
            // Replace the oldest of the latest `count` times (NONE, the smallest long, counts as oldest).
            int start = row * limitCount[p];
            int oldest = start;
            for (int i = start + 1; i < start + limitCount[p]; i++) {
                if (times[i] < times[oldest]) {
                    oldest = i;
                }
            }
            times[oldest] = now;
        }
    }
}
