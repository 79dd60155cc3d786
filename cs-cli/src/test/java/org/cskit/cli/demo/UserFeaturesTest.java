package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --features FILE}: the user's own derived features, read by their playbooks and scorecards. */
class UserFeaturesTest {
    @TempDir
    Path tmp;
    private String data;
    private Path playbooks;

    @BeforeEach
    void writeData() throws IOException {
        data = TinyData.write(tmp.resolve("data")).toString();
        playbooks = tmp.resolve("mine.json");
        Files.writeString(playbooks, """
                [ { "id": "busy-year", "name": "Busy year",
                    "trigger": { "type": "THRESHOLD", "field": "uses_365d", "op": "GE", "value": 1 },
                    "actions": [ { "type": "TAG", "tag": "busy" } ] } ]
                """);
    }

    private Path features(String json) throws IOException {
        Path file = tmp.resolve("features.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void playbooks_readAFeatureOnlyTheUserDefined() throws IOException {
        Path features = features("""
                [ { "name": "uses_365d", "signal": "feature_uses", "aggregate": "SUM", "window": "P365D" } ]
                """);

        Run without = Run.of("playbooks", "--data", data, "--playbooks", playbooks.toString());
        Run with = Run.of("playbooks", "--data", data, "--playbooks", playbooks.toString(), "--features", features.toString());

        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err()).startsWith("error: " + playbooks + ":2: $[0].trigger.field: unknown feature 'uses_365d'").hasLineCount(1);
        assertThat(with.err()).isEmpty();
        assertThat(with.code()).isZero();
        assertThat(with.out()).startsWith(playbooks + " on 2024-06-29: 3 accounts, ").contains("because uses_365d >= 1 (was ");
    }

    @Test
    void score_aScorecardReadsTheUserFeature_onAGeneratedPortfolio() throws IOException {
        Path features = features("""
                [ { "name": "logins_90d", "signal": "logins", "aggregate": "SUM", "window": "P90D" } ]
                """);
        String scorecard = """
                {"id": "mine", "version": 1, "groups": [ {"name": "usage", "weight": 1, "inputs": [
                  {"name": "logins_90d", "weight": 1, "normalizer": {"type": "LINEAR", "min": 0, "max": 500}} ]} ]}
                """;

        Run run = Run.of("score", "--generated", "20", "--features", features.toString(), "--strategy-config", scorecard);

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out().lines().skip(1)).hasSize(20).allSatisfy(l -> assertThat(l).endsWith(",mine"))
                .anySatisfy(l -> assertThat(l).doesNotContain(",0.00,"));
    }

    @Test
    void features_nameOfAShippedFeature_fileLineAndPath() throws IOException {
        Path features = features("""
                [ { "name": "uses_365d", "signal": "feature_uses", "aggregate": "SUM", "window": "P365D" },
                  { "name": "usage_90d", "signal": "feature_uses", "aggregate": "SUM", "window": "P90D" } ]
                """);

        Run run = Run.of("score", "--data", data, "--features", features.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: " + features + ":2: $[1].name: feature 'usage_90d' is already a shipped or standard "
                + "feature; give yours another name\n");
    }

    @Test
    void features_signalTheDataHasNot_namesTheSignals() throws IOException {
        Path features = features("""
                [ { "name": "seats_now", "signal": "seat_utilisation", "aggregate": "LAST", "window": "P14D" } ]
                """);

        Run run = Run.of("demo", "--data", data, "--features", features.toString(), "--out", tmp.resolve("r.html").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: " + features + ":1: $[0].signal: signal 'seat_utilisation' is not in the data; its "
                + "signals are csat, downgrade, escalation, feature_uses, first_response_minutes, resolution_hours, ticket, "
                + "ticket_priority, upgrade, usage_errors, usage_hours\n");
    }

    @Test
    void features_badJson_fileLineAndPath() throws IOException {
        Path features = features("""
                [ { "name": "uses_365d", "signal": "feature_uses",
                    "aggregate": "MEDIAN", "window": "P365D" } ]
                """);

        Run run = Run.of("playbooks", "--data", data, "--features", features.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: " + features + ":2: $[0].aggregate: ").contains("MEDIAN").hasLineCount(1);
    }
}
