package org.cskit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.WeightedScorecard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares like with like: on 10,000 generated accounts cskit and the hand-written
 * floor give the same scores, bands, directions, velocities and coverage, and the accounts exercise
 * every path of the arithmetic (missing data under each policy, a whole group dropped, hysteresis,
 * short histories, each direction).
 */
class ScoringGateTest {
    private static final int ACCOUNTS = 10_000;
    private static PortfolioData data;

    @BeforeAll
    static void generate() {
        data = PortfolioData.generate(ACCOUNTS, PortfolioData.SEED);
    }

    @Test
    void withoutExplanationsBothGiveTheSameResults() {
        assertThat(ScoringGate.mismatches(data, ACCOUNTS, false)).isEmpty();
    }

    @Test
    void withExplanationsBothGiveTheSameResults() {
        assertThat(ScoringGate.mismatches(data, ACCOUNTS, true)).isEmpty();
    }

    @Test
    void theBenchmarksScorersAgreeToo() {
        for (String impl : new String[] {"cskit", "handWritten"}) {
            PortfolioScoringBenchmark.AccountScorer scorer = PortfolioScoringBenchmark.scorer(impl, false, data);
            for (int a = 0; a < 100; a++) {
                assertThat(scorer.score(a)).isNotNull();
            }
        }
    }

    @Test
    void theGateNoticesADifference() {
        PortfolioData other = PortfolioData.generate(ACCOUNTS, PortfolioData.SEED);
        int a = 0;
        while (!(other.values[a * PortfolioData.FEATURES] > 20)) { // logins_14d present and not already at 0
            a++;
        }
        other.values[a * PortfolioData.FEATURES] = 0; // the hand-written view only
        assertThat(ScoringGate.mismatches(other, ACCOUNTS, false)).singleElement().asString()
                .startsWith(String.format("acct-%07d: score", a));
    }

    @Test
    void theAccountsExerciseEveryPath() {
        WeightedScorecard cskit = WeightedScorecard.of(data.scorecard);
        BandScheme bands = data.scorecard.bands();
        int[] directions = new int[Direction.values().length];
        int[] bandCounts = new int[bands.ranges().size()];
        int hysteresisKept = 0;
        int missingByPolicy = 0;
        int sentimentDropped = 0;
        int shortHistory = 0;
        int noPrevious = 0;
        for (int a = 0; a < ACCOUNTS; a++) {
            AccountSnapshot s = data.snapshots[a];
            SuccessVector v = cskit.score(s);
            directions[v.direction().ordinal()]++;
            bandCounts[v.band().rank()]++;
            if (!v.band().equals(bands.bandOf(v.score()))) {
                hysteresisKept++;
            }
            if (v.coverage() < 1.0) {
                missingByPolicy++;
            }
            if (v.contributions().get(4).weight() == 0.0 && v.contributions().get(5).weight() == 0.0) {
                sentimentDropped++;
            }
            if (s.history().size() < 3) {
                shortHistory++;
            }
            if (s.previousVector().isEmpty()) {
                noPrevious++;
            }
        }
        assertThat(Arrays.stream(directions).min().getAsInt()).as("fewest accounts of a direction").isGreaterThan(ACCOUNTS / 20);
        assertThat(Arrays.stream(bandCounts).min().getAsInt()).as("fewest accounts of a band").isGreaterThan(ACCOUNTS / 20);
        assertThat(hysteresisKept).as("hysteresisKept").isGreaterThan(ACCOUNTS / 100);
        assertThat(missingByPolicy).as("missingByPolicy").isGreaterThan(ACCOUNTS / 10);
        assertThat(sentimentDropped).as("sentimentDropped").isGreaterThan(ACCOUNTS / 100);
        assertThat(shortHistory).as("shortHistory").isGreaterThan(ACCOUNTS / 100);
        assertThat(noPrevious).as("noPrevious").isGreaterThan(ACCOUNTS / 20);
    }
}
