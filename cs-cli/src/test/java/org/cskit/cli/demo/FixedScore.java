package org.cskit.cli.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;

/**
 * A plug-in strategy for the tests, found through {@code META-INF/services} on the test class path:
 * every account gets the configured score ({@code {"score": 12.5}}), red below 50, else green.
 *
 * @param config the configuration
 */
public record FixedScore(FixedScore.Config config) implements ScoringStrategy {
    /**
     * The configuration.
     *
     * @param score the score every account gets
     */
    public record Config(@JsonProperty("score") double score) {}

    @Override
    public String name() {
        return "fixed-score";
    }

    @Override
    public SuccessVector score(AccountSnapshot snapshot) {
        double score = config.score();
        return SuccessVector.builder().accountId(snapshot.accountId()).asOf(snapshot.asOf()).score(score)
                .band(Band.of(score < 50 ? "red" : "green", score < 50 ? 0 : 1)).direction(Direction.FLAT).velocity(0).coverage(1)
                .addContributions(Contribution.builder().input("fixed").group("all").points(score).weight(1).build())
                .scorecardId(ScorecardId.of("fixed-score")).scorecardVersion(1).build();
    }

    /** The provider ServiceLoader finds. */
    public static final class Provider implements ScoringStrategyProvider<Config> {
        /** For ServiceLoader. */
        public Provider() {}

        @Override
        public String name() {
            return "fixed-score";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public ScoringStrategy create(Config config) {
            return new FixedScore(config);
        }
    }
}
