package org.cskit.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The features cskit derives from an {@link Account} itself (its contract and its success plan),
 * under standard names, so that scorecards weigh the customer's results and playbooks see plan
 * facts without every host recomputing them. Signal-based features (usage, tickets, sentiment)
 * come from cs-scoring's feature derivation or from the host. Stateless and thread-safe.
 *
 * <p>Each feature's observation count says what it rests on: the number of outcome measurements
 * taken by the day, the number of milestones counted, the number of plans for a fact of the plans,
 * or 1 for a fact of the contract.
 * A feature that cannot be known is left missing: outcome attainment before the first
 * measurement, plan features for an account without a plan, days to first value before first value.
 */
public final class StandardFeatures {
    /** 1 if the account has a success plan, else 0. An account without a plan is at risk by definition. */
    public static final String HAS_PLAN = "plan.present";
    /** The required outcome's attainment (0 at baseline, 1 at target, unclamped), the mean over the plans measured; missing before the first measurement. */
    public static final String OUTCOME_ATTAINMENT = "outcome.attainment";
    /** The lowest attainment among the plans measured: the outcome furthest behind; missing before the first measurement. */
    public static final String OUTCOME_ATTAINMENT_MIN = "outcome.attainment_min";
    /** Share of the plans' milestones achieved, in [0, 1]. */
    public static final String MILESTONES_ACHIEVED = "plan.milestones_achieved_share";
    /** Share of the plans' milestones achieved by their due date, in [0, 1]. */
    public static final String MILESTONES_ON_TIME = "plan.milestones_on_time_share";
    /** Number of open milestones past their due date. */
    public static final String MILESTONES_OVERDUE = "plan.milestones_overdue";
    /** Days the most overdue open milestone is past its due date; 0 when none is overdue. */
    public static final String MAX_DAYS_OVERDUE = "plan.max_days_overdue";
    /** Days an unachieved first-value milestone is past its due date; 0 before it is due; missing without one. */
    public static final String FIRST_VALUE_DAYS_OVERDUE = "plan.first_value_days_overdue";
    /** 1 if every plan has a next phase defined, else 0. */
    public static final String NEXT_PHASE_DEFINED = "plan.next_phase_defined";
    /** Open success gaps whose milestone is open and due within {@value #GAP_HORIZON_DAYS} days of the day, or overdue. */
    public static final String OPEN_GAPS_DUE_SOON = "plan.open_gaps_due_soon";
    /** {@link RiskLevel#HIGH HIGH} risks with no side owning their mitigation. */
    public static final String HIGH_RISKS_UNOWNED = "plan.high_risks_unowned";
    /** Days to the next review a plan's own cadence calls for ({@link SuccessPlan#nextReviewDue(LocalDate)}), the soonest over the plans; negative once overdue. */
    public static final String DAYS_TO_REVIEW = "plan.days_to_review";
    /** Days since the {@link SalesHandoff} while the account has no plan: a promised outcome nobody plans for; missing with a plan, without a handoff, or before it. */
    public static final String HANDOFF_DAYS_WITHOUT_PLAN = "handoff.days_without_plan";
    /** Days from the contract's start to first value; missing until first value is reached. */
    public static final String DAYS_TO_FIRST_VALUE = "first_value.days";
    /** Days to the contract's renewal date, negative once past it. */
    public static final String DAYS_TO_RENEWAL = "contract.days_to_renewal";
    /** Days since the contract started. */
    public static final String DAYS_SINCE_START = "contract.days_since_start";
    /** The contract's ARR amount, in its own currency. */
    public static final String ARR = "contract.arr";

    /** How close a milestone's due date must be for its open gaps to count in {@link #OPEN_GAPS_DUE_SOON}. */
    public static final int GAP_HORIZON_DAYS = 14;

    private static final List<String> NAMES = List.of(HAS_PLAN, OUTCOME_ATTAINMENT, OUTCOME_ATTAINMENT_MIN, MILESTONES_ACHIEVED,
            MILESTONES_ON_TIME, MILESTONES_OVERDUE, MAX_DAYS_OVERDUE, FIRST_VALUE_DAYS_OVERDUE, NEXT_PHASE_DEFINED,
            OPEN_GAPS_DUE_SOON, HIGH_RISKS_UNOWNED, DAYS_TO_REVIEW, HANDOFF_DAYS_WITHOUT_PLAN, DAYS_TO_FIRST_VALUE, DAYS_TO_RENEWAL,
            DAYS_SINCE_START, ARR);

    private StandardFeatures() {}

