package org.cskit.cli.calibrate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.JsonErrors;
import org.cskit.cli.input.TextFiles;
import org.cskit.cli.ravenstack.RavenStackScoring;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.calibration.Backtest;
import org.cskit.scoring.calibration.ScorecardRefit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: replays RavenStack's dated history month by month with a scorecard (the
 * hand-made usage-and-support one, or {@code --scorecard FILE}) and prints how well it ranked the
 * accounts that churned within the horizon after each date, and how early their vectors declined.
 * With {@code --refit-before DAY} it first re-fits the scorecard's weights on the dates whose
 * horizon ends by that day (nothing after it is read for the fit), then backtests the original and
 * the refitted scorecard on the dates from that day on. The last line is always
 * {@code backtest mean AUC=0.5012 dates=21 churners=170}, for the scorecard that was backtested last.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay dated history (RavenStack's format) month by month with a scorecard and judge how early it saw churn.",
            "With --refit-before, re-fit the scorecard's weights on the earlier dates and compare on the later ones."})
public final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
            description = "a folder of RavenStack-format CSV files with ravenstack_churn_events.csv (default: the shipped RavenStack data)")
    Path data;

    @Option(names = "--scorecard", paramLabel = "FILE", description = "a scorecard JSON over the features usage_30d, errors_30d, "
            + "tickets_90d, escalations_90d (default: the hand-made usage-and-support scorecard)")
    Path scorecardFile;

    @Option(names = "--horizon", defaultValue = "90", paramLabel = "DAYS", description = "churn within this many days after a date counts (default ${DEFAULT-VALUE})")
    int horizon;

    @Option(names = "--refit-before", paramLabel = "YYYY-MM-DD", description = "re-fit the weights on the dates whose horizon ends by this day")
    String refitBefore;

    @Option(names = "--out", paramLabel = "FILE", description = "with --refit-before: write the refitted scorecard's JSON here")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (horizon < 1) {
            throw new InputException("--horizon must be at least 1 day, but was " + horizon);
        }
        if (out != null && refitBefore == null) {
            throw new InputException("--out writes the refitted scorecard, so it needs --refit-before");
        }
        Scorecard scorecard = scorecardFile == null ? RavenStackBacktest.SCORECARD : readScorecard(scorecardFile);
        RavenStackBacktest.History history = RavenStackBacktest.history(data == null ? RavenStackScoring.shippedData() : data);
        Duration window = Duration.ofDays(horizon);
        if (refitBefore == null) {
            report(o, scorecard, history.dates(), run(scorecard, history, history.dates(), window));
            return 0;
        }
        Instant cutoff = day("--refit-before", refitBefore);
        List<Instant> before = new ArrayList<>();
        List<Instant> after = new ArrayList<>();
        for (Instant d : history.dates()) {
            if (!d.plus(window).isAfter(cutoff)) {
                before.add(d);
            } else if (!d.isBefore(cutoff)) {
                after.add(d);
            }
        }
        if (before.isEmpty() || after.isEmpty()) {
            throw new InputException("--refit-before " + refitBefore + " leaves " + before.size() + " dates to fit on (horizon ending by it) and "
                    + after.size() + " to judge on; the data's dates run from " + LocalDate.ofInstant(history.dates().get(0), ZoneOffset.UTC)
                    + " to " + LocalDate.ofInstant(history.dates().get(history.dates().size() - 1), ZoneOffset.UTC));
        }
        List<AccountSnapshot> snapshots = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (Instant d : before) {
            for (AccountSnapshot s : history.source().snapshotsAsOf(d)) {
                Instant churn = history.churnedAt().get(s.accountId());
                if (churn != null && !churn.isAfter(d)) {
                    continue; // gone already
                }
                snapshots.add(s);
                labels.add(churn != null && !churn.isAfter(d.plus(window)));
            }
        }
        boolean[] churned = new boolean[labels.size()];
        for (int i = 0; i < churned.length; i++) {
            churned[i] = labels.get(i);
        }
        ScorecardRefit refit;
        try {
            refit = ScorecardRefit.of(scorecard, snapshots, churned, 1.0);
        } catch (ValidationException e) {
            throw new InputException("cannot refit '" + scorecard.id() + "': " + e.getMessage());
        }
        o.printf(Locale.ROOT, "refit %s on %d dates before %s: %d snapshots, %d churned within %d days%n", scorecard.id(), before.size(),
                refitBefore, snapshots.size(), count(churned), horizon);
        for (ScorecardRefit.InputWeight w : refit.weights()) {
            o.printf(Locale.ROOT, "  %-20s %-10s %5.1f%% -> %5.1f%%  (coefficient %.4f)%n", w.input(), w.group(), 100 * w.before(),
                    100 * w.after(), w.coefficient());
        }
        refit.leftOut().forEach(l -> o.println("  left out: " + l));
        if (out != null) {
            write(out, CsJson.create().write(refit.scorecard()) + "\n");
            o.printf("wrote %s%n", out);
        }
        o.printf("judged on the %d dates from %s:%n", after.size(), refitBefore);
        Backtest original = run(scorecard, history, after, window);
        Backtest refitted = run(refit.scorecard(), history, after, window);
        o.printf(Locale.ROOT, "  original  v%d: %s%n", scorecard.version(), original);
        o.printf(Locale.ROOT, "  refitted  v%d: %s%n", refit.scorecard().version(), refitted);
        o.printf(Locale.ROOT, "backtest mean AUC=%.4f dates=%d churners=%d%n", meanAuc(refitted), after.size(), refitted.leads().size());
        return 0;
    }

    private static Backtest run(Scorecard scorecard, RavenStackBacktest.History history, List<Instant> dates, Duration horizon) {
        try {
            return Backtest.run(WeightedScorecard.of(scorecard), dates, history.source(), history.churnedAt(), horizon);
        } catch (ValidationException e) {
            throw new InputException("scorecard '" + scorecard.id() + "': " + e.getMessage());
        }
    }

    private static void report(PrintWriter o, Scorecard scorecard, List<Instant> dates, Backtest b) {
        o.printf(Locale.ROOT, "backtest of %s v%d on %d monthly dates%n", scorecard.id(), scorecard.version(), dates.size());
        o.println("date        accounts  churned  declining  AUC");
        for (Backtest.DateResult d : b.dates()) {
            o.printf(Locale.ROOT, "%s  %8d  %7d  %9d  %s%n", LocalDate.ofInstant(d.asOf(), ZoneOffset.UTC), d.accounts(),
                    d.churnedWithinHorizon(), d.declining(), Double.isNaN(d.auc()) ? "n/a" : String.format(Locale.ROOT, "%.3f", d.auc()));
        }
        o.println(b);
        o.printf(Locale.ROOT, "backtest mean AUC=%.4f dates=%d churners=%d%n", meanAuc(b), dates.size(), b.leads().size());
    }

    private static double meanAuc(Backtest b) {
        return b.dates().stream().mapToDouble(Backtest.DateResult::auc).filter(a -> !Double.isNaN(a)).average().orElse(Double.NaN);
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }

    private static Instant day(String option, String text) {
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(option + " must be a day like 2024-01-01, but was '" + text + "'");
        }
    }

    private static Scorecard readScorecard(Path file) {
        String json = TextFiles.read(file);
        try {
            return CsJson.create().read(json, Scorecard.class);
        } catch (JsonInputException e) {
            throw JsonErrors.of(file.toString(), json, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot write: " + e.getMessage());
        }
    }
}
