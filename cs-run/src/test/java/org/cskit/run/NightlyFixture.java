package org.cskit.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ManualOverride;
import org.cskit.model.PersonId;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.LifecycleStageChanged;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.Aggregate;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;

/**
 * A small portfolio for the nightly run's tests: one signal ({@code logins}, one observation a
 * day), one derived feature ({@code logins_14d}, their sum over 14 days), one fact ({@code contract.arr}),
 * a one-input scorecard and two playbooks with cooldowns.
 */
final class NightlyFixture {
    static final Instant DAY_1 = Instant.parse("2026-03-01T00:00:00Z");
    static final String PORTFOLIO = "acme-prod";
    static final FeatureDeriver DERIVER = FeatureDeriver.of(List.of(
            FeatureDefinition.of("logins_14d", "logins", Aggregate.SUM, Duration.ofDays(14))));
    static final FeatureSchema FACTS = FeatureSchema.of(StandardFeatures.ARR);
    static final WeightedScorecard SCORECARD = WeightedScorecard.of(Scorecard.builder().id(ScorecardId.of("logins"))
            .addGroups(ScorecardGroup.of("usage", 1, ScorecardInput.builder().name("logins_14d").weight(1)
                    .normalizer(new Normalizer.Linear(0, 60)).build()))
            .build());
    static final List<String> BANDS = SCORECARD.config().bands().ranges().stream().map(BandScheme.Range::label).toList();
    static final List<Segment> SEGMENTS = List.of(Segment.of("smb", EngagementModel.TECH_TOUCH));

    /** Fires while logins over 14 days are below 5; 30 days' cooldown. */
    static final Playbook LOW_LOGINS = Playbook.builder().id("low-logins").name("Low logins")
            .trigger(new Trigger.Threshold("logins_14d", Operator.LT, 5))
            .addActions(new Action.Task(Template.of("Logins are {{logins_14d}}: call"), "CSM", 7, Priority.HIGH))
            .repeat(RepeatPolicy.builder().cooldown(Duration.ofDays(30)).build()).build();
    /** Fires for large accounts with logins below 10; 7 days' cooldown. */
    static final Playbook LARGE_QUIET = Playbook.builder().id("large-quiet").name("Large and quiet")
            .trigger(new Trigger.Threshold("logins_14d", Operator.LT, 10))
            .addConditions(Condition.compare(StandardFeatures.ARR, Operator.GE, 50_000))
            .addActions(new Action.Task(Template.of("Large account, logins {{logins_14d}}"), "CSM", 7, Priority.NORMAL))
            .repeat(RepeatPolicy.builder().cooldown(Duration.ofDays(7)).build()).build();
    static final List<Playbook> PLAYBOOKS = List.of(LOW_LOGINS, LARGE_QUIET);
    /** Starts when an account's lifecycle stage changes. */
    static final Playbook STAGE_CHANGED = Playbook.builder().id("stage-changed").name("Stage changed")
            .trigger(new Trigger.OnEvent("LIFECYCLE_STAGE_CHANGED"))
            .addActions(new Action.Task(Template.of("New stage: check the plan"), "CSM", 5, Priority.NORMAL)).build();
    /** Starts when someone enrols an account by hand. */
    static final Playbook EXEC_REVIEW = Playbook.builder().id("exec-review").name("Executive review").trigger(new Trigger.Manual())
            .addActions(new Action.Task(Template.of("Prepare the executive review"), "Account executive", 14, Priority.NORMAL)).build();

    /** An override set a minute before a night, for 30 days. */
    static ManualOverride override(double score, Instant night) {
        return ManualOverride.builder().score(score).by(PersonId.of("dana")).reason("renewal signed early").setAt(night.minusSeconds(60))
                .expiresAt(night.plus(Duration.ofDays(30))).build();
    }

    /** A row's account moved from onboarding to adoption an hour before a night. */
    static AccountEvent stageChanged(int row, Instant night) {
        return new LifecycleStageChanged(id(row), LifecycleStage.ONBOARDING, LifecycleStage.ADOPTION, night.minusSeconds(3600));
    }

    private NightlyFixture() {}

    static NightlyRun.Builder run() {
        return NightlyRun.builder().portfolio(PORTFOLIO).deriver(DERIVER).strategy(SCORECARD).playbooks(PLAYBOOKS);
    }

    static AccountId id(int row) {
        return AccountId.of("acct-" + row);
    }

    /**
     * The account facts as of a day: ARR per row, yesterday's vectors if any.
     *
     * @param arr one per account
     * @param asOf tonight
     * @param yesterday last night's vectors, or null
     */
    static AccountBatch accounts(double[] arr, Instant asOf, VectorColumns yesterday) {
        return accountsBuilder(arr, asOf, yesterday).build();
    }

    /** As {@link #accounts}, to add overrides, events or enrolments to. */
    static AccountBatch.Builder accountsBuilder(double[] arr, Instant asOf, VectorColumns yesterday) {
        FeatureColumns facts = FeatureColumns.builder(FACTS, arr.length).feature(StandardFeatures.ARR, arr).build();
        AccountBatch.Builder b = AccountBatch.builder(facts).asOf(asOf).accountIds(NightlyFixture::id).segments(SEGMENTS, null)
                .stage(LifecycleStage.STEADY_STATE);
        if (yesterday != null) {
            b.previousVectors(yesterday);
        }
        return b;
    }

    /**
     * One login observation a day for the 14 days up to {@code asOf}, each account's daily count
     * given (so its 14-day sum is 14 times that).
     */
    static SignalColumns signals(double[] perDay, Instant asOf) {
        int n = perDay.length;
        int[] rows = new int[n * 14];
        long[] times = new long[n * 14];
        double[] values = new double[n * 14];
        int k = 0;
        for (int r = 0; r < n; r++) {
            for (int d = 13; d >= 0; d--) {
                rows[k] = r;
                times[k] = asOf.minus(Duration.ofDays(d)).minusSeconds(3600).toEpochMilli();
                values[k] = perDay[r];
                k++;
            }
        }
        return SignalColumns.of(n, List.of(SignalColumn.of("logins", rows, times, values)));
    }

    static VectorColumns today(int n) {
        return VectorColumns.allocate(n, BANDS);
    }

    /** A thread-safe sink that keeps what it heard. */
    static final class Recording implements ActionSink {
        final Set<String> delivered = ConcurrentHashMap.newKeySet();
        final Set<String> keys = ConcurrentHashMap.newKeySet();
        final Set<String> closed = ConcurrentHashMap.newKeySet();
        final List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void deliver(PlayHandle play) {
            if (!delivered.add(play.accountId().value() + " " + play.playbookId())) {
                duplicates.add(play.accountId().value() + " " + play.playbookId());
            }
            keys.add(play.key());
        }

        @Override
        public void closed(PlayHandle play) {
            closed.add(play.accountId().value() + " " + play.playbookId());
        }

        Set<String> of(String playbook) {
            return delivered.stream().filter(s -> s.endsWith(" " + playbook)).map(s -> s.substring(0, s.indexOf(' ')))
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }
}
