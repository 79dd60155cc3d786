package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

/** The score history and score changes refuse an unscored vector, naming the account. */
class UnscoredVectorsTest {
    private static final Scorecard CARD = Scorecard.builder().id(org.cskit.model.ScorecardId.of("usage"))
            .addGroups(ScorecardGroup.of("usage", 1, ScoringFixtures.input("logins_14d", 1, new Normalizer.Linear(0, 60)))).build();

    private static SuccessVector unscored() {
        AccountSnapshot s = ScoringFixtures.snapshot(ScoringFixtures.features().build()).build();
        SuccessVector v = WeightedScorecard.of(CARD).score(s);
        assertThat(v.unscored()).isTrue();
        return v;
    }

    @Test
    void scoreHistory_refusesAnUnscoredVector_andStoresNothingOfTheBatch() {
        SuccessVector v = unscored();
        InMemoryScoreHistory history = InMemoryScoreHistory.create();

        assertThatThrownBy(() -> history.save(List.of(v))).isInstanceOf(ValidationException.class)
                .hasMessage("vectors[0] of account '" + v.accountId() + "' is unscored: a score history keeps scores, so leave "
                        + "unscored accounts out (no vector on a day reads back as not scored that day)");
        assertThat(history.vectorOn(v.accountId(), ScoringFixtures.AS_OF.atZone(ZoneOffset.UTC).toLocalDate())).isEmpty();
    }

    @Test
    void scoreChange_fromOrToAnUnscoredVector_isRejected() {
        SuccessVector v = unscored();

        assertThatThrownBy(() -> ScoreChange.explain(v, v)).isInstanceOf(ValidationException.class)
                .hasMessage("cannot explain a score change of account '" + v.accountId() + "': the previous vector is unscored "
                        + "(no input had data), so there is no score to change from or to");
    }
}
