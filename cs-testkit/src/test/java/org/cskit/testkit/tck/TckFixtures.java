package org.cskit.testkit.tck;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.ScorecardSelection;
import org.cskit.testkit.TestSnapshots;

/** Scorecards and varied snapshots for the built-in strategies' contract tests. */
final class TckFixtures {
    static final FeatureSchema SCHEMA = FeatureSchema.of("logins_14d", "seat_utilisation", "open_tickets");
    /** The same features plus one, in another order: strategies that cache per schema must notice. */
    static final FeatureSchema OTHER_SCHEMA = FeatureSchema.of("nps", "open_tickets", "seat_utilisation", "logins_14d");

    private TckFixtures() {}

    static Scorecard scorecard(String id) {
        return Scorecard.builder().id(ScorecardId.of(id)).version(2)
                .addGroups(
                        ScorecardGroup.of("usage", 3,
                                input("logins_14d", new Normalizer.Linear(0, 100)),
                                input("seat_utilisation", new Normalizer.Linear(0, 1))),
                        ScorecardGroup.of("support", 1,
                                ScorecardInput.builder().name("open_tickets").weight(1)
                                        .normalizer(new Normalizer.Tiers(List.of(1.0, 5.0), List.of(0.0, 0.5, 1.0)))
                                        .direction(MetricDirection.LOWER_IS_BETTER).build()))
                .build();
    }

    static ScorecardSelection selection() {
        return ScorecardSelection.builder().defaultScorecard(scorecard("default-card"))
                .addAssignments(ScorecardSelection.Assignment.segment("smb", scorecard("smb-card")))
                .build();
    }

    /** Healthy, at risk, missing data, no data at all, another schema, another segment, and one with a falling history. */
    static List<AccountSnapshot> snapshots() {
        return List.of(
                TestSnapshots.snapshot(SCHEMA, Map.of("logins_14d", 90, "seat_utilisation", 0.9, "open_tickets", 0)).build(),
                TestSnapshots.snapshot(SCHEMA, Map.of("logins_14d", 5, "seat_utilisation", 0.1, "open_tickets", 9)).build(),
                TestSnapshots.snapshot(SCHEMA, Map.of("logins_14d", 40)).build(),
                TestSnapshots.snapshot(SCHEMA, Map.<String, Integer>of()).build(),
                TestSnapshots.snapshot(OTHER_SCHEMA, Map.of("nps", 30, "logins_14d", 60, "seat_utilisation", 0.5,
                        "open_tickets", 2)).build(),
                TestSnapshots.snapshot(SCHEMA, Map.of("logins_14d", 70, "seat_utilisation", 0.6, "open_tickets", 1))
                        .segment(Segment.of("smb", EngagementModel.TECH_TOUCH)).lifecycleStage(LifecycleStage.ONBOARDING).build(),
                TestSnapshots.snapshot(SCHEMA, Map.of("logins_14d", 20, "seat_utilisation", 0.3, "open_tickets", 4))
                        .addHistory(ScorePoint.of(TestSnapshots.AS_OF.minus(Duration.ofDays(28)), 85),
                                ScorePoint.of(TestSnapshots.AS_OF.minus(Duration.ofDays(14)), 70))
                        .build());
    }

    private static ScorecardInput input(String name, Normalizer normalizer) {
        return ScorecardInput.builder().name(name).weight(1).normalizer(normalizer).build();
    }
}