    /**
     * The standard feature names, in a fixed order; include them in a {@link FeatureSchema} to use
     * {@link #write}.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Writes the standard features of an account as of a day into a features builder, whose schema
     * must contain every standard name.
     *
     * <p>An account with several plans ({@link Account#plans()}) combines them so: outcome
     * attainment is the mean over the plans measured (each plan counts once) and its minimum the
     * furthest behind; milestones are pooled across plans (shares over all of them, overdue counts
     * added, the longest delay); gaps and risks are added up; a next phase counts as defined only
     * when every plan has one; the review due first counts; first value is the earliest.
     *
     * @param account the account
     * @param asOf the day (UTC)
     * @param into the builder to fill
     * @throws ValidationException if the builder's schema lacks a standard feature
     */
    public static void write(Account account, LocalDate asOf, Features.Builder into) {
        Contract contract = account.contract();
        into.set(DAYS_TO_RENEWAL, contract.daysToRenewal(asOf), 1);
        into.set(DAYS_SINCE_START, contract.daysSinceStart(asOf), 1);
        into.set(ARR, contract.arr().amount().doubleValue(), 1);
        List<SuccessPlan> plans = account.plans();
        into.set(HAS_PLAN, plans.isEmpty() ? 0 : 1, 1);
        account.daysToFirstValue(asOf).ifPresent(days -> into.set(DAYS_TO_FIRST_VALUE, days, 1));
        if (plans.isEmpty()) {
            account.handoff().filter(h -> !h.handedOverOn().isAfter(asOf))
                    .ifPresent(h -> into.set(HANDOFF_DAYS_WITHOUT_PLAN, ChronoUnit.DAYS.between(h.handedOverOn(), asOf), 1));
            return;
        }
        double attainmentSum = 0;
        double attainmentMin = Double.POSITIVE_INFINITY;
        int measured = 0;
        int measurements = 0;
        int total = 0;
        int achieved = 0;
        int onTime = 0;
        int overdue = 0;
        long maxOverdue = 0;
        long firstValueOverdue = -1;
        boolean allNextPhases = true;
        int gapsDueSoon = 0;
        int risksUnowned = 0;
        long daysToReview = Long.MAX_VALUE;
        for (SuccessPlan plan : plans) {
            Optional<Attainment> attainment = plan.outcomeAttainment(asOf);
            if (attainment.isPresent()) {
                measured++;
                attainmentSum += attainment.get().ratio();
                attainmentMin = Math.min(attainmentMin, attainment.get().ratio());
                measurements += measurementsBy(plan.desiredOutcome().requiredOutcome().metric(), asOf);
            }
            PlanProgress progress = plan.progress(asOf);
            total += progress.total();
            achieved += progress.achieved();
            onTime += progress.achievedOnTime();
            overdue += progress.overdue();
            allNextPhases &= plan.nextPhase().isPresent();
            for (Milestone m : plan.milestones()) {
                if (m.isOverdueAsOf(asOf)) {
                    maxOverdue = Math.max(maxOverdue, ChronoUnit.DAYS.between(m.dueDate(), asOf));
                }
                if (m.kind() == MilestoneKind.FIRST_VALUE && m.status() != MilestoneStatus.CANCELLED && !m.isAchievedAsOf(asOf)) {
                    firstValueOverdue = Math.max(firstValueOverdue, Math.max(0, ChronoUnit.DAYS.between(m.dueDate(), asOf)));
                }
            }
            for (SuccessGap gap : plan.gaps()) {
                Milestone m = plan.milestone(gap.milestone()).orElseThrow();
                if (!gap.closed() && m.isOpenAsOf(asOf) && !m.dueDate().isAfter(asOf.plusDays(GAP_HORIZON_DAYS))) {
                    gapsDueSoon++;
                }
            }
            risksUnowned += (int) plan.risks().stream().filter(r -> r.level() == RiskLevel.HIGH && r.ownerSide().isEmpty()).count();
            daysToReview = Math.min(daysToReview, ChronoUnit.DAYS.between(asOf, plan.nextReviewDue(asOf)));
        }
        if (measured > 0) {
            into.set(OUTCOME_ATTAINMENT, attainmentSum / measured, measurements);
            into.set(OUTCOME_ATTAINMENT_MIN, attainmentMin, measurements);
        }
        PlanProgress progress = new PlanProgress(total, achieved, onTime, overdue);
        into.set(MILESTONES_ACHIEVED, progress.achievedShare(), total);
        into.set(MILESTONES_ON_TIME, progress.onTimeShare(), total);
        into.set(MILESTONES_OVERDUE, overdue, total);
        into.set(MAX_DAYS_OVERDUE, maxOverdue, total);
        if (firstValueOverdue >= 0) {
            into.set(FIRST_VALUE_DAYS_OVERDUE, firstValueOverdue, 1);
        }
        into.set(NEXT_PHASE_DEFINED, allNextPhases ? 1 : 0, plans.size());
        into.set(OPEN_GAPS_DUE_SOON, gapsDueSoon, plans.size());
        into.set(HIGH_RISKS_UNOWNED, risksUnowned, plans.size());
        into.set(DAYS_TO_REVIEW, daysToReview, plans.size());
    }

    private static int measurementsBy(SuccessMetric metric, LocalDate asOf) {
        int count = 0;
        Optional<Measurement> latest = metric.latestAsOf(asOf);
        if (latest.isEmpty()) {
            return 0;
        }
        for (Measurement m : metric.measurements()) {
            if (!m.at().isAfter(latest.get().at())) {
                count++;
            }
        }
        return count;
    }
}
