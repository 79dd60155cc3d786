package org.cskit.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.MetricDirection;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.BandScheme;
import org.cskit.model.MissingDataPolicy;
import org.cskit.scoring.Normalizer;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.ScorecardGroup;
import org.cskit.scoring.ScorecardInput;

/**
 * A generated portfolio, the same accounts twice: as cskit {@link AccountSnapshot}s and as plain
 * primitive arrays for {@link HandWrittenScorer}. Made from a fixed seed, so every fork and the
 * gate test see the same accounts; made outside any timed region.
 *
 * <p>Each account has the 8 features of {@link #SCHEMA} (each missing for a few percent of
 * accounts, survey features more often, with observation counts that sometimes fall below the
 * scorecard's minimum), a history of up to {@value #HISTORY} weekly scores before the as-of time
 * (2% of accounts are new and have 0 to 2 points; for half the accounts scoring ran a few hours
 * earlier each week, so their oldest point falls just outside the 12-week lookback), and, for 90% of
 * accounts, the previous vector (its band drives hysteresis). The history runs backwards from the
 * account's current score along a random trend, so directions and band changes are a realistic mix.
 *
 * <p>No account has a manual override. Previous vectors carry a single contribution equal to their
 * score (a vector's contributions must add up to its score); those contributions are shared between
 * accounts with the same previous score, so the previous vectors cost about 80 bytes per account.
 */
public final class PortfolioData {
    /** The seed used by the benchmark and the gate test. */
    public static final long SEED = 0x5C0_2026_1123L;
    /** Score points of history per account (at most). */
    public static final int HISTORY = 12;
    /** The as-of time of every snapshot: the portfolio is scored as of one time. */
    public static final Instant AS_OF = Instant.parse("2026-11-23T00:00:00Z");
    /** The features, in schema order. */
    public static final FeatureSchema SCHEMA = FeatureSchema.of(
            "logins_14d", "seat_utilisation", "open_tickets", "p1_incidents_90d",
            "nps", "csat", "outcome_attainment", "days_since_exec_meeting");
    static final int FEATURES = 8;

    private static final long WEEK = 7L * 24 * 3600;

    /** The number of accounts. */
    public final int size;
    /** The scorecard both implementations score with. */
    public final Scorecard scorecard;
    /** The accounts as cskit snapshots. */
    public final AccountSnapshot[] snapshots;

    /** {@link #AS_OF} in epoch seconds. */
    public final long asOfSecond;
    /** Feature values, account-major ({@code values[a * 8 + f]}), NaN for a missing feature. */
    public final double[] values;
    /** Observation counts, laid out like {@link #values}; 0 for a missing feature. */
    public final int[] observations;
    /** History scores, account-major with stride {@value #HISTORY}, oldest first. */
    public final double[] historyScores;
    /** History times in epoch seconds, laid out like {@link #historyScores}. */
    public final long[] historySeconds;
    /** How many history points each account has (the rest of its stride is unused). */
    public final int[] historyLength;
    /** The rank of the previous vector's band in the scorecard's scheme, or -1 without a previous vector. */
    public final int[] previousBand;

    private PortfolioData(int size, Scorecard scorecard) {
        this.size = size;
        this.scorecard = scorecard;
        this.snapshots = new AccountSnapshot[size];
        this.asOfSecond = AS_OF.getEpochSecond();
        this.values = new double[size * FEATURES];
        this.observations = new int[size * FEATURES];
        this.historyScores = new double[size * HISTORY];
        this.historySeconds = new long[size * HISTORY];
        this.historyLength = new int[size];
        this.previousBand = new int[size];
    }

