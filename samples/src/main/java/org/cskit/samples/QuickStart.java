package org.cskit.samples;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.LocalDate;
import org.cskit.model.Account;
import org.cskit.model.SuccessPlan;
import org.cskit.model.json.CsJson;

/**
 * The quick start: reads an account with its success plan from JSON and prints where the customer
 * stands on the way to their desired outcome. The body of {@link #run} is the README's sample.
 */
public final class QuickStart {
    private QuickStart() {}

    /**
     * Runs the quick start.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        InputStream json = QuickStart.class.getResourceAsStream("acme-account.json");
        Account acme = CsJson.create().read(json, Account.class);
        SuccessPlan plan = acme.successPlan().orElseThrow();
        LocalDate today = LocalDate.of(2026, 5, 10);

        plan.outcomeAttainment(today).ifPresent(a -> out.printf("%s: %s is %.0f%% of the way from baseline to target%n",
                acme.name(), plan.desiredOutcome().requiredOutcome().statement(), 100 * a.ratio()));
        var progress = plan.progress(today);
        out.printf("milestones: %d of %d achieved, %d on time, %d overdue%n",
                progress.achieved(), progress.total(), progress.achievedOnTime(), progress.overdue());
        plan.nextMilestoneDue(today).ifPresent(m -> out.printf("next: '%s' due %s%n", m.name(), m.dueDate()));
        acme.daysToFirstValue(today).ifPresent(d -> out.printf("time to first value: %d days%n", d));
        out.printf("plan version %d, next phase agreed: %s%n", plan.version(), plan.nextPhase().isPresent());
    }
}
