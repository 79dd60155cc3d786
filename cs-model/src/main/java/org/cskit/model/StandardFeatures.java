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
 * taken by the day, the number of milestones counted, or 1 for a fact of the contract or plan.
 * A feature that cannot be known is left missing: outcome attainment before the first
 * measurement, plan features for an account without a plan, days to first value before first value.
 */
public final class StandardFeatures {
    /** 1 if the account has a success plan, else 0. An account without a plan is at risk by definition. */
    public static final String HAS_PLAN = "plan.present";
    /** The required outcome's attainment (0 at baseline, 1 at target, unclamped); missing before the first measurement. */
    public static final String OUTCOME_ATTAINMENT = "outcome.attainment";
    /** Share of the plan's milestones achieved, in [0, 1]. */
    public static final String MILESTONES_ACHIEVED = "plan.milestones_achieved_share";
    /** Share of the plan's milestones achieved by their due date, in [0, 1]. */
    public static final String MILESTONES_ON_TIME = "plan.milestones_on_time_share";
    /** Number of open milestones past their due date. */
    public static final String MILESTONES_OVERDUE = "plan.milestones_overdue";
    /** Days the most overdue open milestone is past its due date; 0 when none is overdue. */
    public static final String MAX_DAYS_OVERDUE = "plan.max_days_overdue";
    /** Days an unachieved first-value milestone is past its due date; 0 before it is due; missing without one. */
    public static final String FIRST_VALUE_DAYS_OVERDUE = "plan.first_value_days_overdue";
    /** 1 if the plan has a next phase defined, else 0. */
    public static final String NEXT_PHASE_DEFINED = "plan.next_phase_defined";
    /** Days from the contract's start to first value; missing until first value is reached. */
    public static final String DAYS_TO_FIRST_VALUE = "first_value.days";
    /** Days to the contract's renewal date, negative once past it. */
    public static final String DAYS_TO_RENEWAL = "contract.days_to_renewal";
    /** Days since the contract started. */
    public static final String DAYS_SINCE_START = "contract.days_since_start";
    /** The contract's ARR amount, in its own currency. */
    public static final String ARR = "contract.arr";

    private static final List<String> NAMES = List.of(HAS_PLAN, OUTCOME_ATTAINMENT, MILESTONES_ACHIEVED,
            MILESTONES_ON_TIME, MILESTONES_OVERDUE, MAX_DAYS_OVERDUE, FIRST_VALUE_DAYS_OVERDUE, NEXT_PHASE_DEFINED, DAYS_TO_FIRST_VALUE, DAYS_TO_RENEWAL,
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
        Optional<SuccessPlan> maybePlan = account.successPlan();
        into.set(HAS_PLAN, maybePlan.isPresent() ? 1 : 0, 1);
        account.daysToFirstValue(asOf).ifPresent(days -> into.set(DAYS_TO_FIRST_VALUE, days, 1));
        if (maybePlan.isEmpty()) {
            return;
        }
        SuccessPlan plan = maybePlan.get();
        SuccessMetric metric = plan.desiredOutcome().requiredOutcome().metric();
        plan.outcomeAttainment(asOf).ifPresent(a -> into.set(OUTCOME_ATTAINMENT, a.ratio(), measurementsBy(metric, asOf)));
        PlanProgress progress = plan.progress(asOf);
        into.set(MILESTONES_ACHIEVED, progress.achievedShare(), progress.total());
        into.set(MILESTONES_ON_TIME, progress.onTimeShare(), progress.total());
        into.set(MILESTONES_OVERDUE, progress.overdue(), progress.total());
        into.set(NEXT_PHASE_DEFINED, plan.nextPhase().isPresent() ? 1 : 0, 1);
        long maxOverdue = 0;
        for (Milestone m : plan.milestones()) {
            if (m.isOverdueAsOf(asOf)) {
                maxOverdue = Math.max(maxOverdue, ChronoUnit.DAYS.between(m.dueDate(), asOf));
            }
        }
        into.set(MAX_DAYS_OVERDUE, maxOverdue, progress.total());
        plan.milestones().stream()
                .filter(m -> m.kind() == MilestoneKind.FIRST_VALUE && m.status() != MilestoneStatus.CANCELLED)
                .filter(m -> !m.isAchievedAsOf(asOf))
                .mapToLong(m -> Math.max(0, ChronoUnit.DAYS.between(m.dueDate(), asOf)))
                .max()
                .ifPresent(days -> into.set(FIRST_VALUE_DAYS_OVERDUE, days, 1));
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
