package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.immutables.value.Value;

/**
 * The agreed, shared plan toward a customer's {@link DesiredOutcome}. It holds the six elements
 * of a success plan: its purpose, the metrics and how each is measured (the required outcome's
 * metric plus supporting {@link #metrics()}), their targets, a timeline of {@link Milestone}s,
 * {@link Responsibility responsibilities} on both sides, and the {@link NextPhase} that follows.
 * It also holds risks, success gaps, a review cadence, a status, and every earlier version.
 * Immutable and thread-safe.
 *
 * <p>Rules, checked when the plan is built:
 * <ul>
 *   <li>{@code purpose} is not blank; {@code reviewCadence} is positive; {@code version} is at least 1;</li>
 *   <li>the required outcome's deadline is not before {@code startDate};</li>
 *   <li>metric ids are unique across the plan; milestone ids are unique;</li>
 *   <li>no milestone is due before {@code startDate};</li>
 *   <li>dependencies name milestones of this plan and form no cycle;</li>
 *   <li>a {@link MetricThreshold} names a metric of this plan; a {@link SuccessGap} names a milestone of it;</li>
 *   <li>an {@link PlanStatus#ACTIVE ACTIVE} plan has responsibilities on both sides;</li>
 *   <li>kept revisions have this plan's id and increasing versions below this one, superseded in time order.</li>
 * </ul>
 *
 * <p>The plan carries the domain's arithmetic, each as of a day so that history can be replayed:
 * {@link #outcomeAttainment(LocalDate)}, {@link #progress(LocalDate)},
 * {@link #daysToFirstValue(LocalDate)}, {@link #nextMilestoneDue(LocalDate)} and
 * {@link #needsNextPhase(LocalDate, double)}.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableSuccessPlan.class)
@JsonDeserialize(builder = SuccessPlan.Builder.class)
public abstract class SuccessPlan {
    // Only the generated implementation extends this type.
    SuccessPlan() {}


    /**
     * Identifies the plan; it stays the same across revisions.
     *
     * @return the id
     */
    @JsonProperty("id")
    public abstract PlanId id();

    /**
     * The account the plan belongs to.
     *
     * @return the account's id
     */
    @JsonProperty("accountId")
    public abstract AccountId accountId();

    /**
     * The plan's version: 1 when first written, one more at each {@link #revise revision}.
     *
     * @return the version, at least 1
     */
    @Value.Default
    @JsonProperty("version")
    public int version() {
        return 1;
    }

    /**
     * What success is for this customer, in their words.
     *
     * @return the purpose
     */
    @JsonProperty("purpose")
    public abstract String purpose();

    /**
     * The product the plan is for, when an account has a plan per product.
     *
     * @return the product; not blank when given
     */
    @JsonProperty("product")
    public abstract Optional<String> product();

    /**
     * The customer's role or team the plan is for (such as {@code Finance} or {@code Admins}),
     * when an account has a plan per role.
     *
     * @return the role; not blank when given
     */
    @JsonProperty("forRole")
    public abstract Optional<String> forRole();

    /**
     * The outcome the plan works toward; its required outcome carries the plan's main metric,
     * target and deadline.
     *
     * @return the desired outcome
     */
    @JsonProperty("desiredOutcome")
    public abstract DesiredOutcome desiredOutcome();

    /**
     * Supporting metrics beside the required outcome's own (adoption, time saved...).
     *
     * @return the supporting metrics; may be empty
     */
    @JsonProperty("metrics")
    public abstract List<SuccessMetric> metrics();

    /**
     * The plan's timeline.
     *
     * @return the milestones, in the order the plan lists them
     */
    @JsonProperty("milestones")
    public abstract List<Milestone> milestones();

    /**
     * Who does what, on both sides.
     *
     * @return the responsibilities
     */
    @JsonProperty("responsibilities")
    public abstract List<Responsibility> responsibilities();

    /**
     * What comes after this plan is met, if defined.
     *
     * @return the next phase
     */
    @JsonProperty("nextPhase")
    public abstract Optional<NextPhase> nextPhase();

    /**
     * What may keep the customer from the outcome.
     *
     * @return the risks
     */
    @JsonProperty("risks")
    public abstract List<Risk> risks();

    /**
     * What the customer cannot do alone, and the vendor must bridge.
     *
     * @return the success gaps
     */
    @JsonProperty("gaps")
    public abstract List<SuccessGap> gaps();

    /**
     * How often the plan is reviewed together, such as {@code P1M} or {@code P3M}.
     *
     * @return the review cadence, positive
     */
    @JsonProperty("reviewCadence")
    public abstract Period reviewCadence();

    /**
     * The day of the last review held with the customer, if one was.
     *
     * @return the day; not before {@code startDate}
     */
    @JsonProperty("lastReviewOn")
    public abstract Optional<LocalDate> lastReviewOn();

    /**
     * The day the next review is due as seen on a day: the last review held by then (or, before
     * the first, the plan's start) plus the {@link #reviewCadence()}. A review recorded after the
     * day does not count, so that history can be replayed.
     *
     * @param asOf the day (UTC)
     * @return the day the next review is due; before {@code asOf} when it is overdue
     */
    public LocalDate nextReviewDue(LocalDate asOf) {
        return lastReviewOn().filter(d -> !d.isAfter(asOf)).orElse(startDate()).plus(reviewCadence());
    }

    /**
     * Where the plan stands; {@link PlanStatus#DRAFT} by default.
     *
     * @return the status
     */
    @Value.Default
    @JsonProperty("status")
    public PlanStatus status() {
        return PlanStatus.DRAFT;
    }

    /**
     * The first day of the plan (UTC).
     *
     * @return the start date
     */
    @JsonProperty("startDate")
    public abstract LocalDate startDate();

    /**
     * The earlier versions of this plan, oldest first. Empty for a first version, and for a kept
     * version itself.
     *
     * @return the revisions
     */
    @JsonProperty("revisions")
    public abstract List<PlanRevision> revisions();

    /**
     * Every metric of the plan: the required outcome's metric first, then the supporting ones.
     *
     * @return the metrics
     */
    public List<SuccessMetric> allMetrics() {
        List<SuccessMetric> all = new ArrayList<>(metrics().size() + 1);
        all.add(desiredOutcome().requiredOutcome().metric());
        all.addAll(metrics());
        return List.copyOf(all);
    }

    /**
     * Finds a metric of the plan by id.
     *
     * @param id the metric's id
     * @return the metric, or empty if the plan has none with that id
     */
    public Optional<SuccessMetric> metric(MetricId id) {
        return allMetrics().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * Finds a milestone of the plan by id.
     *
     * @param id the milestone's id
     * @return the milestone, or empty if the plan has none with that id
     */
    public Optional<Milestone> milestone(MilestoneId id) {
        return milestones().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * The required outcome's attainment as of a day: 0 at the baseline, 1 at the target, beyond 1
     * past it, below 0 when it regressed.
     *
     * @param asOf the day (UTC)
     * @return the attainment, or empty when nothing had been measured yet
     */
    public Optional<Attainment> outcomeAttainment(LocalDate asOf) {
        return desiredOutcome().requiredOutcome().attainmentAsOf(asOf);
    }

    /**
     * Milestone progress as of a day: how many are achieved, achieved on time and overdue.
     *
     * @param asOf the day (UTC)
     * @return the progress
     */
    public PlanProgress progress(LocalDate asOf) {
        int total = 0;
        int achieved = 0;
        int onTime = 0;
        int overdue = 0;
        for (Milestone m : milestones()) {
            if (m.status() == MilestoneStatus.CANCELLED) {
                continue;
            }
            total++;
            if (m.isAchievedAsOf(asOf)) {
                achieved++;
                if (m.isAchievedOnTime()) {
                    onTime++;
                }
            } else if (m.isOverdueAsOf(asOf)) {
                overdue++;
            }
        }
        return new PlanProgress(total, achieved, onTime, overdue);
    }

    /**
     * The day first value was reached: the earliest achievement of a
     * {@link MilestoneKind#FIRST_VALUE} milestone, as of a day.
     *
     * @param asOf the day (UTC)
     * @return the day first value was reached, or empty if it had not been by then
     */
    public Optional<LocalDate> firstValueOn(LocalDate asOf) {
        return milestones().stream()
                .filter(m -> m.kind() == MilestoneKind.FIRST_VALUE && m.isAchievedAsOf(asOf))
                .map(m -> m.achievedOn().orElseThrow())
                .min(Comparator.naturalOrder());
    }

    /**
     * Days from the plan's start to first value, as of a day. For the time from the contract's
     * start, see {@link Account#daysToFirstValue(LocalDate)}.
     *
     * @param asOf the day (UTC)
     * @return the days, or empty if first value had not been reached by then
     */
    public OptionalLong daysToFirstValue(LocalDate asOf) {
        return firstValueOn(asOf).map(d -> OptionalLong.of(ChronoUnit.DAYS.between(startDate(), d)))
                .orElse(OptionalLong.empty());
    }

    /**
     * The open milestone due first, as of a day; an overdue milestone counts, since it is the most
     * urgent. Ties go to the milestone listed first.
     *
     * @param asOf the day (UTC)
     * @return the milestone, or empty if none is open
     */
    public Optional<Milestone> nextMilestoneDue(LocalDate asOf) {
        return milestones().stream()
                .filter(m -> m.isOpenAsOf(asOf))
                .min(Comparator.comparing(Milestone::dueDate));
    }

    /**
     * Tells whether a milestone's completion criterion was met as of a day: for a
     * {@link MetricThreshold}, whether the latest measurement by then meets the threshold; for a
     * {@link SignOff}, whether the milestone was achieved by then.
     *
     * @param milestone the milestone's id
     * @param asOf the day (UTC)
     * @return true if met
     * @throws ValidationException if the plan has no such milestone
     */
    public boolean isCompletionMetAsOf(MilestoneId milestone, LocalDate asOf) {
        Milestone m = milestone(milestone).orElseThrow(() -> Validate.invalid("milestone",
                "milestone '" + milestone + "' is not a milestone of plan '" + id() + "'"));
        if (m.completion() instanceof MetricThreshold t) {
            SuccessMetric metric = metric(t.metric()).orElseThrow();
            return metric.latestAsOf(asOf).map(x -> metric.meets(x.value(), t.threshold())).orElse(false);
        }
        return m.isAchievedAsOf(asOf);
    }

    /**
     * Tells whether the required outcome's attainment had reached a share of its target as of a day.
     *
     * @param asOf the day (UTC)
     * @param nearTarget the attainment that counts as near, such as 0.8 for 80% of the way
     * @return true if measured and at least {@code nearTarget}
     * @throws ValidationException if {@code nearTarget} is not finite
     */
    public boolean isNearTarget(LocalDate asOf, double nearTarget) {
        Validate.finite("nearTarget", nearTarget);
        return outcomeAttainment(asOf).map(a -> a.ratio() >= nearTarget).orElse(false);
    }

    /**
     * Tells whether the plan is near its target with no next phase defined: the moment to agree
     * what comes next, before the plan runs out.
     *
     * @param asOf the day (UTC)
     * @param nearTarget the attainment that counts as near, such as 0.8
     * @return true if near the target and {@link #nextPhase()} is empty
     * @throws ValidationException if {@code nearTarget} is not finite
     */
    public boolean needsNextPhase(LocalDate asOf, double nearTarget) {
        return isNearTarget(asOf, nearTarget) && nextPhase().isEmpty();
    }

    /**
     * The evidence that completes a milestone as of a day: the first measurement of its
     * {@link MetricThreshold}'s metric that meets the threshold, taken on or after the plan's start
     * and by the end of that day. Measurements before the plan started are its history, not
     * evidence. A {@link SignOff} milestone has no evidence; people record it.
     *
     * @param milestone the milestone's id
     * @param asOf the day (UTC)
     * @return the measurement, or empty if none met the threshold by then
     * @throws ValidationException if the plan has no such milestone
     */
    public Optional<Measurement> evidenceFor(MilestoneId milestone, LocalDate asOf) {
        Milestone m = milestone(milestone).orElseThrow(() -> Validate.invalid("milestone",
                "milestone '" + milestone + "' is not a milestone of plan '" + id() + "'"));
        if (!(m.completion() instanceof MetricThreshold t)) {
            return Optional.empty();
        }
        SuccessMetric metric = metric(t.metric()).orElseThrow();
        for (Measurement x : metric.measurements()) {
            LocalDate day = LocalDate.ofInstant(x.at(), ZoneOffset.UTC);
            if (day.isAfter(asOf)) {
                break;
            }
            if (!day.isBefore(startDate()) && metric.meets(x.value(), t.threshold())) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    /**
     * Completes milestones by evidence as of a day: every milestone with a {@link MetricThreshold}
     * becomes {@link MilestoneStatus#ACHIEVED} once a measurement meets it
     * ({@link #evidenceFor}) and every milestone it depends on is achieved; it is achieved on the
     * later of the measurement's day and its dependencies' days, and keeps the measurement as its
     * {@link Milestone#evidence() evidence}. Sign-off milestones, cancelled ones and achievements
     * people recorded (without evidence) stay as they are.
     *
     * <p>A pure function of the plan and the day. Milestones achieved by evidence are worked out
     * again from the measurements each time, so the result does not depend on the order in which
     * measurements arrived or on earlier runs, and a milestone whose evidence falls after the day
     * (or was withdrawn) is open again, {@link MilestoneStatus#PLANNED}. More measurements never
     * un-achieve a milestone nor move its day later. The plan's version does not change: evidence
     * is not a revision.
     *
     * @param asOf the day (UTC); measurements after it do not count
     * @return the completed plan and the milestones that were not {@code ACHIEVED} in this plan
     *     and are in the result, in the plan's order; {@link
     *     org.cskit.model.event.AccountEvents#milestonesAchieved(PlanCompletion)} turns them into
     *     {@code MILESTONE_ACHIEVED} events
     */
    public PlanCompletion completeByEvidence(LocalDate asOf) {
        Map<MilestoneId, LocalDate> done = new HashMap<>();
        Map<MilestoneId, Measurement> evidence = new HashMap<>();
        List<Milestone> candidates = new ArrayList<>();
        for (Milestone m : milestones()) {
            boolean recorded = m.status() == MilestoneStatus.ACHIEVED && m.evidence().isEmpty();
            if (recorded && m.isAchievedAsOf(asOf)) {
                done.put(m.id(), m.achievedOn().orElseThrow());
            } else if (!recorded && m.status() != MilestoneStatus.CANCELLED && m.completion() instanceof MetricThreshold) {
                evidenceFor(m.id(), asOf).ifPresent(x -> {
                    evidence.put(m.id(), x);
                    candidates.add(m);
                });
            }
        }
        // Dependencies form no cycle, so each pass settles at least one milestone or none is left to settle.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Milestone m : candidates) {
                if (done.containsKey(m.id()) || !done.keySet().containsAll(m.dependsOn())) {
                    continue;
                }
                LocalDate day = LocalDate.ofInstant(evidence.get(m.id()).at(), ZoneOffset.UTC);
                for (MilestoneId d : m.dependsOn()) {
                    day = day.isBefore(done.get(d)) ? done.get(d) : day;
                }
                done.put(m.id(), day);
                changed = true;
            }
        }
        List<Milestone> result = new ArrayList<>(milestones().size());
        List<Milestone> newlyAchieved = new ArrayList<>();
        for (Milestone m : milestones()) {
            boolean byEvidence = m.evidence().isPresent() || candidates.contains(m);
            if (!byEvidence) {
                result.add(m);
                continue;
            }
            Milestone next;
            if (done.containsKey(m.id())) {
                next = Milestone.builder().from(m).status(MilestoneStatus.ACHIEVED).achievedOn(done.get(m.id()))
                        .evidence(evidence.get(m.id())).build();
                if (m.status() != MilestoneStatus.ACHIEVED) {
                    newlyAchieved.add(next);
                }
            } else {
                next = Milestone.builder().from(m).status(MilestoneStatus.PLANNED).achievedOn(Optional.empty())
                        .evidence(Optional.empty()).build();
            }
            result.add(next);
        }
        SuccessPlan plan = result.equals(milestones()) ? this : builder().from(this).milestones(result).build();
        return new PlanCompletion(plan, newlyAchieved);
    }

    /**
     * Records that people achieved a milestone on a day, as for a {@link SignOff}: the milestone
     * becomes {@link MilestoneStatus#ACHIEVED} on that day, with no evidence. The version does not
     * change.
     *
     * @param milestone the milestone's id
     * @param on the day it was achieved (UTC)
     * @return the plan with the milestone achieved
     * @throws ValidationException if the plan has no such milestone, or it is already achieved or cancelled
     */
    public SuccessPlan recordAchieved(MilestoneId milestone, LocalDate on) {
        Validate.present("on", on);
        Milestone m = milestone(milestone).orElseThrow(() -> Validate.invalid("milestone",
                "milestone '" + milestone + "' is not a milestone of plan '" + id() + "'"));
        if (m.status() == MilestoneStatus.ACHIEVED || m.status() == MilestoneStatus.CANCELLED) {
            throw Validate.invalid("milestone", "milestone '" + m.name() + "' is already " + m.status()
                    + m.achievedOn().map(d -> " on " + d).orElse("") + ": it cannot be achieved on " + on);
        }
        Milestone achieved = Milestone.builder().from(m).status(MilestoneStatus.ACHIEVED).achievedOn(on).build();
        List<Milestone> next = new ArrayList<>(milestones());
        next.replaceAll(x -> x.id().equals(milestone) ? achieved : x);
        return builder().from(this).milestones(next).build();
    }

    /**
     * Adds a measurement to one of the plan's metrics, in time order. The version does not change:
     * a measurement is not a revision.
     *
     * @param metric the metric's id
     * @param measurement the observation
     * @return the plan with the measurement
     * @throws ValidationException if the plan has no such metric, or the metric already has a
     *     measurement at that time
     */
    public SuccessPlan withMeasurement(MetricId metric, Measurement measurement) {
        Validate.present("measurement", measurement);
        SuccessMetric m = metric(metric).orElseThrow(() -> Validate.invalid("metric",
                "metric '" + metric + "' is not a metric of plan '" + id() + "'"));
        List<Measurement> series = new ArrayList<>(m.measurements());
        for (Measurement x : series) {
            if (x.at().equals(measurement.at())) {
                throw Validate.invalid("measurement.at", "metric '" + m.name() + "' already has a measurement at "
                        + x.at() + " (value " + Validate.format(x.value()) + ")");
            }
        }
        series.add(measurement);
        series.sort(Comparator.comparing(Measurement::at));
        SuccessMetric updated = SuccessMetric.builder().from(m).measurements(series).build();
        RequiredOutcome required = desiredOutcome().requiredOutcome();
        if (required.metric().id().equals(metric)) {
            RequiredOutcome r = RequiredOutcome.builder().from(required).metric(updated).build();
            return builder().from(this).desiredOutcome(DesiredOutcome.builder().from(desiredOutcome()).requiredOutcome(r).build()).build();
        }
        List<SuccessMetric> metrics = new ArrayList<>(metrics());
        metrics.replaceAll(x -> x.id().equals(metric) ? updated : x);
        return builder().from(this).metrics(metrics).build();
    }

    /**
     * Revises the plan: applies a change to a copy, raises the version by one, and keeps this
     * version (without its own history) among the revisions. The id, account, version and
     * revisions are set by this method, whatever the change sets.
     *
     * @param at when the revision takes effect
     * @param reason why the plan changes, in words
     * @param change the change, applied to a builder filled from this plan
     * @return the revised plan
     * @throws ValidationException if the reason is blank, {@code at} is before the last revision,
     *     or the revised plan breaks a rule
     */
    public SuccessPlan revise(Instant at, String reason, UnaryOperator<Builder> change) {
        SuccessPlan kept = builder().from(this).revisions(List.of()).build();
        List<PlanRevision> history = new ArrayList<>(revisions());
        history.add(PlanRevision.builder().plan(kept).supersededAt(at).reason(reason).build());
        Builder next = change.apply(builder().from(this));
        return next.id(id()).accountId(accountId()).version(version() + 1).revisions(history).build();
    }

    @Value.Check
    protected void check() {
        Validate.nonBlank("purpose", purpose());
        Periods.requirePositive("reviewCadence", reviewCadence());
        Validate.atLeast("version", version(), 1);
        LocalDate deadline = desiredOutcome().requiredOutcome().deadline();
        if (deadline.isBefore(startDate())) {
            throw Validate.invalid("desiredOutcome.requiredOutcome.deadline",
                    "required outcome deadline " + deadline + " is before plan start " + startDate());
        }
        product().ifPresent(p -> Validate.nonBlank("product", p));
        forRole().ifPresent(r -> Validate.nonBlank("forRole", r));
        if (lastReviewOn().isPresent() && lastReviewOn().get().isBefore(startDate())) {
            throw Validate.invalid("lastReviewOn", "last review on " + lastReviewOn().get() + " is before plan start " + startDate());
        }
        checkMetrics();
        checkMilestones();
        checkGaps();
        checkResponsibilities();
        checkRevisions();
    }

    private void checkMetrics() {
        MetricId main = desiredOutcome().requiredOutcome().metric().id();
        Set<MetricId> seen = new HashSet<>();
        seen.add(main);
        for (int i = 0; i < metrics().size(); i++) {
            MetricId id = metrics().get(i).id();
            if (!seen.add(id)) {
                throw Validate.invalid("metrics[" + i + "].id", "duplicate metric id '" + id + "' in plan '" + id() + "'"
                        + (id.equals(main) ? ": it is the required outcome's metric" : ""));
            }
        }
    }

    private void checkMilestones() {
        Map<MilestoneId, Milestone> byId = new HashMap<>();
        for (int i = 0; i < milestones().size(); i++) {
            Milestone m = milestones().get(i);
            String at = "milestones[" + i + "]";
            if (byId.put(m.id(), m) != null) {
                throw Validate.invalid(at + ".id", "duplicate milestone id '" + m.id() + "' in plan '" + id() + "'");
            }
            if (m.dueDate().isBefore(startDate())) {
                throw Validate.invalid(at + ".dueDate",
                        "milestone '" + m.name() + "' due " + m.dueDate() + " is before plan start " + startDate());
            }
            if (m.completion() instanceof MetricThreshold t && metric(t.metric()).isEmpty()) {
                throw Validate.invalid(at + ".completion.metric", "milestone '" + m.name() + "' is completed by metric '"
                        + t.metric() + "', which is not a metric of this plan");
            }
        }
        for (int i = 0; i < milestones().size(); i++) {
            Milestone m = milestones().get(i);
            for (MilestoneId dependency : m.dependsOn()) {
                if (!byId.containsKey(dependency)) {
                    throw Validate.invalid("milestones[" + i + "].dependsOn", "milestone '" + m.name() + "' depends on '"
                            + dependency + "', which is not a milestone of this plan");
                }
            }
        }
        List<MilestoneId> cycle = DependencyCycles.find(milestones());
        if (!cycle.isEmpty()) {
            int i = milestones().indexOf(byId.get(cycle.get(0)));
            throw Validate.invalid("milestones[" + i + "].dependsOn", "milestones depend on each other in a cycle: "
                    + String.join(" -> ", cycle.stream().map(id -> "'" + id + "'").toList()));
        }
    }

    private void checkGaps() {
        for (int i = 0; i < gaps().size(); i++) {
            MilestoneId target = gaps().get(i).milestone();
            if (milestone(target).isEmpty()) {
                throw Validate.invalid("gaps[" + i + "].milestone", "success gap '" + gaps().get(i).description()
                        + "' stands before milestone '" + target + "', which is not a milestone of this plan");
            }
        }
    }

    private void checkResponsibilities() {
        if (status() != PlanStatus.ACTIVE) {
            return;
        }
        for (Side side : Side.values()) {
            if (responsibilities().stream().noneMatch(r -> r.side() == side)) {
                throw Validate.invalid("responsibilities", "an ACTIVE plan needs responsibilities on both sides, but plan '"
                        + id() + "' has none on the " + side + " side");
            }
        }
    }

    private void checkRevisions() {
        int previousVersion = 0;
        Instant previousTime = Instant.MIN;
        for (int i = 0; i < revisions().size(); i++) {
            PlanRevision r = revisions().get(i);
            String at = "revisions[" + i + "]";
            if (!r.plan().accountId().equals(accountId())) {
                throw Validate.invalid(at + ".plan.accountId", at + " belongs to account '" + r.plan().accountId()
                        + "', not to account '" + accountId() + "'");
            }
            if (!r.plan().id().equals(id())) {
                throw Validate.invalid(at + ".plan.id", at + " is a version of plan '" + r.plan().id()
                        + "', not of plan '" + id() + "'");
            }
            int v = r.plan().version();
            if (v <= previousVersion || v >= version()) {
                throw Validate.invalid(at + ".plan.version", at + " has version " + v + ", but kept versions must increase and stay below the plan's version "
                        + version() + (previousVersion > 0 ? " (the one before is " + previousVersion + ")" : ""));
            }
            if (r.supersededAt().isBefore(previousTime)) {
                throw Validate.invalid(at + ".supersededAt", at + " was superseded at " + r.supersededAt()
                        + ", before the version kept before it (" + previousTime + ")");
            }
            previousVersion = v;
            previousTime = r.supersededAt();
        }
    }

    /**
     * Starts a success plan.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SuccessPlan}; {@link #build()} checks the rules above. Not thread-safe. */
    public static final class Builder extends ImmutableSuccessPlan.Builder {
        Builder() {}
    }
}
