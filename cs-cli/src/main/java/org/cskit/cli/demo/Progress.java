package org.cskit.cli.demo;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A text progress bar for the steps of a command, such as {@code scoring [##########----------]  50% 1500/3000},
 * redrawn in place with a carriage return. A step's bar appears only once the step has taken a
 * second, so quick steps print nothing, and is redrawn at most ten times a second. The clock is
 * given, so tests can drive it. Not thread-safe: one thread reports progress.
 */
public final class Progress {
    private static final long SHOW_AFTER = 1_000_000_000L;
    private static final long REDRAW_EVERY = 100_000_000L;
    private static final int WIDTH = 20;

    private final PrintWriter out;
    private final LongSupplier nanoTime;
    private String label;
    private long total;
    private long done;
    private long started;
    private long drawnAt;
    private long drawnDone;
    private boolean drawn;

    private Progress(PrintWriter out, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
    }

    /**
     * A progress bar that draws nothing.
     *
     * @return the bar
     */
    public static Progress off() {
        return new Progress(null, () -> 0L);
    }

    /**
     * A progress bar that draws on a terminal's error stream.
     *
     * @param out where to draw, usually standard error
     * @param nanoTime the clock, in nanoseconds ({@code System::nanoTime})
     * @return the bar
     */
    public static Progress to(PrintWriter out, LongSupplier nanoTime) {
        return new Progress(out, nanoTime);
    }

    /**
     * Starts a step, ending the one before.
     *
     * @param stepLabel what the step does, such as {@code scoring}
     * @param stepTotal how many units it has, at least 1
     */
    public void start(String stepLabel, long stepTotal) {
        finish();
        label = stepLabel;
        total = Math.max(1, stepTotal);
        done = 0;
        started = nanoTime.getAsLong();
        drawn = false;
    }

    /**
     * Reports units done.
     *
     * @param units how many more units are done
     */
    public void advance(long units) {
        done = Math.min(total, done + units);
        if (out == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - started >= SHOW_AFTER && (!drawn || now - drawnAt >= REDRAW_EVERY || done == total)) {
            draw(now);
        }
    }

    /** Ends the current step: a bar that was drawn is completed and its line ended. */
    public void finish() {
        if (out != null && drawn) {
            if (drawnDone != total) {
                done = total;
                draw(nanoTime.getAsLong());
            }
            out.println();
            out.flush();
        }
        drawn = false;
    }

    /** Ends the line of a drawn bar without completing it, as when the step failed. */
    public void abandon() {
        if (out != null && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
    }

    private void draw(long now) {
        int filled = (int) (WIDTH * done / total);
        out.print(String.format(Locale.ROOT, "\r%-10s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                100 * done / total, done, total));
        out.flush();
        drawn = true;
        drawnAt = now;
        drawnDone = done;
    }
}
