package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's cs-flink example, run on a MiniCluster: a sink that writes by key gets the in-JVM engine's plays. */
class ReadmeExampleTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    static final Map<String, PlayRecord> TASKS = new ConcurrentHashMap<>();

    @Test
    void readme_showsThisTestsCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Run it in Apache Flink"));
        int start = section.indexOf("```java") + "```java".length();
        List<String> lines = section.substring(start, section.indexOf("```", start)).strip().lines().map(String::strip).toList();
        String source = Files.readString(Path.of("src/test/java/org/cskit/flink/ReadmeExampleTest.java")).lines()
                .map(String::strip).collect(Collectors.joining("\n"));

        assertThat(lines).hasSizeGreaterThan(8);
        assertThat(source).contains(String.join("\n", lines));
    }

    @Test
    void readmeExample_runsOnAMiniCluster() throws Exception {
        String featuresJson = Fixtures.resource("features.json");
        String scorecardJson = Fixtures.resource("scorecard.json");
        String playbooksJson = Fixtures.resource("playbooks.json");
        List<AccountInput> records = Fixtures.stream(40, 120, 5);
        Instant asOf = Fixtures.AS_OF;
        Instant lastWeek = asOf.minus(Duration.ofDays(7));
        List<AccountInput> portfolio = Fixtures.nightly(80, 5, asOf);
        List<AccountInput> lastWeeksPortfolio = Fixtures.nightly(80, 5, lastWeek);
        List<AccountState> yesterday = MiniClusters.night(Fixtures.definitions(), lastWeeksPortfolio, null, lastWeek).state();
        StreamExecutionEnvironment env = MiniClusters.environment(new Configuration());
        StreamExecutionEnvironment nightlyEnv = MiniClusters.environment(new Configuration());
        ByKey tasksByKey = new ByKey();
        QueueSink<AccountState> todaysState = new QueueSink<>("readme-state");  // keeps today's state for tomorrow (here: in memory)
        TASKS.clear();
        STATE.clear();

        CsDefinitions definitions = CsDefinitions.of(featuresJson, scorecardJson, playbooksJson);  // checked here
        DataStream<AccountInput> inputs = env.fromData(records, TypeInformation.of(AccountInput.class))  // or your source
                .assignTimestampsAndWatermarks(CsFlink.watermarks(Duration.ofMinutes(5)));
        CsFlink.plays(inputs, definitions).sinkTo(tasksByKey);    // streaming: each account each day, each event
        env.execute("cskit plays");

        nightlyEnv.setRuntimeMode(RuntimeExecutionMode.BATCH);     // the nightly run over a bounded portfolio
        Nightly night = CsFlink.nightly(nightlyEnv.fromData(portfolio, TypeInformation.of(AccountInput.class)),
                nightlyEnv.fromData(yesterday, TypeInformation.of(AccountState.class)), definitions, asOf);  // or your sources
        night.plays().sinkTo(tasksByKey);
        night.state().sinkTo(todaysState);                         // tomorrow's job reads it as its yesterday
        nightlyEnv.execute("cskit nightly");

        RunReference nights = new RunReference(definitions);
        nights.night(lastWeeksPortfolio, lastWeek);
        List<PlayRecord> expected = new java.util.ArrayList<>(InJvmReference.run(definitions, records));
        expected.addAll(nights.night(portfolio, asOf));
        assertThat(TASKS.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(ByKey::key).collect(Collectors.toSet()));
        assertThat(STATE).as("today's state, one per account").hasSize(80).allMatch(s -> s.night == asOf.toEpochMilli());
    }

    static final java.util.Queue<AccountState> STATE = QueueSink.queue("readme-state");

    /** A sink that writes each play by its key (a close under its own entry), as an upsert into a task system does. */
    static final class ByKey implements Sink<PlayRecord> {
        private static final long serialVersionUID = 1L;

        static String key(PlayRecord p) {
            return p.key + (p.closed ? " closed" : "");
        }

        @Override
        public SinkWriter<PlayRecord> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(PlayRecord play, Context c) {
                    TASKS.put(key(play), play);
                }

                @Override
                public void flush(boolean endOfInput) { }

                @Override
                public void close() { }
            };
        }
    }
}
