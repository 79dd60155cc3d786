package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cskit.model.AccountId;
import org.cskit.model.Direction;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.Play;
import org.cskit.scoring.ScoreChange;
import org.cskit.testkit.TestPlays;
import org.cskit.testkit.TestVectors;
import org.junit.jupiter.api.Test;

/** The README's cs-jdbc example, run on PostgreSQL. */
class ReadmeExampleTest {

    @Test
    void readme_showsThisTestsCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Keep history and plays in your database"));
        int start = section.indexOf("```java") + "```java".length();
        List<String> lines = section.substring(start, section.indexOf("```", start)).strip().lines().map(String::strip).toList();
        String source = Files.readString(Path.of("src/test/java/org/cskit/jdbc/ReadmeExampleTest.java")).lines()
                .map(String::strip).collect(Collectors.joining("\n"));

        assertThat(lines).hasSizeGreaterThan(15);
        assertThat(source).contains(String.join("\n", lines));
    }

    @Test
    void readmeExample_runsOnPostgres() throws Exception {
        DataSource pool = Databases.postgres();
        AccountId acme = AccountId.of("acme");
        LocalDate lastNight = LocalDate.of(2026, 5, 1);
        Instant now = Instant.parse("2026-05-02T09:30:00Z");
        List<List<SuccessVector>> tonight = List.of(
                List.of(TestVectors.vector(acme, Instant.parse("2026-05-01T02:00:00Z"), 62, TestVectors.YELLOW, Direction.FLAT),
                        TestVectors.vector(AccountId.of("globex"), Instant.parse("2026-05-01T02:00:00Z"), 35, TestVectors.RED,
                                Direction.DECLINING)));
        SuccessVector current = TestVectors.vector(acme, now, 48, TestVectors.YELLOW, Direction.DECLINING);
        List<Play> plays = List.of(TestPlays.play(acme, "renewal-at-risk", "band:yellow", now));
        Map<AccountId, SuccessVector> previous = new HashMap<>();
        Map<String, Play> crm = new ConcurrentHashMap<>();

        CsJdbc db = CsJdbc.builder().dataSource(pool).tablePrefix("cskit_").build();
        db.migrate();                                        // or run the migration files with Flyway
        JdbcScoreHistory history = db.scoreHistory();        // checks the schema version
        PlayOutbox outbox = db.playOutbox(OutboxOptions.defaults());

        // The nightly job: one slice of accounts per transaction; a failed slice stores nothing and can be retried.
        for (List<SuccessVector> slice : tonight) {
            history.save(slice);
        }
        history.forEachOn(lastNight, v -> previous.put(v.accountId(), v));   // the night before, streamed

        // The event path: one account.
        SuccessVector before = history.latestBefore(acme, now).orElseThrow();
        ScoreChange why = ScoreChange.explain(before, current);
        history.save(current);
        try (Connection c = pool.getConnection()) {          // plays commit with your own change, or not at all
            c.setAutoCommit(false);
            outbox.enqueue(c, plays);
            c.commit();
        }
        PlayOutbox.Relay relay = outbox.startRelay(play -> crm.put(play.key(), play));   // at least once, by key

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (crm.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        relay.close();
        assertThat(previous).containsOnlyKeys(acme, AccountId.of("globex"));
        assertThat(why.delta()).isEqualTo(-14.0);
        assertThat(why.inputs()).isNotEmpty();
        assertThat(history.scores(acme, lastNight.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), now.plusSeconds(1)))
                .extracting(p -> p.score()).containsExactly(62.0, 48.0);
        assertThat(crm).containsOnlyKeys(plays.get(0).key());
        assertThat(outbox.entry(plays.get(0).key()).orElseThrow().deliveredAt()).isPresent();
    }
}
