package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.cskit.model.Account;
import org.cskit.model.DesiredOutcome;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.Fixtures;
import org.cskit.model.Measurement;
import org.cskit.model.MetricDirection;
import org.cskit.model.MetricId;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.PlanId;
import org.cskit.model.RequiredOutcome;
import org.cskit.model.Risk;
import org.cskit.model.RiskLevel;
import org.cskit.model.Side;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessGap;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;

/**
 * Random portfolios (0 to 3 plans per account; milestones of every kind and status, achieved early,
 * late or after the day; open and closed gaps; owned and unowned risks; reviews held before and after
 * the day; outcome measurements around midnight; handoffs before and after the day) and random days:
 * {@link PlanColumns#writeFeatures} writes, for every account and every plan feature, the bits and
 * counts {@link StandardFeatures#write} gives for the account, and NaN with 0 where it leaves the
 * feature missing.
 */
class PlanColumnsProperties {
    private static final LocalDate BASE = LocalDate.of(2026, 3, 1);
    private static final MilestoneKind[] KINDS = MilestoneKind.values();

    @Property(tries = 200)
    void writeFeatures_equalsStandardFeaturesWrite_forEveryAccount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int accounts,
            @ForAll @IntRange(min = -120, max = 240) int dayOffset, @ForAll @IntRange(min = 0, max = 3) int intoRow) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate day = BASE.plusDays(dayOffset);
        List<Account> list = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            list.add(account(random));
        }
        FeatureSchema schema = FeatureSchema.of(StandardFeatures.names());
        FeatureColumns into = FeatureColumns.allocate(schema, intoRow + accounts);

        PlanColumns.of(list).writeFeatures(day, into, intoRow);

        for (int a = 0; a < accounts; a++) {
            Features.Builder b = Features.builder(schema);
            StandardFeatures.write(list.get(a), day, b);
            Features expected = b.build();
            for (String name : PlanColumns.featureNames()) {
                int f = schema.indexOf(name);
                assertThat(Double.doubleToLongBits(into.value(f, intoRow + a))).as("%s of account %d on %s", name, a, day)
                        .isEqualTo(Double.doubleToLongBits(expected.valueAt(f)));
                assertThat(into.observations(f, intoRow + a)).as("observations of %s, account %d", name, a)
                        .isEqualTo(expected.observationsAt(f));
            }
        }
    }

    private static Account account(SplittableRandom random) {
        int plans = random.nextInt(4);
        Account.Builder b = Fixtures.accountBuilder().successPlan(Optional.empty());
        if (random.nextBoolean()) {
            b.handoff(Fixtures.handoffBuilder().handedOverOn(BASE.plusDays(random.nextInt(-60, 120))).build());
        }
        for (int p = 0; p < plans; p++) {
            SuccessPlan plan = plan(random, p);
            if (p == 0) {
                b.successPlan(plan);
            } else {
                b.addAdditionalPlans(plan);
            }
        }
        return b.build();
    }

    private static SuccessPlan plan(SplittableRandom random, int p) {
        LocalDate start = BASE.plusDays(random.nextInt(-90, 30));
        List<Milestone> milestones = new ArrayList<>();
        int n = random.nextInt(0, 6);
        for (int m = 0; m < n; m++) {
            LocalDate due = start.plusDays(random.nextInt(0, 200));
            Milestone.Builder mb = Fixtures.milestone("m" + m, "Milestone " + m, KINDS[random.nextInt(KINDS.length)], due);
            switch (random.nextInt(4)) {
                case 0 -> mb.status(MilestoneStatus.ACHIEVED).achievedOn(due.plusDays(random.nextInt(-30, 30)));
                case 1 -> mb.status(MilestoneStatus.CANCELLED);
                case 2 -> mb.status(MilestoneStatus.IN_PROGRESS);
                default -> { } // the default status
            }
            milestones.add(mb.build());
        }
        List<SuccessGap> gaps = new ArrayList<>();
        for (int g = 0; g < (n == 0 ? 0 : random.nextInt(0, 4)); g++) {
            gaps.add(SuccessGap.builder().description("gap " + g).milestone(MilestoneId.of("m" + random.nextInt(n)))
                    .bridge("bridge").closed(random.nextInt(3) == 0).build());
        }
        List<Risk> risks = new ArrayList<>();
        for (int k = 0; k < random.nextInt(0, 4); k++) {
            Risk.Builder rb = Risk.builder().description("risk " + k).level(random.nextBoolean() ? RiskLevel.HIGH : RiskLevel.MEDIUM)
                    .mitigation("mitigate");
            if (random.nextBoolean()) {
                rb.ownerSide(Side.CUSTOMER);
            }
            risks.add(rb.build());
        }
        SuccessMetric.Builder metric = SuccessMetric.builder().id(MetricId.of("outcome-" + p)).name("Outcome").unit("n")
                .direction(MetricDirection.HIGHER_IS_BETTER).baseline(random.nextInt(0, 10)).target(random.nextInt(20, 60))
                .measurementMethod("counted");
        Instant t = start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int i = 0; i < random.nextInt(0, 6); i++) {
            // Sometimes on midnight or a nanosecond before it, so the end-of-day rule matters.
            Instant next = switch (random.nextInt(3)) {
                case 0 -> t.plusSeconds(86_400L * random.nextInt(1, 40));
                case 1 -> t.plusSeconds(86_400L * random.nextInt(1, 40)).truncatedTo(java.time.temporal.ChronoUnit.DAYS).minusNanos(1);
                default -> t.plusNanos(random.nextLong(1, 86_400_000_000_000L * 30));
            };
            t = next.isAfter(t) ? next : t.plusNanos(1);
            metric.addMeasurements(Measurement.of(t, random.nextInt(-20, 80) + random.nextInt(0, 100) / 100.0));
        }
        SuccessPlan.Builder plan = SuccessPlan.builder().from(Fixtures.plan()).id(PlanId.of("plan-" + p)).startDate(start)
                .desiredOutcome(DesiredOutcome.of(RequiredOutcome.builder().statement("outcome").metric(metric.build())
                        .deadline(start.plusDays(300)).build(), Fixtures.desiredOutcome().appropriateExperience()))
                .metrics(List.of()).milestones(milestones).gaps(gaps).risks(risks)
                .reviewCadence(random.nextBoolean() ? Period.ofWeeks(random.nextInt(1, 6)) : Period.ofMonths(random.nextInt(1, 4)))
                .lastReviewOn(random.nextBoolean() ? Optional.of(start.plusDays(random.nextInt(0, 150))) : Optional.empty());
        if (random.nextBoolean()) {
            plan.nextPhase(Optional.empty());
        }
        return plan.build();
    }
}
