package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.ManualOverride;
import org.cskit.model.PersonId;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * Random portfolios as columns (features missing or thin, previous vectors in any band, score
 * histories with gaps, inside and outside the lookback): the column loops of {@link WeightedScorecard}
 * and {@link SegmentedScoring}, and the default row loop of a plug-in, write for every row exactly
 * the bits of {@code summarize} and {@code score} on that row's snapshot, built here independently
 * from the same numbers.
 */
class ColumnScoringProperties {
    static final FeatureSchema SCHEMA = FeatureSchema.of("logins", "seats", "tickets", "nps", "logins_trend");
    static final List<String> BANDS = List.of("red", "yellow", "green");
    static final List<Segment> SEGMENTS = List.of(Segment.of("smb", EngagementModel.TECH_TOUCH),
            Segment.of("enterprise", EngagementModel.HIGH_TOUCH));
    static final Instant AS_OF = Instant.parse("2026-05-10T06:00:00Z");

    static Scorecard usage() {
        return Scorecard.builder().id(ScorecardId.of("usage")).version(3)
                .addGroups(ScorecardGroup.of("usage", 3,
                                ScoringFixtures.input("logins", 2, new Normalizer.Linear(0, 100)),
                                ScorecardInput.builder().name("seats").weight(1).normalizer(new Normalizer.Logistic(0.5, 6))
                                        .missing(MissingDataPolicy.NEUTRAL).build()),
                        ScorecardGroup.of("risk", 1,
                                ScorecardInput.builder().name("tickets").weight(1).minObservations(2)
                                        .normalizer(new Normalizer.Tiers(List.of(1.0, 5.0), List.of(0.0, 0.5, 1.0)))
                                        .direction(MetricDirection.LOWER_IS_BETTER).missing(MissingDataPolicy.WORST).build(),
                                ScorecardInput.builder().name("nps").weight(1).normalizer(new Normalizer.Linear(0, 10))
                                        .missing(MissingDataPolicy.FIXED).missingGoodness(0.3).build()))
                .bands(BandScheme.redYellowGreen())
                .direction(DirectionPolicy.builder().lookback(Duration.ofDays(28)).minPoints(3)
                        .putInputTrends("logins", "logins_trend").build())
                .build();
    }

    static Scorecard sentiment() {
        return Scorecard.builder().id(ScorecardId.of("sentiment"))
                .addGroups(ScorecardGroup.of("voice", 1, ScoringFixtures.input("nps", 1, new Normalizer.Linear(0, 10)),
                        ScorecardInput.builder().name("tickets").weight(1).normalizer(new Normalizer.Linear(0, 8))
                                .direction(MetricDirection.LOWER_IS_BETTER).build(),
                        // a pair table (the additive fitter's interactions): logins by seats, with a trend
                        ScorecardInput.builder().name("logins_by_seats").feature("logins").crossFeature("seats").weight(1)
                                .minObservations(1)
                                .normalizer(new Normalizer.Grid(List.of(20.0, 60.0), List.of(0.5),
                                        List.of(List.of(0.1, 0.3), List.of(0.4, 0.7), List.of(0.6, 1.0))))
                                .missing(MissingDataPolicy.FIXED).missingGoodness(0.25).build()))
                .bands(BandScheme.of(List.of("red", "green"), 55))
                .direction(DirectionPolicy.builder().putInputTrends("logins_by_seats", "logins_trend").build())
                .build();
    }

    /** One random portfolio, with each row's snapshot built from the same numbers. */
    static final class Portfolio {
        final int n;
        final double[][] values = new double[SCHEMA.size()][];
        final int[][] observations = new int[SCHEMA.size()][];
        final double[] previousScore;
        final byte[] previousBand, previousDirection, segment, stage;
        final Instant[] times;
        final double[][] history;
        final ManualOverride[] overrides;

        Portfolio(int n, long seed) {
            this.n = n;
            SplittableRandom r = new SplittableRandom(seed);
            for (int f = 0; f < SCHEMA.size(); f++) {
                values[f] = new double[n];
                observations[f] = new int[n];
                for (int i = 0; i < n; i++) {
                    boolean missing = r.nextInt(6) == 0;
                    values[f][i] = missing ? Double.NaN : f == 4 ? r.nextInt(-300, 300) / 10.0 : f == 1 ? r.nextDouble() : r.nextInt(0, 120);
                    observations[f][i] = missing ? 0 : r.nextInt(0, 5);
                }
            }
            previousScore = new double[n];
            previousBand = new byte[n];
            previousDirection = new byte[n];
            segment = new byte[n];
            stage = new byte[n];
            for (int i = 0; i < n; i++) {
                boolean scored = r.nextInt(4) != 0;
                previousScore[i] = scored ? r.nextInt(0, 10_001) / 100.0 : Double.NaN;
                previousBand[i] = (byte) (scored ? r.nextInt(3) : -1);
                previousDirection[i] = (byte) (scored ? r.nextInt(3) : -1);
                segment[i] = (byte) r.nextInt(2);
                stage[i] = (byte) r.nextInt(LifecycleStage.values().length);
            }
            int points = r.nextInt(0, 6);
            times = new Instant[points];
            history = new double[points][n];
            for (int p = 0; p < points; p++) {
                // Weekly, the oldest beyond the 28-day lookback when there are 5; some off by seconds.
                times[p] = AS_OF.minus(Duration.ofDays(7L * (points - p))).plusSeconds(r.nextInt(0, 3) == 0 ? 17 : 0);
                for (int i = 0; i < n; i++) {
                    history[p][i] = r.nextInt(5) == 0 ? Double.NaN : r.nextInt(0, 10_001) / 100.0;
                }
            }
            // After the history, so that a seed gives the portfolio it gave before overrides were drawn.
            overrides = new ManualOverride[n];
            for (int i = 0; i < n; i++) {
                if (r.nextInt(5) == 0) { // active, expired or not yet set
                    Instant set = AS_OF.minus(Duration.ofDays(r.nextInt(-3, 30)));
                    overrides[i] = ManualOverride.builder().score(r.nextInt(0, 10_001) / 100.0).by(PersonId.of("csm"))
                            .reason("talked to the sponsor").setAt(set).expiresAt(set.plus(Duration.ofDays(r.nextInt(1, 40)))).build();
                }
            }
        }

