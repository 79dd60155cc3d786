package org.cskit.cli.demo;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.cskit.model.ValidationException;
import org.cskit.model.json.JsonInputException;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.JsonErrors;
import org.cskit.cli.input.TextFiles;
import org.cskit.scoring.ScoringStrategies;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.SnapshotAssembler;
import picocli.CommandLine.Option;

/** The options every portfolio command shares: the data (read or generated), the as-of day and the scoring strategy. */
final class PortfolioOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "folder with ravenstack_accounts.csv, ravenstack_subscriptions.csv, ravenstack_feature_usage.csv and "
                    + "ravenstack_support_tickets.csv (default: the RavenStack data shipped with cskit)")
    Path data;

    @Option(names = "--generated", paramLabel = "N",
            description = "instead of reading data, generate a portfolio of N accounts (1 to 1,000,000) with cs-datagen's PortfolioGenerator: "
                    + "24 months from 2025-01-01, each account renewing once from 2025-07-02, whose outcome the report compares with "
                    + "the bands")
    Integer generated;

    @Option(names = "--seed", paramLabel = "S", description = "the seed of the generated portfolio (default: 42); the same seed, the same "
            + "portfolio")
    Long seed;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "the day to score as of (default: the latest day in the data; for a "
            + "generated portfolio, 2025-07-01, the day before the first renewal)")
    String asOf;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = WeightedScorecard.NAME,
            description = "scoring strategy, built in or a plug-in on the class path (default: ${DEFAULT-VALUE})")
    String strategy;

    @Option(names = "--strategy-config", paramLabel = "FILE|JSON",
            description = "the strategy's JSON configuration, a file or the JSON itself (default for weighted-scorecard: the shipped "
                    + "scorecard for the data; for support-pressure on a generated portfolio: the shipped configuration for its features)")
    String strategyConfig;

    @Option(names = "--features", paramLabel = "FILE",
            description = "your own derived features: a JSON array of cskit feature definitions (name, signal, aggregate, window, and "
                    + "optionally change, trendPeriods, denominator) over the data's signals, derived beside the shipped ones, so that "
                    + "--playbooks and --strategy-config can read them by name")
    Path features;

    /**
     * Checks the options that choose the data, without reading or generating any.
     *
     * @throws InputException if --generated is out of range or given with --data, or --seed is given without --generated
     */
    void checkSource() {
        if (generated != null && data != null) {
            throw new InputException("--generated and --data cannot be used together: give one of them");
        }
        if (generated != null && (generated < 1 || generated > GeneratedSource.MAX_ACCOUNTS)) {
            throw new InputException(String.format(Locale.ROOT, "--generated must be between 1 and %,d, but was %d",
                    GeneratedSource.MAX_ACCOUNTS, generated));
        }
        if (seed != null && generated == null) {
            throw new InputException("--seed " + seed + " needs --generated N: only a generated portfolio has a seed");
        }
    }

    /**
     * Reads or generates the data.
     *
     * @param progress reports each file read
     * @return the source
     * @throws InputException if the options that choose it are wrong, or the data cannot be read
     */
    PortfolioSource source(Progress progress) {
        checkSource();
        if (generated != null) {
            return GeneratedSource.of(generated, seed == null ? GeneratedSource.DEFAULT_SEED : seed, GeneratedSource.assembler(features));
        }
        SnapshotAssembler assembler = RavenStackSource.assembler(features);
        return RavenStackSource.read(data, progress, assembler);
    }

    /**
     * The snapshot assembler of the data these options choose, without reading it: to check playbooks against its schema.
     *
     * @return the assembler
     * @throws InputException if the options that choose the data are wrong
     */
    SnapshotAssembler assembler() {
        checkSource();
        return generated != null ? GeneratedSource.assembler(features) : RavenStackSource.assembler(features);
    }

    /**
     * The as-of day: the one given, which the data must cover, or the data's default.
     *
     * @param d the data
     * @return the day
     * @throws InputException if the day given is no date or outside the data
     */
    LocalDate asOf(PortfolioSource d) {
        if (asOf == null) {
            return d.defaultAsOf();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(asOf.trim());
        } catch (DateTimeParseException e) {
            throw new InputException("--as-of '" + asOf + "' is not a date (expected YYYY-MM-DD)");
        }
        if (day.isBefore(d.first()) || day.isAfter(d.last())) {
            throw new InputException("--as-of " + day + " is outside the data: " + d.name() + " covers " + d.first() + " to " + d.last());
        }
        return day;
    }

    /**
     * The scoring strategy, found by name among the built-ins and the plug-ins on the class path,
     * with its configuration: the one given, or the one the data ships for it.
     *
     * @param d the data
     * @return the strategy and where its configuration came from
     * @throws InputException if the name is unknown or the configuration cannot be read
     */
    Strategy strategy(PortfolioSource d) {
        ScoringStrategies strategies = ScoringStrategies.withBuiltIns().loadFromServiceLoader();
        String source;
        String json;
        if (strategyConfig == null) {
            Optional<PortfolioSource.Config> shipped = d.defaultConfig(strategy);
            source = shipped.map(PortfolioSource.Config::source).orElse("--strategy-config (not given)");
            json = shipped.map(PortfolioSource.Config::json).orElse("{}");
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
