package org.cskit.cli.demo;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cskit.cli.input.InputException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * What the portfolio commands ({@code demo}, {@code score}, {@code playbooks}) share: options, output
 * and the scoring run of {@code score} and {@code playbooks} ({@code demo} runs its nights through cs-run's nightly run,
 * {@link DemoNight}).
 */
public abstract class PortfolioCommand implements Callable<Integer> {
    /** How many monthly days are scored for vectors over time. */
    static final int MONTHS = 6;

    @Spec
    CommandSpec spec;

    @Mixin
    PortfolioOptions options;

    private boolean progress;

    // Only the commands of this package extend it.
    PortfolioCommand() {}

    /**
     * Turns the progress bar on for every portfolio command under a command line: for a terminal.
     *
     * @param root the program's command line
     */
    public static void showProgress(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            if (sub.getCommand() instanceof PortfolioCommand c) {
                c.progress = true;
            }
        }
    }

    /** @return where the command's output goes */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private Progress current = Progress.off();

    /** @return a new progress bar: on standard error for a terminal, else off */
    Progress progress() {
        current = progress ? Progress.to(spec.commandLine().getErr(), System::nanoTime) : Progress.off();
        return current;
    }

    /** Ends a progress bar's line, if one is drawn, so that an error message starts on a line of its own. */
    public void endProgress() {
        current.abandon();
    }

    /**
     * Reads or generates the data and scores the portfolio monthly up to the as-of day.
     *
     * @param months how many monthly days, ending on the as-of day
     * @param keepEveryDay whether to keep every day's snapshots and vectors, as a dry run needs
     * @param bar the progress bar
     * @return the run
     * @throws InputException if an option or the data is wrong, or no account is in the portfolio on the as-of day
     */
    Run score(int months, boolean keepEveryDay, Progress bar) {
        PortfolioSource data = options.source(bar);
        LocalDate asOf = options.asOf(data);
        Strategy strategy = options.strategy(data);
        ScoredPortfolio scored = ScoredPortfolio.score(data, strategy, ScoredPortfolio.monthly(asOf, months, data.first()), keepEveryDay,
                bar);
        if (scored.last().isEmpty()) {
            throw new InputException("--as-of " + asOf + ": no account in " + data.name() + " " + data.membership() + " on that day");
        }
        return new Run(data, asOf, strategy, scored);
    }

    /**
     * A scored portfolio with what it came from.
     *
     * @param data the data
     * @param asOf the as-of day
     * @param strategy the scoring strategy
     * @param scored the scores
     */
    record Run(PortfolioSource data, LocalDate asOf, Strategy strategy, ScoredPortfolio scored) {}
}
