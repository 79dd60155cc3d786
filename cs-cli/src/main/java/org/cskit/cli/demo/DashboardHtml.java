package org.cskit.cli.demo;

import static org.cskit.cli.report.Html.esc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.SurveyKind;
import org.cskit.scoring.ScoreChange;
import org.cskit.scoring.portfolio.BookOfBusiness;
import org.cskit.scoring.portfolio.ChurnReasons;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.ForecastAccuracy;
import org.cskit.scoring.portfolio.OutcomeShare;
import org.cskit.scoring.portfolio.RetentionReport;
import org.cskit.scoring.portfolio.SurveyScores;
import org.cskit.scoring.portfolio.TimeToFirstValue;
import org.cskit.scoring.portfolio.ValueGenerated;

/**
 * The demo report's dashboard section: the two columns (what the customers got, what the company
 * got), the figures per segment, the books of business, the reasons for lost revenue and the week's
 * band moves. Every figure comes from one {@link Dashboard}; a figure with nothing to count says so.
 */
final class DashboardHtml {
    /** How many books of business the table lists, largest ARR first; the unassigned book always shows. */
    static final int BOOKS_SHOWN = 10;
    static final String STYLE = "#moves td,#books td{white-space:nowrap}#moves td.reason{white-space:normal}.dash{display:flex;gap:24px;align-items:flex-start}.dash>div{flex:1}"
            + ".kpi td.v{font-size:140%;font-weight:bold;white-space:nowrap}.kpi td.b{font-size:85%;color:#555;text-align:left}"
            + ".dash h3{margin:.4em 0}.left h3{color:#1a5e9a}.right h3{color:#7a3e00}.down{color:#b00}.up{color:#070}";

    private DashboardHtml() {}

    static void section(StringBuilder h, Dashboard d) {
        h.append("<h2>Leadership dashboard</h2>\n<p>As of ").append(d.asOf()).append(", over ").append(d.spec().period())
                .append(" (the twelve months up to it, from the data's first day at the latest). On the left what the customers got, on "
                        + "the right what the company got. Definitions: the README's measures table.</p>\n");
        h.append("<div class=\"dash\" id=\"dashboard\"><div class=\"left\"><h3>Customer success</h3><table class=\"kpi\">\n");
        OutcomeShare o = d.outcome();
        boolean plans = o.withoutPlan() < o.accounts();
        kpi(h, "reached-outcome", "customers that reached their desired outcome", plans ? percent(o.share()) : "n/a",
                o.reached() + " of " + o.accounts() + " customers; " + o.withoutPlan() + " without a success plan, " + o.notMeasured()
                        + " not measured yet");
        ValueGenerated v = d.value();
        kpi(h, "reached-value", "customers that reached value", plans ? percent(v.shareReachedValue()) : "n/a",
                v.reachedValue() + " of " + v.accounts() + " customers improved their outcome metric past its baseline; " + v.withoutPlan()
                        + " without a plan, " + v.withoutRate() + " without a value rate");
        kpi(h, "mean-value", "average value generated", v.meanValue().map(DashboardHtml::money).orElse("n/a"),
                "over " + v.valued() + " valued customers; total " + money(v.totalValue()));
        TimeToFirstValue t = d.timeToValue();
        kpi(h, "time-to-value", "time to first value (median)", t.medianDays().map(m -> m.setScale(0, RoundingMode.HALF_UP) + " days")
                .orElse("n/a"), t.withFirstValue() + " customers reached first value" + (t.withFirstValue() > 0
                        ? ", p90 " + t.percentileDays(90).getAsLong() + " days" : "") + "; " + t.withoutFirstValue() + " not yet");
        SurveyScores s = d.surveys();
        kpi(h, "nps", "NPS", s.nps().map(x -> x.setScale(0, RoundingMode.HALF_UP).toPlainString()).orElse("n/a"),
                s.answers(SurveyKind.NPS) + " answers: promoters (9-10) minus detractors (0-6), in points");
        kpi(h, "csat", "CSAT", percent(s.csat()), s.answers(SurveyKind.CSAT) + " answers: share satisfied (4-5 of 5)");
        kpi(h, "ces", "CES", s.ces().map(x -> x.setScale(1, RoundingMode.HALF_UP).toPlainString()).orElse("n/a"),
                s.answers(SurveyKind.CES) + " answers: mean of 1-7, higher is easier");
        h.append("</table></div>\n<div class=\"right\"><h3>Company results</h3><table class=\"kpi\">\n");
        RetentionReport r = d.retention();
        kpi(h, "nrr", "net revenue retention", percent(r.netRevenueRetention()), "starting ARR " + money(r.startingArr()) + " of "
                + r.startingAccounts() + " accounts; expansion " + money(r.expansion()) + ", contraction " + money(r.contraction()));
        kpi(h, "grr", "gross revenue retention", percent(r.grossRevenueRetention()), "churned ARR " + money(r.churnedArr())
                + "; new logos " + r.newAccounts() + " with " + money(r.newArr()));
        kpi(h, "logo-churn", "logo churn", percent(r.logoChurn()), r.churnedAccounts() + " of " + r.accountsThatCouldChurn()
                + " accounts that could churn in the period");
        BookOfBusiness b = d.book();
        kpi(h, "per-csm", "accounts per CSM", b.accountsPerManager().map(x -> x.setScale(1, RoundingMode.HALF_UP).toPlainString())
                .orElse("n/a"), b.managers() + " CSMs; ARR per CSM " + b.arrPerManager().map(DashboardHtml::money).orElse("n/a")
                        + "; " + Optional.ofNullable(b.books().get(BookOfBusiness.UNASSIGNED)).map(BookOfBusiness.Book::accounts)
                        .orElse(0L) + " accounts without a CSM");
        ForecastAccuracy f = d.forecasts();
        long[] calls = f.calls();
        kpi(h, "forecast", "renewal forecast accuracy", percent(f.countAccuracy()), f.renewals() + " renewals closed: "
                + calls[0] + " churns called right, " + calls[1] + " called churns stayed, " + calls[2] + " missed churns; "
                + d.openForecasts() + " forecasts still open");
        kpi(h, "forecast-arr", "forecast ARR accuracy", percent(f.arrAccuracy()), "forecast " + money(f.forecastArr()) + " against "
                + money(f.actualArr()) + " after the renewals");
        h.append("</table></div></div>\n");
        segments(h, d);
        books(h, b);
        reasons(h, d.churnReasons());
        moves(h, d);
    }

