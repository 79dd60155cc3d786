package org.cskit.model;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A success review (QBR, EBR) built from an account's plans as of a day, as data for the host to
 * render: per plan, the outcome and its attainment, each metric's series before and after the
 * plan's start against its baseline and target (Measure + Materialize), the milestones achieved
 * since the last review and those due before the next (with their owners on both sides), the open
 * risks and gaps, and the next phase; and, only once value is proven, an expansion section.
 * Immutable and thread-safe; {@link #of} is a pure function of the account and the day.
 *
 * @param accountId the account
 * @param accountName its name
 * @param asOf the day of the review
 * @param plans one section per plan, the primary first
 * @param expansion what value proven opens; empty until an outcome reached its target or a
 *     milestone was achieved by evidence
 */
public record SuccessReview(AccountId accountId, String accountName, LocalDate asOf, List<PlanSection> plans,
        List<ExpansionLine> expansion) {

    /**
     * Checks and copies the components.
     *
     * @throws ValidationException if a component is missing
     */
    public SuccessReview {
        Validate.present("accountId", accountId);
        Validate.nonBlank("accountName", accountName);
        Validate.present("asOf", asOf);
        plans = List.copyOf(Validate.present("plans", plans));
        expansion = List.copyOf(Validate.present("expansion", expansion));
    }

    /**
     * Builds the review of an account as of a day. Each plan is first completed by evidence as of
     * that day ({@link SuccessPlan#completeByEvidence}); measurements after the day are left out.
     * The period under review runs from the plan's last review (or its start) to the day; the next
     * review is the day plus the plan's cadence.
     *
     * <p>Value is proven for a plan when its required outcome is measured at or past its target,
     * or when one of its milestones was achieved by evidence; the expansion section then lists each
     * such milestone's expansion opportunity, or the outcome reached without one.
     *
     * @param account the account
     * @param asOf the day (UTC)
     * @return the review; without plans, one with no sections
     */
    public static SuccessReview of(Account account, LocalDate asOf) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(asOf, "asOf");
        List<PlanSection> sections = new ArrayList<>();
        List<ExpansionLine> expansion = new ArrayList<>();
        for (SuccessPlan original : account.plans()) {
            SuccessPlan plan = original.completeByEvidence(asOf).plan();
            LocalDate since = plan.lastReviewOn().filter(d -> !d.isAfter(asOf)).orElse(plan.startDate());
            LocalDate next = asOf.plus(plan.reviewCadence());
            Optional<Attainment> attainment = plan.outcomeAttainment(asOf);
            List<MetricSeries> metrics = plan.allMetrics().stream().map(m -> MetricSeries.of(m, plan.startDate(), asOf)).toList();
            List<MilestoneLine> achieved = new ArrayList<>();
            List<MilestoneLine> due = new ArrayList<>();
            for (Milestone m : plan.milestones()) {
                if (m.isAchievedAsOf(asOf) && m.achievedOn().get().isAfter(since)) {
                    achieved.add(MilestoneLine.of(m, account, asOf));
                } else if (m.isOpenAsOf(asOf) && !m.dueDate().isAfter(next)) {
                    due.add(MilestoneLine.of(m, account, asOf));
                }
                if (m.isAchievedAsOf(asOf) && m.evidence().isPresent()) {
                    expansion.add(new ExpansionLine(plan.id(), "milestone '" + m.name() + "' achieved on " + m.achievedOn().get()
                            + " by a measurement of " + Validate.format(m.evidence().get().value()), m.expansionOpportunity()));
                }
            }
            if (attainment.isPresent() && attainment.get().targetReached()) {
                expansion.add(new ExpansionLine(plan.id(), "outcome '" + plan.desiredOutcome().requiredOutcome().statement()
                        + "' reached its target (attainment " + Validate.format(attainment.get().ratio()) + ")", Optional.empty()));
            }
            List<SuccessGap> gaps = plan.gaps().stream().filter(g -> !g.closed()).toList();
            sections.add(new PlanSection(plan.id(), plan.product(), plan.forRole(), plan.purpose(),
                    plan.desiredOutcome().requiredOutcome().statement(), plan.desiredOutcome().requiredOutcome().deadline(),
                    attainment.map(Attainment::ratio), since, next, metrics, achieved, due, plan.risks(), gaps, plan.nextPhase()));
        }
        return new SuccessReview(account.id(), account.name(), asOf, sections, expansion);
    }

    /**
     * One plan's part of the review.
     *
     * @param planId the plan
     * @param product the product it is for, if any
     * @param forRole the role it is for, if any
     * @param purpose what success is
     * @param outcome the required outcome's statement
     * @param deadline the required outcome's deadline
     * @param attainment the outcome's attainment as of the day, if measured
     * @param since the last review (or the plan's start): the period under review starts after it
     * @param nextReview the day of the next review, by the plan's cadence
     * @param metrics every metric's series, the outcome's first
     * @param achievedSince milestones achieved after {@code since}, by the day
     * @param dueBeforeNext milestones open on the day and due by {@code nextReview}, overdue ones included
     * @param risks the plan's risks
     * @param openGaps the success gaps not yet closed
     * @param nextPhase what comes after the plan, if agreed
     */
    public record PlanSection(PlanId planId, Optional<String> product, Optional<String> forRole, String purpose, String outcome,
            LocalDate deadline, Optional<Double> attainment, LocalDate since, LocalDate nextReview, List<MetricSeries> metrics,
            List<MilestoneLine> achievedSince, List<MilestoneLine> dueBeforeNext, List<Risk> risks, List<SuccessGap> openGaps,
            Optional<NextPhase> nextPhase) {

        /**
         * Copies the lists.
         *
         * @throws NullPointerException if a component is missing
         */
        public PlanSection {
            metrics = List.copyOf(metrics);
            achievedSince = List.copyOf(achievedSince);
            dueBeforeNext = List.copyOf(dueBeforeNext);
            risks = List.copyOf(risks);
            openGaps = List.copyOf(openGaps);
        }
    }

    /**
     * A metric's series split at the plan's start (Measure + Materialize): the history before it,
     * the measurements since, and where the latest stands.
     *
     * @param metric the metric's id
     * @param name its name
     * @param unit its unit
     * @param direction which way is better
     * @param baseline the value the plan starts from
     * @param target the agreed target
     * @param before measurements taken before the plan's start
     * @param after measurements from the plan's start to the day
     * @param attainment the latest measurement's attainment by the day, if any
     */
    public record MetricSeries(MetricId metric, String name, String unit, MetricDirection direction, double baseline, double target,
            List<Measurement> before, List<Measurement> after, Optional<Double> attainment) {

        /**
         * Copies the lists.
         *
         * @throws NullPointerException if a component is missing
         */
        public MetricSeries {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        static MetricSeries of(SuccessMetric m, LocalDate start, LocalDate asOf) {
            List<Measurement> before = new ArrayList<>();
            List<Measurement> after = new ArrayList<>();
            for (Measurement x : m.measurements()) {
                LocalDate day = LocalDate.ofInstant(x.at(), ZoneOffset.UTC);
                if (day.isAfter(asOf)) {
                    break;
                }
                (day.isBefore(start) ? before : after).add(x);
            }
            return new MetricSeries(m.id(), m.name(), m.unit(), m.direction(), m.baseline(), m.target(), before, after,
                    m.attainmentAsOf(asOf).map(Attainment::ratio));
        }
    }

    /**
     * A milestone as the review shows it, with its owner's name.
     *
     * @param milestone the milestone's id
     * @param name its name
     * @param kind its kind
     * @param dueDate when it is due
     * @param achievedOn when it was achieved, if it was by the review's day (a later achievement
     *     people recorded is not shown: the review is as of its day)
     * @param ownerSide the side that owns it
     * @param owner the owner's name, if a person is named
     * @param evidence the measurement that achieved it, if evidence did
     */
    public record MilestoneLine(MilestoneId milestone, String name, MilestoneKind kind, LocalDate dueDate, Optional<LocalDate> achievedOn,
            Side ownerSide, Optional<String> owner, Optional<Measurement> evidence) {

        static MilestoneLine of(Milestone m, Account account, LocalDate asOf) {
            Optional<String> owner = m.owner().flatMap(p -> account.stakeholders().stream().filter(s -> s.id().equals(p))
                    .map(Stakeholder::name).findFirst()
                    .or(() -> account.accountTeam().stream().filter(t -> t.id().equals(p)).map(TeamMember::name).findFirst()));
            return new MilestoneLine(m.id(), m.name(), m.kind(), m.dueDate(), m.achievedOn().filter(d -> !d.isAfter(asOf)), m.ownerSide(),
                    owner, m.evidence());
        }
    }

    /**
     * Proven value and what it opens.
     *
     * @param planId the plan
     * @param proof what proves value, in words
     * @param opportunity the expansion a milestone opens, if it names one
     */
    public record ExpansionLine(PlanId planId, String proof, Optional<ExpansionOpportunity> opportunity) {}
}
