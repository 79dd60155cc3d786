package org.cskit.samples.spring;

import java.time.Duration;
import java.time.Instant;
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
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.run.NightlyReport;
import org.cskit.run.SignalSource;
import org.cskit.run.VectorSink;
import org.cskit.spring.boot.NightlyInput;
import org.cskit.spring.boot.NightlyPortfolio;

/**
 * A seeded portfolio for the sample, as a host's own database would hand it over: per account its
 * contract (days since start, days to renewal) as facts, and as signals the seats in use and bought
 * (one reading a week) and each support ticket opened (one observation per ticket). The night
 * derives seat utilisation and tickets from the signals ({@code cskit/features.json}); each
 * night's vectors, handed back a slice at a time, are kept as the next night's previous vectors once
 * the night is done.
 */
final class GeneratedPortfolio implements NightlyPortfolio {
    /** The facts: what the built-in playbooks read, but the three features derived from the signals. */
    static final FeatureSchema FACTS = FeatureSchema.of(BuiltInPlaybooks.features().stream()
            .filter(f -> !List.of(BuiltInPlaybooks.SEAT_UTILISATION, BuiltInPlaybooks.TICKETS, BuiltInPlaybooks.TICKETS_CHANGE_PCT).contains(f))
            .toList());
    private static final FeatureSchema EVENT_SCHEMA = FeatureSchema.of(BuiltInPlaybooks.features());
    private static final List<Segment> SEGMENTS = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
            Segment.of("smb", EngagementModel.TECH_TOUCH));
    private static final int WEEKS = 4;

    private final int size;
    private final double[] seatsBought;
    private final double[] seatsUsed;
    private final int[] tickets; // opened in the last 14 days
    private final int[] ticketsBefore; // in the 14 days before
    private final double[] sinceStart;
    private final double[] toRenewal;
    private final byte[] segments;
    private volatile VectorColumns yesterday;
    private VectorColumns tonight; // filled a slice at a time; yesterday's once the night is done

    GeneratedPortfolio(int size, long seed) {
        this.size = size;
        SplittableRandom r = new SplittableRandom(seed);
        seatsBought = new double[size];
        seatsUsed = new double[size];
        tickets = new int[size];
        ticketsBefore = new int[size];
        sinceStart = new double[size];
        toRenewal = new double[size];
        segments = new byte[size];
        for (int i = 0; i < size; i++) {
            seatsBought[i] = 10 * r.nextInt(1, 21);
            seatsUsed[i] = Math.round(seatsBought[i] * r.nextDouble());
            tickets[i] = r.nextInt(0, 20);
            ticketsBefore[i] = r.nextInt(0, 20);
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
    public synchronized NightlyInput tonight(Instant asOf) {
        tonight = null; // what a failed night handed over
        FeatureColumns facts = FeatureColumns.builder(FACTS, size).feature(StandardFeatures.DAYS_SINCE_START, sinceStart)
                .feature(StandardFeatures.DAYS_TO_RENEWAL, toRenewal).build();
        AccountBatch.Builder accounts = AccountBatch.builder(facts).asOf(asOf).accountIds(GeneratedPortfolio::id)
                .segments(SEGMENTS, segments).stage(LifecycleStage.ADOPTION);
        VectorColumns previous = yesterday;
        if (previous != null) {
            accounts.previousVectors(previous);
        }
        return NightlyInput.of(accounts.build(), SignalSource.of(signals(asOf)));
    }

    @Override
    public synchronized void scored(int from, int rows, VectorColumns vectors) throws Exception {
        if (tonight == null) {
            tonight = VectorColumns.allocate(size, vectors.bandLabels());
        }
        VectorSink.into(tonight).accept(from, rows, vectors);
    }

    @Override
    public synchronized void finished(NightlyInput input, NightlyReport report) {
        yesterday = tonight;
        tonight = null;
    }

    /** The signals as of a time: weekly seat readings for four weeks, and each ticket of the last 28 days. */
    private SignalColumns signals(Instant asOf) {
        int readings = size * WEEKS;
        int[] seatRows = new int[readings];
        long[] seatTimes = new long[readings];
        double[] bought = new double[readings];
        double[] used = new double[readings];
        int k = 0;
        for (int i = 0; i < size; i++) {
            for (int w = WEEKS - 1; w >= 0; w--) {
                seatRows[k] = i;
                seatTimes[k] = asOf.minus(Duration.ofDays(7L * w + 1)).toEpochMilli();
                bought[k] = seatsBought[i];
                used[k] = seatsUsed[i];
                k++;
            }
        }
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += tickets[i] + ticketsBefore[i];
        }
        int[] ticketRows = new int[count];
        long[] ticketTimes = new long[count];
        double[] ones = new double[count];
        k = 0;
        for (int i = 0; i < size; i++) {
            // Spread over (asOf - 28 days, asOf - 14 days] and (asOf - 14 days, asOf], oldest first.
            for (int t = 0; t < ticketsBefore[i]; t++, k++) {
                ticketRows[k] = i;
                ticketTimes[k] = asOf.minus(Duration.ofDays(27)).plus(Duration.ofHours(t)).toEpochMilli();
                ones[k] = 1;
            }
            for (int t = 0; t < tickets[i]; t++, k++) {
                ticketRows[k] = i;
                ticketTimes[k] = asOf.minus(Duration.ofDays(13)).plus(Duration.ofHours(t)).toEpochMilli();
                ones[k] = 1;
            }
        }
        return SignalColumns.of(size, List.of(SignalColumn.of("seats_purchased", seatRows, seatTimes, bought),
                SignalColumn.of("seats_active", seatRows.clone(), seatTimes.clone(), used),
                SignalColumn.of("tickets", ticketRows, ticketTimes, ones)));
    }

    /** One account's snapshot, for an event about it: the same features the night derives. */
    AccountSnapshot snapshot(int row, Instant asOf) {
        return AccountSnapshot.builder().accountId(id(row)).asOf(asOf).segment(SEGMENTS.get(segments[row]))
                .lifecycleStage(LifecycleStage.ADOPTION)
                .features(Features.builder(EVENT_SCHEMA).set(BuiltInPlaybooks.SEAT_UTILISATION, seatsUsed[row] / seatsBought[row], 1)
                        .set(BuiltInPlaybooks.TICKETS, tickets[row], 1).set(StandardFeatures.DAYS_SINCE_START, sinceStart[row], 1)
                        .set(StandardFeatures.DAYS_TO_RENEWAL, toRenewal[row], 1).build())
                .build();
    }
}