        AccountBatch batch() {
            FeatureColumns.Builder f = FeatureColumns.builder(SCHEMA, n);
            for (int k = 0; k < SCHEMA.size(); k++) {
                f.feature(SCHEMA.names().get(k), values[k]).observations(SCHEMA.names().get(k), observations[k]);
            }
            AccountBatch.Builder b = AccountBatch.builder(f.build()).asOf(AS_OF).accountIds(ColumnScoringProperties::id)
                    .segments(SEGMENTS, segment).stages(stage)
                    .previousVectors(VectorColumns.builder(n).bands(BANDS).scores(previousScore).bandCodes(previousBand)
                            .directionCodes(previousDirection).build());
            for (int i = 0; i < n; i++) {
                if (overrides[i] != null) {
                    b.override(i, overrides[i]);
                }
            }
            return b.build();
        }

        ScoreHistoryColumns historyColumns() {
            ScoreHistoryColumns.Builder b = ScoreHistoryColumns.builder(n);
            for (int p = 0; p < times.length; p++) {
                if (p % 2 == 1) { // every other point held as 2-byte codes, rounded on purpose
                    b.point(times[p], ScoreHistoryColumns.nearestCodes(history[p]));
                } else {
                    b.point(times[p], history[p]);
                }
            }
            return b.build();
        }

        AccountSnapshot snapshot(int i) {
            Features.Builder f = Features.builder(SCHEMA);
            for (int k = 0; k < SCHEMA.size(); k++) {
                if (!Double.isNaN(values[k][i])) {
                    f.setAt(k, values[k][i], observations[k][i]);
                }
            }
            List<ScorePoint> points = new ArrayList<>();
            for (int p = 0; p < times.length; p++) {
                if (!Double.isNaN(history[p][i])) { // the odd points as the columns hold them: rounded to a code
                    points.add(ScorePoint.of(times[p], p % 2 == 1 ? ScoreHistoryColumns.decode(ScoreHistoryColumns.nearestCode(history[p][i]))
                            : history[p][i]));
                }
            }
            AccountSnapshot.Builder s = AccountSnapshot.builder().accountId(id(i)).asOf(AS_OF).segment(SEGMENTS.get(segment[i]))
                    .lifecycleStage(LifecycleStage.values()[stage[i]]).features(f.build()).history(points);
            if (previousBand[i] >= 0) {
                s.previousVector(SuccessVector.builder().accountId(id(i)).asOf(AS_OF.minus(Duration.ofDays(1)))
                        .score(previousScore[i]).band(Band.of(BANDS.get(previousBand[i]), previousBand[i]))
                        .direction(Direction.values()[previousDirection[i]]).velocity(1).coverage(1)
                        .addContributions(Contribution.builder().input("x").group("x").points(previousScore[i]).weight(1).build())
                        .scorecardId(ScorecardId.of("yesterday")).scorecardVersion(1).build());
            }
            return s.override(java.util.Optional.ofNullable(overrides[i])).build();
        }
    }

    static AccountId id(int row) {
        return AccountId.of("a" + row);
    }

    /** A plug-in that only scores snapshots: it runs the default row loop. */
    static ScoringStrategy plugIn(ScoringStrategy inner) {
        return new ScoringStrategy() {
            @Override
            public String name() {
                return "plug-in";
            }

            @Override
            public Object config() {
                return Map.of();
            }

            @Override
            public SuccessVector score(AccountSnapshot snapshot) {
                return inner.score(snapshot);
            }
        };
    }

