package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.cskit.model.AccountId;
import org.cskit.model.Features;
import org.cskit.model.ManualOverride;
import org.cskit.model.PersonId;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

/** Over ScoringFixtures' card: logins 3/8 * 100 = 37.5 points at most, seats 37.5, tickets 25. */
class ScoreChangeTest {
    private static final WeightedScorecard CARD = WeightedScorecard.of(ScoringFixtures.scorecard());

    private static Features features(double logins, double seats, double tickets) {
        return ScoringFixtures.features().set("logins_14d", logins, 14).set("seat_utilisation", seats, 1)
                .set("open_tickets", tickets, 3).build();
    }

    private static SuccessVector lastWeek(WeightedScorecard card, Features f) {
        return card.score(ScoringFixtures.snapshot(f).asOf(ScoringFixtures.AS_OF.minus(Duration.ofDays(7))).build());
    }

    private static SuccessVector now(WeightedScorecard card, Features f) {
        return card.score(ScoringFixtures.snapshot(f).build());
    }

    @Test
    void explain_listsTheInputsThatMovedTheScore_largestFirst() {
        // before: logins 60 -> 22.5, seats 0.9 -> 33.75, tickets 3 -> 12.5: 68.75.
        // after: logins 80 -> 30, seats 0.5 -> 18.75, tickets 3 -> 12.5: 61.25. Total -7.5 = -15 + 7.5.
        ScoreChange change = ScoreChange.explain(lastWeek(CARD, features(60, 0.9, 3)), now(CARD, features(80, 0.5, 3)));

        assertThat(change.delta()).isCloseTo(-7.5, within(1e-9));
        assertThat(change.scorecardChanged()).isFalse();
        assertThat(change.inputs()).extracting(ScoreChange.InputChange::input).containsExactly("seat_utilisation", "logins_14d");
        ScoreChange.InputChange seats = change.inputs().get(0);
        assertThat(seats.group()).isEqualTo("usage");
        assertThat(seats.before()).isCloseTo(33.75, within(1e-9));
        assertThat(seats.after()).isCloseTo(18.75, within(1e-9));
        assertThat(seats.delta()).isCloseTo(-15.0, within(1e-9));
        assertThat(change.inputs().get(1).delta()).isCloseTo(7.5, within(1e-9));
        assertThat(change.inputs().stream().mapToDouble(ScoreChange.InputChange::delta).sum())
                .isCloseTo(change.delta(), within(SuccessVector.TOLERANCE));
    }

    @Test
    void explain_equalChanges_areOrderedByInputName() {
        // logins 60 -> 70: +3.75; seats 0.9 -> 1.0: +3.75. Same size: alphabetical.
        ScoreChange change = ScoreChange.explain(lastWeek(CARD, features(60, 0.9, 3)), now(CARD, features(70, 1.0, 3)));

        assertThat(change.inputs()).extracting(ScoreChange.InputChange::input).containsExactly("logins_14d", "seat_utilisation");
    }

    @Test
    void explain_nothingMoved_listsNothing() {
        ScoreChange change = ScoreChange.explain(lastWeek(CARD, features(60, 0.9, 3)), now(CARD, features(60, 0.9, 3)));

        assertThat(change.delta()).isZero();
        assertThat(change.inputs()).isEmpty();
        assertThat(change.scorecardChanged()).isFalse();
    }

    @Test
    void explain_newScorecardVersion_isFlaggedAsItsOwnCause() {
        WeightedScorecard v3 = WeightedScorecard.of(Scorecard.builder().from(ScoringFixtures.scorecard()).version(3).build());
        ScoreChange change = ScoreChange.explain(lastWeek(CARD, features(60, 0.9, 3)), now(v3, features(60, 0.9, 3)));

        assertThat(change.scorecardChanged()).isTrue();
        assertThat(change.delta()).isZero();
    }

    @Test
    void explain_anotherScorecard_isFlaggedAsItsOwnCause() {
        WeightedScorecard other = WeightedScorecard.of(Scorecard.builder().from(ScoringFixtures.scorecard()).id(ScorecardId.of("other")).build());

        assertThat(ScoreChange.explain(lastWeek(CARD, features(60, 0.9, 3)), now(other, features(60, 0.9, 3))).scorecardChanged()).isTrue();
    }

    @Test
    void explain_override_appearsAsTheManualOverrideInput() {
        // 68.75 computed both times; now an override of 90 adds 21.25 through manual_override.
        SuccessVector before = lastWeek(CARD, features(60, 0.9, 3));
        SuccessVector after = CARD.score(ScoringFixtures.snapshot(features(60, 0.9, 3)).override(ManualOverride.builder().score(90)
                .by(PersonId.of("csm")).reason("renewal signed").setAt(ScoringFixtures.AS_OF.minus(Duration.ofDays(1)))
                .expiresAt(ScoringFixtures.AS_OF.plus(Duration.ofDays(30))).build()).build());
        ScoreChange change = ScoreChange.explain(before, after);

        assertThat(change.delta()).isCloseTo(21.25, within(1e-9));
        assertThat(change.inputs()).singleElement().satisfies(c -> {
            assertThat(c.input()).isEqualTo(SuccessVector.OVERRIDE_INPUT);
            assertThat(c.group()).isEqualTo("override");
            assertThat(c.before()).isZero();
            assertThat(c.delta()).isCloseTo(21.25, within(1e-9));
        });
    }

    @Test
    void explain_differentAccounts_isRejected() {
        SuccessVector before = lastWeek(CARD, features(60, 0.9, 3));
        SuccessVector other = CARD.score(ScoringFixtures.snapshot(features(60, 0.9, 3)).accountId(AccountId.of("globex")).build());

        assertThatThrownBy(() -> ScoreChange.explain(before, other))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("current.accountId"))
                .hasMessage("cannot explain a change from account 'acme' to account 'globex'");
    }

    @Test
    void explain_outOfOrder_isRejected() {
        SuccessVector before = lastWeek(CARD, features(60, 0.9, 3));
        SuccessVector after = now(CARD, features(60, 0.9, 3));

        assertThatThrownBy(() -> ScoreChange.explain(after, before))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("current.asOf"))
                .hasMessage("current vector asOf 2026-05-03T00:00:00Z is before previous vector asOf 2026-05-10T00:00:00Z");
    }
}
