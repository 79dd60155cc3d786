package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AppropriateExperience;
import org.cskit.model.Band;
import org.cskit.model.Channel;
import org.cskit.model.Contract;
import org.cskit.model.Contribution;
import org.cskit.model.DesiredOutcome;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Measurement;
import org.cskit.model.MetricDirection;
import org.cskit.model.MetricId;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.PlanId;
import org.cskit.model.RequiredOutcome;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;

/** Accounts, plans, revenues and vectors for the portfolio tests. */
final class PortfolioFixtures {
    static final Currency EUR = Currency.getInstance("EUR");
    static final ReportingPeriod FY2026 = ReportingPeriod.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    static final Segment ENTERPRISE = Segment.of("enterprise", EngagementModel.HIGH_TOUCH);
    static final Segment SMB = Segment.of("smb", EngagementModel.TECH_TOUCH);
    static final LocalDate CONTRACT_START = LocalDate.of(2026, 1, 1);

    private PortfolioFixtures() {}

    static Money eur(long amount) {
        return Money.of(String.valueOf(amount), "EUR");
    }

    /** A cohort account that neither renews nor churns in FY2026 (renewal in 2027). */
    static AccountRevenue.Builder revenue(String id, long startArr, long endArr) {
        return AccountRevenue.builder().accountId(AccountId.of(id)).segment(ENTERPRISE)
                .startArr(eur(startArr)).endArr(eur(endArr)).renewalDate(LocalDate.of(2027, 3, 1));
    }

    static AccountRevenue churned(String id, long startArr, LocalDate on) {
        return revenue(id, startArr, 0).churnedOn(on).build();
    }

    static RetentionReport report(AccountRevenue... accounts) {
        return RetentionReport.of(FY2026, EUR, java.util.List.of(accounts));
    }

    /**
     * A plan whose required outcome goes from 0 to 10 (higher is better), measured once at
     * {@code measured} if given; first value achieved on {@code firstValue} if given.
     */
    static SuccessPlan plan(String accountId, Optional<LocalDate> firstValue, Optional<Double> measured) {
        SuccessMetric.Builder metric = SuccessMetric.builder().id(MetricId.of("outcome")).name("Outcome").unit("count")
                .direction(MetricDirection.HIGHER_IS_BETTER).baseline(0).target(10).measurementMethod("counted");
        measured.ifPresent(v -> metric.addMeasurements(Measurement.of(Instant.parse("2026-03-01T00:00:00Z"), v)));
        Milestone.Builder fv = Milestone.builder().id(MilestoneId.of("fv")).name("First value").kind(MilestoneKind.FIRST_VALUE)
                .ownerSide(Side.VENDOR).dueDate(LocalDate.of(2026, 3, 1)).completion(SignOff.of(Side.CUSTOMER, "confirmed"));
        firstValue.ifPresent(d -> fv.status(MilestoneStatus.ACHIEVED).achievedOn(d));
        return SuccessPlan.builder().id(PlanId.of(accountId + "-plan")).accountId(AccountId.of(accountId))
                .purpose("Reach the outcome")
                .desiredOutcome(DesiredOutcome.of(
                        RequiredOutcome.builder().statement("Ten of them").metric(metric.build())
                                .deadline(LocalDate.of(2026, 12, 31)).build(),
                        AppropriateExperience.builder().engagementModel(EngagementModel.TECH_TOUCH).addChannels(Channel.EMAIL)
                                .cadence(Period.ofMonths(1)).build()))
                .addMilestones(fv.build())
                .reviewCadence(Period.ofMonths(1))
                .startDate(CONTRACT_START)
                .build();
    }

    static Account account(String id, Optional<SuccessPlan> plan) {
        return account(id, ENTERPRISE, plan);
    }

    static Account account(String id, Segment segment, Optional<SuccessPlan> plan) {
        return Account.builder().id(AccountId.of(id)).name(id).segment(segment).lifecycleStage(LifecycleStage.ADOPTION)
                .contract(Contract.builder().arr(eur(10_000)).startDate(CONTRACT_START)
                        .renewalDate(LocalDate.of(2027, 1, 1)).termMonths(12).build())
                .successPlan(plan)
                .build();
    }

    /** An account whose first value came {@code days} days after its contract's start. */
    static Account withFirstValueAfter(String id, long days) {
        return account(id, Optional.of(plan(id, Optional.of(CONTRACT_START.plusDays(days)), Optional.empty())));
    }

    static SuccessVector vector(String accountId, double score, Band band) {
        return SuccessVector.builder().accountId(AccountId.of(accountId))
                .asOf(LocalDate.of(2026, 5, 10).atStartOfDay().toInstant(ZoneOffset.UTC))
                .score(score).band(band).direction(Direction.FLAT).velocity(0).coverage(1)
                .addContributions(Contribution.builder().input("all").group("all").points(score).weight(1).build())
                .scorecardId(ScorecardId.of("card")).scorecardVersion(1)
                .build();
    }

    static void assertViolation(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
