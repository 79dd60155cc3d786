package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads numbers back out of the demo's HTML report, for the tests. */
final class ReportHtml {
    private ReportHtml() {}

    /**
     * The band table's total of accounts scored.
     *
     * @param report the report
     * @return the total in the table's last row
     */
    static long accounts(String report) {
        Matcher total = Pattern.compile("<td data-total=\"(\\d+)\">").matcher(report);
        assertThat(total.find()).as("the band table's total").isTrue();
        return Long.parseLong(total.group(1));
    }

    /**
     * The sum of the band table's counts over all bands, each read from its own cell.
     *
     * @param report the report
     * @return the sum
     */
    static long sumOfBands(String report) {
        return Pattern.compile("<td data-band=\"[^\"]+\">(\\d+)</td>").matcher(report).results().mapToLong(r -> Long.parseLong(r.group(1)))
                .sum();
    }

    /**
     * One figure of the dashboard.
     *
     * @param report the report
     * @param id the figure's {@code data-kpi} id, such as {@code nrr}
     * @return its text
     */
    static String kpi(String report, String id) {
        Matcher m = Pattern.compile("<td class=\"v\" data-kpi=\"" + id + "\">([^<]*)</td>").matcher(report);
        assertThat(m.find()).as("the dashboard's %s", id).isTrue();
        return m.group(1);
    }
}
