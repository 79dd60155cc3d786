package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cskit.model.Band;
import org.cskit.scoring.portfolio.Dashboard;
import org.cskit.scoring.portfolio.VectorDistribution;

/**
 * What the demo's report and summary show of a portfolio, as the nightly run over it made it
 * ({@link DemoNight}): counts, the band distribution, the dashboard and the known outcomes over every
 * account, and only what the report lists per account: the accounts with the lowest and the highest
 * scores ({@value #CANDIDATES} of each, at least {@code --top}), explained, and the queue's first
 * {@value DemoReport#QUEUE_ROWS} plays. Immutable.
 */
final class DemoPortfolio {
    /** How many of the lowest and of the highest scores are kept: the reviews look for a plan among the first 200 of each. */
    static final int CANDIDATES = 200;
    /** Orders accounts as the report does: lowest score first, then by id. */
    static final Comparator<ScoredPortfolio.Scored> BY_SCORE = Comparator.comparingDouble((ScoredPortfolio.Scored s) -> s.vector().score())
            .thenComparing(s -> s.account().id());

    /**
     * An account kept for the report, with its score on each day.
     *
     * @param scored its snapshot and vector on the last day
     * @param scores its score on each day, NaN where it was not in the portfolio
     */
    record Kept(ScoredPortfolio.Scored scored, double[] scores) {}

    /**
     * How the accounts whose renewal falls after the as-of day did at it, per band on the as-of day.
     *
     * @param counts per band: accounts, churned
     * @param firstRenewal the earliest of their renewals, or null if there is none
     * @param lastRenewal the latest, or null
     */
    record Outcomes(Map<Band, long[]> counts, LocalDate firstRenewal, LocalDate lastRenewal) {}

    private final List<LocalDate> days;
    private final long signals;
    private final long accounts;
    private final VectorDistribution distribution;
    private final List<Kept> lowest;
    private final List<Kept> highest;
    private final Outcomes outcomes;
    private final Dashboard dashboard;
    private final PlaybookRun playbooks;

    /**
     * What the report shows, as the nightly run made it ({@link DemoNight}).
     *
     * @param days the days scored, oldest first
     * @param signals how many signals the snapshots of the last day rest on
     * @param accounts the accounts in the portfolio on the last day
     * @param distribution the band distribution on the last day
     * @param lowest the accounts with the lowest scores, lowest first, then by id
     * @param highest the accounts with the highest scores, highest first
     * @param outcomes the known outcomes after the as-of day
     * @param dashboard the dashboard
     * @param playbooks the playbooks' run on the last day
     */
    DemoPortfolio(List<LocalDate> days, long signals, long accounts, VectorDistribution distribution, List<Kept> lowest, List<Kept> highest,
            Outcomes outcomes, Dashboard dashboard, PlaybookRun playbooks) {
        this.days = List.copyOf(days);
        this.signals = signals;
        this.accounts = accounts;
        this.distribution = distribution;
        this.lowest = List.copyOf(lowest);
        this.highest = List.copyOf(highest);
        this.outcomes = outcomes;
        this.dashboard = dashboard;
        this.playbooks = playbooks;
    }

    /** @return the days scored, oldest first */
    List<LocalDate> days() {
        return days;
    }

    /** @return how many signals the snapshots of the last day rest on, over all its accounts */
    long signals() {
        return signals;
    }

    /** @return the accounts in the portfolio on the last day */
    long accounts() {
        return accounts;
    }

    /** @return how the accounts spread over bands on the last day, per segment */
    VectorDistribution distribution() {
        return distribution;
    }

    /**
     * The accounts most at risk on the last day: lowest score first, then by id.
     *
     * @param n how many, at most the {@code top} the portfolio was made for
     * @return at most {@code n} accounts
     */
    List<Kept> mostAtRisk(int n) {
        return lowest.subList(0, Math.min(n, lowest.size()));
    }

    /** @return the accounts with the lowest scores, lowest first, then by id ({@value #CANDIDATES} at least) */
    List<Kept> lowest() {
        return lowest;
    }

    /** @return the accounts with the highest scores, highest first, then by id from the last ({@value #CANDIDATES} at most) */
    List<Kept> highest() {
        return highest;
    }

    /** @return the known outcomes after the as-of day, per band on it */
    Outcomes outcomes() {
        return outcomes;
    }

    /** @return the dashboard */
    Dashboard dashboard() {
        return dashboard;
    }

    /** @return the playbooks' run on the last day */
    PlaybookRun playbooks() {
        return playbooks;
    }
}
