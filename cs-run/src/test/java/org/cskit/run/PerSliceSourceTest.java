package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.run.NightlyFixture.DAY_1;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.EngagementModel;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.junit.jupiter.api.Test;

/**
 * The facts read a slice at a time ({@link AccountSource}) and today's vectors handed over a slice at a
 * time ({@link VectorSink}): a first slice that is wrong is refused before any work; a later slice of
 * another shape stops the run naming the slice; a sink that fails stops the run. (That a per-slice
 * source and sink give what the whole batch gives is {@link SlicedRunProperties}'.)
 */
class PerSliceSourceTest {
    private static final int N = 6;
    private static final double[] ARR = NightlyFixture.filled(N, 100_000);
    private static final double[] QUIET = NightlyFixture.filled(N, 0);

    private final NightlyFixture.Recording sink = new NightlyFixture.Recording();
    private final VectorColumns today = NightlyFixture.today(N);
    private final NightlyState state = NightlyState.empty(NightlyFixture.PORTFOLIO);
    private final AtomicInteger asked = new AtomicInteger();

    /** Slices of the fixture's batch, built afresh; {@code change} may alter one slice's builder. */
    private AccountSource source(java.util.function.BiFunction<Integer, AccountBatch.Builder, AccountBatch.Builder> change) {
        return AccountSource.of(N, (from, to) -> {
            asked.incrementAndGet();
            FeatureColumns facts = FeatureColumns.builder(NightlyFixture.FACTS, to - from)
                    .feature(StandardFeatures.ARR, java.util.Arrays.copyOfRange(ARR, from, to)).build();
            AccountBatch.Builder b = AccountBatch.builder(facts).asOf(DAY_1).accountIds(r -> NightlyFixture.id(from + r))
                    .segments(NightlyFixture.SEGMENTS, null).stage(LifecycleStage.STEADY_STATE);
            return change.apply(from, b).build();
        });
    }

