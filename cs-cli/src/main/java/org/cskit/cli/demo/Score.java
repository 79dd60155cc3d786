package org.cskit.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.cskit.model.SuccessVector;
import org.cskit.model.json.CsJson;
import org.cskit.cli.input.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code score}: scores every account as of a day (with its monthly history, for direction) and
 * writes the vectors: CSV to standard output, or to a {@code .csv} or {@code .json} file.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score every account as of a day and write the vectors.",
            "CSV goes to standard output unless --out names a .csv or .json file; JSON holds each vector with its contributions."})
public final class Score extends PortfolioCommand {
    /** The CSV's header. */
    static final String HEADER = "account_id,account_name,segment,lifecycle_stage,arr,as_of,score,band,direction,velocity,coverage,"
            + "scorecard";

    @Option(names = "--out", paramLabel = "FILE", description = "write the vectors to FILE.csv or FILE.json instead of printing CSV")
    Path out;

    @Override
    public Integer call() {
        boolean json = out != null && out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        if (out != null && !json && !out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            throw new InputException("--out " + out + ": the file name must end in .csv or .json");
        }
        Run run = score(MONTHS, false, progress());
        List<ScoredPortfolio.Scored> last = run.scored().last();
        String text = json ? CsJson.create().write(last.stream().map(ScoredPortfolio.Scored::vector).toList()) + "\n" : csv(last);
        if (out == null) {
            out().print(text);
            out().flush();
            return 0;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(out + ": cannot write: " + e.getMessage());
        }
        out().printf("scored %d accounts as of %s with %s; bands: %s%nwrote %s%n", last.size(), run.asOf(), run.strategy().describe(),
                DemoReport.bandLine(run), out.toAbsolutePath());
        out().flush();
        return 0;
    }

    private static String csv(List<ScoredPortfolio.Scored> scored) {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        for (ScoredPortfolio.Scored a : scored) {
            SuccessVector v = a.vector();
            s.append(String.join(",", cell(a.account().id().value()), cell(a.account().name()), cell(a.account().segment().name()),
                    a.account().lifecycleStage().toString(), a.account().arr().amount().toPlainString(),
                    a.snapshot().asOf().toString().substring(0, 10), String.format(Locale.ROOT, "%.2f", v.score()), cell(v.band().label()),
                    v.direction().toString(), String.format(Locale.ROOT, "%.2f", v.velocity()), String.format(Locale.ROOT, "%.3f", v.coverage()),
                    cell(v.scorecardId().value()))).append('\n');
        }
        return s.toString();
    }

    /** A CSV cell, quoted when it holds a comma, a quote or a line break. */
    private static String cell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
