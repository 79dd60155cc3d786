package org.cskit.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.PlaybookEngine;

/**
 * A portfolio whose plays open and close from day to day, for the engine-on-a-database tests:
 * account {@code i}'s seat utilisation is low (0.1) or high (0.9) in runs of three days, staggered
 * by account, so each account's plays open, stay open and close again. Two playbooks: one with
 * the default repeat policy, one with a 36-hour cooldown and at most three plays in 252 hours (so
 * last-play and recent times are stored and read back). The day's time of day may be moved by a
 * few hours ({@link #day(int, int, int)}) without changing which plays are made: the cooldown and
 * the limit's window fall between whole days.
 */
final class EngineFixture {
    static final Instant DAY_0 = Instant.parse("2026-05-01T00:00:00Z");
    static final FeatureSchema SCHEMA;
    private static final Segment SEGMENT = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);

    static {
        List<String> names = new ArrayList<>(List.of("seat_utilisation"));
        names.addAll(StandardFeatures.names());
        SCHEMA = FeatureSchema.of(names);
    }

    private EngineFixture() {}

    static List<Playbook> playbooks() {
        return List.of(playbook("low-adoption", RepeatPolicy.ofDefaults()),
                Playbook.builder().id("champion-left").name("champion-left").trigger(new Trigger.OnEvent("CHAMPION_CHANGED"))
                        .addActions(new Action.Task(Template.of("Meet the new champion"), "CSM", 3, Priority.HIGH)).build(),
                playbook("low-adoption-limited", RepeatPolicy.builder().cooldown(Duration.ofHours(36))
                        .limit(new RepeatPolicy.Limit(3, Duration.ofHours(252))).build()));
    }

    private static Playbook playbook(String id, RepeatPolicy repeat) {
        return Playbook.builder().id(id).name(id).trigger(new Trigger.Threshold("seat_utilisation", Operator.LT, 0.3))
                .addActions(new Action.Task(Template.of("Seats at {{seat_utilisation}}"), "CSM", 7, Priority.HIGH)).repeat(repeat).build();
    }

    static PlaybookEngine.Builder engine() {
        return PlaybookEngine.builder().schema(SCHEMA).playbooks(playbooks());
    }

    static AccountId account(int i) {
        return AccountId.of("acc-" + i);
    }

    static double seats(int account, int day) {
        return ((account * 7 + day) / 3) % 2 == 0 ? 0.1 : 0.9;
    }

    /** Account {@code i}'s champion changing on a day (one situation per account and day). */
    static org.cskit.playbooks.engine.PlaybookInput championChanged(int i, int day) {
        Instant at = DAY_0.plus(Duration.ofDays(day));
        org.cskit.model.Features features = org.cskit.model.Features.builder(SCHEMA).set("seat_utilisation", 0.9, 1)
                .set(StandardFeatures.DAYS_TO_RENEWAL, 300, 1).set(StandardFeatures.DAYS_SINCE_START, 400 + day, 1).build();
        org.cskit.model.AccountSnapshot snapshot = org.cskit.model.AccountSnapshot.builder().accountId(account(i)).asOf(at)
                .segment(SEGMENT).lifecycleStage(LifecycleStage.ADOPTION).features(features).build();
        return org.cskit.playbooks.engine.PlaybookInput.of(snapshot).withEvent(new org.cskit.model.event.ChampionChanged(account(i),
                java.util.Optional.of(org.cskit.model.PersonId.of("champion-a")), java.util.Optional.of(org.cskit.model.PersonId.of("champion-b")),
                at));
    }

    /** The portfolio of {@code n} accounts as of a day, at midnight. */
    static AccountBatch day(int day, int n) {
        return day(day, n, 0);
    }

    /** The portfolio of {@code n} accounts as of a day, {@code hour} hours after midnight. */
    static AccountBatch day(int day, int n, int hour) {
        double[] seats = new double[n];
        double[] renewal = new double[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            seats[i] = seats(i, day);
            renewal[i] = 300;
            start[i] = 400 + day;
        }
        FeatureColumns features = FeatureColumns.builder(SCHEMA, n).feature("seat_utilisation", seats)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, renewal).feature(StandardFeatures.DAYS_SINCE_START, start).build();
        return AccountBatch.builder(features).asOf(DAY_0.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour))).accountIds(EngineFixture::account)
                .segments(List.of(SEGMENT), null).stage(LifecycleStage.ADOPTION).build();
    }
}
