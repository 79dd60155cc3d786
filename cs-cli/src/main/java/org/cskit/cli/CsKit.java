package org.cskit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.cskit.cli.calibrate.BacktestCommand;
import org.cskit.cli.calibrate.Calibrate;
import org.cskit.cli.columns.ColumnarPlaybooks;
import org.cskit.cli.calibrate.DeriveRavenStack;
import org.cskit.cli.demo.Demo;
import org.cskit.cli.demo.PortfolioCommand;
import org.cskit.cli.demo.Playbooks;
import org.cskit.cli.demo.Score;
import org.cskit.cli.input.InputException;
import org.cskit.model.ValidationException;
import org.cskit.model.json.JsonInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The cskit command: {@code demo} (the default), {@code score}, {@code playbooks},
 * {@code columns}, {@code calibrate} and {@code backtest}. The README's demo command runs it.
 */
@Command(name = "cskit", mixinStandardHelpOptions = true,
        subcommands = {Demo.class, Score.class, Playbooks.class, ColumnarPlaybooks.class, Calibrate.class, BacktestCommand.class,
            DeriveRavenStack.class},
        description = "The cskit command line. With no command, runs the demo.")
public final class CsKit implements Runnable {

    /**
     * Runs the program, with a progress bar on standard error when it is a terminal; exits with the
     * command's code when it is not 0.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.console() != null);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the program without a progress bar.
     *
     * @param args the command line; none runs the demo
     * @param out where output goes
     * @param err where errors go: one line each
     * @return the exit code: 0, or 2 for bad input
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    /**
     * Runs the program.
     *
     * @param args the command line; none runs the demo
     * @param out where output goes
     * @param err where errors and the progress bar go
     * @param progress whether to draw a progress bar for steps that take more than a second
     * @return the exit code: 0, or 2 for bad input
     */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean progress) {
        CommandLine cmd = new CommandLine(new CsKit());
        cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        if (progress) {
            PortfolioCommand.showProgress(cmd);
        }
        cmd.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (try --help)");
            return 2;
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            // Bad input found past reading (a rule of the model, JSON read elsewhere) is still bad input: one line, exit 2.
            if (e instanceof InputException || e instanceof ValidationException || e instanceof JsonInputException) {
                if (c.getCommand() instanceof PortfolioCommand p) {
                    p.endProgress();
                }
                c.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cmd.execute(args.length == 0 ? new String[] {"demo"} : args);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        // run(...) turns an empty command line into "demo"; options alone (none but --help and --version exist) print the usage.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
