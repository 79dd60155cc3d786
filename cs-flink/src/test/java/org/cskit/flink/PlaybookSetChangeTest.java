package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented behaviour when the playbook set changes between a savepoint and the restore, on a
 * MiniCluster: a running job is stopped with a savepoint, and a job built from other definitions
 * (same operator uid) is started from it. A removed playbook's states are dropped, with no close
 * notification; a changed playbook (same id) keeps its open play, which is neither offered again
 * nor closed until the new definition's situation clears, then closes under its original key; a new
 * playbook starts empty.
 */
class PlaybookSetChangeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    private static final String A = "acme";
    static final Queue<PlayRecord> RECEIVED = QueueSink.queue("set-change");
    /** The first job's records, handed out by {@link Feed} (records are not serializable; the MiniCluster runs in this JVM). */
    static final List<AccountInput> FIRST = new ArrayList<>();

    @Test
    void restoreFromSavepoint_changedPlaybookSet_dropsRemovedKeepsChangedStartsNew(@TempDir Path savepoints) throws Exception {
        RECEIVED.clear();
        FIRST.clear();
        FIRST.addAll(day("2025-06-01", 0.3, 5, 4));
        // Past the day's end, so the operator evaluates it while the job keeps running.
        FIRST.add(AccountInput.profile("tick", CsDefinitions.DEFAULT_SEGMENT, org.cskit.model.LifecycleStage.ADOPTION,
                Instant.parse("2025-06-02T00:00:01Z").toEpochMilli()));
        StreamExecutionEnvironment env = MiniClusters.environment(new Configuration());
        // Explicit uids on every other operator: state is matched by uid, and the two jobs differ but for cskit's operator.
        CsFlink.plays(env.fromSequence(0, Long.MAX_VALUE).uid("first-source").setParallelism(1)
                .flatMap(new Feed(), TypeInformation.of(AccountInput.class)).uid("first-feed").setParallelism(1)
                .assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO)).uid("first-watermarks").setParallelism(1),
                Fixtures.definitions()).sinkTo(new QueueSink<>("set-change")).uid("first-sink");
        JobClient running = env.executeAsync("before the savepoint");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (RECEIVED.stream().map(p -> p.playbookId).filter(id -> id.equals("low-adoption") || id.equals("support-spike")).count() < 2) {
            assertThat(System.nanoTime()).as("the first day's plays before the deadline").isLessThan(deadline);
            Thread.sleep(50);
        }
        String savepoint = running.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(120, TimeUnit.SECONDS);
        List<PlayRecord> first = new ArrayList<>(RECEIVED);
        assertThat(first).filteredOn(p -> !p.closed).extracting(p -> p.playbookId)
                .contains("low-adoption", "support-spike").doesNotContain("few-logins");
        String lowAdoptionKey = first.stream().filter(p -> p.playbookId.equals("low-adoption")).findFirst().orElseThrow().key;
        RECEIVED.clear();

        CsDefinitions changed = CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecard.json"),
                Fixtures.resource("playbooks-changed.json"));
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true); // the first job's source is not in the second
        StreamExecutionEnvironment after = MiniClusters.environment(restore);
        List<AccountInput> second = new ArrayList<>(day("2025-06-02", 0.3, 5, 4));
        second.addAll(day("2025-06-20", 0.9, 5, 0));
        CsFlink.plays(MiniClusters.source(after, second).uid("second-source").setParallelism(1)
                .assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO)).uid("second-watermarks"), changed)
                .sinkTo(new QueueSink<>("set-change")).uid("second-sink");
        after.execute("restored with another playbook set");

        List<PlayRecord> out = new ArrayList<>(RECEIVED);
        assertThat(out).as("after the restore, same situation: only the new playbook plays")
                .filteredOn(p -> p.at == Instant.parse("2025-06-03T00:00:00Z").toEpochMilli())
                .extracting(p -> p.playbookId + (p.closed ? " closed" : "")).containsExactly("few-logins");
        assertThat(out).as("the changed playbook's open play closes under its original key once its situation clears")
                .anyMatch(p -> p.closed && p.key.equals(lowAdoptionKey));
        assertThat(out).as("the removed playbook: dropped, no close").noneMatch(p -> p.playbookId.equals("support-spike"));
    }

    /** One day's observations of acme at 10:00 UTC. */
    private static List<AccountInput> day(String date, double seats, double logins, double tickets) {
        long t = Instant.parse(date + "T10:00:00Z").toEpochMilli();
        return List.of(AccountInput.signal(A, "seat_utilisation", t, seats), AccountInput.signal(A, "logins", t, logins),
                AccountInput.signal(A, "support_tickets", t, tickets));
    }

    /** Hands out {@link #FIRST} in order, then nothing (slowly), so the job runs until stopped with a savepoint. */
    static final class Feed implements FlatMapFunction<Long, AccountInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(Long i, Collector<AccountInput> out) throws Exception {
            if (i < FIRST.size()) {
                out.collect(FIRST.get(i.intValue()));
            } else {
                Thread.sleep(1);
            }
        }
    }
}
