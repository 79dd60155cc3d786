package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.ScoreChange;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScoringFixtures;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.Normalizer;
import org.junit.jupiter.api.Test;

/**
 * An unscored vector (every input missing and redistributed) has no score and no band: the measures
 * that weigh scores or read bands refuse it with a message naming the account, instead of counting
 * a made-up score.
 */
class UnscoredVectorsTest {
    private static final Scorecard CARD = Scorecard.builder().id(org.cskit.model.ScorecardId.of("usage"))
            .addGroups(ScorecardGroup.of("usage", 1, ScoringFixtures.input("logins_14d", 1, new Normalizer.Linear(0, 60)))).build();

    private static SuccessVector unscored() {
        AccountSnapshot s = ScoringFixtures.snapshot(ScoringFixtures.features().build()).build();
        return WeightedScorecard.of(CARD).score(s);
    }

    @Test
    void scoredAccount_ofAnUnscoredVector_isRejectedNamingTheAccount() {
        SuccessVector v = unscored();

        assertThatThrownBy(() -> new ScoredAccount(v.accountId(), ScoringFixtures.snapshot(ScoringFixtures.features().build())
                .build().segment(), v)).isInstanceOf(ValidationException.class)
                .hasMessage("vector of account '" + v.accountId() + "' is unscored (no input had data): a distribution counts "
                        + "scores and bands, so leave unscored accounts out and count them apart");
    }

    @Test
    void scoreHistory_refusesAnUnscoredVector_andStoresNothingOfTheBatch() {
        SuccessVector v = unscored();
        InMemoryScoreHistory history = InMemoryScoreHistory.create();

        assertThatThrownBy(() -> history.save(List.of(v))).isInstanceOf(ValidationException.class)
                .hasMessage("vectors[0] of account '" + v.accountId() + "' is unscored: a score history keeps scores, so leave "
                        + "unscored accounts out (no vector on a day reads back as not scored that day)");
        org.assertj.core.api.Assertions.assertThat(history.vectorOn(v.accountId(), ScoringFixtures.AS_OF.atZone(java.time.ZoneOffset.UTC)
                .toLocalDate())).isEmpty();
    }

    @Test
    void scoreChange_fromOrToAnUnscoredVector_isRejected() {
        SuccessVector v = unscored();

        assertThatThrownBy(() -> ScoreChange.explain(v, v)).isInstanceOf(ValidationException.class)
                .hasMessage("cannot explain a score change of account '" + v.accountId() + "': the previous vector is unscored "
                        + "(no input had data), so there is no score to change from or to");
    }
}
