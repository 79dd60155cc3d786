package org.cskit.samples;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import org.cskit.model.Account;
import org.cskit.model.Measurement;
import org.cskit.model.MetricId;
import org.cskit.model.MilestoneId;
import org.cskit.model.PlanCompletion;
import org.cskit.model.PlanId;
import org.cskit.model.PlanTemplate;
import org.cskit.model.SuccessPlan;
import org.cskit.model.SuccessReview;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.PlanTemplates;

/**
 * A success plan that moves: drafted from the sales handoff over the segment's template, completed
 * by evidence, and reviewed. The body of {@link #run} is the README's sample.
 */
public final class PlanLifecycle {
    private PlanLifecycle() {}

    /**
     * Runs the sample.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        InputStream json = PlanLifecycle.class.getResourceAsStream("acme-handoff.json");
        Account acme = CsJson.create().read(json, Account.class);
        PlanTemplate onboarding = PlanTemplate.forSegment(PlanTemplates.builtIns(), acme.segment()).orElseThrow();
        SuccessPlan plan = acme.handoff().orElseThrow().draftPlan(acme, onboarding, PlanId.of("acme-onboarding"))
                .recordAchieved(MilestoneId.of("setup"), LocalDate.of(2026, 1, 21))
                .withMeasurement(MetricId.of("weekly-active-users"), Measurement.of(Instant.parse("2026-02-09T09:00:00Z"), 12));
        LocalDate today = LocalDate.of(2026, 2, 10);
        PlanCompletion completion = plan.completeByEvidence(today);
        for (MilestoneAchieved e : AccountEvents.milestonesAchieved(completion)) {
            out.printf("achieved '%s' on %s by evidence: %.0f%n", e.milestone().orElseThrow().name(), e.achievedOn(), e.evidence().orElseThrow().value());
        }
        Account planned = Account.builder().from(acme).successPlan(completion.plan()).build();
        out.printf("time to first value: %d days%n", planned.daysToFirstValue(today).orElseThrow());
        SuccessReview.PlanSection review = SuccessReview.of(planned, today).plans().get(0);
        review.achievedSince().forEach(m -> out.printf("done: %s (%s)%n", m.name(), m.owner().orElse(m.ownerSide().toString())));
        out.printf("risks: %s; next review %s%n", review.risks().get(0).description(), review.nextReview());
    }
}
