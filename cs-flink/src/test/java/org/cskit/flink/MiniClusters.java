package org.cskit.flink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.streaming.api.datastream.DataStream;

/** One MiniCluster (one task manager, two slots) and environments with generic types (Kryo) disabled. */
final class MiniClusters {
    static final int PARALLELISM = 2;
    static final Comparator<PlayRecord> ORDER = Comparator.comparing((PlayRecord p) -> p.accountId).thenComparingLong(p -> p.at)
            .thenComparing(p -> p.key).thenComparing(p -> p.closed);

    private MiniClusters() {}

    static MiniClusterExtension extension() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM).build());
    }

    /** An environment on the test's MiniCluster; any type Flink would hand to Kryo fails the job instead. */
    static StreamExecutionEnvironment environment(Configuration more) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.addAll(more);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARALLELISM);
        return env;
    }

    static org.apache.flink.streaming.api.datastream.DataStreamSource<AccountInput> source(StreamExecutionEnvironment env, List<AccountInput> inputs) {
        return env.fromData(inputs, TypeInformation.of(AccountInput.class));
    }

    static List<PlayRecord> collect(DataStream<PlayRecord> plays) throws Exception {
        List<PlayRecord> out = new ArrayList<>();
        CloseableIterator<PlayRecord> it = plays.executeAndCollect();
        try {
            it.forEachRemaining(out::add);
        } finally {
            it.close();
        }
        out.sort(ORDER);
        return out;
    }

    /** What one nightly job made: its plays (sorted) and every account's state after it. */
    record Night(List<PlayRecord> plays, List<AccountState> state) {}

    /** Runs one nightly job in BATCH mode on yesterday's state (none: the first night) and collects both outputs. */
    static Night night(CsDefinitions definitions, List<AccountInput> records, List<AccountState> yesterday, java.time.Instant asOf)
            throws Exception {
        StreamExecutionEnvironment env = environment(new Configuration());
        env.setRuntimeMode(org.apache.flink.api.common.RuntimeExecutionMode.BATCH);
        Nightly night = yesterday == null ? CsFlink.nightly(source(env, records), definitions, asOf)
                : CsFlink.nightly(source(env, records), env.fromData(yesterday, TypeInformation.of(AccountState.class)), definitions, asOf);
        CloseableIterator<PlayRecord> plays = night.plays().collectAsync();
        CloseableIterator<AccountState> state = night.state().collectAsync();
        env.execute("cskit nightly " + asOf);
        List<PlayRecord> p = new ArrayList<>();
        List<AccountState> s = new ArrayList<>();
        try (plays; state) {
            plays.forEachRemaining(p::add);
            state.forEachRemaining(s::add);
        }
        p.sort(ORDER);
        return new Night(p, s);
    }

    static List<PlayRecord> sorted(List<PlayRecord> plays) {
        List<PlayRecord> out = new ArrayList<>(plays);
        out.sort(ORDER);
        return out;
    }
}
