package org.cskit.cli.demo;

import static org.cskit.cli.report.Html.esc;
import static org.cskit.cli.report.Html.fmt;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.Play;
import org.cskit.cli.report.Html;
import org.cskit.cli.report.Svg;
import org.cskit.scoring.BandScheme;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.SegmentDistribution;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * The demo's HTML report, one self-contained file: where the data came from, the leadership dashboard, the band distribution
 * overall and per segment, the vectors over time of the accounts most at risk, the playbooks and the
 * queue of plays with owners, due dates and reasons, and what the data cannot tell. Charts are
 * inline SVG; all text from the data is escaped.
 */
final class DemoReport {
    /** The most plays the report lists, so that a big portfolio's report stays a size a browser opens at once. */
    static final int QUEUE_ROWS = 1000;
    static final Comparator<Band> BAND_ORDER = Comparator.comparingInt(Band::rank).thenComparing(Band::label);

    private DemoReport() {}

    /**
     * The report.
     *
     * @param state the row saying which play state the run read and wrote, or null for none
     */
    static String html(DemoRun run, int top, String state) {
        StringBuilder h = new StringBuilder();
        PlaybookRun playbooks = run.scored().playbooks();
        Dashboard dashboard = run.scored().dashboard();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cskit demo as of ").append(run.asOf())
                .append("</title>\n<style>").append(Html.STYLE).append(DashboardHtml.STYLE).append("td.reason{font-size:90%;color:#444;max-width:420px;text-align:left}"
                        + ".queue{max-height:640px;overflow:auto;border:1px solid #ddd}.URGENT{color:#b00;font-weight:bold}.HIGH{color:#b60}"
                        + "</style></head><body>\n");
        h.append("<h1>Customer success for a SaaS portfolio, as of ").append(run.asOf()).append("</h1>\n");
        header(h, run, run.scored().accounts(), playbooks, state);
        DashboardHtml.section(h, dashboard);
        bands(h, run, run.scored().accounts());
        overTime(h, run, top);
        DemoReviews.section(h, run);
        playbookTable(h, playbooks);
        knownOutcomes(h, run);
        queue(h, playbooks);
        dataNotes(h, run);
        h.append("<p><small>Written by the cskit command (<code>demo</code>). Self-contained: no scripts, no network.</small></p>\n")
                .append("</body></html>\n");
        return h.toString();
    }

    /**
     * Accounts per band in one line, such as {@code red 61 (12%), yellow 312 (62%), green 127 (25%)}.
     *
     * @param run the run
     * @return the line
     */
    static String bandLine(PortfolioCommand.Run run) {
        return bandLine(run.strategy(), run.scored().distribution(), run.scored().last().size());
    }

    /**
     * Accounts per band in one line, as {@link #bandLine(PortfolioCommand.Run)}.
     *
     * @param run the run
     * @return the line
     */
    static String bandLine(DemoRun run) {
        return bandLine(run.strategy(), run.scored().distribution(), run.scored().accounts());
    }

