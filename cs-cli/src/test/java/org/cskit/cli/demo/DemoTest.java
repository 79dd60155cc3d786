package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end, as the README's command runs it: no arguments, the shipped RavenStack data. */
class DemoTest {
    private static Run run;
    private static String report;

    @BeforeAll
    static void runTheDemo() throws IOException {
        run = Run.of();
        Matcher m = Pattern.compile("report: (.+)").matcher(run.lastLine());
        assertThat(m.matches()).as("last line: %s", run.lastLine()).isTrue();
        report = Files.readString(Path.of(m.group(1)), StandardCharsets.UTF_8);
    }

    @Test
    void report_dashboard_csatIsTheTicketsSatisfactionOverTheYear() throws IOException {
        // Tickets rated 4 or 5 of those rated, by the day they closed, 2024-01-01 to 2024-12-31: counted here from the CSV.
        List<String> rows = Files.readAllLines(org.cskit.cli.ravenstack.RavenStackScoring.shippedData()
                .resolve("ravenstack_support_tickets.csv"));
        int rated = 0;
        int satisfied = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            if (cells[7].isBlank() || !cells[3].startsWith("2024-")) {
                continue;
            }
            rated++;
            satisfied += Integer.parseInt(cells[7]) >= 4 ? 1 : 0;
        }