    /**
     * The benchmark's scorecard: 4 groups of 2 inputs, using all three normalisers, both directions
     * and all three missing-data policies, with the default bands (red below 40, yellow below 70,
     * green; hysteresis 2) and direction policy (12 weeks, 3 points, flat below 0.5 points a week).
     *
     * @return the scorecard
     */
    public static Scorecard scorecard() {
        return Scorecard.builder()
                .id(ScorecardId.of("portfolio-bench"))
                .version(3)
                .addGroups(
                        ScorecardGroup.of("usage", 35,
                                input("logins_14d", 2, new Normalizer.Linear(0, 150), MetricDirection.HIGHER_IS_BETTER,
                                        MissingDataPolicy.REDISTRIBUTE, 0),
                                input("seat_utilisation", 1, new Normalizer.Linear(0.1, 0.9), MetricDirection.HIGHER_IS_BETTER,
                                        MissingDataPolicy.NEUTRAL, 0)),
                        ScorecardGroup.of("support", 20,
                                input("open_tickets", 1, new Normalizer.Tiers(List.of(1.0, 3.0, 6.0), List.of(0.0, 0.3, 0.7, 1.0)),
                                        MetricDirection.LOWER_IS_BETTER, MissingDataPolicy.NEUTRAL, 0),
                                input("p1_incidents_90d", 1, new Normalizer.Logistic(1.5, 1.2), MetricDirection.LOWER_IS_BETTER,
                                        MissingDataPolicy.WORST, 0)),
                        ScorecardGroup.of("sentiment", 20,
                                input("nps", 3, new Normalizer.Logistic(10, 0.06), MetricDirection.HIGHER_IS_BETTER,
                                        MissingDataPolicy.REDISTRIBUTE, 3),
                                input("csat", 2, new Normalizer.Linear(1, 5), MetricDirection.HIGHER_IS_BETTER,
                                        MissingDataPolicy.REDISTRIBUTE, 2)),
                        ScorecardGroup.of("outcome", 25,
                                input("outcome_attainment", 3, new Normalizer.Linear(0, 1.1), MetricDirection.HIGHER_IS_BETTER,
                                        MissingDataPolicy.REDISTRIBUTE, 0),
                                input("days_since_exec_meeting", 1,
                                        new Normalizer.Tiers(List.of(30.0, 90.0, 180.0), List.of(0.0, 0.4, 0.8, 1.0)),
                                        MetricDirection.LOWER_IS_BETTER, MissingDataPolicy.WORST, 0)))
                .bands(BandScheme.redYellowGreen())
                .build();
    }

    private static ScorecardInput input(String name, double weight, Normalizer normalizer, MetricDirection direction,
            MissingDataPolicy missing, int minObservations) {
        return ScorecardInput.builder().name(name).weight(weight).normalizer(normalizer).direction(direction)
                .missing(missing).minObservations(minObservations).build();
    }

    /**
     * Generates a portfolio.
     *
     * @param size the number of accounts
     * @param seed the seed
     * @return the portfolio
     */
    public static PortfolioData generate(int size, long seed) {
        PortfolioData d = new PortfolioData(size, scorecard());
        SplittableRandom random = new SplittableRandom(seed);
        HandWrittenScorer scorer = new HandWrittenScorer(d.scorecard, SCHEMA);
        BandScheme bands = d.scorecard.bands();
        for (int a = 0; a < size; a++) {
            d.features(a, random);
            double current = scorer.computedScore(d, a); // the score this week; history leads up to it
            d.history(a, random, current);
            d.previousBand[a] = d.historyLength[a] > 0 && random.nextDouble() < 0.9
                    ? bands.bandOf(d.historyScores[a * HISTORY + d.historyLength[a] - 1]).rank()
                    : -1;
        }
        d.buildSnapshots();
        return d;
    }

    private void features(int a, SplittableRandom r) {
        double h = Math.sqrt(r.nextDouble()); // the account's latent health; most accounts are fine
        int o = a * FEATURES;
        set(o, 0, r, 0.03, Math.max(0, Math.round(160 * h + 25 * gauss(r))), 14);
        set(o, 1, r, 0.04, clamp(0.95 * h + 0.12 * gauss(r), 0, 1), 1);
        set(o, 2, r, 0.02, Math.max(0, Math.round(6 * (1 - h) + 1.5 * gauss(r))), 1);
        set(o, 3, r, 0.05, Math.max(0, Math.round(3 * (1 - h) + gauss(r))), 1);
        set(o, 4, r, 0.15, clamp(Math.round(-50 + 130 * h + 20 * gauss(r)), -100, 100), r.nextInt(13));
        set(o, 5, r, 0.12, clamp(1 + 4 * h + 0.5 * gauss(r), 1, 5), r.nextInt(21));
        set(o, 6, r, 0.06, Math.max(0, 1.2 * h + 0.15 * gauss(r)), 1 + r.nextInt(4));
        set(o, 7, r, 0.08, Math.max(0, Math.round(220 * (1 - h) + 40 * gauss(r))), 1);
    }

