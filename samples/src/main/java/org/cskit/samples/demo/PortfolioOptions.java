package org.cskit.samples.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.cskit.model.ValidationException;
import org.cskit.model.json.JsonInputException;
import org.cskit.samples.input.InputException;
import org.cskit.samples.input.JsonErrors;
import org.cskit.samples.input.TextFiles;
import org.cskit.samples.ravenstack.RavenStack;
import org.cskit.samples.ravenstack.RavenStackScoring;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import picocli.CommandLine.Option;

/** The options every portfolio command shares: the data, the as-of day and the scoring strategy. */
final class PortfolioOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with ravenstack_accounts.csv, ravenstack_subscriptions.csv, ravenstack_feature_usage.csv and "
                    + "ravenstack_support_tickets.csv (default: the RavenStack data shipped with the samples)")
    Path data;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "the day to score as of (default: the latest day in the data)")
    String asOf;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = WeightedScorecard.NAME,
            description = "scoring strategy, built in or a plug-in on the class path (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--strategy-config", paramLabel = "FILE|JSON",
            description = "the strategy's JSON configuration, a file or the JSON itself (default for weighted-scorecard: the shipped "
                    + "RavenStack scorecard)")
    String strategyConfig;

    /**
     * Reads the data.
     *
     * @param progress reports each file read
     * @return the data
     */
    RavenStack load(Progress progress) {
        progress.start("loading", 4);
        RavenStack d = RavenStack.read(data == null ? RavenStackScoring.shippedData() : data, () -> progress.advance(1));
        progress.finish();
        return d;
    }

    /** @return whether the data is the shipped RavenStack data */
    boolean shipped() {
        return data == null;
    }

    /**
     * The as-of day: the one given, which the data must cover, or the data's latest day.
     *
     * @param d the data
     * @return the day
     * @throws InputException if the day given is no date or outside the data
     */
    LocalDate asOf(RavenStack d) {
        RavenStack.Counts c = d.counts();
        if (asOf == null) {
            return c.last();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new InputException("--as-of '" + asOf + "' is not a date (expected YYYY-MM-DD)");
        }
        if (day.isBefore(c.first()) || day.isAfter(c.last())) {
            throw new InputException("--as-of " + day + " is outside the data: " + d.dir() + " covers " + c.first() + " to " + c.last());
        }
        return day;
    }

    /**
     * The scoring strategy, found by name among the built-ins and the plug-ins on the class path.
     *
     * @return the strategy and where its configuration came from
     * @throws InputException if the name is unknown or the configuration cannot be read
     */
    Strategy strategy() {
        ScoringStrategies strategies = ScoringStrategies.withBuiltIns().loadFromServiceLoader();
        String source;
        String json;
        if (strategyConfig == null) {
            boolean scorecard = strategy.trim().equalsIgnoreCase(WeightedScorecard.NAME);
            source = scorecard ? "the shipped ravenstack/" + RavenStackScoring.SCORECARD : "--strategy-config (not given)";
            json = scorecard ? RavenStackScoring.scorecardJson() : "{}";
        } else if (strategyConfig.trim().startsWith("{") || strategyConfig.trim().startsWith("[")) {
            source = "--strategy-config";
            json = strategyConfig;
        } else {
            source = strategyConfig;
            json = TextFiles.read(Path.of(strategyConfig));
        }
        try {
            strategies.provider(strategy);
        } catch (ValidationException e) {
            throw new InputException("--strategy: " + e.getMessage());
        }
        try {
            return new Strategy(strategies.create(strategy, json), source, json);
        } catch (JsonInputException e) {
            throw JsonErrors.of(source, json, e);
        } catch (ValidationException e) {
            throw new InputException(source + ": " + e.getMessage());
        }
    }
}
