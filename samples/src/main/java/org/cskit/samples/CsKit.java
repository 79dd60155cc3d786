package org.cskit.samples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.cskit.samples.calibrate.Calibrate;
import org.cskit.samples.calibrate.DeriveRavenStack;
import org.cskit.samples.input.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The samples program: {@code demo} (the default) and {@code calibrate}. The README's demo command
 * runs it.
 */
@Command(name = "cskit", mixinStandardHelpOptions = true, subcommands = {CsKit.Demo.class, Calibrate.class, DeriveRavenStack.class},
        description = "cskit samples. With no command, runs the demo.")
public final class CsKit implements Runnable {
    private PrintStream stdout = System.out;

    /**
     * Runs the program; exits with the command's code when it is not 0.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the program.
     *
     * @param args the command line
     * @param out where output goes
     * @param err where errors go: one line each
     * @return the exit code: 0, or 2 for bad input
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CsKit app = new CsKit();
        app.stdout = out;
        CommandLine cmd = new CommandLine(app);
        cmd.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cmd.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (try --help)");
            return 2;
        });
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof InputException) {
                c.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cmd.execute(args);
    }

    @Override
    public void run() {
        QuickStart.run(stdout);
    }

    /** {@code demo}: for now, the quick start (a later issue builds the full demo). */
    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the demo (today: the quick start).")
    static final class Demo implements Runnable {
        @CommandLine.ParentCommand
        CsKit parent;

        @Override
        public void run() {
            QuickStart.run(parent.stdout);
        }
    }
}
