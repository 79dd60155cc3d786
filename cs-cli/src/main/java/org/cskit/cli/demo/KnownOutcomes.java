package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cskit.model.Band;

/**
 * The bands on the as-of day beside what the accounts then did at their renewal, where the source
 * knows it (a generated portfolio): per band, the accounts whose renewal falls after the as-of day
 * and how many of them churned at it. Accounts that renewed before the day are left out: their
 * outcome was already known when they were scored.
 *
 * @param asOf the as-of day
 * @param rows one per band, riskiest first, for the bands that hold such an account
 * @param firstRenewal the earliest of their renewals
 * @param lastRenewal the latest of their renewals
 */
record KnownOutcomes(LocalDate asOf, List<Row> rows, LocalDate firstRenewal, LocalDate lastRenewal) {

    /**
     * One band.
     *
     * @param band the band on the as-of day
     * @param accounts its accounts whose renewal falls after the as-of day
     * @param churned how many of them churned at it
     */
    record Row(Band band, int accounts, int churned) {
        /** @return the share that churned, 0 to 1 */
        double rate() {
            return (double) churned / accounts;
        }
    }

    /**
     * Compares the last day's bands with the known outcomes.
     *
     * @param run the run
     * @return the comparison, or empty if the source knows no outcome after the as-of day
     */
    static Optional<KnownOutcomes> of(DemoRun run) {
        DemoPortfolio.Outcomes outcomes = run.scored().outcomes();
        if (outcomes.firstRenewal() == null) {
            return Optional.empty();
        }
        Map<Band, long[]> counts = new LinkedHashMap<>();
        DemoReport.overall(run.strategy(), run.scored().distribution().segments()).keySet().forEach(b -> counts.put(b, new long[2]));
        outcomes.counts().forEach((band, c) -> {
            long[] sum = counts.computeIfAbsent(band, b -> new long[2]);
            sum[0] += c[0];
            sum[1] += c[1];
        });
        List<Row> rows = new ArrayList<>();
        counts.forEach((band, c) -> {
            if (c[0] > 0) {
                rows.add(new Row(band, Math.toIntExact(c[0]), Math.toIntExact(c[1])));
            }
        });
        return Optional.of(new KnownOutcomes(run.asOf(), List.copyOf(rows), outcomes.firstRenewal(), outcomes.lastRenewal()));
    }

    /** @return the accounts whose renewal falls after the as-of day, over every band */
    int accounts() {
        return rows.stream().mapToInt(Row::accounts).sum();
    }

    /** @return how many of them churned at it */
    int churned() {
        return rows.stream().mapToInt(Row::churned).sum();
    }

    /**
     * The churn rate per band in one line, such as {@code red 41% (52 of 127), yellow 12% (40 of 330), green 3% (5 of 170)}.
     *
     * @return the line
     */
    String line() {
        return rows.stream().map(r -> String.format(Locale.ROOT, "%s %.0f%% (%d of %d)", r.band().label(), 100 * r.rate(), r.churned(),
                r.accounts())).collect(Collectors.joining(", "));
    }
}