    @Property(tries = 150)
    void scoreAll_writesTheBitsOfSummarizeAndScore_forEveryRow(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2) int which) {
        ScoringStrategy strategy = which == 0 ? WeightedScorecard.of(usage())
                : which == 1 ? SegmentedScoring.of(ScorecardSelection.builder().defaultScorecard(usage())
                        .addAssignments(ScorecardSelection.Assignment.segment("enterprise", sentiment())).build())
                : plugIn(WeightedScorecard.of(usage()));
        Portfolio p = new Portfolio(n, seed);
        VectorColumns into = VectorColumns.allocate(n, BANDS);

        strategy.scoreAll(p.batch(), p.historyColumns(), into);

        for (int i = 0; i < n; i++) {
            AccountSnapshot snapshot = p.snapshot(i);
            ScoreSummary s = strategy.summarize(snapshot);
            SuccessVector v = strategy.score(snapshot);
            assertThat(bits(into.scores()[i])).as("score of row %d", i).isEqualTo(bits(s.score())).isEqualTo(bits(v.score()));
            assertThat(into.band(i)).as("band of row %d", i).isEqualTo(s.band().label()).isEqualTo(v.band().label());
            assertThat(into.direction(i)).as("direction of row %d", i).isEqualTo(s.direction()).isEqualTo(v.direction());
            assertThat(bits(into.velocities()[i])).as("velocity of row %d", i).isEqualTo(bits(s.velocity()))
                    .isEqualTo(bits(v.velocity()));
            assertThat(bits(into.coverages()[i])).as("coverage of row %d", i).isEqualTo(bits(s.coverage()))
                    .isEqualTo(bits(v.coverage()));
            assertThat(into.bandHeld(i)).as("band held in row %d", i).isEqualTo(s.bandHeld()).isEqualTo(v.bandHeld());
            assertThat(into.overridden(i)).as("overridden row %d", i).isEqualTo(v.override().isPresent());
            if (v.override().isPresent()) {
                double computed = v.contributions().stream().filter(c -> !c.input().equals(SuccessVector.OVERRIDE_INPUT))
                        .mapToDouble(Contribution::points).sum();
                assertThat(into.computedScores()[i]).as("computed score of row %d", i).isCloseTo(computed, within(1e-9));
            }
        }
    }

    @Property(tries = 50)
    void scoreAll_ofASlice_writesOnlyItsRows(@ForAll @IntRange(min = 2, max = 200) int n, @ForAll long seed) {
        Portfolio p = new Portfolio(n, seed);
        VectorColumns whole = VectorColumns.allocate(n, BANDS);
        VectorColumns sliced = VectorColumns.allocate(n, BANDS);
        WeightedScorecard strategy = WeightedScorecard.of(usage());
        AccountBatch batch = p.batch();
        strategy.scoreAll(batch, p.historyColumns(), whole);

        strategy.scoreAll(batch.slice(n / 2, n), p.historyColumns(), sliced);

        for (int i = 0; i < n; i++) {
            assertThat(bits(sliced.scores()[i])).as("row %d", i).isEqualTo(i < n / 2 ? bits(Double.NaN) : bits(whole.scores()[i]));
        }
    }

    /**
     * The column loop goes a block of rows at a time (with several scorecards, each one's rows gathered
     * into blocks of their own): over views that start anywhere and cross block boundaries, every row of
     * the view gets the bits that {@code summarize} gives for its snapshot, row by row, and no row
     * outside the view is written.
     */
    @Property(tries = 25)
    void scoreAll_ofAViewAcrossBlocks_writesTheBitsOfSummarize_rowByRow(@ForAll @IntRange(min = 1, max = 1_700) int n,
            @ForAll @IntRange(min = 0, max = 1_700) int from, @ForAll long seed, @ForAll boolean segmented) {
        int start = from % n;
        int end = start + (int) Math.floorMod(seed, (long) (n - start + 1));
        ScoringStrategy strategy = segmented ? SegmentedScoring.of(ScorecardSelection.builder().defaultScorecard(usage())
                .addAssignments(ScorecardSelection.Assignment.segment("enterprise", sentiment())).build()) : WeightedScorecard.of(usage());
        Portfolio p = new Portfolio(n, seed);
        VectorColumns into = VectorColumns.allocate(n, BANDS);

        strategy.scoreAll(p.batch().slice(start, end), p.historyColumns(), into);

        for (int i = 0; i < n; i++) {
            if (i < start || i >= end) {
                assertThat(bits(into.scores()[i])).as("score of row %d outside [%d, %d)", i, start, end).isEqualTo(bits(Double.NaN));
                assertThat(into.bandCodes()[i]).as("band of row %d outside [%d, %d)", i, start, end).isEqualTo((byte) -1);
                continue;
            }
            ScoreSummary s = strategy.summarize(p.snapshot(i));
            assertThat(bits(into.scores()[i])).as("score of row %d", i).isEqualTo(bits(s.score()));
            assertThat(into.band(i)).as("band of row %d", i).isEqualTo(s.band() == null ? null : s.band().label());
            assertThat(into.direction(i)).as("direction of row %d", i).isEqualTo(s.direction());
            assertThat(bits(into.velocities()[i])).as("velocity of row %d", i).isEqualTo(bits(s.velocity()));
            assertThat(bits(into.coverages()[i])).as("coverage of row %d", i).isEqualTo(bits(s.coverage()));
            assertThat(into.bandHeld(i)).as("band held in row %d", i).isEqualTo(s.bandHeld());
        }
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }
}
