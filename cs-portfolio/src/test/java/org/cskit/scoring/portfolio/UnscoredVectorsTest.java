package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.model.Contribution;
import org.cskit.model.EngagementModel;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

/**
 * An unscored vector (every input missing and redistributed) has no score and no band: the measures
 * that count scores or read bands refuse it with a message naming the account, instead of counting
 * a made-up score.
 */
class UnscoredVectorsTest {
    private static final AccountId ACME = AccountId.of("acme");

    private static SuccessVector unscored() {
        return SuccessVector.builder().accountId(ACME).asOf(Instant.parse("2026-05-10T00:00:00Z")).score(Double.NaN).unscored(true)
                .velocity(Double.NaN).coverage(0).addContributions(Contribution.builder().input("logins_14d").group("usage").points(0)
                        .weight(0).missing(MissingDataPolicy.REDISTRIBUTE).build())
                .scorecardId(ScorecardId.of("usage")).scorecardVersion(1).build();
    }

    @Test
    void scoredAccount_ofAnUnscoredVector_isRejectedNamingTheAccount() {
        SuccessVector v = unscored();

        assertThatThrownBy(() -> new ScoredAccount(ACME, Segment.of("smb", EngagementModel.SCALED), v))
                .isInstanceOf(ValidationException.class)
                .hasMessage("vector of account 'acme' is unscored (no input had data): a distribution counts "
                        + "scores and bands, so leave unscored accounts out and count them apart");
    }
}
