package org.cskit.samples;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.model.json.CsJson;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.OutcomeAndPlan;
import org.cskit.scoring.ScoreChange;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;
import org.cskit.scoring.WeightedScorecard;

/**
 * Scores the quick start's account with a scorecard that weighs usage, support and the customer's
 * own results, prints the vector with its contributions, and explains how it moved since last
 * week. The middle of {@link #run} is the README's scoring example.
 */
public final class ScoringExample {
    private ScoringExample() {}

    /**
     * Runs the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        Account acme = CsJson.create().read(ScoringExample.class.getResourceAsStream("acme-account.json"), Account.class);
        LocalDate today = LocalDate.of(2026, 5, 10);
        Instant asOf = Instant.parse("2026-05-10T00:00:00Z");
        List<String> names = new ArrayList<>(List.of("logins_14d", "open_tickets"));
        names.addAll(StandardFeatures.names());
        Features.Builder features = Features.builder(FeatureSchema.of(names))
                .set("logins_14d", 41, 14).set("open_tickets", 3, 3);
        StandardFeatures.write(acme, today, features);
        AccountSnapshot lastWeek = AccountSnapshot.builder().accountId(acme.id()).asOf(asOf.minusSeconds(7 * 86400))
                .segment(acme.segment()).lifecycleStage(acme.lifecycleStage())
                .features(features.set("logins_14d", 52, 14).build()).build();
        features.set("logins_14d", 41, 14);

        Scorecard card = Scorecard.builder().id(ScorecardId.of("enterprise-default"))
                .addGroups(ScorecardGroup.of("usage", 2, ScorecardInput.builder().name("logins_14d").weight(1)
                                .normalizer(new Normalizer.Linear(0, 60)).build()),
                        ScorecardGroup.of("support", 1, ScorecardInput.builder().name("open_tickets").weight(1)
                                .normalizer(new Normalizer.Linear(0, 10)).direction(MetricDirection.LOWER_IS_BETTER).build()),
                        OutcomeAndPlan.group(2))
                .build();
        WeightedScorecard strategy = WeightedScorecard.of(card);
        SuccessVector before = strategy.score(lastWeek);
        SuccessVector now = strategy.score(AccountSnapshot.builder().from(lastWeek).asOf(asOf).features(features.build())
                .addHistory(ScorePoint.of(asOf.minusSeconds(14 * 86400), 74.0), ScorePoint.of(lastWeek.asOf(), before.score()))
                .previousVector(before).build());

        out.printf("%s: %.1f %s, %s at %+.1f points/week, coverage %.0f%%%n", acme.name(), now.score(),
                now.band().label(), now.direction(), now.velocity(), 100 * now.coverage());
        now.contributions().forEach(c -> out.printf("  %-20s %-8s %5.1f%n", c.input(), c.group(), c.points()));
        ScoreChange why = ScoreChange.explain(before, now);
        why.inputs().forEach(c -> out.printf("moved by %s: %+.1f%n", c.input(), c.delta()));
    }
}
