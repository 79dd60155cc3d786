package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The Success Milestones of a segment: the standard path its customers walk, as a template that
 * {@link #instantiate instantiates} into each account's {@link SuccessPlan}. It holds milestones
 * with due dates as days after the contract's start, their owners as roles on both sides, their
 * completion rules and the metrics those rules read, the responsibilities, and the review cadence.
 * Immutable and thread-safe.
 *
 * <p>{@link org.cskit.model.json.PlanTemplates#builtIns()} holds the onboarding path for each
 * engagement model (days 0-7 setup, 7-30 first value, 30-90 habit), as JSON.
 *
 * <p>Rules: {@code id}, {@code name} and {@code purpose} are not blank; the review cadence is
 * positive; at least one milestone; milestone and metric ids are unique; a metric has no
 * measurements (they belong to the account's plan); a threshold names a metric of the template; a
 * dependency names a milestone of the template that is due no later.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePlanTemplate.class)
@JsonDeserialize(builder = PlanTemplate.Builder.class)
public abstract class PlanTemplate {
    // Only the generated implementation extends this type.
    PlanTemplate() {}

    /**
     * Identifies the template.
     *
     * @return the id, such as {@code onboarding-high-touch}
     */
    @JsonProperty("id")
    public abstract String id();

    /**
     * The template's name.
     *
     * @return the name
     */
    @JsonProperty("name")
    public abstract String name();

    /**
     * The segment the template is for, by name; empty for any segment.
     *
     * @return the segment's name
     */
    @JsonProperty("segment")
    public abstract Optional<String> segment();

    /**
     * The engagement model the template is for; empty for any.
     *
     * @return the engagement model
     */
    @JsonProperty("engagementModel")
    public abstract Optional<EngagementModel> engagementModel();

    /**
     * The plan's purpose when the host gives none.
     *
     * @return the purpose
     */
    @JsonProperty("purpose")
    public abstract String purpose();

    /**
     * The metrics the milestones' thresholds read, without measurements.
     *
     * @return the metrics
     */
    @JsonProperty("metrics")
    public abstract List<SuccessMetric> metrics();

    /**
     * The steps, each becoming a milestone.
     *
     * @return the steps
     */
    @JsonProperty("milestones")
    public abstract List<MilestoneTemplate> milestones();

    /**
     * Who does what on both sides; a responsibility's role is resolved to a person when someone
     * holds it.
     *
     * @return the responsibilities, without people
     */
    @JsonProperty("responsibilities")
    public abstract List<Responsibility> responsibilities();

    /**
     * How often plans made from the template are reviewed.
     *
     * @return the cadence, positive
     */
    @JsonProperty("reviewCadence")
    public abstract Period reviewCadence();

    /**
     * Tells whether the template is for a segment: its name and engagement model match where the
     * template names them.
     *
     * @param s the segment
     * @return true if it applies
     */
    public boolean appliesTo(Segment s) {
        return segment().map(n -> n.equals(s.name())).orElse(true)
                && engagementModel().map(e -> e == s.engagementModel()).orElse(true);
    }

    /**
     * Makes a {@link PlanStatus#DRAFT DRAFT} plan for an account: it starts on the contract's
     * start, each milestone is due that many days later, owned by the first person of the account
     * who holds its role on its side ({@link RoleHolder}; no owner when nobody does), and each
     * responsibility names its role's holder the same way.
     *
     * @param account the account
     * @param id the new plan's id
     * @param outcome the customer's desired outcome; its metric's id must differ from the template's metrics
     * @return the plan
     * @throws ValidationException if the plan breaks a rule, such as an outcome deadline before the
     *     contract's start or a metric id the template already uses
     */
    public SuccessPlan instantiate(Account account, PlanId id, DesiredOutcome outcome) {
        LocalDate start = account.contract().startDate();
        List<Milestone> milestones = new ArrayList<>(milestones().size());
        for (MilestoneTemplate t : milestones()) {
            Milestone.Builder m = Milestone.builder().id(t.id()).name(t.name()).kind(t.kind()).ownerSide(t.ownerSide())
                    .dueDate(start.plusDays(t.dueAfterDays())).completion(t.completion()).dependsOn(t.dependsOn())
                    .expansionOpportunity(t.expansionOpportunity());
            t.ownerRole().ifPresent(role -> m.owner(RoleHolder.resolve(account, t.ownerSide(), role).person()));
            milestones.add(m.build());
        }
        List<Responsibility> responsibilities = new ArrayList<>(responsibilities().size());
        for (Responsibility r : responsibilities()) {
            responsibilities.add(Responsibility.builder().from(r).person(RoleHolder.resolve(account, r.side(), r.role()).person()).build());
        }
        return SuccessPlan.builder().id(id).accountId(account.id()).purpose(purpose()).desiredOutcome(outcome)
                .metrics(metrics()).milestones(milestones).responsibilities(responsibilities).reviewCadence(reviewCadence())
                .status(PlanStatus.DRAFT).startDate(start).build();
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("id", id());
        Validate.nonBlank("name", name());
        Validate.nonBlank("purpose", purpose());
        segment().ifPresent(s -> Validate.nonBlank("segment", s));
        Periods.requirePositive("reviewCadence", reviewCadence());
        if (milestones().isEmpty()) {
            throw Validate.invalid("milestones", "template '" + id() + "' has no milestones");
        }
        Set<MetricId> metricIds = new HashSet<>();
        for (int i = 0; i < metrics().size(); i++) {
            SuccessMetric m = metrics().get(i);
            if (!metricIds.add(m.id())) {
                throw Validate.invalid("metrics[" + i + "].id", "duplicate metric id '" + m.id() + "' in template '" + id() + "'");
            }
            if (!m.measurements().isEmpty()) {
                throw Validate.invalid("metrics[" + i + "].measurements", "metric '" + m.name() + "' of template '" + id()
                        + "' has " + m.measurements().size() + " measurements: measurements belong to an account's plan");
            }
        }
        for (int i = 0; i < responsibilities().size(); i++) {
            if (responsibilities().get(i).person().isPresent()) {
                throw Validate.invalid("responsibilities[" + i + "].person", "responsibility '" + responsibilities().get(i).role()
                        + "' of template '" + id() + "' names a person: a template names roles, people come from the account");
            }
        }
        Map<MilestoneId, MilestoneTemplate> byId = new HashMap<>();
        for (int i = 0; i < milestones().size(); i++) {
            MilestoneTemplate m = milestones().get(i);
            if (byId.put(m.id(), m) != null) {
                throw Validate.invalid("milestones[" + i + "].id", "duplicate milestone id '" + m.id() + "' in template '" + id() + "'");
            }
            if (m.completion() instanceof MetricThreshold t && !metricIds.contains(t.metric())) {
                throw Validate.invalid("milestones[" + i + "].completion.metric", "milestone '" + m.name() + "' is completed by metric '"
                        + t.metric() + "', which is not a metric of template '" + id() + "'");
            }
        }
        for (int i = 0; i < milestones().size(); i++) {
            MilestoneTemplate m = milestones().get(i);
            for (MilestoneId d : m.dependsOn()) {
                MilestoneTemplate before = byId.get(d);
                if (before == null) {
                    throw Validate.invalid("milestones[" + i + "].dependsOn", "milestone '" + m.name() + "' depends on '" + d
                            + "', which is not a milestone of template '" + id() + "'");
                }
                if (before.dueAfterDays() > m.dueAfterDays()) {
                    throw Validate.invalid("milestones[" + i + "].dependsOn", "milestone '" + m.name() + "' (day " + m.dueAfterDays()
                            + ") depends on '" + d + "', which is due later (day " + before.dueAfterDays() + ")");
                }
            }
        }
    }

    /**
     * The first of some templates that applies to a segment.
     *
     * @param templates the templates, most specific first
     * @param s the segment
     * @return the template, or empty if none applies
     */
    public static Optional<PlanTemplate> forSegment(List<PlanTemplate> templates, Segment s) {
        return templates.stream().filter(t -> t.appliesTo(s)).findFirst();
    }

    /**
     * Starts a plan template.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PlanTemplate}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutablePlanTemplate.Builder {
        Builder() {}
    }
}
