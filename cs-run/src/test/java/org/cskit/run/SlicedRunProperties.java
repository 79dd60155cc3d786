package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.run.NightlyFixture.DAY_1;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.spi.EvaluationReport;

/**
 * However the portfolio is cut into slices and threads, two nights of the run make the same plays,
 * close the same ones (with manual overrides, events and enrolments on some rows), suppress the same firings for the same reasons and write the same vectors as the stages called by hand over the whole
 * portfolio as one batch with one store.
 */
class SlicedRunProperties {
    /** The fixture's two playbooks and one that reads yesterday's band. */
    private static final List<Playbook> PLAYBOOKS = List.of(NightlyFixture.LOW_LOGINS, NightlyFixture.LARGE_QUIET,
            Playbook.builder().id("entered-red").name("Entered red").trigger(new Trigger.BandEntered("red"))
                    .addActions(new Action.Task(Template.of("Now red"), "CSM", 3, Priority.HIGH)).build(),
            NightlyFixture.STAGE_CHANGED, NightlyFixture.EXEC_REVIEW);

    @Property(tries = 60)
    void run_anySlicing_equalsTheWholeBatchByHand(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 12) Integer> night1,
            @ForAll @IntRange(min = 0, max = 1000) int changeSeed, @ForAll @IntRange(min = 1, max = 33) int slice,
            @ForAll @IntRange(min = 1, max = 3) int threads) {
        int n = night1.size();
        java.util.SplittableRandom random = new java.util.SplittableRandom(changeSeed);
        double[][] nights = nights(night1, random);
        double[] arr = nights[0];
        double[] one = nights[1];
        double[] two = nights[2];
        Instant day2 = DAY_1.plus(Duration.ofDays(1));
        // Some rows carry a manual override (active or already expired), an event or a manual enrolment, each night.
        Consumer<AccountBatch.Builder> extras1 = extras(n, DAY_1, random.split());
        Consumer<AccountBatch.Builder> extras2 = extras(n, day2, random.split());

        NightlyState state = NightlyState.empty(NightlyFixture.PORTFOLIO);
        NightlyRun run = NightlyFixture.run().playbooks(PLAYBOOKS).sliceSize(slice).threads(threads).build();
        NightlyFixture.Recording sliced1 = new NightlyFixture.Recording();
        VectorColumns today1 = NightlyFixture.today(n);
        run.run(with(NightlyFixture.accountsBuilder(arr, DAY_1, null), extras1), SignalSource.of(NightlyFixture.signals(one, DAY_1)), ScoreHistoryColumns.empty(n),
                state, sliced1, today1);
        NightlyFixture.Recording sliced2 = new NightlyFixture.Recording();
        VectorColumns today2 = NightlyFixture.today(n);
        NightlyReport report2 = run.run(with(NightlyFixture.accountsBuilder(arr, day2, today1), extras2), SignalSource.of(NightlyFixture.signals(two, day2)), ScoreHistoryColumns.empty(n),
                state, sliced2, today2);

        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        NightlyFixture.Recording whole1 = new NightlyFixture.Recording();
        VectorColumns byHand1 = byHand(arr, one, DAY_1, null, store, whole1, new TreeMap<>(), extras1);
        NightlyFixture.Recording whole2 = new NightlyFixture.Recording();
        Map<String, Long> suppressedByHand = new TreeMap<>();
        VectorColumns byHand2 = byHand(arr, two, day2, byHand1, store, whole2, suppressedByHand, extras2);

        Map<String, Long> suppressedSliced = new TreeMap<>();
        for (NightlyReport.PlaybookCounts p : report2.playbooks()) {
            p.suppressed().forEach((reason, count) -> suppressedSliced.put(p.playbookId() + " " + reason, count));
        }
        assertThat(suppressedSliced).as("suppressed per playbook and reason").isEqualTo(suppressedByHand);
        assertThat(report2.playbooks().stream().mapToLong(NightlyReport.PlaybookCounts::suppressedTotal).sum())
                .isEqualTo(report2.suppressed());

        assertThat(sliced1.delivered).isEqualTo(whole1.delivered);
        assertThat(sliced2.delivered).isEqualTo(whole2.delivered);
        assertThat(sliced2.closed).isEqualTo(whole2.closed);
        assertThat(sorted(sliced2.keys)).isEqualTo(sorted(whole2.keys));
        assertThat(today1.scores()).isEqualTo(byHand1.scores());
        assertThat(today2.scores()).isEqualTo(byHand2.scores());
        assertThat(today2.bandCodes()).isEqualTo(byHand2.bandCodes());
        assertThat(today2.directionCodes()).isEqualTo(byHand2.directionCodes());
        assertThat(today2.coverages()).isEqualTo(byHand2.coverages());
        assertThat(today2.bandHeld()).isEqualTo(byHand2.bandHeld());
        assertThat(today1.computedScores()).isEqualTo(byHand1.computedScores());
        assertThat(today2.computedScores()).isEqualTo(byHand2.computedScores());
        assertThat(state.inMemoryStore().size()).isEqualTo(store.size());
        assertThat(whole1.delivered).as("the first night makes plays").contains("acct-0 low-logins");
    }

    @Property(tries = 40)
    void run_factsAndVectorsPerSlice_equalsTheRunOverTheWholeBatch(
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 12) Integer> night1, @ForAll @IntRange(min = 0, max = 1000) int seed,
            @ForAll @IntRange(min = 1, max = 33) int slice, @ForAll @IntRange(min = 1, max = 3) int threads) {
        int n = night1.size();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] nights = nights(night1, random);
        double[] arr = nights[0];
        double[] one = nights[1];
        double[] two = nights[2];
        Instant day2 = DAY_1.plus(Duration.ofDays(1));
        Extras extras1 = new Extras(n, DAY_1, random.split());
        Extras extras2 = new Extras(n, day2, random.split());
        NightlyRun run = NightlyFixture.run().playbooks(PLAYBOOKS).sliceSize(slice).threads(threads).build();

        NightlyState wholeState = NightlyState.empty(NightlyFixture.PORTFOLIO);
        NightlyFixture.Recording whole1 = new NightlyFixture.Recording();
        VectorColumns wholeToday1 = NightlyFixture.today(n);
        run.run(with(NightlyFixture.accountsBuilder(arr, DAY_1, null), b -> extras1.apply(b, 0, n)),
                SignalSource.of(NightlyFixture.signals(one, DAY_1)), ScoreHistoryColumns.empty(n), wholeState, whole1, wholeToday1);
        NightlyFixture.Recording whole2 = new NightlyFixture.Recording();
        VectorColumns wholeToday2 = NightlyFixture.today(n);
        NightlyReport wholeReport2 = run.run(with(NightlyFixture.accountsBuilder(arr, day2, wholeToday1), b -> extras2.apply(b, 0, n)),
                SignalSource.of(NightlyFixture.signals(two, day2)), ScoreHistoryColumns.empty(n), wholeState, whole2, wholeToday2);

        // The same two nights with every slice's facts built afresh (own arrays, row 0 = the slice's first account) and
        // today's vectors handed over slice by slice into arrays of the test's.
        NightlyState slicedState = NightlyState.empty(NightlyFixture.PORTFOLIO);
        NightlyFixture.Recording sliced1 = new NightlyFixture.Recording();
        VectorColumns slicedToday1 = NightlyFixture.today(n);
        run.run(perSlice(arr, DAY_1, null, extras1), SignalSource.of(NightlyFixture.signals(one, DAY_1)), ScoreHistoryColumns.empty(n),
                slicedState, sliced1, copyInto(slicedToday1));
        NightlyFixture.Recording sliced2 = new NightlyFixture.Recording();
        VectorColumns slicedToday2 = NightlyFixture.today(n);
        NightlyReport slicedReport2 = run.run(perSlice(arr, day2, slicedToday1, extras2), SignalSource.of(NightlyFixture.signals(two, day2)),
                ScoreHistoryColumns.empty(n), slicedState, sliced2, copyInto(slicedToday2));

        assertThat(sliced1.delivered).isEqualTo(whole1.delivered).contains("acct-0 low-logins");
        assertThat(sliced2.delivered).isEqualTo(whole2.delivered);
        assertThat(sliced2.closed).isEqualTo(whole2.closed);
        assertThat(sorted(sliced2.keys)).isEqualTo(sorted(whole2.keys));
        assertThat(slicedReport2.playbooks()).isEqualTo(wholeReport2.playbooks());
        for (VectorColumns[] pair : new VectorColumns[][] {{slicedToday1, wholeToday1}, {slicedToday2, wholeToday2}}) {
            assertThat(pair[0].scores()).isEqualTo(pair[1].scores());
            assertThat(pair[0].bandCodes()).isEqualTo(pair[1].bandCodes());
            assertThat(pair[0].directionCodes()).isEqualTo(pair[1].directionCodes());
            assertThat(pair[0].velocities()).isEqualTo(pair[1].velocities());
            assertThat(pair[0].coverages()).isEqualTo(pair[1].coverages());
            assertThat(pair[0].bandHeld()).isEqualTo(pair[1].bandHeld());
            assertThat(pair[0].computedScores()).isEqualTo(pair[1].computedScores());
        }
        assertThat(slicedState.inMemoryStore().size()).isEqualTo(wholeState.inMemoryStore().size());
    }

    /** A source that builds each slice's batch from copies of the portfolio's rows, yesterday's vectors included. */
    static AccountSource perSlice(double[] arr, Instant asOf, VectorColumns yesterday, Extras extras) {
        return AccountSource.of(arr.length, (from, to) -> {
            int n = to - from;
            FeatureColumns facts = FeatureColumns.builder(NightlyFixture.FACTS, n)
                    .feature(StandardFeatures.ARR, java.util.Arrays.copyOfRange(arr, from, to)).build();
            AccountBatch.Builder b = AccountBatch.builder(facts).asOf(asOf).accountIds(r -> NightlyFixture.id(from + r))
                    .segments(NightlyFixture.SEGMENTS, null).stage(LifecycleStage.STEADY_STATE);
            if (yesterday != null) {
                b.previousVectors(VectorColumns.builder(n).bands(yesterday.bandLabels())
                        .scores(java.util.Arrays.copyOfRange(yesterday.scores(), from, to))
                        .bandCodes(java.util.Arrays.copyOfRange(yesterday.bandCodes(), from, to))
                        .directionCodes(java.util.Arrays.copyOfRange(yesterday.directionCodes(), from, to))
                        .velocities(java.util.Arrays.copyOfRange(yesterday.velocities(), from, to))
                        .coverages(java.util.Arrays.copyOfRange(yesterday.coverages(), from, to)).build());
            }
            extras.apply(b, from, to);
            return b.build();
        });
    }

    /** A sink that copies each slice's vectors into the whole portfolio's columns, written out here rather than by {@link VectorSink#into}. */
    static VectorSink copyInto(VectorColumns today) {
        return VectorSink.of(today.bandLabels(), (from, rows, v) -> {
            System.arraycopy(v.scores(), 0, today.scores(), from, rows);
            System.arraycopy(v.bandCodes(), 0, today.bandCodes(), from, rows);
            System.arraycopy(v.directionCodes(), 0, today.directionCodes(), from, rows);
            System.arraycopy(v.velocities(), 0, today.velocities(), from, rows);
            System.arraycopy(v.coverages(), 0, today.coverages(), from, rows);
            System.arraycopy(v.bandHeld(), 0, today.bandHeld(), from, rows);
            System.arraycopy(v.computedScores(), 0, today.computedScores(), from, rows);
        });
    }

    /**
     * Each account's ARR (a third large), its daily logins the first night (from the drawn list; row 0 none, so
     * the first night always makes a play) and the second (the same or redrawn).
     */
    private static double[][] nights(List<Integer> night1, java.util.SplittableRandom random) {
        int n = night1.size();
        double[] arr = new double[n];
        double[] one = new double[n];
        double[] two = new double[n];
        for (int r = 0; r < n; r++) {
            arr[r] = r % 3 == 0 ? 100_000 : 10_000;
            one[r] = r == 0 ? 0 : night1.get(r) * 0.5;
            two[r] = random.nextBoolean() ? one[r] : random.nextInt(13) * 0.5;
        }
        return new double[][] {arr, one, two};
    }

    private static AccountBatch with(AccountBatch.Builder b, Consumer<AccountBatch.Builder> extras) {
        extras.accept(b);
        return b.build();
    }

    /** Overrides on about a fifth of the rows (a third of them expired), events on a sixth, enrolments on a seventh. */
    private static Consumer<AccountBatch.Builder> extras(int n, Instant night, java.util.SplittableRandom random) {
        Extras e = new Extras(n, night, random);
        return b -> e.apply(b, 0, n);
    }

    /** Which rows of the portfolio carry an override, an event or an enrolment, applied to any range of its rows. */
    private static final class Extras {
        final Instant night;
        final double[] overrides;
        final boolean[] expired;
        final boolean[] events;
        final boolean[] enrolled;

        Extras(int n, Instant night, java.util.SplittableRandom random) {
            this.night = night;
            overrides = new double[n];
            expired = new boolean[n];
            events = new boolean[n];
            enrolled = new boolean[n];
            for (int r = 0; r < n; r++) {
                overrides[r] = random.nextInt(5) == 0 ? random.nextInt(0, 101) : Double.NaN;
                expired[r] = random.nextInt(3) == 0;
                events[r] = random.nextInt(6) == 0;
                enrolled[r] = random.nextInt(7) == 0;
            }
        }

        /** Rows {@code [from, to)} of the portfolio into a batch whose row 0 is row {@code from}. */
        void apply(AccountBatch.Builder b, int from, int to) {
            for (int r = from; r < to; r++) {
                if (!Double.isNaN(overrides[r])) {
                    b.override(r - from, NightlyFixture.override(overrides[r], expired[r] ? night.minus(Duration.ofDays(60)) : night));
                }
                if (events[r]) {
                    b.event(r - from, NightlyFixture.stageChanged(r, night));
                }
                if (enrolled[r]) {
                    b.enrol(r - from, NightlyFixture.EXEC_REVIEW.id());
                }
            }
        }
    }

    private static Set<String> sorted(Set<String> s) {
        return new TreeSet<>(s);
    }

    /** The stages by hand over the whole portfolio: derive, score, evaluate. */
    private static VectorColumns byHand(double[] arr, double[] logins, Instant asOf, VectorColumns yesterday, InMemoryPlayStateStore store,
            NightlyFixture.Recording sink, Map<String, Long> suppressed, Consumer<AccountBatch.Builder> extras) {
        int n = arr.length;
        FeatureSchema schema = FeatureSchema.of(List.of("contract.arr", "logins_14d"));
        FeatureColumns features = FeatureColumns.allocate(schema, n);
        System.arraycopy(arr, 0, features.doubles(0), 0, n);
        java.util.Arrays.fill(features.observations(0), 1);
        NightlyFixture.DERIVER.derive(NightlyFixture.signals(logins, asOf), asOf, features);
        AccountBatch.Builder b = AccountBatch.builder(features).asOf(asOf).accountIds(NightlyFixture::id).segments(NightlyFixture.SEGMENTS, null)
                .stage(LifecycleStage.STEADY_STATE);
        if (yesterday != null) {
            b.previousVectors(yesterday);
        }
        extras.accept(b);
        VectorColumns today = NightlyFixture.today(n);
        NightlyFixture.SCORECARD.scoreAll(b.build(), ScoreHistoryColumns.empty(n), today);
        PlaybookEngine engine = PlaybookEngine.builder().schema(schema).playbooks(PLAYBOOKS).store(store)
                .listener(r -> r.forEachCount((playbook, outcome, reason, count) -> {
                    if (outcome == EvaluationReport.Outcome.SUPPRESSED) {
                        suppressed.merge(r.playbookIds().get(playbook) + " " + reason, count, Long::sum);
                    }
                })).build();
        engine.evaluate(b.vectors(today).build(), sink);
        return today;
    }
}
