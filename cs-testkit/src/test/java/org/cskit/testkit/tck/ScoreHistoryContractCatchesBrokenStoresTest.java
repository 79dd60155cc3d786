package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.cskit.model.AccountId;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.InMemoryScoreHistory;
import org.cskit.scoring.spi.ScoreHistory;
import org.junit.jupiter.api.Test;

/** Proves that the score-history contract fails for stores that lose or misplace data. */
class ScoreHistoryContractCatchesBrokenStoresTest {

    @Test
    void contract_storeDroppingTheOverride_fails() {
        ScoreHistoryContract contract = contract(() -> new Altering(v -> SuccessVector.builder().from(v)
                .override(Optional.empty()).build()));

        assertThatThrownBy(contract::save_fullVector_comesBackEqual).isInstanceOf(AssertionError.class);
    }

    @Test
    void contract_storeKeepingTheFirstVectorOfADay_fails() {
        ScoreHistoryContract contract = contract(FirstWins::new);

        assertThatThrownBy(contract::save_sameDay_keepsTheLatestAsOf).isInstanceOf(AssertionError.class);
    }

    @Test
    void contract_storeWithAnOpenUpperBound_fails() {
        ScoreHistoryContract contract = contract(() -> new InclusiveBound());

        assertThatThrownBy(contract::latestBefore_picksTheLatestStrictlyBefore).isInstanceOf(AssertionError.class);
    }

    private static ScoreHistoryContract contract(java.util.function.Supplier<ScoreHistory> store) {
        ScoreHistoryContract contract = new ScoreHistoryContract() {
            @Override
            protected ScoreHistory newHistory() {
                return store.get();
            }
        };
        contract.setUpScoreHistoryContract();
        return contract;
    }

    /** Delegates to the in-memory store. */
    private static class Delegating implements ScoreHistory {
        final ScoreHistory inner = InMemoryScoreHistory.create();

        @Override
        public int save(Collection<SuccessVector> vectors) {
            return inner.save(vectors);
        }

        @Override
        public Optional<SuccessVector> vectorOn(AccountId account, LocalDate day) {
            return inner.vectorOn(account, day);
        }

        @Override
        public Optional<SuccessVector> latestBefore(AccountId account, Instant before) {
            return inner.latestBefore(account, before);
        }

        @Override
        public List<ScorePoint> scores(AccountId account, Instant from, Instant to) {
            return inner.scores(account, from, to);
        }

        @Override
        public void forEachOn(LocalDate day, Consumer<SuccessVector> action) {
            inner.forEachOn(day, action);
        }
    }

    private static final class Altering extends Delegating {
        private final UnaryOperator<SuccessVector> change;

        Altering(UnaryOperator<SuccessVector> change) {
            this.change = change;
        }

        @Override
        public int save(Collection<SuccessVector> vectors) {
            return inner.save(vectors.stream().map(change).toList());
        }
    }

    private static final class FirstWins extends Delegating {
        @Override
        public int save(Collection<SuccessVector> vectors) {
            return inner.save(vectors.stream().filter(v -> inner.vectorOn(v.accountId(), ScoreHistory.dayOf(v)).isEmpty()).toList());
        }
    }

    private static final class InclusiveBound extends Delegating {
        @Override
        public Optional<SuccessVector> latestBefore(AccountId account, Instant before) {
            return inner.latestBefore(account, before.equals(Instant.MAX) ? before : before.plusNanos(1));
        }
    }
}
