package org.cskit.playbooks.engine;

import java.util.Arrays;
import java.util.List;
import org.cskit.playbooks.spi.EvaluationReport;

/**
 * The counts of one engine call for its listener, by {@link EvaluationReport#cell cell}: a short
 * list of cells for a per-account call (a few plays at most), a dense array for a portfolio call
 * (made on the first count), kept only when a listener hears.
 */
final class Tally {
    private final boolean sparse;
    private final int cellCount;
    private int[] cells;
    private long[] counts;
    private int size;

    Tally(int playbooks, boolean sparse) {
        this.sparse = sparse;
        this.cellCount = EvaluationReport.cells(playbooks);
    }

    void add(int cell) {
        if (sparse) {
            if (cells == null) {
                cells = new int[4];
                counts = new long[4];
            } else if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            cells[size] = cell;
            counts[size++] = 1;
        } else {
            if (counts == null) {
                counts = new long[cellCount];
            }
            counts[cell]++;
        }
    }

    EvaluationReport report(EvaluationReport.Kind kind, List<String> ids, long rows, long nanos) {
        if (counts == null) {
            return EvaluationReport.of(kind, ids, rows, nanos, new int[0], new long[0], 0);
        }
        if (sparse) {
            return EvaluationReport.of(kind, ids, rows, nanos, cells, counts, size);
        }
        int n = 0;
        for (long c : counts) {
            if (c != 0) {
                n++;
            }
        }
        int[] used = new int[n];
        long[] values = new long[n];
        for (int cell = 0, i = 0; cell < counts.length; cell++) {
            if (counts[cell] != 0) {
                used[i] = cell;
                values[i++] = counts[cell];
            }
        }
        return EvaluationReport.of(kind, ids, rows, nanos, used, values, n);
    }
}
