package org.cskit.cli.demo;

import static org.cskit.cli.report.Html.esc;
import static org.cskit.cli.report.Html.fmt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cskit.model.Account;
import org.cskit.model.Measurement;
import org.cskit.model.Risk;
import org.cskit.model.SuccessGap;
import org.cskit.model.SuccessReview;
import org.cskit.model.SuccessVector;
import org.cskit.cli.report.Html;

/**
 * The report's success reviews: one {@link SuccessReview} for the account most at risk and one for
 * the healthiest, among the accounts with a success plan, rendered as HTML with an inline SVG line
 * per metric (the measurements before the plan's start in grey, after it in blue, against the
 * baseline and the target).
 */
final class DemoReviews {
    private DemoReviews() {}

    /**
     * Appends the section.
     *
     * @param h the report
     * @param run the run
     */
    static void section(StringBuilder h, DemoRun run) {
        h.append("<h2>Success reviews</h2>\n");
        Optional<Picked> atRisk = firstWithPlan(run, run.scored().lowest());
        Optional<Picked> healthiest = firstWithPlan(run, run.scored().highest());
        if (atRisk.isEmpty()) {
            h.append("<p>No account of this portfolio has a success plan on ").append(run.asOf())
                    .append(", so there is no review to build: a review is built from the plan.</p>\n");
            return;
        }
        h.append("<p>Each review is built from the account's plans as of ").append(run.asOf()).append(" (<code>SuccessReview.of</code>): "
                + "the outcome and its attainment, each metric before and after the plan's start, the milestones done since the last "
                + "review and due before the next with their owners, risks, open gaps and the next phase; the expansion section "
                + "appears only once value is proven.</p>\n");
        review(h, "Most at risk", atRisk.get(), run);
        if (healthiest.isPresent() && !healthiest.get().account().id().equals(atRisk.get().account().id())) {
            review(h, "Healthiest", healthiest.get(), run);
        }
    }

    private record Picked(Account account, SuccessVector vector) {}

    /** The first account in the order given that has a plan; reads at most 200 accounts from the source. */
    private static Optional<Picked> firstWithPlan(DemoRun run, List<DemoPortfolio.Kept> order) {
        for (DemoPortfolio.Kept k : order.subList(0, Math.min(DemoPortfolio.CANDIDATES, order.size()))) {
            ScoredPortfolio.Scored s = k.scored();
            Optional<Account> account = run.data().account(s.account().id(), run.asOf());
            if (account.isPresent() && !account.get().plans().isEmpty()) {
                return Optional.of(new Picked(account.get(), s.vector()));
            }
        }
        return Optional.empty();
    }

