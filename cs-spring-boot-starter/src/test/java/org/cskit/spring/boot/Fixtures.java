package org.cskit.spring.boot;

import java.time.Instant;
import java.util.Arrays;
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
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.engine.PlaybookInput;

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

    /** {@code n} accounts, every third below 40% seat utilisation (the built-in low-adoption fires for those). */
    static AccountBatch portfolio(int n, Instant asOf) {
        double[] seats = new double[n];
        double[] days = new double[n];
        double[] renewal = new double[n];
        for (int i = 0; i < n; i++) {
            seats[i] = i % 3 == 0 ? 0.2 : 0.8;
            days[i] = 100;
            renewal[i] = 300;
        }
        FeatureColumns features = FeatureColumns.builder(SCHEMA, n).feature(BuiltInPlaybooks.SEAT_UTILISATION, seats)
                .feature(StandardFeatures.DAYS_SINCE_START, days).feature(StandardFeatures.DAYS_TO_RENEWAL, renewal).build();
        byte[] segments = new byte[n];
        Arrays.fill(segments, (byte) 0);
        return AccountBatch.builder(features).asOf(asOf).accountIds(i -> AccountId.of("acc-" + i))
                .segments(List.of(ENTERPRISE), segments).stage(LifecycleStage.ADOPTION).build();
    }
}
