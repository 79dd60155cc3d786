package org.cskit.scoring.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.calibration.TrainingSetTest.assertViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.junit.jupiter.api.Test;

class BacktestTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final FeatureSchema SCHEMA = FeatureSchema.of("usage");
    private static final WeightedScorecard CARD = WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("usage"))
            .addGroups(ScorecardGroup.of("usage", 1, ScorecardInput.builder().name("usage").weight(1)
                    .normalizer(new Normalizer.Linear(0, 100)).build())).build());

    /** 30 accounts; a0..a9 churn: usage falls 8 a week from week 4 + i % 5, churn 6 weeks after the fall began. */
    private static final Map<AccountId, Integer> DECLINE_WEEK = new LinkedHashMap<>();
    private static final Map<AccountId, Instant> CHURNED = new LinkedHashMap<>();

    static {
        for (int i = 0; i < 10; i++) {
            int w = 4 + i % 5;
            DECLINE_WEEK.put(AccountId.of("a" + i), w);
            CHURNED.put(AccountId.of("a" + i), START.plus(WEEK.multipliedBy(w + 6)));
        }
    }

    private static double usage(AccountId account, int week) {
        Integer from = DECLINE_WEEK.get(account);
        return from == null || week < from ? 80 : 80 - 8.0 * (week - from + 1);
    }

    /** Builds each account's snapshot as of a date from its usage in the week before the date. */
    private static List<AccountSnapshot> snapshots(Instant asOf) {
        int week = (int) (Duration.between(START, asOf).toDays() / 7);
        List<AccountSnapshot> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            AccountId id = AccountId.of("a" + i);
            out.add(AccountSnapshot.builder().accountId(id).asOf(asOf).segment(Segment.of("smb", EngagementModel.SCALED))
                    .lifecycleStage(LifecycleStage.STEADY_STATE)
                    .features(Features.builder(SCHEMA).set("usage", usage(id, week), 7).build()).build());
        }
        return out;
    }

    private static List<Instant> weeks(int n) {
        List<Instant> dates = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            dates.add(START.plus(WEEK.multipliedBy(w)));
        }
        return dates;
    }

    @Test
    void run_decliningVectorsPrecedeChurn_leadTimeIsTheDeclineLength() {
        Backtest b = Backtest.run(CARD, weeks(20), BacktestTest::snapshots, CHURNED, Duration.ofDays(56));

        assertThat(b.leads()).hasSize(10);
        assertThat(b.caughtShare()).isEqualTo(1.0);
        // the fall shows at the first week of decline (scores 80, 80, 72 already slope down); churn comes 6 weeks later
        assertThat(b.leads()).allSatisfy(l -> assertThat(l.leadDays()).hasValue(42));
        assertThat(b.medianLeadDays()).hasValue(42.0);
        assertThat(b.decliningShareRetained()).isEqualTo(0.0);
        assertThat(b.vectors(AccountId.of("a20"))).hasSize(20).allSatisfy(v -> assertThat(v.direction()).isNotEqualTo(Direction.DECLINING));
        // churned accounts are not scored once churned
        assertThat(b.vectors(AccountId.of("a0"))).hasSize(10);
        assertThat(b.dates().get(12).accounts()).isLessThan(30);
    }

    @Test
    void run_perDateAuc_highOnceTheDeclineShows() {
        Backtest b = Backtest.run(CARD, weeks(20), BacktestTest::snapshots, CHURNED, Duration.ofDays(56));

        // at week 9 every churner still active has started declining
        Backtest.DateResult week9 = b.dates().get(9);
        assertThat(week9.churnedWithinHorizon()).isPositive();
        assertThat(week9.auc()).isEqualTo(1.0);
        // at week 3 nothing has happened yet: every score ties
        assertThat(b.dates().get(3).churnedWithinHorizon()).isPositive();
        assertThat(b.dates().get(3).auc()).isEqualTo(0.5);
        // at week 0 nobody churns within the horizon: no AUC
        assertThat(b.dates().get(0).auc()).isNaN();
    }

    @Test
    void run_datesNotIncreasing_fails() {
        assertViolation(() -> Backtest.run(CARD, List.of(START, START), BacktestTest::snapshots, CHURNED, WEEK), "asOfDates[1]",
                "asOfDates[1] 2026-01-05T00:00:00Z is not after asOfDates[0] 2026-01-05T00:00:00Z: dates must be strictly increasing");
    }

    @Test
    void run_snapshotOfAnotherDate_fails() {
        assertViolation(() -> Backtest.run(CARD, List.of(START), asOf -> snapshots(asOf.plus(WEEK)), CHURNED, WEEK), "snapshots[0].asOf",
                "the source gave account 'a0' as of 2026-01-12T00:00:00Z when asked for 2026-01-05T00:00:00Z");
    }

    @Test
    void run_nonPositiveHorizon_fails() {
        assertViolation(() -> Backtest.run(CARD, List.of(START), BacktestTest::snapshots, CHURNED, Duration.ZERO), "horizon",
                "horizon must be positive, but was PT0S");
    }
}
