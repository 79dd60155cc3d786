package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.RowSnapshots;
import org.cskit.scoring.spi.ScoringReport;
import org.junit.jupiter.api.Test;

class ObservedScoringTest {
    private final ColumnScoringProperties.Portfolio portfolio = new ColumnScoringProperties.Portfolio(40, 5);
    private final AccountBatch batch = portfolio.batch();
    private final List<ScoringReport> reports = new CopyOnWriteArrayList<>();
    private final WeightedScorecard plain = WeightedScorecard.of(ColumnScoringProperties.usage());
    private final ObservedScoring observed = ObservedScoring.of(plain, "usage", reports::add);

    @Test
    void scoreAll_reportsOnceWithTheBandsWritten_andScoresAsTheStrategyDoes() {
        ScoreHistoryColumns history = portfolio.historyColumns();
        VectorColumns expected = VectorColumns.allocate(40, ColumnScoringProperties.BANDS);
        VectorColumns into = VectorColumns.allocate(40, ColumnScoringProperties.BANDS);
        plain.scoreAll(batch, history, expected);

        observed.scoreAll(batch, history, into);

        assertThat(into.scores()).containsExactly(expected.scores());
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.strategy()).isEqualTo("usage");
            assertThat(r.kind()).isEqualTo(ScoringReport.Kind.BATCH);
            assertThat(r.bands()).isEqualTo(ColumnScoringProperties.BANDS);
            assertThat(r.accounts()).isEqualTo(40);
            for (int b = 0; b < r.bands().size(); b++) {
                int band = b;
                long inBand = java.util.stream.IntStream.range(0, 40).filter(i -> expected.bandCodes()[i] == band).count();
                assertThat(r.count(b)).as("band %s", r.bands().get(b)).isEqualTo(inBand);
            }
        });
        assertThat(java.util.stream.IntStream.range(0, 3).filter(b -> reports.get(0).count(b) > 0).count())
                .as("the fixture reaches more than one band").isGreaterThan(1);
    }

    @Test
    void score_reportsTheAccountsBand() {
        AccountSnapshot row = RowSnapshots.of(batch, portfolio.historyColumns(), 3);

        SuccessVector v = observed.score(row);
        observed.summarize(row);

        assertThat(v).isEqualTo(plain.score(row));
        assertThat(reports).hasSize(2).allSatisfy(r -> {
            assertThat(r.kind()).isEqualTo(ScoringReport.Kind.ACCOUNT);
            assertThat(r.bands()).containsExactly(v.band().label());
            assertThat(r.accounts()).isEqualTo(1);
        });
        assertThat(observed.name()).isEqualTo(WeightedScorecard.NAME);
        assertThat(observed.config()).isEqualTo(plain.config());
    }
}
