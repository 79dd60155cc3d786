package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.RowSnapshots;
import org.cskit.scoring.spi.ScoringStrategy;
import org.junit.jupiter.api.Test;

class ColumnScoringTest {
    private final ColumnScoringProperties.Portfolio portfolio = new ColumnScoringProperties.Portfolio(20, 3);
    private final AccountBatch batch = portfolio.batch();

    @Test
    void badInputs_areRejected_andNothingIsWritten() {
        for (ScoringStrategy strategy : List.of(WeightedScorecard.of(ColumnScoringProperties.usage()),
                ColumnScoringProperties.plugIn(WeightedScorecard.of(ColumnScoringProperties.usage())))) {
            VectorColumns into = VectorColumns.allocate(20, ColumnScoringProperties.BANDS);
            ScoreHistoryColumns late = ScoreHistoryColumns.builder(20).point(ColumnScoringProperties.AS_OF, new double[20]).build();
            assertThatThrownBy(() -> strategy.scoreAll(batch, late, into)).isInstanceOf(ValidationException.class)
                    .hasMessage("history[0] at 2026-05-10T06:00:00Z is not before the batch's as-of time 2026-05-10T06:00:00Z");
            assertThatThrownBy(() -> strategy.scoreAll(batch, ScoreHistoryColumns.empty(19), into))
                    .isInstanceOf(ValidationException.class).hasMessage("history has 19 rows, but the batch's columns have 20");
            assertThatThrownBy(() -> strategy.scoreAll(batch, ScoreHistoryColumns.empty(20), VectorColumns.allocate(21, List.of("red"))))
                    .isInstanceOf(ValidationException.class).hasMessage("into has 21 rows, but the batch's columns have 20");
            VectorColumns twoBands = VectorColumns.allocate(20, List.of("red", "green"));
            assertThatThrownBy(() -> strategy.scoreAll(batch, ScoreHistoryColumns.empty(20), twoBands))
                    .isInstanceOf(ValidationException.class).hasMessageContaining("'yellow'")
                    .hasMessageContaining("not among into's bands [red, green]");
            assertThat(twoBands.scores()).containsOnly(Double.NaN);
            assertThat(into.scores()).containsOnly(Double.NaN);
            assertThat(into.bandCodes()).containsOnly((byte) -1);
        }
    }

    @Test
    void scorecardReadingAFeatureTheBatchLacks_isRejected() {
        Scorecard other = Scorecard.builder().id(org.cskit.model.ScorecardId.of("other")).addGroups(ScorecardGroup.of("g", 1,
                ScoringFixtures.input("absent", 1, new Normalizer.Linear(0, 1)))).build();
        VectorColumns into = VectorColumns.allocate(20, ColumnScoringProperties.BANDS);
        assertThatThrownBy(() -> WeightedScorecard.of(other).scoreAll(batch, ScoreHistoryColumns.empty(20), into))
                .isInstanceOf(ValidationException.class).hasMessageContaining("reads feature 'absent'");
        assertThat(into.scores()).containsOnly(Double.NaN);
    }

    @Test
    void rowSnapshot_givesARowsFullExplanation() {
        ScoreHistoryColumns history = portfolio.historyColumns();
        VectorColumns into = VectorColumns.allocate(20, ColumnScoringProperties.BANDS);
        WeightedScorecard strategy = WeightedScorecard.of(ColumnScoringProperties.usage());
        strategy.scoreAll(batch, history, into);

        AccountSnapshot row = RowSnapshots.of(batch, history, 7);

        assertThat(row.asOf()).isEqualTo(ColumnScoringProperties.AS_OF);
        assertThat(row.accountId()).isEqualTo(ColumnScoringProperties.id(7));
        assertThat(strategy.score(row).score()).isEqualTo(into.scores()[7]);
        assertThat(strategy.score(row).contributions()).hasSize(4);
        assertThat(row.history()).isNotEmpty();
        assertThat(row.previousVector()).as("row 7 was scored before").isPresent();
        assertThat(row.previousVector().get().asOf()).as("the newest run's time").isEqualTo(history.time(history.points() - 1));
    }
}
