package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.FeatureSchema;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.event.AccountEvent;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.EvaluationResult;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.junit.jupiter.api.Test;

/** The README's playbooks-on-your-database example, run on PostgreSQL. */
class ReadmePlaysExampleTest {

    @Test
    void readme_showsThisTestsCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("### Playbooks on your database: the nightly job and the event path"));
        int start = section.indexOf("```java") + "```java".length();
        List<String> lines = section.substring(start, section.indexOf("```", start)).strip().lines().map(String::strip).toList();
        String source = Files.readString(Path.of("src/test/java/org/cskit/jdbc/ReadmePlaysExampleTest.java")).lines()
                .map(String::strip).collect(Collectors.joining("\n"));

        assertThat(lines).hasSizeGreaterThan(10);
        assertThat(source).contains(String.join("\n", lines));
    }

    @Test
    void readmeExample_runsOnPostgres() throws Exception {
        DataSource pool = Databases.postgres();
        FeatureSchema schema = EngineFixture.SCHEMA;
        List<Playbook> playbooks = EngineFixture.playbooks();
        AccountBatch portfolio = EngineFixture.day(0, 10_000);
        PlaybookInput eventInput = EngineFixture.championChanged(42, 0);
        AccountSnapshot snapshot = eventInput.snapshot();
        AccountEvent championChanged = eventInput.event().orElseThrow();
        Map<String, Play> crm = new ConcurrentHashMap<>();

        CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("cskit_").build();
        db.migrate();
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults());
        JdbcPlays plays = JdbcPlays.of(db, outbox, PlaybookEngine.builder().schema(schema).playbooks(playbooks));

        // The nightly job: slices of 4,096 accounts on 2 threads, each slice one transaction.
        JdbcPlays.Night night = plays.evaluateNight(portfolio, 4_096, 2);
        for (JdbcPlays.SliceFailure failed : night.failures()) {   // a failed slice left nothing behind: run it again
            plays.evaluateSlice(portfolio, failed.from(), failed.to());
        }

        // The event path: durable when it returns; events arriving together share one transaction.
        EvaluationResult result = plays.onEvent(PlaybookInput.of(snapshot).withEvent(championChanged));

        // The host's sink, fed from the outbox at least once, by key, from any number of JVMs.
        PlayOutbox.Relay relay = outbox.startRelay(play -> crm.put(play.key(), play));

        java.util.Set<String> expected = JdbcPlaysTest.reference(EngineFixture.engine(), 10_000, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (crm.size() < expected.size() + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        relay.close();
        assertThat(night.failures()).isEmpty();
        assertThat(night.committed().created()).isEqualTo(expected.size());
        assertThat(result.created()).singleElement().satisfies(h -> assertThat(h.playbookId()).isEqualTo("champion-left"));
        assertThat(crm.keySet()).containsAll(expected).contains(result.created().get(0).key()).hasSize(expected.size() + 1);
    }
}
