package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Band;
import org.cskit.model.Contribution;
import org.cskit.model.EngagementModel;
import org.cskit.model.PersonId;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHandle;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-account call reuses a thread's working arrays, its one-row batch (while the as-of time,
 * segments and band labels stay), its prepared label tables and its outcome from call to call.
 * Each call must still be what a fresh engine makes of the same input: after calls of other
 * accounts, times, segments and labels, after a call that threw, inside a call (a sink that calls
 * the engine), and with calls on several threads at once.
 */
class OneRowReuseTest {
    private static final List<Playbook> PLAYBOOKS = ColumnarEvaluationTest.playbooks();
    private static final int ROUNDS = 6, PER_ROUND = 60;

    /** What one call did, in a form two engines can be compared by (the plays built in full). */
    private static String summary(EvaluationResult r) {
        return "made " + r.plays() + " keys " + r.created().stream().map(PlayHandle::key).toList() + " closed "
                + r.closed().stream().map(PlayHandle::key).toList() + " suppressed " + r.suppressed() + " failed " + r.failed();
    }

    private static PlaybookEngine engine() {
        return PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA).playbooks(PLAYBOOKS).build();
    }

    /**
     * Inputs of distinct accounts (so that no call's state bears on another's), from rounds on
     * different days, shuffled so that the as-of time, the segment and the band labels change
     * between neighbours; some carry an event or a manual enrolment, some a segment named as
     * another with another engagement model, some one of 70 band labels (more than a thread keeps).
     */
    private static List<PlaybookInput> mixedInputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PlaybookInput> inputs = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            ColumnarEvaluationTest.Round round = new ColumnarEvaluationTest.Round(r * 9, random);
            for (int i = r * PER_ROUND; i < (r + 1) * PER_ROUND; i++) {
                PlaybookInput input = round.input(i);
                switch (random.nextInt(6)) {
                    case 0 -> input = input.withEvent(new ChampionChanged(input.snapshot().accountId(),
                            Optional.of(PersonId.of("p-1")), Optional.of(PersonId.of("p-2")), round.at));
                    case 1 -> input = input.withEnrolment("manual");
                    case 2 -> input = new PlaybookInput(AccountSnapshot.builder().from(input.snapshot())
                            .segment(Segment.of("enterprise", EngagementModel.TECH_TOUCH)).build(), input.vector(), input.event(),
                            input.enrolments());
                    case 3 -> input = new PlaybookInput(input.snapshot(), Optional.of(vector(input, "label-" + random.nextInt(70))),
                            input.event(), input.enrolments());
                    default -> { }
                }
                inputs.add(input);
            }
        }
        Collections.shuffle(inputs, new java.util.Random(seed));
        return inputs;
    }

    private static SuccessVector vector(PlaybookInput input, String label) {
        return SuccessVector.builder().accountId(input.snapshot().accountId()).asOf(input.snapshot().asOf()).score(30)
                .band(Band.of(label, 0)).direction(org.cskit.model.Direction.DECLINING).velocity(0).coverage(1)
                .scorecardId(ScorecardId.of("card")).scorecardVersion(1)
                .addContributions(Contribution.builder().input("usage").group("usage").points(30).weight(1).build()).build();
    }

    @Test
    void claim_onTheFirstThreadAgain_reusesItsArrays_andAnotherThreadGetsItsOwn() throws Exception {
        PlaybookEngine engine = engine();
        Evaluator.Work first = engine.claim();
        first.busy = false;
        Evaluator.Work again = engine.claim();
        again.busy = false;
        java.util.concurrent.atomic.AtomicReference<Evaluator.Work> other = new java.util.concurrent.atomic.AtomicReference<>();
        Thread thread = new Thread(() -> {
            Evaluator.Work w = engine.claim();
            w.busy = false;
            other.set(w);
        });
        thread.start();
        thread.join();
        assertThat(again).isSameAs(first);
        assertThat(other.get()).isNotNull().isNotSameAs(first);
    }

    @Test
    void perAccountCalls_oneAfterAnotherOnOneThread_makeWhatAFreshEngineMakesOfEach() {
        PlaybookEngine reused = engine();
        int made = 0;
        for (PlaybookInput input : mixedInputs(11)) {
            EvaluationResult expected = engine().evaluate(input);
            EvaluationResult actual = reused.evaluate(input);
            assertThat(summary(actual)).as("account %s", input.snapshot().accountId()).isEqualTo(summary(expected));
            made += actual.created().size();
        }
        assertThat(made).as("plays made: the comparison means something").isGreaterThan(ROUNDS * PER_ROUND / 4);
    }

    @Test
    void eventCalls_betweenPerAccountCalls_makeWhatAFreshEngineMakes() {
        PlaybookEngine reused = engine();
        int made = 0;
        for (PlaybookInput input : mixedInputs(12)) {
            boolean event = input.event().isPresent();
            EvaluationResult expected = event ? engine().onEvent(input) : engine().evaluate(input);
            EvaluationResult actual = event ? reused.onEvent(input) : reused.evaluate(input);
            assertThat(summary(actual)).as("account %s", input.snapshot().accountId()).isEqualTo(summary(expected));
            made += event ? actual.created().size() : 0;
        }
        assertThat(made).as("event plays made").isPositive();
    }

    @Test
    void callFromInsideTheSink_getsItsOwnArrays_andLeavesTheOuterCallIntact() {
        List<PlaybookInput> inputs = mixedInputs(13);
        PlaybookInput outer = inputs.stream().filter(i -> engine().evaluate(i).created().size() >= 2).findFirst().orElseThrow();
        PlaybookInput inner = inputs.stream().filter(i -> i != outer && engine().evaluate(i).created().size() >= 1
                && !summary(engine().evaluate(i)).equals(summary(engine().evaluate(outer)))).findFirst().orElseThrow();
        List<EvaluationResult> innerResults = new ArrayList<>();
        PlaybookEngine[] self = new PlaybookEngine[1];
        self[0] = PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA).playbooks(PLAYBOOKS).sink(new ActionSink() {
            @Override
            public void deliver(PlayHandle play) {
                if (play.accountId().equals(outer.snapshot().accountId()) && innerResults.isEmpty()) {
                    innerResults.add(self[0].evaluate(inner));
                }
            }
        }).build();

        EvaluationResult outerResult = self[0].evaluate(outer);

        assertThat(summary(outerResult)).isEqualTo(summary(engine().evaluate(outer)));
        assertThat(innerResults).hasSize(1);
        assertThat(summary(innerResults.get(0))).isEqualTo(summary(engine().evaluate(inner)));
    }

    @Test
    void callThatThrowsFromTheSink_leavesTheNextCallsOnTheThreadCorrect() {
        List<PlaybookInput> inputs = mixedInputs(14);
        PlaybookInput failing = inputs.stream().filter(i -> engine().evaluate(i).created().size() >= 2).findFirst().orElseThrow();
        boolean[] fail = {true};
        PlaybookEngine engine = PlaybookEngine.builder().schema(ColumnarEvaluationTest.SCHEMA).playbooks(PLAYBOOKS).sink(play -> {
            if (fail[0]) {
                // A VirtualMachineError is the one thing the engine lets out of a sink: the call stops half way.
                throw new OutOfMemoryError("thrown by the test's sink");
            }
        }).build();

        assertThatThrownBy(() -> engine.evaluate(failing)).isInstanceOf(OutOfMemoryError.class).hasMessage("thrown by the test's sink");
        fail[0] = false;

        for (PlaybookInput input : inputs) {
            if (input != failing) {
                assertThat(summary(engine.evaluate(input))).as("account %s", input.snapshot().accountId())
                        .isEqualTo(summary(engine().evaluate(input)));
            }
        }
        // The play that was being delivered stayed offered: it comes again under the same key, with the others.
        EvaluationResult again = engine.evaluate(failing);
        assertThat(summary(again)).isEqualTo(summary(engine().evaluate(failing)));
    }

    @Test
    void perAccountCallsOnSeveralThreadsAtOnce_makeWhatOneThreadMakes() throws Exception {
        List<PlaybookInput> inputs = mixedInputs(15);
        List<String> expected = new ArrayList<>();
        PlaybookEngine sequential = engine();
        for (PlaybookInput input : inputs) {
            expected.add(summary(sequential.evaluate(input)));
        }
        PlaybookEngine shared = engine();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            String[] actual = new String[inputs.size()];
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        // Round 0 makes the plays; later rounds evaluate the same inputs again over that state.
                        for (int i = first; i < inputs.size(); i += threads) {
                            String s = summary(shared.evaluate(inputs.get(i)));
                            if (round == 0) {
                                actual[i] = s;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(List.of(actual)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void playsBuiltAfterLaterCalls_showTheirOwnAccountAndTime() {
        PlaybookEngine reused = engine();
        List<PlayHandle> handles = new ArrayList<>();
        List<PlaybookInput> of = new ArrayList<>();
        for (PlaybookInput input : mixedInputs(16)) {
            for (PlayHandle h : reused.evaluate(input).created()) {
                handles.add(h);
                of.add(input);
            }
        }
        assertThat(handles).hasSizeGreaterThan(10);
        // Built only now, after every call: each from its own input, not from the thread's reused arrays.
        for (int k = 0; k < handles.size(); k++) {
            PlayHandle later = handles.get(k);
            assertThat(later.play()).isEqualTo(engine().evaluate(of.get(k)).created().stream()
                    .filter(h -> h.playbookId().equals(later.playbookId())).findFirst().orElseThrow().play());
        }
    }

    @Test
    void evaluate_engineDroppedByTheHost_isNotKeptByTheThreadThatCalledIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(); // a long-lived thread, as a host's pool has
        try {
            java.lang.ref.WeakReference<PlaybookEngine> dropped = pool.submit(() -> {
                PlaybookEngine e = engine();
                for (PlaybookInput input : mixedInputs(3).subList(0, 20)) {
                    e.evaluate(input);
                }
                return new java.lang.ref.WeakReference<>(e);
            }).get();

            for (int i = 0; i < 50 && dropped.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(dropped.get()).as("the engine after the host dropped it, its pool thread still alive").isNull();
            assertThat(pool.submit(() -> engine().evaluate(mixedInputs(3).get(0)).plays()).get())
                    .as("the thread evaluates again").isEqualTo(engine().evaluate(mixedInputs(3).get(0)).plays());
        } finally {
            pool.shutdownNow();
        }
    }
}
