package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.run.NightlyFixture.DAY_1;
import static org.cskit.run.NightlyFixture.PLAYBOOKS;
import static org.cskit.run.NightlyFixture.PORTFOLIO;
import static org.cskit.playbooks.spi.EvaluationReport.Suppression.ALREADY_OPEN;
import static org.cskit.playbooks.spi.EvaluationReport.Suppression.COOLING_DOWN;
import static org.cskit.playbooks.spi.EvaluationReport.Suppression.LIMIT_REACHED;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.junit.jupiter.api.Test;

/**
 * Consecutive nights through a saved state, each night in a fresh state object read from the
 * bytes the previous night saved (as a new JVM would): no duplicate plays, cooldowns hold across
 * nights and expire, situations that cleared are closed. Slices of 3 accounts on 2 threads, so
 * accounts' plays are made in one slice and remembered wherever they fall.
 */
class ConsecutiveNightsTest {
    private static final int N = 10;
    private static final double[] ARR = new double[N];

    static {
        for (int r = 0; r < N; r++) {
            ARR[r] = r % 2 == 0 ? 100_000 : 10_000;
        }
    }

    private byte[] saved;
    private VectorColumns yesterday;

    /** Runs one night on the state saved by the last (an empty one the first time) and saves it again. */
    private Night night(Instant asOf, double[] loginsPerDay) {
        NightlyState state = saved == null ? NightlyState.empty(PORTFOLIO)
                : NightlyState.restore(new ByteArrayInputStream(saved), PORTFOLIO, PLAYBOOKS);
        NightlyFixture.Recording sink = new NightlyFixture.Recording();
        VectorColumns today = NightlyFixture.today(N);
        List<Long> progress = new ArrayList<>();
        NightlyReport report = NightlyFixture.run().sliceSize(3).threads(2).progress((done, total, elapsed) -> progress.add(done)).build()
                .run(NightlyFixture.accounts(ARR, asOf, yesterday), SignalSource.of(NightlyFixture.signals(loginsPerDay, asOf)),
                        ScoreHistoryColumns.empty(N), state, sink, today);
        assertThat(state.inMemoryStore().trim()).as("room the run left in the store's buckets").isZero();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        state.save(out);
        saved = out.toByteArray();
        yesterday = today;
        assertThat(progress).as("progress, once per slice").hasSize(4).isSorted().last().isEqualTo((long) N);
        assertThat(sink.duplicates).as("no play twice in one night").isEmpty();
        return new Night(report, sink);
    }

    private record Night(NightlyReport report, NightlyFixture.Recording sink) {}

    private static double[] logins(double quiet0to2, double mid3to5, double... overrides) {
        double[] perDay = new double[N];
        for (int r = 0; r < N; r++) {
            perDay[r] = r < 3 ? quiet0to2 : r < 6 ? mid3to5 : 5;
        }
        for (int i = 0; i < overrides.length; i += 2) {
            perDay[(int) overrides[i]] = overrides[i + 1];
        }
        return perDay;
    }

    @Test
    void run_twoAndMoreNights_noDuplicatesCooldownsHoldClearedSituationsClose() {
        // Night 1: accounts 0-2 log in 0 a day (14-day sum 0), 3-5 half a login (sum 7), 6-9 five (sum 70).
        Night one = night(DAY_1, logins(0, 0.5));
        assertThat(one.sink.of("low-logins")).containsExactly("acct-0", "acct-1", "acct-2");
        assertThat(one.sink.of("large-quiet")).containsExactly("acct-0", "acct-2", "acct-4");
        assertThat(one.report.created()).isEqualTo(6);
        assertThat(one.report.playbooks()).extracting(NightlyReport.PlaybookCounts::created).containsExactly(3L, 3L);
        assertThat(one.report.accounts()).isEqualTo(N);
        assertThat(one.report.slices()).isEqualTo(4);
        assertThat(one.report.stages().derive()).isPositive();
        assertThat(one.report.stagesCpu().total()).isPositive().isLessThanOrEqualTo(one.report.stages().total().multipliedBy(2));
        assertThat(yesterday.band(0)).isEqualTo("red");
        assertThat(yesterday.band(9)).isEqualTo("green");

        // Night 2: accounts 1 and 4 recover, account 7 goes quiet.
        Night two = night(DAY_1.plus(Duration.ofDays(1)), logins(0, 0.5, 1, 5, 4, 5, 7, 0));
        assertThat(two.sink.delivered).as("only the new situation makes a play").containsExactly("acct-7 low-logins");
        assertThat(two.sink.closed).containsExactlyInAnyOrder("acct-1 low-logins", "acct-4 large-quiet");
        assertThat(two.report.closed()).isEqualTo(2);
        assertThat(two.report.suppressed()).as("the plays of 0 and 2 are still open").isEqualTo(4);
        assertThat(two.report.playbooks()).extracting(NightlyReport.PlaybookCounts::closed).containsExactly(1L, 1L);
        assertThat(two.report.playbooks()).extracting(NightlyReport.PlaybookCounts::suppressed)
                .containsExactly(Map.of(ALREADY_OPEN, 2L), Map.of(ALREADY_OPEN, 2L));

        // Night 3: 1 and 4 are quiet again, inside their playbooks' cooldowns (30 and 7 days).
        Night three = night(DAY_1.plus(Duration.ofDays(2)), logins(0, 0.5, 7, 0));
        assertThat(three.sink.delivered).as("cooldowns hold across nights").isEmpty();
        assertThat(three.report.suppressed()).isEqualTo(4 + 1 + 2);
        assertThat(three.report.playbooks()).as("0, 2 and 7 still open; 1 and 4 cooling down since their plays closed")
                .extracting(NightlyReport.PlaybookCounts::suppressed)
                .containsExactly(Map.of(ALREADY_OPEN, 3L, COOLING_DOWN, 1L), Map.of(ALREADY_OPEN, 2L, COOLING_DOWN, 1L));
        assertThat(three.report.suppressed(ALREADY_OPEN)).isEqualTo(5);
        assertThat(three.report.suppressed(COOLING_DOWN)).isEqualTo(2);
        assertThat(three.report.suppressed(LIMIT_REACHED)).isZero();

        // Night 11: large-quiet's 7-day cooldown since night 1 is over for account 4; low-logins' 30 days are not for account 1.
        Night eleven = night(DAY_1.plus(Duration.ofDays(10)), logins(0, 0.5, 7, 0));
        assertThat(eleven.sink.delivered).containsExactly("acct-4 large-quiet");
    }

    @Test
    void run_noAccounts_reportsAnEmptyNightAndAdvancesTheState() {
        NightlyState state = NightlyState.empty(PORTFOLIO);
        NightlyReport report = NightlyFixture.run().build().run(NightlyFixture.accounts(new double[0], DAY_1, null),
                SignalSource.of(NightlyFixture.signals(new double[0], DAY_1)), ScoreHistoryColumns.empty(0), state,
                new NightlyFixture.Recording(), NightlyFixture.today(0));
        assertThat(report.accounts()).isZero();
        assertThat(report.slices()).isZero();
        assertThat(report.created()).isZero();
        assertThat(state.night()).contains(DAY_1);
    }

    @Test
    void run_sameNightAgain_makesNothingNew() {
        night(DAY_1, logins(0, 0.5));
        Night again = night(DAY_1, logins(0, 0.5));
        assertThat(again.sink.delivered).isEmpty();
        assertThat(again.report.suppressed()).isEqualTo(6);
    }
}
