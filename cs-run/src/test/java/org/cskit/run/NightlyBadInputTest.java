package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.run.NightlyFixture.DAY_1;
import static org.cskit.run.NightlyFixture.PLAYBOOKS;
import static org.cskit.run.NightlyFixture.PORTFOLIO;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Playbook;
import org.junit.jupiter.api.Test;

/**
 * Bad input is refused before any work: the exception names the field, the value and the rule, and
 * nothing is delivered, written to today's vectors or recorded in the state.
 */
class NightlyBadInputTest {
    private static final int N = 6;
    private static final double[] ARR = NightlyFixture.filled(N, 100_000);
    private static final double[] QUIET = NightlyFixture.filled(N, 0);

    private final NightlyFixture.Recording sink = new NightlyFixture.Recording();
    private final VectorColumns today = NightlyFixture.today(N);

    /** A state after one night (3 plays per playbook... here 6 accounts x 2 playbooks open). */
    private static byte[] savedNight(List<Playbook> playbooks) {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        NightlyRun.builder().portfolio(PORTFOLIO).deriver(NightlyFixture.DERIVER).strategy(NightlyFixture.SCORECARD).playbooks(playbooks)
                .build().run(NightlyFixture.accounts(ARR, DAY_1, null), SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)),
                        ScoreHistoryColumns.empty(N), state, new NightlyFixture.Recording(), NightlyFixture.today(N));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.save(out);
        return out.toByteArray();
    }

    private void assertNothingDone(NightlyState state, long states) {
        assertThat(sink.delivered).isEmpty();
        assertThat(sink.closed).isEmpty();
        for (int r = 0; r < N; r++) {
            assertThat(today.scores()[r]).as("today's score of row %d", r).isNaN();
            assertThat(today.bandCodes()[r]).isEqualTo((byte) -1);
        }
        assertThat(state.inMemoryStore().size()).isEqualTo(states);
    }

    @Test
    void run_stateOfAnotherPortfolio_isRefusedBeforeAnyWork() {
        NightlyState other = NightlyState.empty("globex-prod");
        assertThatThrownBy(() -> NightlyFixture.run().build().run(NightlyFixture.accounts(ARR, DAY_1, null),
                SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)), ScoreHistoryColumns.empty(N), other, sink, today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the state belongs to portfolio 'globex-prod', but this run is for 'acme-prod'")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("state.portfolio");
        assertNothingDone(other, 0);
        assertThat(other.night()).isEmpty();
    }

    @Test
    void restore_savedStateOfAnotherPortfolio_isRefused() {
        byte[] saved = savedNight(PLAYBOOKS);
        assertThatThrownBy(() -> NightlyState.restore(new ByteArrayInputStream(saved), "globex-prod", PLAYBOOKS))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the state belongs to portfolio 'acme-prod', but this run is for 'globex-prod'");
    }

    @Test
    void restore_savedStateOfAnotherPlaybookSet_isRefused() {
        byte[] saved = savedNight(PLAYBOOKS);
        assertThatThrownBy(() -> NightlyState.restore(new ByteArrayInputStream(saved), PORTFOLIO, List.of(NightlyFixture.LOW_LOGINS)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("the snapshot was taken under another playbook set")
                .hasMessageContaining("large-quiet");
    }

    @Test
    void run_stateOfAnotherPlaybookSet_isRefusedBeforeAnyWork() {
        NightlyState state = NightlyState.restore(new ByteArrayInputStream(savedNight(List.of(NightlyFixture.LOW_LOGINS))), PORTFOLIO,
                List.of(NightlyFixture.LOW_LOGINS));
        long states = state.inMemoryStore().size();
        assertThat(states).isEqualTo(N);
        assertThatThrownBy(() -> NightlyFixture.run().build().run(NightlyFixture.accounts(ARR, DAY_1.plus(Duration.ofDays(1)), null),
                SignalSource.of(NightlyFixture.signals(QUIET, DAY_1.plus(Duration.ofDays(1)))), ScoreHistoryColumns.empty(N), state, sink,
                today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the state was made under another playbook set: added large-quiet; restore it with SetChanges.ACCEPT to adapt it "
                        + "to this set");
        assertNothingDone(state, states);
    }

    @Test
    void run_stateFromALaterNight_isRefusedBeforeAnyWork() {
        NightlyState state = NightlyState.restore(new ByteArrayInputStream(savedNight(PLAYBOOKS)), PORTFOLIO, PLAYBOOKS);
        assertThatThrownBy(() -> NightlyFixture.run().build().run(NightlyFixture.accounts(ARR, DAY_1.minus(Duration.ofDays(1)), null),
                SignalSource.of(NightlyFixture.signals(QUIET, DAY_1.minus(Duration.ofDays(1)))), ScoreHistoryColumns.empty(N), state, sink,
                today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the state is from the night as of 2026-03-01T00:00:00Z, after this night's as-of time 2026-02-28T00:00:00Z");
        assertNothingDone(state, 2L * N);
    }

    @Test
    void run_signalsAndBatchDisagreeOnAccounts_isRefusedBeforeAnyWork() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        SignalColumns fewer = NightlyFixture.signals(NightlyFixture.filled(N - 1, 0), DAY_1);
        assertThatThrownBy(() -> NightlyFixture.run().build().run(NightlyFixture.accounts(ARR, DAY_1, null), SignalSource.of(fewer),
                ScoreHistoryColumns.empty(N), state, sink, today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the signals have 5 rows, but the account batch has 6; give one row per account to both");
        assertNothingDone(state, 0);
        assertThat(state.night()).isEmpty();
    }

    @Test
    void sliceSize_zero_isRefused() {
        assertThatThrownBy(() -> NightlyFixture.run().sliceSize(0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("sliceSize must be at least 1, but was 0");
        assertThatThrownBy(() -> NightlyFixture.run().threads(0))
                .isInstanceOf(ValidationException.class)
                .hasMessage("threads must be at least 1, but was 0");
    }

    @Test
    void run_signalAfterTheNight_isRefusedBeforeAnyWork() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        // Observations up to an hour before DAY_1 + 1 day: the last is after DAY_1.
        SignalColumns late = NightlyFixture.signals(QUIET, DAY_1.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> NightlyFixture.run().sliceSize(2).build().run(NightlyFixture.accounts(ARR, DAY_1, null),
                SignalSource.of(late), ScoreHistoryColumns.empty(N), state, sink, today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("signal 'logins' observation 13 of row 0 is at 2026-03-01T23:00:00Z, after the night's as-of time "
                        + "2026-03-01T00:00:00Z");
        assertNothingDone(state, 0);
    }

    @Test
    void run_batchWithVectors_isRefused() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        FeatureColumns facts = FeatureColumns.builder(NightlyFixture.FACTS, N).feature("contract.arr", ARR).build();
        AccountBatch scored = AccountBatch.builder(facts).asOf(DAY_1).accountIds(NightlyFixture::id).segments(NightlyFixture.SEGMENTS, null)
                .stage(org.cskit.model.LifecycleStage.STEADY_STATE).vectors(NightlyFixture.today(N)).build();
        assertThatThrownBy(() -> NightlyFixture.run().build().run(scored, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)),
                ScoreHistoryColumns.empty(N), state, sink, today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the account batch already has vectors; the run writes today's into 'today': give yesterday's as the batch's "
                        + "previous vectors");
        assertNothingDone(state, 0);
    }

    @Test
    void run_factAlsoDerived_isRefused() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        FeatureColumns facts = FeatureColumns.builder(org.cskit.model.FeatureSchema.of("logins_14d"), N).feature("logins_14d", ARR).build();
        AccountBatch both = AccountBatch.builder(facts).asOf(DAY_1).accountIds(NightlyFixture::id).segments(NightlyFixture.SEGMENTS, null)
                .stage(org.cskit.model.LifecycleStage.STEADY_STATE).build();
        assertThatThrownBy(() -> NightlyFixture.run().build().run(both, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)),
                ScoreHistoryColumns.empty(N), state, sink, today))
                .isInstanceOf(ValidationException.class)
                .hasMessage("feature 'logins_14d' is both a fact of the account batch and derived from the signals; give it one way");
        assertNothingDone(state, 0);
    }

    @Test
    void run_todayOfAnotherLength_isRefused() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        assertThatThrownBy(() -> NightlyFixture.run().build().run(NightlyFixture.accounts(ARR, DAY_1, null),
                SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)), ScoreHistoryColumns.empty(N), state, sink, NightlyFixture.today(N + 1)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("today's vectors have 7 rows, but the account batch has 6");
        assertNothingDone(state, 0);
    }

    @Test
    void restore_truncatedState_isRefused() {
        byte[] saved = savedNight(PLAYBOOKS);
        byte[] cut = java.util.Arrays.copyOf(saved, 20);
        assertThatThrownBy(() -> NightlyState.restore(new ByteArrayInputStream(cut), PORTFOLIO, PLAYBOOKS))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the nightly state ends too early: it is truncated");
        byte[] half = java.util.Arrays.copyOf(saved, saved.length / 2 + 20);
        assertThatThrownBy(() -> NightlyState.restore(new ByteArrayInputStream(half), PORTFOLIO, PLAYBOOKS))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void restore_notANightlyState_isRefused() {
        assertThatThrownBy(() -> NightlyState.restore(new ByteArrayInputStream("CSKITPS1 and more bytes".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)), PORTFOLIO, PLAYBOOKS))
                .isInstanceOf(ValidationException.class)
                .hasMessage("not a cskit nightly state: it does not start with CSKITNS1");
    }

    @Test
    void playbookCounts_zeroSuppressionCount_isRefused() {
        assertThatThrownBy(() -> new NightlyReport.PlaybookCounts("low-logins", 1, 0, 0,
                java.util.Map.of(org.cskit.playbooks.spi.EvaluationReport.Suppression.COOLING_DOWN, 0L)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("suppressed.COOLING_DOWN must be at least 1 (leave out a reason with none), but was 0");
    }

    @Test
    void run_overridesButNoComputedScoreColumn_isRefusedBeforeAnyWork() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        AccountBatch overridden = NightlyFixture.accountsBuilder(ARR, DAY_1, null).override(2, NightlyFixture.override(80, DAY_1)).build();
        VectorColumns slim = VectorColumns.builder(N).bands(NightlyFixture.BANDS).scores(NightlyFixture.filled(N, Double.NaN))
                .bandCodes(unscored()).directionCodes(unscored()).velocities(new double[N]).coverages(new double[N]).build();
        assertThatThrownBy(() -> NightlyFixture.run().build().run(overridden, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)),
                ScoreHistoryColumns.empty(N), state, sink, slim))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the account batch carries manual overrides, so today's vectors need a computed-score column for the scores "
                        + "the overrides replace (VectorColumns.allocate makes one)");
        assertThat(sink.delivered).isEmpty();
        assertThat(slim.scores()).containsOnly(Double.NaN);
        assertThat(state.inMemoryStore().size()).isZero();
    }

    private static byte[] unscored() {
        byte[] codes = new byte[N];
        java.util.Arrays.fill(codes, (byte) -1);
        return codes;
    }
}
