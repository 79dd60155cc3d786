package org.cskit.playbooks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;

/** Snapshots and vectors for engine tests. */
final class EngineFixtures {
    static final AccountId ACME = AccountId.of("acme");
    static final Instant DAY_0 = Instant.parse("2026-05-01T00:00:00Z");
    static final FeatureSchema SCHEMA;

    static {
        List<String> names = new ArrayList<>(List.of("logins_14d", "seat_utilisation"));
        names.addAll(StandardFeatures.names());
        SCHEMA = FeatureSchema.of(names);
    }

    private EngineFixtures() {}

    static Instant day(int n) {
        return DAY_0.plusSeconds(86_400L * n);
    }

    static Features.Builder features() {
        return Features.builder(SCHEMA).set(StandardFeatures.DAYS_TO_RENEWAL, 200, 1).set(StandardFeatures.DAYS_SINCE_START, 100, 1);
    }

    static AccountSnapshot.Builder snapshot(int day, Features features) {
        return AccountSnapshot.builder().accountId(ACME).asOf(day(day))
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH)).lifecycleStage(LifecycleStage.ADOPTION)
                .features(features);
    }

    static SuccessVector vector(int day, double score, String band, int rank, Direction direction) {
        return SuccessVector.builder().accountId(ACME).asOf(day(day)).score(score).band(Band.of(band, rank))
                .direction(direction).velocity(0).coverage(1).scorecardId(ScorecardId.of("card")).scorecardVersion(1)
                .addContributions(Contribution.builder().input("usage").group("usage").points(score).weight(1).build())
                .build();
    }

    /** An input at a day with the given seat utilisation and no vector. */
    static PlaybookInput seats(int day, double utilisation) {
        return PlaybookInput.of(snapshot(day, features().set("seat_utilisation", utilisation, 10).build()).build());
    }

    /** The states a store holds for one account, by playbook id, read through the SPI. */
    static Map<String, PlayState> states(PlayStateStore store, AccountId account) {
        Map<String, PlayState> found = new HashMap<>();
        store.read(new AccountId[] {account}, 1, (i, playbook, state) -> found.put(playbook, state));
        return found;
    }

    /** {@link #states(PlayStateStore, AccountId)} of the account with id {@code account}. */
    static Map<String, PlayState> states(PlayStateStore store, String account) {
        return states(store, AccountId.of(account));
    }
}
