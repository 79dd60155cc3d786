package org.cskit.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.testkit.TestPlays;
import org.cskit.testkit.TestSnapshots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ActionSink} must meet. Extend it in a test, give it a new sink for each
 * test and a way to read back what the sink carried out (from the sink itself or from the system
 * it writes to):
 *
 * <pre>{@code
 * class MySinkContractTest extends ActionSinkContract<MySink> {
 *     protected MySink newSink() { return new MySink(testDatabase()); }
 *     protected List<Play> delivered(MySink sink) { return sink.readBackAll(); }
 * }
 * }</pre>
 *
 * <p>What it demands:
 * <ul>
 *   <li><b>Delivery:</b> a delivered play (given as a handle, whose {@code play()} builds it) can be read back,
 *       equal to the play given.</li>
 *   <li><b>Idempotency by key:</b> delivery is at least once, so a sink must carry out each
 *       {@link Play#key()} at most once. Delivering a play whose key the sink has already carried
 *       out returns normally and carries out nothing more: {@link #delivered} holds that key once.
 *       This holds when the duplicate arrives later and when it arrives while the first delivery
 *       is still running (two threads, or two hosts).</li>
 *   <li><b>Thread safety:</b> plays with different keys delivered from many threads at once all
 *       arrive, each once.</li>
 * </ul>
 * It does not check what happens when the sink's own system fails (the sink then throws and the
 * engine retries): that depends on the system.
 *
 * @param <S> the sink's type
 */
public abstract class ActionSinkContract<S extends ActionSink> {
    private S sink;

    /** For subclasses. */
    protected ActionSinkContract() {}

    /**
     * A new sink with nothing delivered; called once per test.
     *
     * @return the sink
     */
    protected abstract S newSink();

    /**
     * What the sink has carried out, in any order; a play carried out twice appears twice.
     *
     * @param sink the sink from {@link #newSink()}
     * @return the plays carried out
     */
    protected abstract List<Play> delivered(S sink);

    /**
     * How many threads deliver at once in the concurrency checks. Default: 8.
     *
     * @return the number of threads, at least 2
     */
    protected int threads() {
        return 8;
    }

    /** Asks the subclass for a new sink. */
    @BeforeEach
    public void setUpActionSinkContract() {
        sink = newSink();
        assertThat(sink).as("newSink()").isNotNull();
        assertThat(delivered(sink)).as("delivered(newSink()): a new sink has carried out nothing").isEmpty();
    }

    /** A delivered play reads back equal to the play given. */
    @Test
    public void deliver_playCanBeReadBack() {
        Play play = TestPlays.play();

        deliver(play);

        assertThat(delivered(sink)).as("plays carried out after one delivery").containsExactly(play);
    }

    /** Plays with different keys are all carried out. */
    @Test
    public void deliver_differentKeys_allArrive() {
        List<Play> plays = plays(5);

        for (Play p : plays) {
            deliver(p);
        }

        assertThat(delivered(sink)).as("plays carried out").containsExactlyInAnyOrderElementsOf(plays);
    }

    /** A second delivery of the same key returns normally and carries out nothing more. */
    @Test
    public void deliver_sameKeyTwice_carriesItOutOnce() {
        Play play = TestPlays.play();
        Play other = TestPlays.play(TestSnapshots.ACCOUNT, "other-playbook", TestPlays.SITUATION, TestSnapshots.AS_OF);

        deliver(play);
        deliver(other);
        deliver(play);

        assertThat(countByKey(delivered(sink))).as("times each key was carried out after delivering '%s' twice", play.key())
                .containsOnly(Map.entry(play.key(), 1L), Map.entry(other.key(), 1L));
    }

    /** A redelivery of an equal play (a new object, as after a retry) is recognised by its key. */
    @Test
    public void deliver_equalPlayAgain_carriesItOutOnce() {
        deliver(TestPlays.play());
        deliver(TestPlays.play());

        assertThat(delivered(sink)).as("plays carried out after delivering two equal plays").hasSize(1);
    }

    /**
     * Plays with different keys delivered from many threads at once all arrive, each once.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void deliver_concurrently_allArriveOnce() throws InterruptedException {
        int perThread = 25;
        List<Play> plays = plays(threads() * perThread);

        Concurrently.run(threads(), t -> {
            for (int i = 0; i < perThread; i++) {
                deliver(plays.get(t * perThread + i));
            }
            return null;
        });

        assertThat(delivered(sink)).as("plays carried out after %s threads delivered %s each", threads(), perThread)
                .containsExactlyInAnyOrderElementsOf(plays);
    }

    /**
     * The same play delivered from many threads at once is carried out once.
     *
     * @throws InterruptedException if the test is interrupted
     */
    @Test
    public void deliver_sameKeyConcurrently_carriesItOutOnce() throws InterruptedException {
        Play play = TestPlays.play();

        Concurrently.run(threads(), t -> {
            deliver(play);
            return null;
        });

        assertThat(delivered(sink)).as("plays carried out after %s threads delivered '%s' at once", threads(), play.key())
                .containsExactly(play);
    }

    /** Delivers a play through a handle, as the engine does; the sink's exception fails the test. */
    private void deliver(Play play) {
        try {
            sink.deliver(TestPlays.handle(play));
        } catch (Exception e) {
            throw new AssertionError("deliver(" + play.key() + ") threw " + e, e);
        }
    }

    private static List<Play> plays(int n) {
        List<Play> plays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plays.add(TestPlays.play(AccountId.of("account-" + i), TestPlays.PLAYBOOK, TestPlays.SITUATION,
                    Instant.parse("2026-05-10T00:00:00Z").plusSeconds(i)));
        }
        return plays;
    }

    private static Map<String, Long> countByKey(List<Play> plays) {
        return plays.stream().collect(Collectors.groupingBy(Play::key, Collectors.counting()));
    }
}
