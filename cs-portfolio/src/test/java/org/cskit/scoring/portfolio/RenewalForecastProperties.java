package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.MeasuresTest.GREEN;
import static org.cskit.scoring.portfolio.MeasuresTest.RED;
import static org.cskit.scoring.portfolio.MeasuresTest.YELLOW;
import static org.cskit.scoring.portfolio.MeasuresTest.expansion;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.eur;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.cskit.model.Account;
import org.cskit.model.Band;
import org.cskit.model.Milestone;
import org.cskit.model.SuccessPlan;

/** {@link RenewalForecast#fromVectorAndPlans} over random plans: what the rule promises whatever the plan. */
class RenewalForecastProperties {
    private static final List<Band> BANDS = List.of(RED, YELLOW, GREEN);

    /** A plan with or without first value and a measurement, and up to four expansion milestones achieved around the term. */
    private static List<Milestone> milestones(Random r) {
        List<Milestone> out = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            out.add(expansion("x" + i, LocalDate.of(2025, 10, 1).plusDays(r.nextInt(320)),
                    r.nextInt(4) == 0 ? Optional.empty() : Optional.of(eur(1 + r.nextInt(5_000)))));
        }
        return out;
    }

    private static Account planned(Random r, List<Milestone> extra) {
        Optional<LocalDate> firstValue = r.nextBoolean() ? Optional.of(LocalDate.of(2026, 2, 1)) : Optional.empty();
        Optional<Double> measured = r.nextInt(4) == 0 ? Optional.empty() : Optional.of(-5.0 + r.nextInt(21));
        SuccessPlan p = SuccessPlan.builder().from(plan("a", firstValue, measured)).addAllMilestones(extra).build();
        return account("a", Optional.of(p));
    }

    @Property
    void forecast_doesNotDependOnTheMilestonesOrder(@ForAll long seed) {
        Random r = new Random(seed);
        List<Milestone> extra = milestones(r);
        long accountSeed = r.nextLong();
        Band band = BANDS.get(r.nextInt(BANDS.size()));
        List<Milestone> reversed = new ArrayList<>(extra);
        Collections.reverse(reversed);

        RenewalForecast inOrder = RenewalForecast.fromVectorAndPlans(planned(new Random(accountSeed), extra), vector("a", 50, band),
                Set.of("red"));
        RenewalForecast inReverse = RenewalForecast.fromVectorAndPlans(planned(new Random(accountSeed), reversed),
                vector("a", 50, band), Set.of("red"));

        assertThat(inReverse).isEqualTo(inOrder);
    }

    @Property
    void forecast_churnExpectsNothing_aRenewalAtLeastTheContract(@ForAll long seed) {
        Random r = new Random(seed);
        Account a = planned(r, milestones(r));
        Band band = BANDS.get(r.nextInt(BANDS.size()));

        RenewalForecast f = RenewalForecast.fromVectorAndPlans(a, vector("a", 50, band), Set.of("red"));

        if (f.churn()) {
            assertThat(f.expectedArr()).isEqualTo(eur(0));
        } else {
            assertThat(f.expectedArr().amount()).isGreaterThanOrEqualTo(a.contract().arr().amount());
        }
        // without plans, only the band calls it
        RenewalForecast bandOnly = RenewalForecast.fromVectorAndPlans(account("a", Optional.empty()), vector("a", 50, band), Set.of("red"));
        assertThat(bandOnly.churn()).isEqualTo(band.equals(RED));
    }
}
