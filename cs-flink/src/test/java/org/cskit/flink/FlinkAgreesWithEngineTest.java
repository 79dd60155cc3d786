package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gate: on the same input, the keyed operator on a MiniCluster (parallelism 2, generic types
 * disabled) makes exactly the plays, closes and reminders the in-JVM engine makes over columns,
 * key for key; streaming and the bounded nightly job alike.
 */
class FlinkAgreesWithEngineTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    @Test
    void plays_streamOfGeneratedPortfolio_equalTheInJvmEngines() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        List<AccountInput> inputs = Fixtures.stream(120, 150, 7);
        List<PlayRecord> expected = MiniClusters.sorted(InJvmReference.run(definitions, inputs));

        StreamExecutionEnvironment env = MiniClusters.environment(new Configuration());
        List<PlayRecord> actual = MiniClusters.collect(CsFlink.plays(
                MiniClusters.source(env, inputs).assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ZERO)), definitions));

        Map<String, Long> perPlaybook = expected.stream().filter(p -> !p.closed)
                .collect(Collectors.groupingBy(p -> p.playbookId + (p.reminder ? " reminder" : ""), Collectors.counting()));
        assertThat(perPlaybook).as("the input exercises every playbook, reminders and closes")
                .containsKeys("low-adoption", "entered-red", "support-spike", "support-spike reminder", "champion-change");
        assertThat(expected).as("closes").anyMatch(p -> p.closed);
        assertThat(actual).hasSameSizeAs(expected).containsExactlyElementsOf(expected);
    }

    @Test
    void nightly_boundedPortfolioInBatchMode_equalsTheInJvmEngine() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        List<AccountInput> inputs = Fixtures.nightly(300, 7);
        List<PlayRecord> expected = MiniClusters.sorted(InJvmReference.nightly(definitions, inputs, Fixtures.AS_OF));

        StreamExecutionEnvironment env = MiniClusters.environment(new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        List<PlayRecord> actual = MiniClusters.collect(CsFlink.nightly(MiniClusters.source(env, inputs), definitions, Fixtures.AS_OF).plays());

        assertThat(expected).as("plays of the night").hasSizeGreaterThan(30);
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
