package com.example.cskit.supportpressure;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.ScorePoint;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.scoring.spi.ScoringStrategyProvider;
import org.cskit.datagen.PortfolioGenerator;
import org.cskit.testkit.tck.ScoringStrategyContract;

/** The contract every cskit scoring strategy must meet, run over generated accounts. */
class SupportPressureContractTest extends ScoringStrategyContract {
    private static final PortfolioGenerator PORTFOLIO = PortfolioGenerator.builder().seed(11).accounts(25).build();

    @Override
    protected ScoringStrategy strategy() {
        return SupportPressure.of(SupportPressure.Config.of("tickets_14d", "active_users", "tickets_14d_change_pct", "nps"));
    }

    /** Each account a month before its renewal, the day before its first signal (missing data), and with a score history. */
    @Override
    protected List<AccountSnapshot> snapshots() {
        return PORTFOLIO.stream().flatMap(a -> {
            AccountSnapshot before = a.snapshot(a.outcome().date().minusDays(30));
            return Stream.of(before, a.snapshot(PORTFOLIO.start().minusDays(1)), AccountSnapshot.builder().from(before)
                    .addHistory(ScorePoint.of(before.asOf().minus(Duration.ofDays(14)), 20 + a.index() * 3)).build());
        }).toList();
    }

    @Override
    protected Optional<ScoringStrategyProvider<?>> provider() {
        return Optional.of(new SupportPressureProvider());
    }
}