    private static void kpi(StringBuilder h, String id, String name, String value, String basis) {
        h.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td class=\"v\" data-kpi=\"").append(id).append("\">")
                .append(esc(value)).append("</td><td class=\"b\">").append(esc(basis)).append("</td></tr>\n");
    }

    private static void segments(StringBuilder h, Dashboard d) {
        SortedSet<Segment> segments = new TreeSet<>(Comparator.comparing(Segment::name));
        segments.addAll(d.surveys().segments());
        segments.addAll(d.forecasts().segments());
        segments.addAll(d.churnReasons().bySegment().keySet());
        if (segments.isEmpty()) {
            return;
        }
        h.append("<h3>Per segment</h3>\n<table id=\"dash-segments\"><tr><th class=\"l\">segment</th><th>NPS</th><th>CSAT</th>"
                + "<th>renewals closed</th><th>forecast accuracy</th><th>ARR accuracy</th><th>lost ARR</th></tr>\n");
        for (Segment s : segments) {
            Money lost = d.churnReasons().bySegment().getOrDefault(s, java.util.Collections.emptySortedMap()).values().stream()
                    .map(ChurnReasons.Loss::lostArr).reduce(Money.zero(d.spec().rates().currency()), Money::plus);
            h.append("<tr><td class=\"l\">").append(esc(s.name())).append("</td><td>")
                    .append(d.surveys().nps(s).map(x -> x.setScale(0, RoundingMode.HALF_UP).toPlainString()).orElse("n/a"))
                    .append("</td><td>").append(percent(d.surveys().csat(s))).append("</td><td>")
                    .append(java.util.Arrays.stream(d.forecasts().calls(s)).sum()).append("</td><td>")
                    .append(percent(d.forecasts().countAccuracy(s))).append("</td><td>").append(percent(d.forecasts().arrAccuracy(s)))
                    .append("</td><td>").append(money(lost)).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void books(StringBuilder h, BookOfBusiness b) {
        List<Map.Entry<BookOfBusiness.Owner, BookOfBusiness.Book>> rows = new ArrayList<>(b.books().entrySet());
        rows.removeIf(e -> e.getKey().equals(BookOfBusiness.UNASSIGNED));
        rows.sort(Comparator.comparing((Map.Entry<BookOfBusiness.Owner, BookOfBusiness.Book> e) -> e.getValue().arr()).reversed());
        h.append("<h3>Books of business</h3>\n<p>").append(b.managers()).append(" CSMs")
                .append(rows.size() > BOOKS_SHOWN ? "; the " + BOOKS_SHOWN + " with the most ARR" : "")
                .append(". At risk: in the riskiest band on the day.</p>\n<table id=\"books\"><tr><th class=\"l\">CSM</th><th>accounts</th>"
                        + "<th>ARR</th><th>at risk</th><th>open plays</th></tr>\n");
        List<Map.Entry<BookOfBusiness.Owner, BookOfBusiness.Book>> shown = new ArrayList<>(rows.subList(0, Math.min(rows.size(), BOOKS_SHOWN)));
        Optional.ofNullable(b.books().get(BookOfBusiness.UNASSIGNED)).ifPresent(u -> shown.add(Map.entry(BookOfBusiness.UNASSIGNED, u)));
        for (Map.Entry<BookOfBusiness.Owner, BookOfBusiness.Book> e : shown) {
            BookOfBusiness.Book k = e.getValue();
            h.append("<tr><td class=\"l\">").append(esc(e.getKey().name())).append("</td><td>").append(k.accounts()).append("</td><td>")
                    .append(money(k.arr())).append("</td><td>").append(k.atRisk()).append("</td><td>").append(k.openPlays())
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void reasons(StringBuilder h, ChurnReasons c) {
        h.append("<h3>Lost revenue by reason</h3>\n");
        if (c.byReason().isEmpty()) {
            h.append("<p>No account of the starting cohort churned or contracted in the period.</p>\n");
            return;
        }
        h.append("<table id=\"reasons\"><tr><th class=\"l\">reason</th><th>churned accounts</th><th>churned ARR</th>"
                + "<th>contracted accounts</th><th>contraction</th></tr>\n");
        c.byReason().forEach((reason, l) -> h.append("<tr><td class=\"l\">").append(esc(reason)).append("</td><td>")
                .append(l.churnedAccounts()).append("</td><td>").append(money(l.churnedArr())).append("</td><td>")
                .append(l.contractedAccounts()).append("</td><td>").append(money(l.contraction())).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    private static void moves(StringBuilder h, Dashboard d) {
        h.append("<h3>What moved this week</h3>\n<p>").append(d.moves()).append(" accounts changed band between ")
                .append(d.asOf().minusDays(7)).append(" and ").append(d.asOf())
                .append(d.moves() > d.topMoves().size() ? "; the first " + d.topMoves().size() + ", falls first, then by ARR" : "")
                .append(". The week-before score comes from the same history as the day's.</p>\n");
        if (d.topMoves().isEmpty()) {
            return;
        }
        h.append("<table id=\"moves\"><tr><th class=\"l\">account</th><th class=\"l\">segment</th><th>ARR</th><th class=\"l\">band</th>"
                + "<th>score change</th><th class=\"l\">what moved it</th></tr>\n");
        for (Dashboard.BandMove m : d.topMoves()) {
            h.append("<tr><td class=\"l\">").append(esc(m.name())).append("<br><small>").append(esc(m.accountId().value()))
                    .append("</small></td><td class=\"l\">").append(esc(m.segment().name())).append("</td><td>").append(money(m.arr()))
                    .append("</td><td class=\"l ").append(m.worse() ? "down" : "up").append("\">").append(esc(m.from().label()))
                    .append(" &rarr; ").append(esc(m.to().label())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.1f", m.why().delta())).append("</td><td class=\"reason\">")
                    .append(esc(inputs(m.why()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String inputs(ScoreChange why) {
        List<String> parts = new ArrayList<>();
        for (ScoreChange.InputChange c : why.inputs().subList(0, Math.min(3, why.inputs().size()))) {
            parts.add(String.format(Locale.ROOT, "%s %+.1f", c.input(), c.delta()));
        }
        return (why.scorecardChanged() ? "scorecard changed; " : "") + (parts.isEmpty() ? "no input moved" : String.join(", ", parts));
    }

    /**
     * A fraction as a percentage with one decimal, or {@code n/a}.
     *
     * @param fraction the fraction
     * @return the text
     */
    static String percent(Optional<BigDecimal> fraction) {
        return fraction.map(x -> x.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%").orElse("n/a");
    }

    /**
     * An amount with thousands separators and no cents, with its currency.
     *
     * @param m the amount
     * @return the text
     */
    static String money(Money m) {
        return String.format(Locale.ROOT, "%,.0f %s", m.amount(), m.currency().getCurrencyCode());
    }
}
