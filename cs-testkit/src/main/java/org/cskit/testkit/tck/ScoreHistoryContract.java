package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.Direction;
import org.cskit.model.ManualOverride;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.PersonId;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.ScoreChange;
import org.cskit.scoring.spi.ScoreHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ScoreHistory} must meet. Extend it in a test and give it a new, empty
 * store for each test:
 *
 * <pre>{@code
 * class MyScoreHistoryContractTest extends ScoreHistoryContract {
 *     protected ScoreHistory newHistory() { return new MyScoreHistory(freshDatabase()); }
 *     protected ScoreHistory reopen(ScoreHistory old) { return new MyScoreHistory(sameDatabase()); }
 * }
 * }</pre>
 *
 * <p>What it checks: a vector comes back equal to the one saved (score, band, direction,
 * velocity, coverage, every contribution with its value or missing-data policy, an active
 * override, scorecard and version), so {@link ScoreChange#explain} gives the same answer on
 * restored vectors; one vector per account and UTC day, a later one of the same day replacing it
 * and an earlier one not stored; a batch with two vectors of one account and day is refused
 * whole; {@code latestBefore} and {@code scores} honour their bounds and order; a day restores
 * completely; threads saving at once lose nothing, and those saving the same account and day
 * leave the latest vector; and what was saved is still there after
 * {@link #reopen(ScoreHistory)} (for a store that outlives its object).
 */
public abstract class ScoreHistoryContract {
    private static final AccountId ACCOUNT = AccountId.of("tck-account");
    private static final AccountId OTHER = AccountId.of("tck-other-account");
    private static final Instant T0 = Instant.parse("2026-05-01T06:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private ScoreHistory history;

    /** For subclasses. */
    protected ScoreHistoryContract() {}

    /**
     * A new, empty store; called once per test.
     *
     * @return the store
     */
    protected abstract ScoreHistory newHistory();

    /**
     * The same store as a new process would see it: for a database, a new store object on the same
     * database. The default returns {@code old}, which suits a store that lives only in memory.
     *
     * @param old the store the test wrote to
     * @return a store over the same data
     */
    protected ScoreHistory reopen(ScoreHistory old) {
        return old;
    }

    /**
     * How many threads save at once in the concurrency check. Default: 8.
     *
     * @return the number of threads, at least 2
     */
    protected int threads() {
        return 8;
    }

    /** Asks the subclass for a new store. */
    @BeforeEach
    public void setUpScoreHistoryContract() {
        history = newHistory();
        assertThat(history).as("newHistory()").isNotNull();
        assertThat(history.latestBefore(ACCOUNT, Instant.MAX)).as("a new store holds nothing").isEmpty();
    }

    /** Everything a vector carries comes back, equal. */
    @Test
    public void save_fullVector_comesBackEqual() {
        SuccessVector v = full(ACCOUNT, T0, 1.0 / 3);

        assertThat(history.save(v)).isTrue();

        assertThat(history.vectorOn(ACCOUNT, day(T0))).contains(v);
        assertThat(history.latestBefore(ACCOUNT, T0.plusSeconds(1))).contains(v);
    }

    /** Other days and accounts are empty. */
    @Test
    public void vectorOn_otherDayOrAccount_isEmpty() {
        history.save(simple(ACCOUNT, T0, 50));

        assertThat(history.vectorOn(ACCOUNT, day(T0).plusDays(1))).isEmpty();
        assertThat(history.vectorOn(ACCOUNT, day(T0).minusDays(1))).isEmpty();
        assertThat(history.vectorOn(OTHER, day(T0))).isEmpty();
    }

    /** A later vector of the same day replaces the stored one; an earlier one is not stored. */
    @Test
    public void save_sameDay_keepsTheLatestAsOf() {
        SuccessVector morning = simple(ACCOUNT, T0, 40);
        SuccessVector noon = simple(ACCOUNT, T0.plus(Duration.ofHours(6)), 45);
        SuccessVector dawn = simple(ACCOUNT, T0.minus(Duration.ofHours(5)), 30);

        assertThat(history.save(morning)).isTrue();
        assertThat(history.save(noon)).as("a later vector of the same day").isTrue();
        assertThat(history.save(dawn)).as("an earlier vector of the same day").isFalse();
        assertThat(history.save(List.of(simple(ACCOUNT, T0, 41), simple(OTHER, T0, 60))))
                .as("stored of a batch with one earlier vector").isEqualTo(1);

        assertThat(history.vectorOn(ACCOUNT, day(T0))).contains(noon);
        assertThat(history.scores(ACCOUNT, T0.minus(DAY), T0.plus(DAY)))
                .containsExactly(ScorePoint.of(noon.asOf(), 45));
    }

    /** A batch with two vectors of one account and day is refused whole. */
    @Test
    public void save_twoOfOneAccountAndDayInABatch_throwsAndStoresNothing() {
        List<SuccessVector> batch = List.of(simple(OTHER, T0, 10), simple(ACCOUNT, T0, 20),
                simple(ACCOUNT, T0.plusSeconds(60), 21));

        assertThatThrownBy(() -> history.save(batch))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("vectors[1]")
                .hasMessageContaining("vectors[2]")
                .hasMessageContaining("tck-account")
                .hasMessageContaining("one vector per account and day");

        assertThat(history.vectorOn(OTHER, day(T0))).as("nothing of the refused batch").isEmpty();
        assertThat(history.vectorOn(ACCOUNT, day(T0))).isEmpty();
    }

    /** The previous vector is the latest strictly before the time. */
    @Test
    public void latestBefore_picksTheLatestStrictlyBefore() {
        List<SuccessVector> week = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            week.add(simple(ACCOUNT, T0.plus(DAY.multipliedBy(d)), 50 + d));
        }
        history.save(week);

        assertThat(history.latestBefore(ACCOUNT, T0)).isEmpty();
        assertThat(history.latestBefore(ACCOUNT, T0.plusSeconds(1))).contains(week.get(0));
        assertThat(history.latestBefore(ACCOUNT, week.get(3).asOf())).contains(week.get(2));
        assertThat(history.latestBefore(ACCOUNT, week.get(3).asOf().plusMillis(1))).contains(week.get(3));
        assertThat(history.latestBefore(ACCOUNT, T0.plus(DAY.multipliedBy(30)))).contains(week.get(6));
        assertThat(history.latestBefore(OTHER, T0.plus(DAY.multipliedBy(30)))).isEmpty();
    }

    /** Scores come oldest first, from inclusive, to exclusive. */
    @Test
    public void scores_honourTheirBoundsAndOrder() {
        List<SuccessVector> days = new ArrayList<>();
        for (int d = 9; d >= 0; d--) {
            days.add(simple(ACCOUNT, T0.plus(DAY.multipliedBy(d)), 10 + d));
        }
        history.save(days);
        history.save(simple(OTHER, T0.plus(DAY.multipliedBy(3)), 99));

        List<ScorePoint> points = history.scores(ACCOUNT, T0.plus(DAY.multipliedBy(2)), T0.plus(DAY.multipliedBy(5)));

        assertThat(points).containsExactly(
                ScorePoint.of(T0.plus(DAY.multipliedBy(2)), 12),
                ScorePoint.of(T0.plus(DAY.multipliedBy(3)), 13),
                ScorePoint.of(T0.plus(DAY.multipliedBy(4)), 14));
        assertThat(history.scores(ACCOUNT, T0.plus(DAY.multipliedBy(20)), T0.plus(DAY.multipliedBy(30)))).isEmpty();
    }

    /** A day restores completely, once each, and nothing of other days. */
    @Test
    public void forEachOn_restoresTheWholeDay() {
        Map<AccountId, SuccessVector> saved = new HashMap<>();
        List<SuccessVector> batch = new ArrayList<>();
        List<SuccessVector> nextDay = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            AccountId id = AccountId.of("acct-" + i);
            SuccessVector v = i % 7 == 0 ? full(id, T0.plusSeconds(i), (i % 100) / 1.7) : simple(id, T0.plusSeconds(i), i % 100);
            saved.put(id, v);
            batch.add(v);
            nextDay.add(simple(id, T0.plus(DAY), 1));
        }
        assertThat(history.save(batch)).isEqualTo(2_500);
        assertThat(history.save(nextDay)).isEqualTo(2_500);

        Map<AccountId, SuccessVector> restored = new HashMap<>();
        history.forEachOn(day(T0), v -> assertThat(restored.put(v.accountId(), v)).as("%s twice", v.accountId()).isNull());

        assertThat(restored).isEqualTo(saved);
    }

    /** Earlier runs come back as columns, NaN where an account had no vector that day. */
    @Test
    public void scoreColumns_readsEachRunsDayForEachAccount() {
        List<AccountId> accounts = List.of(AccountId.of("c0"), AccountId.of("c1"), AccountId.of("c2"), AccountId.of("never"));
        List<Instant> runs = List.of(T0, T0.plus(DAY), T0.plus(DAY.multipliedBy(7)));
        List<SuccessVector> saved = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            for (int p = 0; p < runs.size(); p++) {
                if (r != 1 || p != 1) {
                    saved.add(simple(accounts.get(r), runs.get(p), 10 * r + p));
                }
            }
        }
        saved.add(simple(AccountId.of("not-asked"), T0, 99));
        history.save(saved);

        var columns = history.scoreColumns(accounts, runs);

        assertThat(columns.rows()).isEqualTo(4);
        assertThat(columns.points()).isEqualTo(3);
        assertThat(columns.time(2)).isEqualTo(runs.get(2));
        assertThat(columns.scores(0)).containsExactly(0, 10, 20, Double.NaN);
        assertThat(columns.scores(1)).containsExactly(1, Double.NaN, 21, Double.NaN);
        assertThat(columns.scores(2)).containsExactly(2, 12, 22, Double.NaN);
    }

    /** A day's vectors come back as columns, unscored where an account had none. */
    @Test
    public void vectorColumns_readTheDaysVectorsWithoutExplanations() {
        SuccessVector a = full(AccountId.of("v0"), T0, 35.5);
        SuccessVector b = simple(AccountId.of("v1"), T0.plusSeconds(5), 80);
        history.save(List.of(a, b, simple(AccountId.of("v0"), T0.plus(DAY), 90)));

        var columns = history.vectorColumns(List.of(AccountId.of("v1"), AccountId.of("absent"), AccountId.of("v0")), day(T0),
                List.of("red", "yellow", "green"));

        assertThat(columns.scores()).containsExactly(80, Double.NaN, 35.5);
        assertThat(columns.bandCodes()).containsExactly(2, -1, 0);
        assertThat(columns.directionCodes()).containsExactly(Direction.FLAT.ordinal(), -1, Direction.DECLINING.ordinal());
        assertThat(columns.velocities()).containsExactly(0, Double.NaN, a.velocity());
        assertThat(columns.coverages()).containsExactly(1, Double.NaN, a.coverage());
        assertThatThrownBy(() -> history.vectorColumns(List.of(AccountId.of("v1")), day(T0), List.of("red", "amber")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("account 'v1' has a stored band 'green', which is not among the bands [red, amber]");
    }

    /**
     * Whether band hysteresis held the band, and the score the scorecard computed under an active
     * override, read back as saved: from {@code vectorOn} and from {@code vectorColumns}.
     */
    @Test
    public void heldBandAndOverriddenScore_readBackAsSaved() {
        SuccessVector held = SuccessVector.builder().from(simple(AccountId.of("held"), T0, 69)).band(Band.of("green", 2))
                .bandHeld(true).build();
        SuccessVector overridden = full(AccountId.of("overridden"), T0, 35.5);
        SuccessVector plain = simple(AccountId.of("plain"), T0, 80);
        history.save(List.of(held, overridden, plain));

        assertThat(history.vectorOn(AccountId.of("held"), day(T0)).orElseThrow().bandHeld()).as("vectorOn, held").isTrue();
        assertThat(history.vectorOn(AccountId.of("plain"), day(T0)).orElseThrow().bandHeld()).as("vectorOn, plain").isFalse();
        var columns = history.vectorColumns(List.of(AccountId.of("plain"), AccountId.of("held"), AccountId.of("overridden"),
                AccountId.of("absent")), day(T0), List.of("red", "yellow", "green"));
        assertThat(columns.bandHeld()).containsExactly(false, true, false, false);
        // full(...)'s contributions but the override's own: what the scorecard computed before the override set 35.5.
        double computed = 0.0 + (35.5 * 0.1 + 1e-7) + -3.25 + Math.PI / 10;
        assertThat(columns.computedScores()).containsExactly(Double.NaN, Double.NaN, computed, Double.NaN);
        assertThat(columns.overridden(2)).isTrue();
        assertThat(columns.overridden(0)).isFalse();
    }

    /** Explanations on restored vectors are those on the originals. */
    @Test
    public void restoredVectors_explainTheSameChange() {
        SuccessVector before = full(ACCOUNT, T0, 20);
        SuccessVector after = full(ACCOUNT, T0.plus(DAY), 35.5);
        history.save(List.of(before, after));

        SuccessVector previous = history.latestBefore(ACCOUNT, after.asOf()).orElseThrow();
        SuccessVector current = history.vectorOn(ACCOUNT, day(after.asOf())).orElseThrow();

        assertThat(ScoreChange.explain(previous, current)).isEqualTo(ScoreChange.explain(before, after));
    }

    /** Threads saving at once lose nothing. */
    @Test
    public void save_fromManyThreads_losesNothing() throws InterruptedException {
        int perThread = 200;
        List<Integer> stored = Concurrently.run(threads(), t -> {
            int n = 0;
            for (int i = 0; i < perThread; i += 50) {
                List<SuccessVector> slice = new ArrayList<>();
                for (int j = i; j < i + 50; j++) {
                    slice.add(simple(AccountId.of("t" + t + "-" + j), T0.plusSeconds(t), j % 100));
                }
                n += history.save(slice);
            }
            for (int j = 0; j < 20; j++) {
                n += history.save(simple(AccountId.of("shared-" + j), T0.plus(DAY.multipliedBy(t + 1)), t)) ? 1 : 0;
            }
            return n;
        });

        assertThat(stored.stream().mapToInt(Integer::intValue).sum()).isEqualTo(threads() * (perThread + 20));
        int[] count = {0};
        history.forEachOn(day(T0), v -> count[0]++);
        assertThat(count[0]).isEqualTo(threads() * perThread);
        for (int j = 0; j < 20; j++) {
            assertThat(history.scores(AccountId.of("shared-" + j), T0, T0.plus(DAY.multipliedBy(threads() + 2))))
                    .hasSize(threads());
        }
    }

    /** Threads saving the same account and day at once leave the latest vector, whatever the order. */
    @Test
    public void save_sameAccountAndDayFromManyThreads_keepsTheLatest() throws InterruptedException {
        for (int r = 0; r < 5; r++) {
            int round = r;
            AccountId account = AccountId.of("race-" + round);
            Concurrently.run(threads(), t -> history.save(List.of(simple(account, T0.plusSeconds(t), 10 + t),
                    simple(OTHER, T0.plus(DAY.multipliedBy(round * 100L + t)), 1))));

            assertThat(history.vectorOn(account, day(T0))).map(SuccessVector::score).as("round %d", round)
                    .contains(10.0 + threads() - 1);
        }
    }

    /** What was saved is there after the store is reopened. */
    @Test
    public void reopen_keepsWhatWasSaved() {
        SuccessVector v = full(ACCOUNT, T0, 77.25);
        history.save(List.of(v, simple(OTHER, T0.plus(DAY), 12)));

        ScoreHistory reopened = reopen(history);

        assertThat(reopened.vectorOn(ACCOUNT, day(T0))).contains(v);
        assertThat(reopened.latestBefore(OTHER, Instant.MAX)).map(SuccessVector::score).contains(12.0);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** A vector with two plain contributions. */
    private static SuccessVector simple(AccountId account, Instant asOf, double score) {
        double usage = score * 0.6;
        return SuccessVector.builder().accountId(account).asOf(asOf).score(score).band(bandOf(score))
                .direction(Direction.FLAT).velocity(0).coverage(1)
                .addContributions(
                        Contribution.builder().input("usage").group("usage").points(usage).weight(0.6).value(usage).build(),
                        Contribution.builder().input("outcome").group("outcome").points(score - usage).weight(0.4).build())
                .scorecardId(ScorecardId.of("tck-card")).scorecardVersion(1).build();
    }

    /** A vector that uses every field: missing data, an override, awkward doubles. */
    private static SuccessVector full(AccountId account, Instant asOf, double score) {
        ManualOverride override = ManualOverride.builder().score(score).by(PersonId.of("csm-1"))
                .reason("Exec sponsor confirmed renewal, ünïcödé ✓").setAt(asOf.minus(DAY)).expiresAt(asOf.plus(DAY.multipliedBy(30)))
                .build();
        double a = score * 0.1 + 1e-7;
        double b = -3.25;
        double c = Math.PI / 10;
        return SuccessVector.builder().accountId(account).asOf(asOf).score(score).band(bandOf(score))
                .direction(Direction.DECLINING).velocity(-0.123456789).coverage(0.875)
                .addContributions(
                        Contribution.builder().input("logins_14d").group("usage").points(a).weight(0.35).value(12.5).build(),
                        Contribution.builder().input("open_tickets").group("support").points(b).weight(0.15)
                                .missing(MissingDataPolicy.WORST).build(),
                        Contribution.builder().input("nps").group("sentiment").points(c).weight(0.5).value(-40).build(),
                        Contribution.builder().input(SuccessVector.OVERRIDE_INPUT).group("override")
                                .points(score - a - b - c).weight(0).build())
                .override(override)
                .scorecardId(ScorecardId.of("enterprise-default")).scorecardVersion(7).build();
    }

    private static Band bandOf(double score) {
        return score < 40 ? Band.of("red", 0) : score < 70 ? Band.of("yellow", 1) : Band.of("green", 2);
    }
}
