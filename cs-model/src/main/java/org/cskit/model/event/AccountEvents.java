package org.cskit.model.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.Measurement;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.PersonId;
import org.cskit.model.PlanCompletion;
import org.cskit.model.PlanRevision;
import org.cskit.model.Stakeholder;
import org.cskit.model.SuccessPlan;
import org.cskit.model.ValidationException;

/** Derives domain events from two states of one account. Stateless and thread-safe. */
public final class AccountEvents {
    /**
     * The type names of every event, as written in JSON's {@code type} property; playbook triggers
     * name one of them.
     */
    public static final List<String> TYPES = List.of("MILESTONE_ACHIEVED", "MILESTONE_MISSED", "CHAMPION_CHANGED",
            "EXECUTIVE_SPONSOR_CHANGED", "PLAN_REVISED", "LIFECYCLE_STAGE_CHANGED", "CONTRACT_RENEWED", "DETRACTOR_RESPONDED");

    private AccountEvents() {}

    /**
     * An event's type name, as in JSON.
     *
     * @param event the event
     * @return its name, one of {@link #TYPES}
     */
    public static String typeOf(AccountEvent event) {
        if (event instanceof MilestoneAchieved) {
            return "MILESTONE_ACHIEVED";
        } else if (event instanceof MilestoneMissed) {
            return "MILESTONE_MISSED";
        } else if (event instanceof ChampionChanged) {
            return "CHAMPION_CHANGED";
        } else if (event instanceof ExecutiveSponsorChanged) {
            return "EXECUTIVE_SPONSOR_CHANGED";
        } else if (event instanceof PlanRevised) {
            return "PLAN_REVISED";
        } else if (event instanceof LifecycleStageChanged) {
            return "LIFECYCLE_STAGE_CHANGED";
        } else if (event instanceof DetractorResponded) {
            return "DETRACTOR_RESPONDED";
        }
        return "CONTRACT_RENEWED";
    }

    /**
     * The {@code MILESTONE_ACHIEVED} events of a completion by evidence, one per milestone newly
     * achieved, in the plan's order. Each carries the milestone (with its expansion opportunity and
     * evidence) and occurs at its evidence's time, or at the start of its day when a dependency
     * achieved later made it later; so the same completion always gives the same events.
     *
     * @param completion what {@link SuccessPlan#completeByEvidence} returned
     * @return the events
     */
    public static List<MilestoneAchieved> milestonesAchieved(PlanCompletion completion) {
        SuccessPlan plan = completion.plan();
        List<MilestoneAchieved> events = new ArrayList<>(completion.newlyAchieved().size());
        for (Milestone m : completion.newlyAchieved()) {
            LocalDate day = m.achievedOn().orElseThrow();
            Instant dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant at = m.evidence().map(Measurement::at).filter(x -> x.isAfter(dayStart)).orElse(dayStart);
            events.add(new MilestoneAchieved(plan.accountId(), plan.id(), m.id(), day, at, Optional.of(m)));
        }
        return List.copyOf(events);
    }

    /**
     * Lists what changed between two states of an account, in this order: lifecycle stage,
     * champion, executive sponsor, contract renewal, then for each plan (the primary first) its
     * revision and its milestones newly achieved or missed (in the plan's order); a plan is matched
     * with the earlier state's plan of the same id. A milestone counts as newly achieved or missed when its
     * status became {@code ACHIEVED} or {@code MISSED}, including a milestone added in that state.
     *
     * @param before the earlier state
     * @param after the later state
     * @param at when the change was observed; becomes each event's {@code occurredAt}, except a
     *     plan revision's, which is the revision's own time
     * @return the events, empty if nothing changed
     * @throws ValidationException if the two states are of different accounts
     */
    public static List<AccountEvent> changes(Account before, Account after, Instant at) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(at, "at");
        if (!before.id().equals(after.id())) {
            throw new ValidationException("after.id", "cannot compare account '" + before.id()
                    + "' with account '" + after.id() + "': they are different accounts");
        }
        List<AccountEvent> events = new ArrayList<>();
        if (before.lifecycleStage() != after.lifecycleStage()) {
            events.add(new LifecycleStageChanged(after.id(), before.lifecycleStage(), after.lifecycleStage(), at));
        }
        Optional<PersonId> championBefore = before.champion().map(Stakeholder::id);
        Optional<PersonId> championAfter = after.champion().map(Stakeholder::id);
        if (!championBefore.equals(championAfter)) {
            events.add(new ChampionChanged(after.id(), championBefore, championAfter, at));
        }
        Optional<PersonId> sponsorBefore = before.executiveSponsor().map(Stakeholder::id);
        Optional<PersonId> sponsorAfter = after.executiveSponsor().map(Stakeholder::id);
        if (!sponsorBefore.equals(sponsorAfter)) {
            events.add(new ExecutiveSponsorChanged(after.id(), sponsorBefore, sponsorAfter, at));
        }
        if (after.contract().renewalDate().isAfter(before.contract().renewalDate())) {
            events.add(new ContractRenewed(after.id(), before.contract().renewalDate(),
                    after.contract().renewalDate(), after.contract().arr(), at));
        }
        for (SuccessPlan plan : after.plans()) {
            planChanges(before.plans().stream().filter(p -> p.id().equals(plan.id())).findFirst(), plan, at, events);
        }
        return List.copyOf(events);
    }

    private static void planChanges(Optional<SuccessPlan> beforePlan, SuccessPlan plan, Instant at, List<AccountEvent> events) {
        Optional<SuccessPlan> previous = beforePlan.filter(p -> p.id().equals(plan.id()));
        if (previous.isPresent() && plan.version() > previous.get().version()) {
            List<PlanRevision> revisions = plan.revisions();
            String reason = revisions.isEmpty() ? "revised" : revisions.get(revisions.size() - 1).reason();
            Instant when = revisions.isEmpty() ? at : revisions.get(revisions.size() - 1).supersededAt();
            events.add(new PlanRevised(plan.accountId(), plan.id(), previous.get().version(), plan.version(), reason, when));
        }
        for (Milestone m : plan.milestones()) {
            MilestoneStatus was = previous.flatMap(p -> p.milestone(m.id())).map(Milestone::status).orElse(null);
            if (m.status() == was) {
                continue;
            }
            if (m.status() == MilestoneStatus.ACHIEVED) {
                events.add(new MilestoneAchieved(plan.accountId(), plan.id(), m.id(), m.achievedOn().orElseThrow(), at, Optional.of(m)));
            } else if (m.status() == MilestoneStatus.MISSED) {
                events.add(new MilestoneMissed(plan.accountId(), plan.id(), m.id(), m.dueDate(), at));
            }
        }
    }
}
