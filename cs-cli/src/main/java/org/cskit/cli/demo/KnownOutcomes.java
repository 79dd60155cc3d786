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
    static Optional<KnownOutcomes> of(PortfolioCommand.Run run) {
        Map<Band, int[]> counts = new LinkedHashMap<>();
        DemoReport.overall(run).keySet().forEach(b -> counts.put(b, new int[2]));
        LocalDate first = null;
        LocalDate last = null;
        for (ScoredPortfolio.Scored s : run.scored().last()) {
            Optional<PortfolioSource.KnownOutcome> outcome = run.scored().outcome(s.account().id());
            if (outcome.isEmpty() || !outcome.get().renewal().isAfter(run.asOf())) {
                continue;
            }
            int[] c = counts.computeIfAbsent(s.vector().band(), b -> new int[2]);
            c[0]++;
            c[1] += outcome.get().churned() ? 1 : 0;
            LocalDate day = outcome.get().renewal();
            first = first == null || day.isBefore(first) ? day : first;
            last = last == null || day.isAfter(last) ? day : last;
        }
        if (first == null) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((band, c) -> {
            if (c[0] > 0) {
                rows.add(new Row(band, c[0], c[1]));
            }
        });
        return Optional.of(new KnownOutcomes(run.asOf(), List.copyOf(rows), first, last));
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
