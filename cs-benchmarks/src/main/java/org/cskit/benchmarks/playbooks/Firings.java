package org.cskit.benchmarks.playbooks;

import java.util.Arrays;

/**
 * The identical trivial action of every engine: count the play and, for the gate only, record
 * {@code (account, rule)} as {@code account * 64 + rule}.
 */
public final class Firings {
    private final boolean record;
    private long count;
    private long[] keys = new long[0];

    public Firings(boolean record) {
        this.record = record;
    }

    /** One play of rule {@code rule} for account {@code account}. */
    public void fire(int account, int rule) {
        if (record) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, Math.max(16, keys.length * 2));
            }
            keys[(int) count] = (long) account * 64 + rule;
        }
        count++;
    }

    public long count() {
        return count;
    }

    /** The recorded firings, sorted. */
    public long[] sorted() {
        long[] copy = Arrays.copyOf(keys, (int) count);
        Arrays.sort(copy);
        return copy;
    }

    public void clear() {
        count = 0;
    }
}