        assertThat(rated).isPositive();
        assertThat(ReportHtml.kpi(report, "csat")).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * satisfied / rated));
        assertThat(report).contains(rated + " answers: share satisfied (4-5 of 5)");
        // No success plans in the data: nothing to count, said as n/a rather than 0%.
        assertThat(ReportHtml.kpi(report, "reached-outcome")).isEqualTo("n/a");
        assertThat(ReportHtml.kpi(report, "nps")).isEqualTo("n/a");
        assertThat(report).contains("<h3>What moved this week</h3>");
    }

    @Test
    void noArguments_runsTheDemo_summaryEndsWithTheReportsAbsolutePath() {
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        List<String> lines = run.out().strip().lines().toList();
        assertThat(lines.get(0)).isEqualTo("cskit demo: RavenStack synthetic B2B SaaS data (by River @ Rivalytics), shipped with cskit, "
                + "as of 2024-12-31");
        assertThat(lines).hasSizeBetween(8, 12);
        Path path = Path.of(run.lastLine().substring("report: ".length()));
        assertThat(path).isAbsolute().hasFileName("report.html").exists();
        assertThat(path.getParent()).hasFileName("cskit-demo");
    }

    @Test
    void report_isSelfContainedHtmlWithInlineSvg() {
        assertThat(report.startsWith("<!DOCTYPE html>")).as("starts with the doctype").isTrue();
        assertThat(Pattern.compile("<svg xmlns=\"http://www.w3.org/2000/svg\"").matcher(report).results().count()).isEqualTo(2);
        String withoutNamespaces = report.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        for (String fetch : List.of("<script", "http:", "https:", " src=", " href=", "url(", "@import")) {
            assertThat(withoutNamespaces.contains(fetch)).as("the report contains %s", fetch).isFalse();
        }
    }

    @Test
    void report_bandDistributionSumsToTheAccountsScored() {
        long total = ReportHtml.accounts(report);

        assertThat(ReportHtml.sumOfBands(report)).isEqualTo(total);
        assertThat(run.out()).contains("scored " + total + " accounts with weighted-scorecard 'ravenstack-health' v1");
        assertThat(total).as("RavenStack: every account has an active subscription on its last day").isEqualTo(500);
    }

    @Test
    void report_playQueueIsNotEmptyAndEveryPlayHasAReason() {
        Matcher rows = Pattern.compile("<tr><td>(\\d+)</td><td class=\"l (LOW|NORMAL|HIGH|URGENT)\">.*?<td class=\"reason\">([^<]*)</td></tr>")
                .matcher(report);
        int n = 0;
        while (rows.find()) {
            n++;
            assertThat(rows.group(3)).as("reason of play %s", rows.group(1)).isNotBlank();
        }
        assertThat(n).isPositive();
        assertReportContains("<p>" + n + " plays, most urgent first");
        assertThat(run.out()).containsPattern("plays: " + n + " \\(");
    }

    @Test
    void report_saysWhichBuiltInPlaybooksCannotFireAndWhy() {
        assertReportContains("<td class=\"l\"><b>low-adoption</b></td>");
        assertReportContains("reads seat_utilisation, which the data does not provide");
        assertReportContains("starts on a CHAMPION_CHANGED event, and the data has no events");
        assertReportContains("its trigger reads plan.first_value_days_overdue, which is missing for every account");
        assertThat(run.out()).contains("cannot fire on this data (the report says why): low-adoption, champion-change, expansion-ready, "
                + "first-value-overdue, target-near-no-next-phase, milestone-review");
    }

    @Test
    void report_playQueueMostUrgentFirstThenByDueDate() {
        List<String> order = List.of("URGENT", "HIGH", "NORMAL", "LOW");
        Matcher rows = Pattern.compile("<td class=\"l (LOW|NORMAL|HIGH|URGENT)\">\\w+</td><td class=\"l\">(\\d{4}-\\d{2}-\\d{2})</td>")
                .matcher(report);
        String previous = null;
        int n = 0;
        while (rows.find()) {
            String key = order.indexOf(rows.group(1)) + " " + rows.group(2);
            if (previous != null) {
                assertThat(key).as("play %d after %s", n + 1, previous).isGreaterThanOrEqualTo(previous);
            }
            previous = key;
            n++;
        }
        assertThat(n).isGreaterThan(1);
        assertThat(Pattern.compile("<td class=\"l URGENT\">URGENT</td>.*renewal-at-risk").matcher(report).find())
                .as("an urgent renewal-at-risk play").isTrue();
    }

    @Test
    void ownData_asOfAnEarlierDay_reportNamesTheFolder(@TempDir Path tmp) throws IOException {
        Path data = TinyData.write(tmp.resolve("data"));
        Path out = tmp.resolve("my report.html");

        // on 2024-05-31, A-1 and A-2 are customers: A-3 signs up in June and A-4's subscription ended in May
        Run own = Run.of("demo", "--data", data.toString(), "--as-of", "2024-05-31", "--top", "2", "--out", out.toString());

        assertThat(own.err()).isEmpty();
        assertThat(own.out()).startsWith("cskit demo: RavenStack-format data in " + data + ", as of 2024-05-31\n")
                .contains("scored 2 accounts with weighted-scorecard 'ravenstack-health' v1 on 5 monthly days, 2024-01-31 to 2024-05-31");
        assertThat(own.lastLine()).isEqualTo("report: " + out.toAbsolutePath());
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html.contains("<h2>Vectors over time: the 2 accounts most at risk</h2>")).isTrue();
        assertThat(html.contains("RavenStack is synthetic")).as("no claim about RavenStack for one's own data").isFalse();
        String header = html.substring(html.indexOf("<table>"), html.indexOf("</table>"));
        // Issue 17, item 17: the data path was printed twice in the report header.
        assertThat(header.split(Pattern.quote(data.toString()), -1)).as("the data path in the header").hasSize(2);
        // The dashboard over [2024-01-01, 2024-05-31]: A-1 is the starting cohort (12,000, then 18,000 with its upgrade);
        // A-2 (9,600) and A-4 (signed up 2024-01-15, gone in May) are new logos, A-4 found by looking back from the last day.
        assertThat(ReportHtml.kpi(html, "nrr")).isEqualTo("150.0%");
        assertThat(ReportHtml.kpi(html, "grr")).isEqualTo("100.0%");
        assertThat(ReportHtml.kpi(html, "logo-churn")).isEqualTo("n/a");
        assertThat(html).contains("new logos 2 with 9,600 USD");
    }

    @Test
    void ownData_churnEvents_giveTheReasonOfTheLossInThePeriod(@TempDir Path tmp) throws IOException {
        Path data = TinyData.write(tmp.resolve("data"));
        // A-4 in the starting cohort: signed up and subscribed on 2024-01-01, its subscription ended on 2024-05-01
        TinyData.replace(data, "ravenstack_accounts.csv", "A-4,Delta,HealthTech,US,2024-01-15", "A-4,Delta,HealthTech,US,2024-01-01");
        TinyData.replace(data, "ravenstack_subscriptions.csv", "S-5,A-4,2024-01-15", "S-5,A-4,2024-01-01");
        Path out = tmp.resolve("report.html");
        Run unstated = Run.of("demo", "--data", data.toString(), "--out", out.toString());
        String without = Files.readString(out, StandardCharsets.UTF_8);
        // A-4's latest event in [2024-01-01, 2024-06-30] is budget; its 2023 event is outside the period;
        // A-1 neither churned nor contracted, so its event gives no loss a reason
        Files.writeString(data.resolve(RavenStackSource.CHURN_EVENTS), """
                churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text
                C-1,A-4,2023-06-01,pricing,0,FALSE,FALSE,FALSE,
                C-2,A-4,2024-04-20,budget,0,FALSE,FALSE,FALSE,too expensive
                C-3,A-1,2024-03-01,features,0,FALSE,FALSE,FALSE,
                """, StandardCharsets.UTF_8);
        Run stated = Run.of("demo", "--data", data.toString(), "--out", out.toString());
        String with = Files.readString(out, StandardCharsets.UTF_8);

        assertThat(unstated.err()).isEmpty();
        assertThat(stated.err()).isEmpty();
        assertThat(reasonsTable(without)).contains("<td class=\"l\">(unstated)</td><td>1</td>").doesNotContain("budget");
        assertThat(reasonsTable(with)).contains("<td class=\"l\">budget</td><td>1</td>")
                .doesNotContain("(unstated)").doesNotContain("pricing").doesNotContain("features");
    }

    @Test
    void ownData_churnEventWithABadReasonCode_isRejectedNamingTheLine(@TempDir Path tmp) throws IOException {
        Path data = TinyData.write(tmp.resolve("data"));
        Files.writeString(data.resolve(RavenStackSource.CHURN_EVENTS), """
                churn_event_id,account_id,churn_date,reason_code
                C-1,A-4,2024-04-20,Too Expensive
                """, StandardCharsets.UTF_8);

        Run bad = Run.of("demo", "--data", data.toString(), "--out", tmp.resolve("report.html").toString());

        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains(RavenStackSource.CHURN_EVENTS + ":2: ")
                .contains("reason_code must be a code of lower-case letters, digits, '-' and '_' starting with a letter or digit,"
                        + " such as 'budget', but was 'Too Expensive'");
    }

    @Test
    void report_lostRevenueByReason_readsTheShippedChurnEvents() {
        String table = reasonsTable(report);

        assertThat(table).containsAnyOf(">budget<", ">competitor<", ">features<", ">pricing<", ">support<", ">unknown<");
    }

    private static String reasonsTable(String html) {
        int at = html.indexOf("<table id=\"reasons\">");
        assertThat(at).as("the reasons table").isNotNegative();
        return html.substring(at, html.indexOf("</table>", at));
    }

    @Test
    void ownData_textFromTheDataIsEscaped(@TempDir Path tmp) throws IOException {
        Path data = TinyData.write(tmp.resolve("data"));
        TinyData.replace(data, "ravenstack_accounts.csv", "A-3,Gamma,", "A-3,\"<i>Gamma</i> & \"\"Co\"\"\",");
        Path out = tmp.resolve("report.html");

        Run own = Run.of("demo", "--data", data.toString(), "--out", out.toString());

        assertThat(own.err()).isEmpty();
        assertThat(own.code()).isZero();
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html.contains("&lt;i&gt;Gamma&lt;/i&gt; &amp; &quot;Co&quot;")).as("the name, escaped").isTrue();
        assertThat(html.contains("<i>Gamma")).as("the name as markup").isFalse();
    }

    private static void assertReportContains(String text) {
        assertThat(report.contains(text)).as("the report contains '%s'", text).isTrue();
    }

    @Test
    void successReviews_ravenStackHasNoPlans_saysThereIsNoneToBuild() {
        assertThat(report).contains("<h2>Success reviews</h2>")
                .contains("so there is no review to build: a review is built from the plan.");
    }
}
