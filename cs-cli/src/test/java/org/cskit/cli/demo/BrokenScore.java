package org.cskit.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * A plug-in strategy with a bug, for the tests: scoring throws an {@link IllegalStateException},
 * which is no bad input, so the command ends with exit code 1 and a stack trace.
 *
 * @param config the configuration
 */
public record BrokenScore(BrokenScore.Config config) implements ScoringStrategy {
    /**
     * The configuration.
     *
     * @param message the message of the exception scoring throws
     */
    public record Config(@JsonProperty("message") String message) {}

    @Override
    public String name() {
        return "broken-score";
    }

    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        throw new IllegalStateException(config.message());
    }

    /** The provider ServiceLoader finds. */
    public static final class Provider implements ScoringStrategyProvider<Config> {
        /** For ServiceLoader. */
        public Provider() {}

        @Override
        public String name() {
            return "broken-score";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public ScoringStrategy create(Config config) {
            return new BrokenScore(config);
        }
    }
}