    private void set(int offset, int feature, SplittableRandom r, double missingRate, double value, int observationCount) {
        if (r.nextDouble() < missingRate) {
            values[offset + feature] = Double.NaN;
            observations[offset + feature] = 0;
        } else {
            values[offset + feature] = value;
            observations[offset + feature] = observationCount;
        }
    }

    private void history(int a, SplittableRandom r, double current) {
        int length = r.nextDouble() < 0.02 ? r.nextInt(3) : HISTORY;
        double u = r.nextDouble();
        double slope = u < 0.4 ? 0.6 * (r.nextDouble() - 0.5) // about flat
                : u < 0.7 ? 0.5 + 3.5 * r.nextDouble() // improving, points per week
                : -(0.5 + 3.5 * r.nextDouble()); // declining
        long late = r.nextBoolean() ? 0 : 3600L * (1 + r.nextInt(6)); // scoring ran 1 to 6 hours earlier
        int base = a * HISTORY;
        for (int j = 0; j < length; j++) {
            int weeksBack = length - j; // oldest first
            double score = clamp(current - slope * weeksBack + 1.5 * gauss(r), 0, 100);
            historyScores[base + j] = Math.round(score * 10) / 10.0;
            historySeconds[base + j] = asOfSecond - weeksBack * WEEK - late;
        }
        historyLength[a] = length;
    }

    private void buildSnapshots() {
        Segment[] segments = {
            Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("mid-market", EngagementModel.SCALED),
            Segment.of("smb", EngagementModel.TECH_TOUCH)
        };
        BandScheme bands = scorecard.bands();
        Band[] bandOfRank = new Band[bands.ranges().size()];
        for (int i = 0; i < bandOfRank.length; i++) {
            bandOfRank[i] = Band.of(bands.ranges().get(i).label(), i);
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Contribution>[] sharedContributions = new List[1001]; // by previous score in tenths
        Features.Builder features = Features.builder(SCHEMA);
        List<ScorePoint> history = new ArrayList<>(HISTORY);
        for (int a = 0; a < size; a++) {
            for (int f = 0; f < FEATURES; f++) {
                double v = values[a * FEATURES + f];
                if (Double.isNaN(v)) {
                    features.clear(SCHEMA.names().get(f));
                } else {
                    features.setAt(f, v, observations[a * FEATURES + f]);
                }
            }
            history.clear();
            int base = a * HISTORY;
            for (int j = 0; j < historyLength[a]; j++) {
                history.add(ScorePoint.of(Instant.ofEpochSecond(historySeconds[base + j]), historyScores[base + j]));
            }
            AccountId id = AccountId.of(String.format("acct-%07d", a));
            AccountSnapshot.Builder b = AccountSnapshot.builder()
                    .accountId(id)
                    .asOf(AS_OF)
                    .segment(segments[a % segments.length])
                    .lifecycleStage(historyLength[a] < HISTORY ? LifecycleStage.ONBOARDING : LifecycleStage.STEADY_STATE)
                    .features(features.build())
                    .history(history);
            if (previousBand[a] >= 0) {
                ScorePoint last = history.get(history.size() - 1);
                int tenths = (int) Math.round(last.score() * 10);
                List<Contribution> contributions = sharedContributions[tenths];
                if (contributions == null) {
                    contributions = List.of(Contribution.builder().input("all").group("all").points(last.score())
                            .weight(1.0).build());
                    sharedContributions[tenths] = contributions;
                }
                b.previousVector(SuccessVector.builder()
                        .accountId(id)
                        .asOf(last.at())
                        .score(last.score())
                        .band(bandOfRank[previousBand[a]])
                        .direction(Direction.FLAT)
                        .velocity(0.0)
                        .coverage(1.0)
                        .contributions(contributions)
                        .scorecardId(scorecard.id())
                        .scorecardVersion(scorecard.version())
                        .build());
            }
            snapshots[a] = b.build();
        }
    }

    private static double gauss(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
