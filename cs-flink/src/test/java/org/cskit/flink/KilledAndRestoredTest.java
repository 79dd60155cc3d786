package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job killed mid-stream, after a checkpoint, and restored from it by Flink's restart: every play
 * of an uninterrupted run arrives (none lost), and what arrives twice arrives under the same key
 * with the same content (at-least-once with the idempotency key), so by key there is no duplicate.
 */
class KilledAndRestoredTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    static final Queue<PlayRecord> RECEIVED = QueueSink.queue("killed-and-restored");
    static final AtomicBoolean KILLED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS_BEFORE_KILL = new AtomicInteger();

    @Test
    void plays_jobKilledAfterACheckpointAndRestored_noneLostNoneDuplicatedByKey() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        List<AccountInput> inputs = Fixtures.stream(60, 150, 11);
        List<PlayRecord> expected = MiniClusters.sorted(InJvmReference.run(definitions, inputs));
        RECEIVED.clear();
        KILLED.set(false);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = MiniClusters.environment(conf);
        env.enableCheckpointing(50);
        CsFlink.plays(MiniClusters.source(env, inputs).setParallelism(1)
                        .map(new KillOnce(inputs.size() / 2)).returns(TypeInformation.of(AccountInput.class)).setParallelism(1)
                        .assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO)), definitions)
                .sinkTo(new QueueSink<>("killed-and-restored"));
        env.execute("killed and restored");

        assertThat(KILLED).as("the job was killed mid-stream").isTrue();
        assertThat(CHECKPOINTS_BEFORE_KILL.get()).as("checkpoints completed before the kill").isPositive();
        Map<String, PlayRecord> byKey = new HashMap<>();
        int again = 0;
        for (PlayRecord p : RECEIVED) {
            PlayRecord first = byKey.putIfAbsent(p.key + (p.closed ? " closed" : ""), p);
            if (first != null) {
                assertThat(p).as("a play delivered again carries the same key and content").isEqualTo(first);
                again++;
            }
        }
        assertThat(MiniClusters.sorted(new ArrayList<>(byKey.values()))).as("plays by key after the restore (%s delivered again)", again)
                .containsExactlyElementsOf(expected);
        assertThat(new LinkedHashSet<>(RECEIVED)).hasSize(expected.size());
    }

    /** Passes records on slowly and, in the first attempt only, fails once a checkpoint completed and half the records went by. */
    static final class KillOnce extends RichMapFunction<AccountInput, AccountInput> implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final int after;
        private transient int seen;
        private transient boolean firstAttempt;
        private transient volatile boolean checkpointed;

        KillOnce(int after) {
            this.after = after;
        }

        @Override
        public void open(OpenContext context) {
            firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
        }

        @Override
        public AccountInput map(AccountInput in) throws Exception {
            if (firstAttempt) {
                if (++seen % 10 == 0) {
                    Thread.sleep(1); // let checkpoints complete while the stream runs
                }
                if (seen >= after && !checkpointed) {
                    Thread.sleep(5); // past half way: slower still, until a checkpoint has completed
                } else if (seen >= after) {
                    KILLED.set(true);
                    throw new IllegalStateException("killed mid-stream on purpose, after " + seen + " records");
                }
            }
            return in;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (firstAttempt) {
                checkpointed = true;
                CHECKPOINTS_BEFORE_KILL.incrementAndGet();
            }
        }
    }
}