    private static void review(StringBuilder h, String title, Picked picked, DemoRun run) {
        SuccessReview review = SuccessReview.of(picked.account(), run.asOf());
        h.append("<div class=\"review\" data-account=\"").append(esc(review.accountId().value())).append("\"><h3>").append(esc(title))
                .append(": ").append(esc(review.accountName())).append(" <small>(").append(esc(review.accountId().value())).append(", score ")
                .append(fmt(picked.vector().score(), 1)).append(' ').append(esc(picked.vector().band().label())).append(", ")
                .append(picked.vector().direction()).append(")</small></h3>\n");
        for (SuccessReview.PlanSection p : review.plans()) {
            h.append("<p><b>").append(esc(p.purpose())).append("</b>").append(p.product().map(x -> " &middot; product " + esc(x)).orElse(""))
                    .append("<br>Outcome: ").append(esc(p.outcome())).append(" by ").append(p.deadline()).append(": ")
                    .append(p.attainment().map(a -> fmt(100 * a, 0) + "% of the way from baseline to target").orElse("not measured yet"))
                    .append(". Period under review: after ").append(p.since()).append(" to ").append(review.asOf())
                    .append("; next review ").append(p.nextReview()).append(".</p>\n");
            h.append("<table><tr><th class=\"l\">metric</th><th>baseline</th><th>target</th><th>before the plan</th><th>since</th>"
                    + "<th>attainment</th><th class=\"l\">series</th></tr>\n");
            for (SuccessReview.MetricSeries m : p.metrics()) {
                h.append("<tr><td class=\"l\">").append(esc(m.name())).append(" <small>(").append(esc(m.unit())).append(")</small></td><td>")
                        .append(fmt(m.baseline(), 1)).append("</td><td>").append(fmt(m.target(), 1)).append("</td><td>").append(m.before().size())
                        .append("</td><td>").append(m.after().size()).append("</td><td>")
                        .append(m.attainment().map(a -> fmt(100 * a, 0) + "%").orElse("&ndash;")).append("</td><td class=\"l\">")
                        .append(spark(m)).append("</td></tr>\n");
            }
            h.append("</table>\n");
            milestones(h, "Achieved since the last review", p.achievedSince());
            milestones(h, "Due before the next review", p.dueBeforeNext());
            h.append("<p>Risks: ").append(p.risks().isEmpty() ? "none recorded" : String.join("; ", p.risks().stream()
                    .map(r -> esc(r.description()) + " (" + r.level() + owner(r) + ")").toList()))
                    .append(". Open gaps: ").append(p.openGaps().isEmpty() ? "none" : String.join("; ", p.openGaps().stream()
                    .map(SuccessGap::description).map(Html::esc).toList()))
                    .append(". Next phase: ").append(p.nextPhase().map(n -> esc(n.description())).orElse("not agreed yet")).append(".</p>\n");
        }
        if (review.expansion().isEmpty()) {
            h.append("<p><i>No expansion section: value is not proven yet (no outcome at its target, no milestone achieved by evidence).</i></p>\n");
        } else {
            h.append("<p><b>Expansion</b>, value proven:</p><ul>\n");
            for (SuccessReview.ExpansionLine e : review.expansion()) {
                h.append("<li>").append(esc(e.proof())).append(e.opportunity().map(o -> ": " + esc(o.description())).orElse("")).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</div>\n");
    }

    private static String owner(Risk r) {
        return r.ownerSide().map(s -> ", owned by the " + s.toString().toLowerCase(Locale.ROOT) + " side").orElse(", no owner");
    }

    private static void milestones(StringBuilder h, String title, List<SuccessReview.MilestoneLine> lines) {
        h.append("<p>").append(esc(title)).append(": ");
        if (lines.isEmpty()) {
            h.append("none.</p>\n");
            return;
        }
        h.append("</p><ul>\n");
        for (SuccessReview.MilestoneLine m : lines) {
            h.append("<li>").append(esc(m.name())).append(" <small>(").append(m.kind()).append(", due ").append(m.dueDate())
                    .append(m.achievedOn().map(d -> ", achieved " + d).orElse("")).append(", ")
                    .append(m.ownerSide().toString().toLowerCase(Locale.ROOT)).append(" side")
                    .append(m.owner().map(o -> ": " + esc(o)).orElse(", no one named"))
                    .append(m.evidence().map(x -> ", evidence " + fmt(x.value(), 1)).orElse("")).append(")</small></li>\n");
        }
        h.append("</ul>\n");
    }

    /** A 240 x 48 line of the series, with the baseline (dashed grey) and the target (dashed green). */
    static String spark(SuccessReview.MetricSeries m) {
        List<Measurement> all = new ArrayList<>(m.before());
        all.addAll(m.after());
        if (all.isEmpty()) {
            return "<small>no measurements yet</small>";
        }
        double lo = Math.min(m.baseline(), m.target());
        double hi = Math.max(m.baseline(), m.target());
        for (Measurement x : all) {
            lo = Math.min(lo, x.value());
            hi = Math.max(hi, x.value());
        }
        Instant first = all.get(0).at();
        long span = Math.max(1, all.get(all.size() - 1).at().getEpochSecond() - first.getEpochSecond());
        double range = hi - lo;
        StringBuilder s = new StringBuilder("<svg width=\"240\" height=\"48\" viewBox=\"0 0 240 48\" role=\"img\"><title>")
                .append(esc(m.name())).append("</title>");
        for (double[] line : new double[][] {{m.baseline(), 0}, {m.target(), 1}}) {
            double y = 44 - 40 * (line[0] - lo) / range;
            s.append("<line x1=\"0\" x2=\"240\" y1=\"").append(fmt(y, 1)).append("\" y2=\"").append(fmt(y, 1)).append("\" stroke=\"")
                    .append(line[1] == 0 ? "#999" : "#2a2").append("\" stroke-dasharray=\"3 3\"/>");
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < all.size(); i++) {
            Measurement x = all.get(i);
            double px = 4 + 232.0 * (x.at().getEpochSecond() - first.getEpochSecond()) / span;
            double py = 44 - 40 * (x.value() - lo) / range;
            points.append(fmt(px, 1)).append(',').append(fmt(py, 1)).append(' ');
            s.append("<circle cx=\"").append(fmt(px, 1)).append("\" cy=\"").append(fmt(py, 1)).append("\" r=\"2\" fill=\"")
                    .append(i < m.before().size() ? "#999" : "#36c").append("\"/>");
        }
        s.append("<polyline fill=\"none\" stroke=\"#36c\" stroke-width=\"1.5\" points=\"").append(points.toString().trim()).append("\"/></svg>");
        return s.toString();
    }
}
