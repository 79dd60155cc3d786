package org.cskit.scoring;

import java.time.Instant;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;

/** A small scorecard and snapshots over its features, shared by the scoring tests. */
public final class ScoringFixtures {
    public static final Instant AS_OF = Instant.parse("2026-05-10T00:00:00Z");
    public static final FeatureSchema SCHEMA = FeatureSchema.of("logins_14d", "seat_utilisation", "open_tickets", "nps");

    private ScoringFixtures() {}

    /**
     * usage (weight 3): logins_14d linear 0..100 (weight 1), seat_utilisation linear 0..1 (weight 1);
     * support (weight 1): open_tickets tiers [1, 5] -> [1, 0.5, 0], i.e. fewer is better, weight 1.
     */
    public static Scorecard scorecard() {
        return Scorecard.builder()
                .id(ScorecardId.of("test-card"))
                .version(2)
                .addGroups(
                        ScorecardGroup.of("usage", 3,
                                input("logins_14d", 1, new Normalizer.Linear(0, 100)),
                                input("seat_utilisation", 1, new Normalizer.Linear(0, 1))),
                        ScorecardGroup.of("support", 1,
                                ScorecardInput.builder().name("open_tickets").weight(1)
                                        .normalizer(new Normalizer.Tiers(List.of(1.0, 5.0), List.of(0.0, 0.5, 1.0)))
                                        .direction(MetricDirection.LOWER_IS_BETTER).build()))
                .build();
    }

    public static ScorecardInput input(String name, double weight, Normalizer normalizer) {
        return ScorecardInput.builder().name(name).weight(weight).normalizer(normalizer).build();
    }

    public static AccountSnapshot.Builder snapshot(Features features) {
        return AccountSnapshot.builder()
                .accountId(AccountId.of("acme"))
                .asOf(AS_OF)
                .segment(Segment.of("enterprise", EngagementModel.HIGH_TOUCH))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(features);
    }

    public static Features.Builder features() {
        return Features.builder(SCHEMA);
    }
}