    private NightlyReport run(AccountSource accounts, VectorSink vectors) {
        return NightlyFixture.run().sliceSize(3).threads(1).build().run(accounts, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)),
                ScoreHistoryColumns.empty(N), state, sink, vectors);
    }

    @Test
    void run_perSliceSource_makesEveryAccountsPlaysAndHandsOverEveryVector() {
        NightlyReport report = run(source((from, b) -> b), VectorSink.into(today));

        assertThat(report.created()).isEqualTo(2L * N);
        assertThat(sink.of("low-logins")).hasSize(N);
        assertThat(today.scores()).doesNotContain(Double.NaN);
        assertThat(asked).as("each slice asked for once, the first included").hasValue(2);
    }

    /**
     * A worker asks for its next slice only once the plays of its last are made (and slice 0 on the
     * calling thread), so a source may read each thread's slices into the same arrays: what a host
     * reading from its store into buffers does, without a new array per slice.
     */
    @Test
    void run_sourceReusingEachThreadsArrays_makesWhatFreshArraysMake() {
        int n = 24;
        double[] arr = new double[n];
        for (int r = 0; r < n; r++) {
            arr[r] = r % 4 == 0 ? 100_000 : 10; // slices of 3 differ from one to the next
        }
        ThreadLocal<double[]> buffer = new ThreadLocal<>();
        AccountSource reusing = AccountSource.of(n, (from, to) -> {
            double[] a = buffer.get();
            if (a == null || a.length != to - from) {
                a = new double[to - from];
                buffer.set(a);
            }
            System.arraycopy(arr, from, a, 0, to - from);
            return sliceOf(a, from);
        });
        AccountSource fresh = AccountSource.of(n, (from, to) -> sliceOf(java.util.Arrays.copyOfRange(arr, from, to), from));
        NightlyFixture.Recording reusedPlays = new NightlyFixture.Recording();
        NightlyFixture.Recording freshPlays = new NightlyFixture.Recording();
        VectorColumns reusedToday = NightlyFixture.today(n);
        VectorColumns freshToday = NightlyFixture.today(n);

        quietNight(reusing, reusedPlays, reusedToday);
        quietNight(fresh, freshPlays, freshToday);

        assertThat(reusedPlays.delivered).isEqualTo(freshPlays.delivered).hasSize(n + n / 4).contains("acct-4 large-quiet")
                .doesNotContain("acct-5 large-quiet");
        assertThat(reusedToday.scores()).isEqualTo(freshToday.scores());
    }

    /**
     * A slice whose batch is its own arrays is read in place, its facts as the host holds them ({@code float} here):
     * the plays and vectors are those of the same facts as {@code double}s in one batch, whose slices are views the
     * run copies.
     */
    @Test
    void run_slicesOfTheirOwnFloatColumns_makeWhatOneDoubleBatchMakes() {
        int n = 24;
        double[] arr = new double[n];
        for (int r = 0; r < n; r++) {
            arr[r] = r % 4 == 0 ? 100_000 : 10;
        }
        AccountSource floats = AccountSource.of(n, (from, to) -> {
            float[] a = new float[to - from];
            for (int r = 0; r < a.length; r++) {
                a[r] = (float) arr[from + r];
            }
            FeatureColumns facts = FeatureColumns.builder(NightlyFixture.FACTS, a.length).feature(StandardFeatures.ARR, a).build();
            return AccountBatch.builder(facts).asOf(DAY_1).accountIds(r -> NightlyFixture.id(from + r))
                    .segments(NightlyFixture.SEGMENTS, null).stage(LifecycleStage.STEADY_STATE).build();
        });
        NightlyFixture.Recording floatPlays = new NightlyFixture.Recording();
        NightlyFixture.Recording wholePlays = new NightlyFixture.Recording();
        VectorColumns floatToday = NightlyFixture.today(n);
        VectorColumns wholeToday = NightlyFixture.today(n);

        quietNight(floats, floatPlays, floatToday);
        quietNight(AccountSource.of(sliceOf(arr, 0)), wholePlays, wholeToday);

        assertThat(floatPlays.delivered).isEqualTo(wholePlays.delivered).hasSize(n + n / 4).contains("acct-4 large-quiet")
                .doesNotContain("acct-5 large-quiet");
        assertThat(floatToday.scores()).isEqualTo(wholeToday.scores()).doesNotContain(Double.NaN);
    }

    /** A night without logins from an empty state, in slices of 3 on two threads. */
    private static void quietNight(AccountSource accounts, NightlyFixture.Recording plays, VectorColumns today) {
        int n = accounts.rows();
        NightlyFixture.run().sliceSize(3).threads(2).build().run(accounts, SignalSource.of(NightlyFixture.signals(NightlyFixture.filled(n, 0),
                DAY_1)), ScoreHistoryColumns.empty(n), NightlyState.empty(NightlyFixture.PORTFOLIO), plays, VectorSink.into(today));
    }

    private static AccountBatch sliceOf(double[] arr, int from) {
        FeatureColumns facts = FeatureColumns.builder(NightlyFixture.FACTS, arr.length).feature(StandardFeatures.ARR, arr).build();
        return AccountBatch.builder(facts).asOf(DAY_1).accountIds(r -> NightlyFixture.id(from + r)).segments(NightlyFixture.SEGMENTS, null)
                .stage(LifecycleStage.STEADY_STATE).build();
    }

    @Test
    void run_firstSliceWithTodaysVectors_isRefusedBeforeAnyWork() {
        AccountSource scored = source((from, b) -> b.vectors(NightlyFixture.today(3)));

        assertThatThrownBy(() -> run(scored, VectorSink.into(today))).isInstanceOf(ValidationException.class)
                .hasMessage("the account batch already has vectors; the run writes today's into 'today': give yesterday's as the batch's "
                        + "previous vectors")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("accounts[0, 3).vectors");
        assertThat(asked).hasValue(1);
        assertThat(sink.delivered).isEmpty();
        assertThat(today.scores()).containsOnly(Double.NaN);
        assertThat(state.inMemoryStore().size()).isZero();
        assertThat(state.night()).isEmpty();
    }

    @Test
    void run_firstSliceOfTheWrongSize_isRefusedBeforeAnyWork() {
        AccountSource shortSlice = AccountSource.of(N, (from, to) -> NightlyFixture.accounts(new double[to - from - 1], DAY_1, null));

        assertThatThrownBy(() -> run(shortSlice, VectorSink.into(today))).isInstanceOf(ValidationException.class)
                .hasMessage("the account source's slice [0, 3) has 2 rows, but must have 3")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("accounts[0, 3)");
        assertThat(sink.delivered).isEmpty();
        assertThat(state.inMemoryStore().size()).isZero();
    }

    @Test
    void run_laterSliceOfAnotherNight_stopsTheRunNamingTheSlice() {
        AccountSource mixed = source((from, b) -> from == 3 ? b.asOf(DAY_1.plus(Duration.ofDays(1))) : b);

        assertThatThrownBy(() -> run(mixed, VectorSink.into(today))).isInstanceOf(ValidationException.class)
                .hasMessage("the slice is as of 2026-03-02T00:00:00Z, but the first slice as of 2026-03-01T00:00:00Z; give one as-of time "
                        + "to the whole night")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("accounts[3, 6).asOf");
        assertThat(sink.of("low-logins")).as("the first slice's plays, made before the second was read")
                .containsExactlyInAnyOrder("acct-0", "acct-1", "acct-2");
        assertThat(today.scores()[3]).as("nothing of the refused slice").isNaN();
    }

    @Test
    void run_laterSliceWithOtherSegments_stopsTheRunNamingTheSlice() {
        List<Segment> other = List.of(Segment.of("enterprise", EngagementModel.HIGH_TOUCH));
        AccountSource mixed = source((from, b) -> from == 3 ? b.segments(other, null) : b);

        assertThatThrownBy(() -> run(mixed, VectorSink.into(today))).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("the slice has segments [")
                .hasMessageContaining("but the first slice [")
                .hasMessageEndingWith("; give every slice the same segments")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("accounts[3, 6).segments");
    }

    @Test
    void run_sinkThatFails_stopsTheRunWithItsCause() {
        VectorSink full = VectorSink.of(NightlyFixture.BANDS, (from, rows, v) -> {
            throw new java.io.IOException("disk full");
        });

        assertThatThrownBy(() -> run(source((from, b) -> b), full)).isInstanceOf(IllegalStateException.class)
                .hasMessage("today's vectors of accounts [0, 3) could not be handed over: disk full")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(sink.delivered).as("the slice's playbooks run after its vectors are handed over").isEmpty();
    }

    @Test
    void run_batchThatIsAViewOfALargerOne_readsTheHistoryByItsOwnRows() {
        // Three earlier weeks, each row's scores rising by its row number a week: velocity differs by row.
        ScoreHistoryColumns.Builder h = ScoreHistoryColumns.builder(N);
        for (int week = 3; week >= 1; week--) {
            double[] scores = new double[N];
            for (int r = 0; r < N; r++) {
                scores[r] = 50 - week * r;
            }
            h.point(DAY_1.minus(Duration.ofDays(7L * week)), scores);
        }
        ScoreHistoryColumns history = h.build();
        double[] wider = new double[N + 2];
        java.util.Arrays.fill(wider, 100_000);
        AccountBatch view = NightlyFixture.accounts(wider, DAY_1, null).slice(2, N + 2);
        AccountBatch own = NightlyFixture.accounts(ARR, DAY_1, null);
        VectorColumns fromView = NightlyFixture.today(N);
        VectorColumns fromOwn = NightlyFixture.today(N);

        NightlyFixture.run().sliceSize(4).threads(1).build().run(view, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)), history,
                NightlyState.empty(NightlyFixture.PORTFOLIO), sink, fromView);
        NightlyFixture.run().sliceSize(4).threads(1).build().run(own, SignalSource.of(NightlyFixture.signals(QUIET, DAY_1)), history,
                NightlyState.empty(NightlyFixture.PORTFOLIO), new NightlyFixture.Recording(), fromOwn);

        assertThat(fromOwn.velocities()).doesNotContain(Double.NaN).doesNotHaveDuplicates();
        assertThat(fromView.velocities()).isEqualTo(fromOwn.velocities());
        assertThat(fromView.directionCodes()).isEqualTo(fromOwn.directionCodes());
    }

    @Test
    void into_columnsWithoutVelocity_areRefused() {
        VectorColumns bare = VectorColumns.builder(N).bands(NightlyFixture.BANDS).scores(new double[N]).bandCodes(new byte[N])
                .directionCodes(new byte[N]).build();

        assertThatThrownBy(() -> VectorSink.into(bare)).isInstanceOf(ValidationException.class)
                .hasMessage("today's vectors need velocity and coverage columns to write (VectorColumns.allocate makes them)")
                .extracting(e -> ((ValidationException) e).field()).isEqualTo("today");
    }

    @Test
    void of_negativeRows_isRefused() {
        assertThatThrownBy(() -> AccountSource.of(-1, (from, to) -> null)).isInstanceOf(ValidationException.class)
                .hasMessage("rows must be at least 0, but was -1").extracting(e -> ((ValidationException) e).field()).isEqualTo("rows");
    }
}