    private static String bandLine(Strategy strategy, VectorDistribution distribution, long accounts) {
        return overall(strategy, distribution.segments()).entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %d (%.0f%%)", e.getKey().label(), e.getValue(),
                100.0 * e.getValue() / accounts)).collect(Collectors.joining(", "));
    }

    /**
     * Accounts per band on the last day over all segments, riskiest band first, with the bands of the
     * scorecard that no account is in.
     *
     * @param strategy the strategy, whose band scheme lists the bands
     * @param segments the distribution's segments
     * @return the counts
     */
    static SortedMap<Band, Long> overall(Strategy strategy, List<SegmentDistribution> segments) {
        SortedMap<Band, Long> counts = new TreeMap<>(BAND_ORDER);
        scheme(strategy).ifPresent(s -> {
            for (int i = 0; i < s.ranges().size(); i++) {
                counts.put(s.band(i), 0L);
            }
        });
        for (SegmentDistribution s : segments) {
            s.bandCounts().forEach((band, n) -> counts.merge(band, n, Long::sum));
        }
        return counts;
    }

    /**
     * The bands of a strategy that has a scheme of them.
     *
     * @param strategy the strategy
     * @return its band scheme, if it is a scorecard
     */
    static Optional<BandScheme> scheme(Strategy strategy) {
        return strategy.strategy().config() instanceof Scorecard card ? Optional.of(card.bands()) : Optional.empty();
    }

    private static void header(StringBuilder h, DemoRun run, long accounts, PlaybookRun playbooks, String state) {
        PortfolioSource data = run.data();
        h.append("<table>\n");
        // The folder once, under the description, unless the description already names it.
        row(h, "data", esc(data.description()) + data.folder().filter(f -> !data.description().contains(f.toString()))
                .map(f -> "<br><code>" + esc(f.toString()) + "</code>").orElse(""));
        row(h, "contents", esc(data.contents(run.scored().days(), run.scored().signals())));
        row(h, "portfolio on " + run.asOf(), String.format(Locale.ROOT, "%,d accounts that %s", accounts, esc(data.membership())));
        List<String> days = run.scored().days().stream().map(Object::toString).toList();
        row(h, "scoring", esc(run.strategy().describe()) + " (" + esc(run.strategy().source()) + "), on " + days.size() + " monthly days: "
                + String.join(", ", days));
        long ran = playbooks.statuses().stream().filter(s -> s.outcome() != PlaybookRun.Outcome.NOT_RUN).count();
        row(h, "playbooks", "the " + playbooks.statuses().size() + " built-in playbooks, " + ran + " of them run on " + playbooks.day()
                + ": " + playbooks.plays() + " plays");
        if (state != null) {
            row(h, "play state", esc(state));
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String html) {
        h.append("<tr><th class=\"l\">").append(esc(name)).append("</th><td class=\"l\">").append(html).append("</td></tr>\n");
    }

    private static void bands(StringBuilder h, DemoRun run, long accounts) {
        VectorDistribution distribution = run.scored().distribution();
        SortedMap<Band, Long> overall = overall(run.strategy(), distribution.segments());
        List<Band> bands = new ArrayList<>(overall.keySet());
        List<String> labels = bands.stream().map(Band::label).toList();
        List<Svg.Bar> bars = new ArrayList<>();
        bars.add(new Svg.Bar("all accounts", counts(bands, overall)));
        for (SegmentDistribution s : distribution.segments()) {
            bars.add(new Svg.Bar(s.segment().name(), counts(bands, s.bandCounts())));
        }
        h.append("<h2>Band distribution</h2>\n<p>Every account's band on ").append(run.asOf())
                .append(", overall and per segment (").append(esc(run.data().segments())).append(").</p>\n");
        h.append(Svg.stackedBars("accounts per band, overall and per segment", labels, bars));
        h.append("<table id=\"bands\"><tr><th class=\"l\">segment</th><th>accounts</th>");
        labels.forEach(l -> h.append("<th>").append(esc(l)).append("</th>"));
        h.append("<th>mean score</th></tr>\n");
        for (SegmentDistribution s : distribution.segments()) {
            h.append("<tr><td class=\"l\">").append(esc(s.segment().name())).append(" <small>(")
                    .append(esc(s.segment().engagementModel().toString().toLowerCase(Locale.ROOT).replace('_', ' ')))
                    .append(")</small></td><td>").append(s.accounts()).append("</td>");
            for (Band b : bands) {
                h.append("<td>").append(s.bandCounts().getOrDefault(b, 0L)).append("</td>");
            }
            h.append("<td>").append(s.meanScore().setScale(1, RoundingMode.HALF_UP)).append("</td></tr>\n");
        }
        h.append("<tr><th class=\"l\">all</th><td data-total=\"").append(accounts).append("\">").append(accounts).append("</td>");
        for (Band b : bands) {
            h.append("<td data-band=\"").append(esc(b.label())).append("\">").append(overall.get(b)).append("</td>");
        }
        h.append("<td></td></tr>\n</table>\n");
    }

    private static long[] counts(List<Band> bands, Map<Band, Long> counts) {
        long[] out = new long[bands.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.getOrDefault(bands.get(i), 0L);
        }
        return out;
    }

    private static void overTime(StringBuilder h, DemoRun run, int top) {
        DemoPortfolio scored = run.scored();
        List<DemoPortfolio.Kept> risk = scored.mostAtRisk(top);
        List<String> days = scored.days().stream().map(Object::toString).toList();
        List<Svg.Line> lines = new ArrayList<>();
        for (DemoPortfolio.Kept k : risk) {
            ScoredPortfolio.Scored s = k.scored();
            lines.add(new Svg.Line(s.account().name() + " (" + s.account().segment().name() + ")", k.scores().clone()));
        }
        List<Svg.Stripe> stripes = new ArrayList<>();
        scheme(run.strategy()).ifPresent(b -> b.ranges().forEach(r -> stripes.add(new Svg.Stripe(r.label(), r.from(), r.to()))));
        h.append("<h2>Vectors over time: the ").append(risk.size()).append(" accounts most at risk</h2>\n<p>The accounts with the lowest "
                + "scores on ").append(run.asOf()).append(", scored on each monthly day from the signals up to it. Direction and speed "
                + "come from the scores over the scorecard's lookback.</p>\n");
        h.append(Svg.lines("scores over time of the accounts most at risk", days, lines, stripes));
        h.append("<table><tr><th class=\"l\">account</th><th class=\"l\">segment</th><th>ARR</th>");
        days.forEach(d -> h.append("<th>").append(d.substring(0, 7)).append("</th>"));
        h.append("<th class=\"l\">band</th><th class=\"l\">direction</th><th>points/week</th><th>coverage</th>"
                + "<th class=\"l\">what pulls it down</th></tr>\n");
        for (DemoPortfolio.Kept k : risk) {
            ScoredPortfolio.Scored s = k.scored();
            SuccessVector v = s.vector();
            h.append("<tr><td class=\"l\">").append(esc(s.account().name())).append("<br><small>").append(esc(s.account().id().value()))
                    .append("</small></td><td class=\"l\">").append(esc(s.account().segment().name())).append("</td><td>")
                    .append(String.format("%,.0f", s.account().arr().amount().doubleValue())).append("</td>");
            for (double score : k.scores()) {
                h.append("<td>").append(Double.isNaN(score) ? "-" : fmt(score, 1)).append("</td>");
            }
            h.append("<td class=\"l\">").append(esc(v.band().label())).append("</td><td class=\"l\">").append(v.direction())
                    .append("</td><td>").append(fmt(v.velocity(), 1)).append("</td><td>").append(fmt(100 * v.coverage(), 0))
                    .append("%</td><td class=\"reason\">").append(esc(pullsDown(v))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** The three inputs that cost the most points, with their values. */
    static String pullsDown(SuccessVector v) {
        List<Contribution> lost = v.contributions().stream().filter(c -> 100 * c.weight() - c.points() > 0.05)
                .sorted(Comparator.comparingDouble((Contribution c) -> c.points() - 100 * c.weight())).limit(3).toList();
        List<String> parts = new ArrayList<>();
        for (Contribution c : lost) {
            String value = c.value().isPresent() ? fmt(c.value().getAsDouble(), 1) : "missing (" + c.missing().map(Object::toString)
                    .orElse("") + ")";
            parts.add(c.input() + " = " + value + ": " + fmt(c.points() - 100 * c.weight(), 1) + " points");
        }
        return parts.isEmpty() ? "nothing: every input is at its best" : String.join("; ", parts);
    }

    private static void playbookTable(StringBuilder h, PlaybookRun playbooks) {
        h.append("<h2>Playbooks</h2>\n<p>The built-in playbooks, evaluated once for every account on ").append(playbooks.day())
                .append(" with its snapshot and vector, through the engine with an in-memory play history.</p>\n");
        h.append("<table id=\"playbooks\"><tr><th class=\"l\">playbook</th><th class=\"l\">what it does</th><th class=\"l\">outcome</th>"
                + "<th>plays</th><th class=\"l\">why</th></tr>\n");
        for (PlaybookRun.Status s : playbooks.statuses()) {
            h.append("<tr><td class=\"l\"><b>").append(esc(s.playbook().id())).append("</b></td><td class=\"reason\">")
                    .append(esc(s.playbook().description().isEmpty() ? s.playbook().name() : s.playbook().description()))
                    .append("</td><td class=\"l\">").append(s.outcome().toString().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td><td>").append(s.plays()).append("</td><td class=\"reason\">").append(esc(s.why())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void queue(StringBuilder h, PlaybookRun playbooks) {
        Map<AccountId, ScoredPortfolio.Customer> byId = playbooks.customers();
        long plays = playbooks.plays();
        h.append("<h2>The queue of plays</h2>\n<p>").append(plays).append(" plays, most urgent first, then by due date. "
                + "Each says why it fired: the trigger and every condition with the value it saw.")
                .append(plays > QUEUE_ROWS ? String.format(Locale.ROOT, " The first %,d are listed here; the <code>playbooks</code> command "
                        + "prints them all.", QUEUE_ROWS) : "").append("</p>\n<div class=\"queue\">"
                + "<table id=\"queue\"><tr><th>#</th><th class=\"l\">priority</th><th class=\"l\">due</th><th class=\"l\">account</th>"
                + "<th class=\"l\">playbook</th><th class=\"l\">owner</th><th class=\"l\">actions</th><th class=\"l\">reason</th></tr>\n");
        int n = 0;
        for (Play p : playbooks.queue().subList(0, (int) Math.min(plays, QUEUE_ROWS))) {
            ScoredPortfolio.Customer s = byId.get(p.accountId());
            h.append("<tr><td>").append(++n).append("</td><td class=\"l ").append(p.priority()).append("\">").append(p.priority())
                    .append("</td><td class=\"l\">").append(PlaybookRun.due(p)).append("</td><td class=\"l\">")
                    .append(esc(s == null ? p.accountId().value() : s.name())).append("<br><small>")
                    .append(esc(p.accountId().value())).append(s == null ? "" : ", " + esc(s.segment().name()))
                    .append("</small></td><td class=\"l\">").append(esc(p.playbookId())).append("</td><td class=\"l\">")
                    .append(esc(PlaybookRun.owners(p))).append("</td><td class=\"reason\">");
            for (Play.PlannedAction a : p.actions()) {
                h.append(esc(PlaybookRun.describe(a))).append("<br>");
            }
            h.append("</td><td class=\"reason\">").append(esc(PlaybookRun.reason(p))).append("</td></tr>\n");
        }
        h.append("</table></div>\n");
    }

    private static void knownOutcomes(StringBuilder h, DemoRun run) {
        Optional<KnownOutcomes> known = KnownOutcomes.of(run);
        if (known.isEmpty()) {
            return;
        }
        KnownOutcomes k = known.get();
        h.append("<h2>The bands against what the accounts did</h2>\n<p>The data records what each account decided at its renewal, "
                + "which the scorer never saw. Of the ").append(k.accounts()).append(" accounts in the portfolio on ").append(k.asOf())
                .append(" whose renewal falls after it (").append(k.firstRenewal()).append(" to ").append(k.lastRenewal())
                .append("), ").append(k.churned()).append(" churned at it: ").append(esc(k.line()))
                .append(". Accounts whose renewal fell on or before that day are left out.</p>\n");
        h.append("<table id=\"outcomes\"><tr><th class=\"l\">band on ").append(k.asOf())
                .append("</th><th>accounts renewing later</th><th>churned at the renewal</th><th>churn rate</th></tr>\n");
        for (KnownOutcomes.Row r : k.rows()) {
            h.append("<tr><td class=\"l\">").append(esc(r.band().label())).append("</td><td>").append(r.accounts())
                    .append("</td><td data-churned=\"").append(esc(r.band().label())).append("\">").append(r.churned()).append("</td><td>")
                    .append(fmt(100 * r.rate(), 0)).append("%</td></tr>\n");
        }
        h.append("<tr><th class=\"l\">all</th><td>").append(k.accounts()).append("</td><td>").append(k.churned()).append("</td><td>")
                .append(fmt(100.0 * k.churned() / k.accounts(), 0)).append("%</td></tr>\n</table>\n");
    }

    private static void dataNotes(StringBuilder h, DemoRun run) {
        h.append("<h2>What the data can and cannot tell</h2>\n<ul>\n");
        for (String note : run.data().notes()) {
            h.append("<li>").append(esc(note)).append("</li>\n");
        }
        h.append("</ul>\n");
    }
}
