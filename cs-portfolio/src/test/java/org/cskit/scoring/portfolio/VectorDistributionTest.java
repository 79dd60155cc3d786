package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.SMB;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.EngagementModel;
import org.cskit.model.Segment;
import org.junit.jupiter.api.Test;

class VectorDistributionTest {
    private static final Band RED = Band.of("red", 0);
    private static final Band YELLOW = Band.of("yellow", 1);
    private static final Band GREEN = Band.of("green", 2);

    private static ScoredAccount scored(String id, Segment segment, double score, Band band) {
        return new ScoredAccount(AccountId.of(id), segment, vector(id, score, band));
    }

    private static final List<ScoredAccount> FIVE = List.of(
            scored("e1", ENTERPRISE, 80, GREEN), scored("e2", ENTERPRISE, 55, YELLOW),
            scored("e3", ENTERPRISE, 90, GREEN), scored("s1", SMB, 20, RED), scored("s2", SMB, 30.5, RED));

    @Test
    void distribution_fiveAccounts_givesCountsPerBandAndMeanScorePerSegment() {
        // enterprise: green 2, yellow 1; mean (80 + 55 + 90) / 3 = 75. smb: red 2; mean (20 + 30.5) / 2 = 25.25.
        VectorDistribution d = VectorDistribution.of(FIVE);

        assertThat(d.accounts()).isEqualTo(5);
        assertThat(d.segments()).extracting(SegmentDistribution::segment).containsExactly(ENTERPRISE, SMB);
        SegmentDistribution enterprise = d.segment(ENTERPRISE).orElseThrow();
        assertThat(enterprise.accounts()).isEqualTo(3);
        assertThat(enterprise.bandCounts()).containsExactly(Map.entry(YELLOW, 1L), Map.entry(GREEN, 2L));
        assertThat(enterprise.count("green")).isEqualTo(2);
        assertThat(enterprise.count("red")).isZero();
        assertThat(enterprise.meanScore()).isEqualByComparingTo("75");
        SegmentDistribution smb = d.segment(SMB).orElseThrow();
        assertThat(smb.bandCounts()).containsExactly(Map.entry(RED, 2L));
        assertThat(smb.meanScore()).isEqualByComparingTo("25.25");
    }

    @Test
    void distribution_bands_comeRiskiestFirst() {
        VectorDistribution d = VectorDistribution.of(Stream.of(scored("a", SMB, 90, GREEN), scored("b", SMB, 10, RED),
                scored("c", SMB, 50, YELLOW)));

        assertThat(d.segment(SMB).orElseThrow().bandCounts().keySet()).containsExactly(RED, YELLOW, GREEN);
    }

    @Test
    void distribution_sameNameOtherEngagementModel_isAnotherSegment() {
        Segment scaled = Segment.of("enterprise", EngagementModel.SCALED);

        VectorDistribution d = VectorDistribution.of(Stream.of(scored("a", scaled, 10, RED), scored("b", ENTERPRISE, 90, GREEN)));

        assertThat(d.segments()).extracting(SegmentDistribution::segment).containsExactly(ENTERPRISE, scaled);
    }

    @Test
    void distribution_unknownSegment_isEmpty() {
        assertThat(VectorDistribution.of(FIVE).segment(Segment.of("mid", EngagementModel.SCALED))).isEmpty();
        assertThat(VectorDistribution.of(Stream.empty()).segments()).isEmpty();
        assertThat(VectorDistribution.of(Stream.empty()).accounts()).isZero();
    }

    @Test
    void scoredAccount_ofAccount_takesItsIdAndSegment() {
        ScoredAccount s = ScoredAccount.of(account("acme", SMB, Optional.empty()), vector("acme", 40, YELLOW));

        assertThat(s.accountId()).isEqualTo(AccountId.of("acme"));
        assertThat(s.segment()).isEqualTo(SMB);
    }

    @Test
    void combine_twoParts_equalsTheWhole() {
        VectorDistribution parts = VectorDistribution.of(FIVE.subList(0, 2)).combine(VectorDistribution.of(FIVE.subList(2, 5)));

        assertThat(parts).isEqualTo(VectorDistribution.of(FIVE));
        assertThat(parts.hashCode()).isEqualTo(VectorDistribution.of(FIVE).hashCode());
        assertThat(FIVE.parallelStream().collect(VectorDistribution.collector())).isEqualTo(parts);
    }

    @Test
    void meanScore_scoresThatDoNotAddUpExactlyInDoubles_isIndependentOfOrder() {
        // 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in doubles; the exact sum does not.
        List<ScoredAccount> forward = List.of(scored("a", SMB, 0.1, RED), scored("b", SMB, 0.2, RED), scored("c", SMB, 0.3, RED));

        assertThat(VectorDistribution.of(forward)).isEqualTo(VectorDistribution.of(List.of(forward.get(2), forward.get(1), forward.get(0))));
    }
}
