package org.cskit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Contribution;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.spi.ScoreSummary;

/**
 * The gate of {@link PortfolioScoringBenchmark}: cskit and {@link HandWrittenScorer} must give the
 * same score (within {@value #TOLERANCE}), band, direction, velocity (within {@value #TOLERANCE})
 * and coverage (within {@value #TOLERANCE}) for every account, with and without explanations, and
 * with explanations the same per-input points; otherwise the two do not do the same work and the
 * comparison is invalid.
 */
public final class ScoringGate {
    /** How far two doubles may differ. */
    public static final double TOLERANCE = 1e-9;

    private ScoringGate() {}

    /**
     * Compares the two implementations on the first accounts of a portfolio.
     *
     * @param d the portfolio
     * @param accounts how many accounts to compare, from the first
     * @param explain whether to compare {@code score} (with explanations) or {@code summarize}
     * @return a description of each mismatch (at most 20), empty if they agree
     */
    public static List<String> mismatches(PortfolioData d, int accounts, boolean explain) {
        WeightedScorecard cskit = WeightedScorecard.of(d.scorecard);
        HandWrittenScorer hand = new HandWrittenScorer(d.scorecard, PortfolioData.SCHEMA);
        HandWrittenScorer.Result r = new HandWrittenScorer.Result();
        double[] points = new double[hand.inputCount()];
        double[] weights = new double[hand.inputCount()];
        List<String> out = new ArrayList<>();
        for (int a = 0; a < Math.min(accounts, d.size) && out.size() < 20; a++) {
            AccountSnapshot s = d.snapshots[a];
            String problem;
            if (explain) {
                SuccessVector v = cskit.score(s);
                hand.explain(d, a, r, points, weights);
                problem = compare(hand, r, v.score(), v.band().label(), v.band().rank(), v.direction().name(),
                        v.velocity(), v.coverage());
                List<Contribution> c = v.contributions();
                if (problem == null && c.size() != points.length) {
                    problem = "cskit has " + c.size() + " contributions, hand-written " + points.length + " inputs";
                }
                for (int i = 0; problem == null && i < points.length; i++) {
                    if (!close(c.get(i).points(), points[i]) || !close(c.get(i).weight(), weights[i])) {
                        problem = "input " + c.get(i).input() + ": cskit " + c.get(i).points() + " points, weight "
                                + c.get(i).weight() + "; hand-written " + points[i] + ", " + weights[i];
                    }
                }
            } else {
                ScoreSummary v = cskit.summarize(s);
                hand.summarize(d, a, r);
                problem = compare(hand, r, v.score(), v.band().label(), v.band().rank(), v.direction().name(),
                        v.velocity(), v.coverage());
            }
            if (problem != null) {
                out.add(s.accountId().value() + (explain ? " (explained)" : "") + ": " + problem);
            }
        }
        return out;
    }

    private static String compare(HandWrittenScorer hand, HandWrittenScorer.Result r, double score, String band,
            int rank, String direction, double velocity, double coverage) {
        if (!close(score, r.score)) {
            return "score cskit " + score + ", hand-written " + r.score;
        }
        if (rank != r.band || !band.equals(hand.bandLabel(r.band))) {
            return "band cskit " + band + ", hand-written " + hand.bandLabel(r.band);
        }
        if (!direction.equals(r.direction.name())) {
            return "direction cskit " + direction + ", hand-written " + r.direction;
        }
        if (!close(velocity, r.velocity)) {
            return "velocity cskit " + velocity + ", hand-written " + r.velocity;
        }
        if (!close(coverage, r.coverage)) {
            return "coverage cskit " + coverage + ", hand-written " + r.coverage;
        }
        return null;
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= TOLERANCE;
    }
}
