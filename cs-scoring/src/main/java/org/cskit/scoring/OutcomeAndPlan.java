package org.cskit.scoring;

import java.util.List;
import org.cskit.model.MetricDirection;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.StandardFeatures;

/**
 * The built-in "outcome and plan" scorecard group: the customer's own results against the plan's
 * target, plus milestone progress and timeliness, read from {@link StandardFeatures}. A scorecard
 * that includes it weighs results, not just activity. Stateless and thread-safe.
 *
 * <p>Inputs (weights within the group):
 * <ul>
 *   <li>{@code outcome_attainment} (3): {@link StandardFeatures#OUTCOME_ATTAINMENT}, linear from 0
 *       (baseline) to 1 (target); neutral until the first measurement;</li>
 *   <li>{@code milestones_achieved} (1): {@link StandardFeatures#MILESTONES_ACHIEVED}, linear 0 to 1;</li>
 *   <li>{@code milestones_on_time} (1): {@link StandardFeatures#MILESTONES_ON_TIME}, linear 0 to 1;</li>
 *   <li>{@code milestones_overdue} (1): {@link StandardFeatures#MILESTONES_OVERDUE}, fewer is better:
 *       none scores 1, one or two 0.5, three or more 0;</li>
 *   <li>{@code has_plan} (1): {@link StandardFeatures#HAS_PLAN}: an account without a plan scores 0.</li>
 * </ul>
 * The plan inputs count as worst when missing, since they are missing only when there is no plan.
 *
 * <p>An account with several plans (one per product or role) is scored as one: the features
 * combine its plans ({@link StandardFeatures#write}): attainment is the mean over the plans
 * measured, milestones are pooled across plans, and the account has a plan if it has any. A
 * scorecard that should weigh the outcome furthest behind instead adds an input on
 * {@link StandardFeatures#OUTCOME_ATTAINMENT_MIN}.
 */
public final class OutcomeAndPlan {
    /** The group's name. */
    public static final String GROUP = "outcome";

    private OutcomeAndPlan() {}

    /**
     * The group, with a weight among the scorecard's groups.
     *
     * @param weight the group's weight, greater than 0
     * @return the group
     */
    public static ScorecardGroup group(double weight) {
        Normalizer share = new Normalizer.Linear(0, 1);
        return ScorecardGroup.builder()
                .name(GROUP)
                .weight(weight)
                .addInputs(
                        input("outcome_attainment", StandardFeatures.OUTCOME_ATTAINMENT, 3, share, MissingDataPolicy.NEUTRAL),
                        input("milestones_achieved", StandardFeatures.MILESTONES_ACHIEVED, 1, share, MissingDataPolicy.WORST),
                        input("milestones_on_time", StandardFeatures.MILESTONES_ON_TIME, 1, share, MissingDataPolicy.WORST),
                        ScorecardInput.builder().name("milestones_overdue").feature(StandardFeatures.MILESTONES_OVERDUE)
                                .weight(1).normalizer(new Normalizer.Tiers(List.of(1.0, 3.0), List.of(0.0, 0.5, 1.0)))
                                .direction(MetricDirection.LOWER_IS_BETTER).missing(MissingDataPolicy.WORST).build(),
                        input("has_plan", StandardFeatures.HAS_PLAN, 1, new Normalizer.Tiers(List.of(1.0), List.of(0.0, 1.0)),
                                MissingDataPolicy.WORST))
                .build();
    }

    private static ScorecardInput input(String name, String feature, double weight, Normalizer normalizer, MissingDataPolicy missing) {
        return ScorecardInput.builder().name(name).feature(feature).weight(weight).normalizer(normalizer).missing(missing).build();
    }
}
