package org.cskit.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Play;
import org.cskit.cli.input.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}, the program's default: reads the data, scores every account monthly up to the as-of
 * day, runs the built-in playbooks on that day, writes the HTML report and prints a short summary
 * whose last line names the report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a portfolio, run the built-in playbooks and write an HTML report (the default command).",
            "Reads the RavenStack data shipped with cskit unless --data names a folder of the same four CSV files, or "
                    + "--generated N makes a portfolio of N accounts from a seed."})
public final class Demo extends PortfolioCommand {
    @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/cskit-demo/report.html",
            description = "the HTML report to write (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--state-db", paramLabel = "FILE", description = "keep the plays' state (open plays, cooldowns, limits) in an "
            + "H2 database in this file (FILE.mv.db): the next run with the same file picks up this run's open plays and cooldowns "
            + "(default: a file per data source and playbook set under $CSKIT_HOME/state, ~/.cskit/state without it)")
    Path state;

    /** The flag's old name, refused with the new one (it named two formats: {@code columns} takes a snapshot file). */
    @Option(names = "--state", arity = "0..1", hidden = true)
    String oldState;

    @Option(names = "--no-state", description = "keep the plays' state in memory for this run only: read no earlier run's, keep none")
    boolean noState;

    @Option(names = "--top", paramLabel = "N", defaultValue = "8", description = "how many of the accounts most at risk to follow over time "
            + "(default: ${DEFAULT-VALUE})")
    int top;

    /** The state this run reads and writes, chosen in {@link #call()}. */
    private DemoState chosen;

    @Override
    public Integer call() {
        if (top < 1) {
            throw new InputException("--top must be at least 1, but was " + top);
        }
        if (oldState != null) {
            throw new InputException(DemoState.OLD_FLAG);
        }
        options.checkSource();
        chosen = DemoState.choose(state, noState, options, BuiltInPlaybooks.all());
        Progress bar = progress();
        DemoRun run;
        if (chosen.file() == null) {
            run = run(null, null, bar);
        } else {
            String flag = chosen.how().equals("--state-db") ? "--state-db " + state : "state file " + DemoState.dbFile(chosen.file());
            try {
                Path parent = chosen.file().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new InputException(flag + ": cannot create its folder: " + e.getMessage());
            }
            org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:file:"
                    + chosen.file() + ";LOCK_TIMEOUT=10000", "sa", "");
            try {
                org.cskit.jdbc.CsJdbc db = org.cskit.jdbc.CsJdbc.builder().dataSource(pool).build();
                db.migrate();
                run = run(db.playStateStore(), db::inTransaction, bar);
            } catch (org.cskit.jdbc.JdbcStoreException e) {
                throw new InputException(flag + ": " + e.getMessage()
                        + (chosen.how().equals("default") ? " (choose another with --state-db FILE, or none with --no-state)" : ""));
            } finally {
                pool.dispose();
            }
        }
        PlaybookRun playbooks = run.scored().playbooks();
        Path report = out.toAbsolutePath().normalize();
        try {
            Path parent = report.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(report, DemoReport.html(run, top, chosen.line(playbooks.suppressed().getOrDefault("ALREADY_OPEN", 0),
                    playbooks.suppressed().getOrDefault("COOLING_DOWN", 0))), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        summary(out(), run, playbooks, report);
        return 0;
    }

    /**
     * Reads or generates the data, scores it monthly up to the as-of day and runs the built-in
     * playbooks on that day: a night of cs-run's nightly run per day ({@link DemoNight}).
     */
    private DemoRun run(org.cskit.playbooks.spi.PlayStateStore store, org.cskit.run.NightlyState.Transactions transactions, Progress bar) {
        PortfolioSource data = options.source(bar);
        LocalDate asOf = options.asOf(data);
        Strategy strategy = options.strategy(data);
        List<LocalDate> days = ScoredPortfolio.monthly(asOf, MONTHS, data.first());
        DemoPortfolio scored = DemoNight.run(data, asOf, strategy, days, BuiltInPlaybooks.all(), store, transactions, top, bar);
        if (scored.accounts() == 0) {
            throw new InputException("--as-of " + asOf + ": no account in " + data.name() + " " + data.membership() + " on that day");
        }
        return new DemoRun(data, asOf, strategy, scored);
    }

    private void summary(PrintWriter o, DemoRun run, PlaybookRun playbooks, Path report) {
        o.printf(Locale.ROOT, "cskit demo: %s, as of %s%n", run.data().description(), run.asOf());
        o.println(run.data().contents(run.scored().days(), run.scored().signals()));
        o.printf(Locale.ROOT, "scored %d accounts with %s on %d monthly days, %s to %s%n", run.scored().accounts(), run.strategy().describe(),
                run.scored().days().size(), run.scored().days().get(0), run.asOf());
        o.println("bands: " + DemoReport.bandLine(run));
        KnownOutcomes.of(run).ifPresent(k -> o.printf(Locale.ROOT, "churned at their renewal after %s, by band on it: %s%n", run.asOf(),
                k.line()));
        o.println("most at risk: " + run.scored().mostAtRisk(3).stream().map(DemoPortfolio.Kept::scored)
                .map(s -> String.format(Locale.ROOT, "%s (%s) %.1f %s %s",
                s.account().name(), s.account().segment().name(), s.vector().score(), s.vector().band().label(),
                s.vector().direction())).collect(Collectors.joining("; ")));
        Map<String, Long> byPlaybook = playbooks.byPlaybook();
        o.println("plays: " + playbooks.plays() + (byPlaybook.isEmpty() ? "" : " (" + byPlaybook.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")"));
        o.println(chosen.line(playbooks.suppressed().getOrDefault("ALREADY_OPEN", 0),
                playbooks.suppressed().getOrDefault("COOLING_DOWN", 0)));
        if (!playbooks.queue().isEmpty()) {
            Play first = playbooks.queue().get(0);
            o.printf("first in the queue: %s %s, %s, due %s: %s%n", first.priority(), first.playbookId(), name(playbooks, first),
                    PlaybookRun.due(first), first.actions().get(0).text());
        }
        List<String> quiet = new ArrayList<>();
        for (PlaybookRun.Status s : playbooks.statuses()) {
            if (s.outcome() == PlaybookRun.Outcome.NOT_RUN || s.outcome() == PlaybookRun.Outcome.CANNOT_FIRE) {
                quiet.add(s.playbook().id());
            }
        }
        if (!quiet.isEmpty()) {
            o.println("cannot fire on this data (the report says why): " + String.join(", ", quiet));
        }
        o.println("report: " + report);
        o.flush();
    }

    private static String name(PlaybookRun playbooks, Play play) {
        return java.util.Optional.ofNullable(playbooks.customers().get(play.accountId()))
                .map(c -> c.name() + " (" + play.accountId().value() + ")").orElse(play.accountId().value());
    }
}
