package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.run.NightlyFixture.DAY_1;
import static org.cskit.run.NightlyFixture.PORTFOLIO;

import java.util.List;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.junit.jupiter.api.Test;

/**
 * What the account batch carries for some rows (manual overrides, events, manual enrolments) goes
 * with those rows into their slices: slices of 2 accounts on 2 threads, so each lands in a slice
 * that starts elsewhere than row 0.
 */
class CarriedInputsTest {
    private static final int N = 7;
    /** Every account logs in 5 times a day: no threshold playbook fires, the scores are high. */
    private static final double[] BUSY = NightlyFixture.filled(N, 5);

    private NightlyReport run(AccountBatch accounts, NightlyFixture.Recording sink, VectorColumns today) {
        return NightlyFixture.run().playbooks(List.of(NightlyFixture.LOW_LOGINS, NightlyFixture.STAGE_CHANGED, NightlyFixture.EXEC_REVIEW))
                .sliceSize(2).threads(2).build().run(accounts, SignalSource.of(NightlyFixture.signals(BUSY, DAY_1)),
                        ScoreHistoryColumns.empty(N), NightlyState.empty(PORTFOLIO), sink, today);
    }

    @Test
    void run_overrideOnARow_setsThatRowsScoreOnly() {
        VectorColumns plain = NightlyFixture.today(N);
        run(NightlyFixture.accounts(NightlyFixture.filled(N, 10_000), DAY_1, null), new NightlyFixture.Recording(), plain);
        VectorColumns today = NightlyFixture.today(N);
        run(NightlyFixture.accountsBuilder(NightlyFixture.filled(N, 10_000), DAY_1, null).override(5, NightlyFixture.override(12, DAY_1))
                .build(), new NightlyFixture.Recording(), today);

        assertThat(plain.scores()[5]).isGreaterThan(50);
        assertThat(today.scores()[5]).isEqualTo(12);
        assertThat(today.band(5)).isEqualTo("red");
        assertThat(today.computedScores()[5]).isEqualTo(plain.scores()[5]);
        for (int r = 0; r < N; r++) {
            if (r != 5) {
                assertThat(today.scores()[r]).as("row %d", r).isEqualTo(plain.scores()[r]);
            }
        }
    }

    @Test
    void run_eventsAndEnrolments_startTheirPlaybooksForTheirRowsOnly() {
        NightlyFixture.Recording sink = new NightlyFixture.Recording();
        NightlyReport report = run(NightlyFixture.accountsBuilder(NightlyFixture.filled(N, 10_000), DAY_1, null)
                .event(3, NightlyFixture.stageChanged(3, DAY_1)).event(6, NightlyFixture.stageChanged(6, DAY_1))
                .enrol(4, "exec-review").enrol(4, "not-in-the-set").build(), sink, NightlyFixture.today(N));

        assertThat(sink.of("stage-changed")).containsExactly("acct-3", "acct-6");
        assertThat(sink.of("exec-review")).containsExactly("acct-4");
        assertThat(sink.of("low-logins")).isEmpty();
        assertThat(report.playbooks()).extracting(NightlyReport.PlaybookCounts::created).containsExactly(0L, 2L, 1L);
    }
}
