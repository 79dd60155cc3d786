package org.cskit.scoring;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.cskit.model.ManualOverride;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.RowSnapshots;

/**
 * The column loop of the built-in strategies: compiled scorecards over a batch's arrays, a block of
 * {@value ScorecardEvaluator#BLOCK} rows and one input at a time (tight loops over primitive arrays;
 * with several scorecards, each one's rows are gathered into blocks of their own).
 */
final class ColumnScoring {
    private ColumnScoring() {}

    /**
     * Scores the batch's rows, each with the evaluator {@code choose} gives for its array row; checks
     * everything first, so that nothing is written when something does not fit.
     */
    static void score(AccountBatch accounts, ScoreHistoryColumns history, VectorColumns into, List<ScorecardEvaluator> evaluators,
            IntUnaryOperator choose) {
        RowSnapshots.check(accounts, history, into);
        int count = evaluators.size();
        byte[][] bandCode = new byte[count][];
        int[][] previousIndex = new int[count][];
        ScorecardEvaluator.HistoryWindow[] windows = new ScorecardEvaluator.HistoryWindow[count];
        VectorColumns previous = accounts.previousVectors();
        List<String> labels = into.bandLabels();
        for (int e = 0; e < count; e++) {
            BandScheme bands = evaluators.get(e).bands();
            bandCode[e] = new byte[bands.ranges().size()];
            for (int b = 0; b < bandCode[e].length; b++) {
                String label = bands.ranges().get(b).label();
                int code = labels.indexOf(label);
                if (code < 0) {
                    throw Validate.invalid("into.bands", "the scorecard's band '" + label + "' is not among into's bands " + labels);
                }
                bandCode[e][b] = (byte) code;
            }
            if (previous != null) {
                List<String> before = previous.bandLabels();
                previousIndex[e] = new int[before.size() + 1];
                previousIndex[e][0] = -1;
                for (int c = 0; c < before.size(); c++) {
                    previousIndex[e][c + 1] = bands.indexOfLabel(before.get(c));
                }
            }
            windows[e] = new ScorecardEvaluator.HistoryWindow(evaluators.get(e), history, accounts.asOf());
        }
        byte[] previousBands = previous == null ? null : previous.bandCodes();
        ScorecardEvaluator.Block block = new ScorecardEvaluator.Block(maxInputs(evaluators));
        int offset = accounts.offset();
        IntFunction<ManualOverride> overrides = accounts.hasOverrides() ? r -> active(accounts.override(r - offset), accounts.asOf()) : null;
        int end = offset + accounts.size();
        if (count == 1) {
            ScorecardEvaluator e = evaluators.get(0);
            for (int start = offset; start < end; start += ScorecardEvaluator.BLOCK) {
                e.scoreBlock(accounts.features(), previousBands, previousIndex[0], windows[0], null, start,
                        Math.min(ScorecardEvaluator.BLOCK, end - start), block, overrides, into, bandCode[0]);
            }
            return;
        }
        // Several scorecards: each one's rows, a block at a time, in order.
        int[][] rows = new int[count][ScorecardEvaluator.BLOCK];
        int[] filled = new int[count];
        for (int r = offset; r < end; r++) {
            int e = choose.applyAsInt(r);
            rows[e][filled[e]++] = r;
            if (filled[e] == ScorecardEvaluator.BLOCK) {
                evaluators.get(e).scoreBlock(accounts.features(), previousBands, previousIndex[e], windows[e], rows[e], 0,
                        ScorecardEvaluator.BLOCK, block, overrides, into, bandCode[e]);
                filled[e] = 0;
            }
        }
        for (int e = 0; e < count; e++) {
            if (filled[e] > 0) {
                evaluators.get(e).scoreBlock(accounts.features(), previousBands, previousIndex[e], windows[e], rows[e], 0, filled[e], block,
                        overrides, into, bandCode[e]);
            }
        }
    }

    private static ManualOverride active(ManualOverride override, java.time.Instant asOf) {
        return override != null && override.isActiveAt(asOf) ? override : null;
    }

    private static int maxInputs(List<ScorecardEvaluator> evaluators) {
        int max = 0;
        for (ScorecardEvaluator e : evaluators) {
            max = Math.max(max, e.inputs());
        }
        return max;
    }
}
