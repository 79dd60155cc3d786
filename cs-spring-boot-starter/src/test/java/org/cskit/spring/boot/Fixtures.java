package org.cskit.spring.boot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.engine.PlaybookInput;
import org.cskit.run.SignalSource;

/** Accounts following the built-in playbooks' features. */
final class Fixtures {
    static final FeatureSchema SCHEMA = FeatureSchema.of(BuiltInPlaybooks.features());
    static final Instant NOW = Instant.parse("2026-06-01T02:00:00Z");
    static final Segment ENTERPRISE = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);

    private Fixtures() {}

    static AccountSnapshot snapshot(String account, double seatUtilisation) {
        return AccountSnapshot.builder().accountId(AccountId.of(account)).asOf(NOW).segment(ENTERPRISE)
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(Features.builder(SCHEMA).set(BuiltInPlaybooks.SEAT_UTILISATION, seatUtilisation, 10)
                        .set(StandardFeatures.DAYS_SINCE_START, 100, 1).set(StandardFeatures.DAYS_TO_RENEWAL, 300, 1).build())
                .build();
    }

    /** The champion of an account changed: the built-in champion-change playbook fires. */
    static PlaybookInput championChanged(String account) {
        return PlaybookInput.of(snapshot(account, 0.8)).withEvent(new ChampionChanged(AccountId.of(account), Optional.empty(),
                Optional.of(org.cskit.model.PersonId.of("ann")), NOW));
    }

    /** The first exception of a type in a chain of causes (a startup failure wraps ours in Spring's). */
    static Throwable cause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }

    /** The facts of the nightly run's accounts: the built-ins' features but seat utilisation, which is derived. */
    static final FeatureSchema FACTS = FeatureSchema.of(BuiltInPlaybooks.features().stream()
            .filter(f -> !f.equals(BuiltInPlaybooks.SEAT_UTILISATION)).toList());

    /**
     * {@code n} accounts' facts and signals: one seat-utilisation observation a day before
     * {@code asOf}, every third account's below 40% (the built-in low-adoption fires for those).
     */
    static NightlyInput night(int n, Instant asOf) {
        return NightlyInput.of(accounts(0, n, asOf), SignalSource.of(signals(0, n, asOf)));
    }

    /** The facts of accounts {@code [from, to)} of {@link #night}'s portfolio, row 0 being account {@code from}. */
    static AccountBatch accounts(int from, int to, Instant asOf) {
        int n = to - from;
        double[] days = new double[n];
        double[] renewal = new double[n];
        java.util.Arrays.fill(days, 100);
        java.util.Arrays.fill(renewal, 300);
        FeatureColumns facts = FeatureColumns.builder(FACTS, n).feature(StandardFeatures.DAYS_SINCE_START, days)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, renewal).build();
        return AccountBatch.builder(facts).asOf(asOf).accountIds(r -> AccountId.of("acc-" + (from + r)))
                .segments(List.of(ENTERPRISE), new byte[n]).stage(LifecycleStage.ADOPTION).build();
    }

    /** The signals of accounts {@code [from, to)} of {@link #night}'s portfolio, row 0 being account {@code from}. */
    static SignalColumns signals(int from, int to, Instant asOf) {
        int n = to - from;
        int[] rows = new int[n];
        long[] times = new long[n];
        double[] seats = new double[n];
        for (int r = 0; r < n; r++) {
            rows[r] = r;
            times[r] = asOf.minus(java.time.Duration.ofDays(1)).toEpochMilli();
            seats[r] = (from + r) % 3 == 0 ? 0.2 : 0.8;
        }
        return SignalColumns.of(n, List.of(SignalColumn.of(BuiltInPlaybooks.SEAT_UTILISATION, rows, times, seats)));
    }
}
