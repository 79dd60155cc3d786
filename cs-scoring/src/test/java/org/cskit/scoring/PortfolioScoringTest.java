package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorePoint;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortfolioScoringTest {
    private static final List<AccountSnapshot> PORTFOLIO = portfolio(10_000);
    private static final ScoringStrategy SEGMENTED = SegmentedScoring.of(ScorecardSelection.builder()
            .defaultScorecard(ScoringFixtures.scorecard())
            .addAssignments(ScorecardSelection.Assignment.segment("smb", ScorecardSelectionTest.card("smb")),
                    ScorecardSelection.Assignment.stage(LifecycleStage.ONBOARDING, ScorecardSelectionTest.card("onboarding")))
            .build());

    /** Deterministic accounts: random features (about a fifth missing), segments, stages and sometimes a history. */
    static List<AccountSnapshot> portfolio(int n) {
        Random random = new Random(42);
        return IntStream.range(0, n).mapToObj(i -> snapshot(i, random)).toList();
    }

    private static AccountSnapshot snapshot(int i, Random random) {
        Features.Builder f = ScoringFixtures.features();
        double[] max = {150, 1.2, 8, 100};
        for (int k = 0; k < ScoringFixtures.SCHEMA.size(); k++) {
            if (random.nextInt(5) > 0) {
                f.setAt(k, random.nextDouble() * max[k], random.nextInt(20));
            }
        }
        AccountSnapshot.Builder s = ScoringFixtures.snapshot(f.build()).accountId(AccountId.of("acct-" + i))
                .segment(random.nextBoolean() ? Segment.of("smb", EngagementModel.TECH_TOUCH) : Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.values()[random.nextInt(LifecycleStage.values().length)]);
        if (random.nextBoolean()) {
            for (int w = 4; w >= 1; w--) {
                s.addHistory(ScorePoint.of(ScoringFixtures.AS_OF.minus(Duration.ofDays(7L * w)), random.nextDouble() * 100));
            }
        }
        return s.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096})
    void score_inParallelBatches_equalsOneByOneInTheSameOrder(int batchSize) {
        List<SuccessVector> oneByOne = PORTFOLIO.stream().map(SEGMENTED::score).toList();

        List<SuccessVector> batched = PortfolioScoring.using(SEGMENTED).withBatchSize(batchSize).score(PORTFOLIO.stream()).toList();

        assertThat(batched).hasSize(PORTFOLIO.size());
        assertThat(batched).isEqualTo(oneByOne);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096})
    void summarize_inParallelBatches_equalsOneByOneInTheSameOrder(int batchSize) {
        List<ScoreSummary> oneByOne = PORTFOLIO.stream().map(SEGMENTED::summarize).toList();

        List<ScoreSummary> batched = PortfolioScoring.using(SEGMENTED).withBatchSize(batchSize).summarize(PORTFOLIO.stream()).toList();

        assertThat(batched).isEqualTo(oneByOne);
    }

    @Test
    void score_onAPoolOfOurOwn_equalsOneByOne() {
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            List<AccountSnapshot> some = PORTFOLIO.subList(0, 2_000);
            assertThat(PortfolioScoring.using(SEGMENTED).withPool(pool).withBatchSize(100).score(some.stream()).toList())
                    .isEqualTo(some.stream().map(SEGMENTED::score).toList());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void score_emptyPortfolio_isEmpty() {
        assertThat(PortfolioScoring.using(SEGMENTED).score(Stream.empty()).toList()).isEmpty();
    }

    @Test
    void score_snapshotThatCannotBeScored_namesTheAccount() {
        // acct-3 lacks every feature but logins_14d: compiling the scorecard against its schema fails.
        AccountSnapshot broken = ScoringFixtures.snapshot(Features.builder(FeatureSchema.of("logins_14d")).set("logins_14d", 3, 1).build())
                .accountId(AccountId.of("acct-3")).build();
        Stream<AccountSnapshot> snapshots = Stream.of(PORTFOLIO.get(0), PORTFOLIO.get(1), PORTFOLIO.get(2), broken, PORTFOLIO.get(4));
        WeightedScorecard card = WeightedScorecard.of(ScoringFixtures.scorecard());

        assertThatThrownBy(() -> PortfolioScoring.using(card).withBatchSize(2).score(snapshots).toList())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("groups[0].inputs[1].feature"))
                .hasMessage("account 'acct-3': scorecard 'test-card' input 'seat_utilisation' reads feature 'seat_utilisation', "
                        + "which the snapshot's features do not have; known features: logins_14d");
    }

    @Test
    void score_readsSnapshotsOnlyAsResultsAreConsumed() {
        // The source fails if read past its 25th snapshot. With batches of 10, taking 20 results reads exactly 20.
        AtomicInteger read = new AtomicInteger();
        Stream<AccountSnapshot> source = IntStream.range(0, Integer.MAX_VALUE).mapToObj(i -> {
            if (i >= 25) {
                throw new IllegalStateException("read past 25 snapshots");
            }
            read.incrementAndGet();
            return PORTFOLIO.get(i);
        });

        Stream<SuccessVector> scored = PortfolioScoring.using(SEGMENTED).withBatchSize(10).score(source);
        assertThat(read).hasValue(0);

        List<SuccessVector> first = scored.limit(20).toList();
        assertThat(first).hasSize(20);
        assertThat(read).hasValue(20);
    }

    @Test
    void score_consumingPastWhatTheSourceAllows_reachesTheSource() {
        Stream<AccountSnapshot> source = IntStream.range(0, Integer.MAX_VALUE).mapToObj(i -> {
            if (i >= 25) {
                throw new IllegalStateException("read past 25 snapshots");
            }
            return PORTFOLIO.get(i);
        });

        assertThatThrownBy(() -> PortfolioScoring.using(SEGMENTED).withBatchSize(10).score(source).limit(21).toList())
                .isInstanceOf(IllegalStateException.class).hasMessage("read past 25 snapshots");
    }

    @Test
    void score_closingTheResult_closesTheSource() {
        AtomicBoolean closed = new AtomicBoolean();
        Stream<SuccessVector> scored = PortfolioScoring.using(SEGMENTED).score(PORTFOLIO.subList(0, 3).stream().onClose(() -> closed.set(true)));
        scored.close();

        assertThat(closed).isTrue();
    }
}
