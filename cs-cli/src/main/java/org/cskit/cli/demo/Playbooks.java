package org.cskit.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cskit.model.FeatureSchema;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.DryRunReport;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.JsonErrors;
import org.cskit.cli.input.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code playbooks}: runs the built-in playbooks, or those of a JSON file, over the scored portfolio
 * on the as-of day and prints the queue of plays, one line each with its reason; with
 * {@code --dry-run}, replays every month of the data up to the as-of day and prints what each
 * playbook would have done.
 */
@Command(name = "playbooks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run playbooks over the scored portfolio and print the queue of plays with their reasons.",
            "Runs the built-in playbooks unless --playbooks names a JSON array of playbooks."})
public final class Playbooks extends PortfolioCommand {
    @Option(names = "--playbooks", paramLabel = "FILE.json", description = "a JSON array of playbooks to run instead of the built-in ones")
    Path file;

    @Option(names = "--dry-run", description = "replay every month of the data up to the as-of day and print what each playbook would have done")
    boolean dryRun;

    @Override
    public Integer call() {
        FeatureSchema schema = options.assembler().schema();
        List<Playbook> playbooks = file == null ? BuiltInPlaybooks.all() : read(file, schema);
        String source = file == null ? "the built-in playbooks" : file.toString();
        Progress bar = progress();
        PrintWriter o = out();
        if (dryRun) {
            Run run = score(Integer.MAX_VALUE, true, bar);
            List<Playbook> runnable = new ArrayList<>();
            for (Playbook p : playbooks) {
                if (PlaybookRun.unknownFeatures(p, schema).isEmpty()) {
                    runnable.add(p);
                } else {
                    o.printf("%-28s not run: reads %s, which the data does not provide%n", p.id(),
                            String.join(", ", PlaybookRun.unknownFeatures(p, schema)));
                }
            }
            List<LocalDate> days = run.scored().days();
            DryRunReport report = PlaybookRun.dryRun(runnable, schema, run.scored());
            o.printf("dry run of %s over %d monthly days, %s to %s (each account evaluated on each day, in order):%n", source, days.size(),
                    days.get(0), days.get(days.size() - 1));
            for (DryRunReport.PlaybookSummary s : report.playbooks()) {
                o.printf(Locale.ROOT, "%-28s %s for %s, %4d closed again, %s suppressed%n", s.playbookId(),
                        count(5, s.plays(), "play"), count(4, s.accounts().size(), "account"), s.closed(),
                        count(5, s.suppressed(), "firing"));
            }
            o.flush();
            return 0;
        }
        Run run = score(MONTHS, false, bar);
        PlaybookRun result = PlaybookRun.run(playbooks, schema, run.scored(), bar);
        o.printf("%s on %s: %s, %s%n", source, result.day(), count(0, run.scored().last().size(), "account"),
                count(0, result.queue().size(), "play"));
        for (Play p : result.queue()) {
            o.printf("%-6s due %s  %-12s %-26s %-18s %s | because %s%n", p.priority(), PlaybookRun.due(p), p.accountId().value(),
                    p.playbookId(), PlaybookRun.owners(p), p.actions().get(0).text(), PlaybookRun.reason(p));
        }
        for (PlaybookRun.Status s : result.statuses()) {
            if (s.outcome() != PlaybookRun.Outcome.FIRED) {
                o.printf("%-28s %s: %s%n", s.playbook().id(), s.outcome().toString().toLowerCase(Locale.ROOT).replace('_', ' '), s.why());
            }
        }
        o.flush();
        return 0;
    }

    private static List<Playbook> read(Path file, FeatureSchema schema) {
        String json = TextFiles.read(file);
        List<Playbook> playbooks;
        try {
            playbooks = PlaybookEngine.readJson(json, schema);
        } catch (JsonInputException e) {
            throw JsonErrors.of(file.toString(), json, e);
        }
        if (playbooks.isEmpty()) {
            throw new InputException(file + ":1: no playbooks; expected a JSON array of at least one playbook");
        }
        return playbooks;
    }

    /** A count and its noun, singular for one: {@code 1 play}, {@code 2 plays}; the number right-aligned in {@code width}. */
    static String count(int width, long n, String noun) {
        return String.format(Locale.ROOT, "%" + (width > 0 ? width : "") + "d %s", n, n == 1 ? noun : noun + "s");
    }
}
