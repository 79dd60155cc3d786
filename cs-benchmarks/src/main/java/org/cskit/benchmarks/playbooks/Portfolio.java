package org.cskit.benchmarks.playbooks;

import java.time.Duration;
import java.time.Instant;
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
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.engine.PlaybookInput;

/**
 * A seeded synthetic portfolio: the same accounts as primitive columns (for the hand-written floor)
 * and, on request, as cskit objects (snapshots with features over one {@link FeatureSchema}, a
 * current and a previous {@link SuccessVector}), which the object-based engines (cskit, Easy Rules,
 * Drools) all read. Generated outside any timed region.
 *
 * <p>{@code dense}: an at-risk portfolio where about 7 of the 50 rules fire per account.
 * {@code sparse}: a healthy portfolio where some triggers hold but no rule's conjunction does, so
 * nothing fires.
 */
public final class Portfolio {
    public static final String LOGINS = "logins_14d";
    public static final String LOGINS_CHANGE = "logins_14d_change_pct";
    public static final String USERS_CHANGE = "active_users_14d_change_pct";
    public static final String TICKETS = "tickets_open";
    public static final String SEATS = "seat_utilisation";
    public static final String NPS = "nps";
    public static final String RENEWAL = StandardFeatures.DAYS_TO_RENEWAL;
    public static final String ARR = StandardFeatures.ARR;
    public static final FeatureSchema SCHEMA = FeatureSchema.of(LOGINS, LOGINS_CHANGE, USERS_CHANGE, TICKETS, SEATS, NPS, RENEWAL, ARR);
    static final int I_LOGINS = 0, I_LOGINS_CHANGE = 1, I_USERS_CHANGE = 2, I_TICKETS = 3, I_SEATS = 4, I_NPS = 5, I_RENEWAL = 6, I_ARR = 7;

    public static final String[] BANDS = {"red", "yellow", "green"};
    public static final byte RED = 0, YELLOW = 1, GREEN = 2;
    public static final byte ENTERPRISE = 0, MID_MARKET = 1, SMB = 2;
    static final Segment[] SEGMENTS = {Segment.of("enterprise", EngagementModel.HIGH_TOUCH),
        Segment.of("mid-market", EngagementModel.SCALED), Segment.of("smb", EngagementModel.TECH_TOUCH)};
    static final Direction[] DIRECTIONS = Direction.values(); // IMPROVING, FLAT, DECLINING
    public static final byte IMPROVING = 0, FLAT = 1, DECLINING = 2;

    /** The evaluation time of every snapshot. */
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    public static final long NOW_MILLIS = NOW.toEpochMilli();
    private static final Instant PREVIOUS = NOW.minus(Duration.ofDays(7));
    private static final ScorecardId SCORECARD = ScorecardId.of("health");

    public final int size;
    public final boolean dense;
    // Columns, one value per account.
    public final double[] logins, loginsChange, usersChange, tickets, seats, nps, renewal, arr, score, previousScore;
    public final byte[] band, previousBand, direction, segment;

    private Portfolio(int size, boolean dense) {
        this.size = size;
        this.dense = dense;
        logins = new double[size];
        loginsChange = new double[size];
        usersChange = new double[size];
        tickets = new double[size];
        seats = new double[size];
        nps = new double[size];
        renewal = new double[size];
        arr = new double[size];
        score = new double[size];
        previousScore = new double[size];
        band = new byte[size];
        previousBand = new byte[size];
        direction = new byte[size];
        segment = new byte[size];
    }

