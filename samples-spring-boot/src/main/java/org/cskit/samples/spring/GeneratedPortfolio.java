package org.cskit.samples.spring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.spi.ScoringStrategy;
import org.cskit.spring.boot.NightlyPortfolio;

/**
 * A seeded portfolio for the sample: each account's seat utilisation, tickets, days since start and
 * to renewal, the same every night. For the nightly run it scores the accounts with a configured
 * strategy over the columns and hands the engine the features with the vectors.
 */
final class GeneratedPortfolio implements NightlyPortfolio {
    static final FeatureSchema SCHEMA = FeatureSchema.of(BuiltInPlaybooks.features());
    private static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("smb", EngagementModel.TECH_TOUCH));

    private final int size;
    private final double[] seats;
    private final double[] tickets;
    private final double[] sinceStart;
    private final double[] toRenewal;
    private final byte[] segments;
    private final ScoringStrategy strategy;

    GeneratedPortfolio(int size, long seed, ScoringStrategy strategy) {
        this.size = size;
        this.strategy = strategy;
        SplittableRandom r = new SplittableRandom(seed);
        seats = new double[size];
        tickets = new double[size];
        sinceStart = new double[size];
        toRenewal = new double[size];
        segments = new byte[size];
        for (int i = 0; i < size; i++) {
            seats[i] = Math.round(r.nextDouble() * 100) / 100.0;
            tickets[i] = r.nextInt(0, 20);
            sinceStart[i] = r.nextInt(0, 720);
            toRenewal[i] = r.nextInt(1, 365);
            segments[i] = (byte) r.nextInt(SEGMENTS.size());
        }
    }

    static AccountId id(int row) {
        return AccountId.of(String.format("acct-%05d", row));
    }

    int size() {
        return size;
    }

    @Override
    public AccountBatch portfolio(Instant asOf) {
        FeatureColumns features = FeatureColumns.builder(SCHEMA, size).feature(BuiltInPlaybooks.SEAT_UTILISATION, seats)
                .feature(BuiltInPlaybooks.TICKETS, tickets).feature(StandardFeatures.DAYS_SINCE_START, sinceStart)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, toRenewal).build();
        AccountBatch unscored = batch(features, asOf).build();
        List<String> bands = new ArrayList<>();
        ((Scorecard) strategy.config()).bands().ranges().forEach(range -> bands.add(range.label()));
        VectorColumns vectors = VectorColumns.allocate(size, bands);
        strategy.scoreAll(unscored, ScoreHistoryColumns.empty(size), vectors);
        return batch(features, asOf).vectors(vectors).build();
    }

    private AccountBatch.Builder batch(FeatureColumns features, Instant asOf) {
        return AccountBatch.builder(features).asOf(asOf).accountIds(GeneratedPortfolio::id).segments(SEGMENTS, segments)
                .stage(LifecycleStage.ADOPTION);
    }

    /** One account's snapshot, for an event about it. */
    AccountSnapshot snapshot(int row, Instant asOf) {
        return AccountSnapshot.builder().accountId(id(row)).asOf(asOf).segment(SEGMENTS.get(segments[row]))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(Features.builder(SCHEMA).set(BuiltInPlaybooks.SEAT_UTILISATION, seats[row], 1)
                        .set(BuiltInPlaybooks.TICKETS, tickets[row], 1).set(StandardFeatures.DAYS_SINCE_START, sinceStart[row], 1)
                        .set(StandardFeatures.DAYS_TO_RENEWAL, toRenewal[row], 1).build())
                .build();
    }
}
