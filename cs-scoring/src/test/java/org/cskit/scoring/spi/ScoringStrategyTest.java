package org.cskit.scoring.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.json.JsonInputException;
import org.cskit.scoring.PortfolioScoring;
import org.cskit.scoring.ScoringFixtures;
import org.cskit.scoring.ScoringStrategies;
import org.junit.jupiter.api.Test;

/** A plug-in's view: a strategy of its own, provided to the registry and configured from JSON. */
class ScoringStrategyTest {

    /** Scores every account with one configured number; rising history makes it "improving". */
    record Constant(double score) implements ScoringStrategy {
        @Override
        public String name() {
            return "constant";
        }

        @Override
        public Object config() {
            return score;
        }

        @Override
        public SuccessVector score(AccountSnapshot snapshot) {
            double velocity = snapshot.history().isEmpty() ? 0.0 : 1.5;
            return SuccessVector.builder().accountId(snapshot.accountId()).asOf(snapshot.asOf()).score(score)
                    .band(Band.of(score < 50 ? "low" : "high", score < 50 ? 0 : 1))
                    .direction(velocity > 0 ? Direction.IMPROVING : Direction.FLAT).velocity(velocity).coverage(0.25)
                    .addContributions(Contribution.builder().input("constant").group("all").points(score).weight(1).build())
                    .scorecardId(ScorecardId.of("constant")).scorecardVersion(1).build();
        }
    }

    /** Public no-arg constructor, as ServiceLoader would need. */
    public static final class ConstantProvider implements ScoringStrategyProvider<Double> {
        @Override
        public String name() {
            return "Constant";
        }

        @Override
        public Class<Double> configType() {
            return Double.class;
        }

        @Override
        public ScoringStrategy create(Double config) {
            return new Constant(config);
        }
    }

    private static AccountSnapshot snapshot() {
        return ScoringFixtures.snapshot(ScoringFixtures.features().build())
                .addHistory(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(7)), 40)).build();
    }

    @Test
    void summarize_byDefault_isTheVectorsFields() {
        ScoreSummary summary = new Constant(62.5).summarize(snapshot());

        assertThat(summary).isEqualTo(new ScoreSummary(62.5, Band.of("high", 1), Direction.IMPROVING, 1.5, 0.25));
    }

    @Test
    void registry_createsAPluginFromItsJsonConfig() {
        ScoringStrategies strategies = ScoringStrategies.withBuiltIns().register(new ConstantProvider());
        ScoringStrategy strategy = strategies.create("constant", "42.5");

        assertThat(strategies.names()).containsExactly("constant", "segmented", "weighted-scorecard");
        assertThat(strategy).isEqualTo(new Constant(42.5));
        assertThat(strategy.score(snapshot()).score()).isEqualTo(42.5);
        assertThat(strategies.create("CONSTANT", (Object) 7.0)).isEqualTo(new Constant(7.0));
    }

    @Test
    void registry_badPluginConfig_givesThePath() {
        ScoringStrategies strategies = ScoringStrategies.create().register(new ConstantProvider());

        assertThatThrownBy(() -> strategies.create("constant", "\"high\""))
                .isInstanceOf(JsonInputException.class)
                .hasMessageStartingWith("$: expected a number, but found the string 'high'");
    }

    @Test
    void portfolio_scoresAPluginToo() {
        List<AccountSnapshot> snapshots = List.of(snapshot(), snapshot(), snapshot());

        assertThat(PortfolioScoring.using(new Constant(10)).summarize(snapshots.stream()).toList())
                .containsExactly(new Constant(10).summarize(snapshot()), new Constant(10).summarize(snapshot()),
                        new Constant(10).summarize(snapshot()));
    }
}