    /**
     * Generates a portfolio.
     *
     * @param size number of accounts
     * @param fireRate {@code dense} or {@code sparse}
     * @param seed the seed
     * @return the columns
     */
    public static Portfolio generate(int size, String fireRate, long seed) {
        boolean dense = switch (fireRate) {
            case "dense" -> true;
            case "sparse" -> false;
            default -> throw new IllegalArgumentException("fireRate must be dense or sparse, but was " + fireRate);
        };
        Portfolio p = new Portfolio(size, dense);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            p.segment[i] = (byte) r.nextInt(3);
            p.direction[i] = (byte) r.nextInt(3);
            p.arr[i] = 1000 * r.nextInt(5, 121);
            if (dense) {
                p.logins[i] = r.nextInt(0, 61);
                p.loginsChange[i] = r.nextInt(-70, 31);
                p.usersChange[i] = r.nextInt(-50, 21);
                p.tickets[i] = r.nextInt(0, 9);
                p.seats[i] = r.nextInt(5, 101) / 100.0;
                p.nps[i] = r.nextInt(0, 11);
                p.renewal[i] = r.nextInt(-30, 241);
                p.score[i] = r.nextInt(10, 76);
            } else {
                p.logins[i] = r.nextInt(10, 61);
                p.loginsChange[i] = r.nextInt(-5, 6);
                p.usersChange[i] = r.nextInt(-10, 11);
                p.tickets[i] = r.nextInt(0, 3);
                p.seats[i] = r.nextInt(35, 86) / 100.0;
                p.nps[i] = r.nextInt(7, 11);
                p.renewal[i] = r.nextInt(200, 366);
                p.score[i] = r.nextInt(65, 96);
            }
            p.band[i] = bandOf(p.score[i]);
            p.previousBand[i] = r.nextInt(2) == 0 ? p.band[i] : (byte) r.nextInt(3);
            p.previousScore[i] = p.previousBand[i] == RED ? 30 : p.previousBand[i] == YELLOW ? 55 : 80;
        }
        return p;
    }

    static byte bandOf(double score) {
        return score < 40 ? RED : score < 65 ? YELLOW : GREEN;
    }

    /** The account's id as the object engines see it. */
    public static AccountId accountId(int i) {
        return AccountId.of("acc-" + i);
    }

    /** The account index back from an id made by {@link #accountId}. */
    public static int indexOf(AccountId id) {
        return Integer.parseInt(id.value().substring(4));
    }

    /**
     * Builds the cskit objects of every account: one {@link PlaybookInput} (snapshot with features and
     * previous vector, plus the current vector) per account.
     *
     * @return the inputs, by account index
     */
    public PlaybookInput[] inputs() {
        PlaybookInput[] inputs = new PlaybookInput[size];
        Features.Builder features = Features.builder(SCHEMA);
        for (int i = 0; i < size; i++) {
            AccountId id = accountId(i);
            features.setAt(I_LOGINS, logins[i], 14).setAt(I_LOGINS_CHANGE, loginsChange[i], 28).setAt(I_USERS_CHANGE, usersChange[i], 28)
                    .setAt(I_TICKETS, tickets[i], 1).setAt(I_SEATS, seats[i], 1).setAt(I_NPS, nps[i], 1)
                    .setAt(I_RENEWAL, renewal[i], 1).setAt(I_ARR, arr[i], 1);
            AccountSnapshot snapshot = AccountSnapshot.builder().accountId(id).asOf(NOW).segment(SEGMENTS[segment[i]])
                    .lifecycleStage(LifecycleStage.STEADY_STATE).features(features.build())
                    .previousVector(vector(id, PREVIOUS, previousScore[i], previousBand[i], Direction.FLAT)).build();
            inputs[i] = PlaybookInput.of(snapshot, vector(id, NOW, score[i], band[i], DIRECTIONS[direction[i]]));
        }
        return inputs;
    }

    private static final Band[] BAND_OBJECTS = {Band.of("red", 0), Band.of("yellow", 1), Band.of("green", 2)};

    private static SuccessVector vector(AccountId id, Instant at, double score, byte band, Direction direction) {
        return SuccessVector.builder().accountId(id).asOf(at).score(score).band(BAND_OBJECTS[band]).direction(direction)
                .velocity(0).coverage(1).scorecardId(SCORECARD).scorecardVersion(1)
                .addContributions(Contribution.builder().input("usage").group("usage").points(score).weight(1).build())
                .build();
    }
}
