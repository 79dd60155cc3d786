package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cskit.model.SuccessVector;
import org.cskit.model.json.CsJson;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score} on a small RavenStack-format folder. */
class ScoreTest {
    @TempDir
    Path tmp;
    private String data;

    @BeforeEach
    void writeData() {
        data = TinyData.write(tmp.resolve("data")).toString();
    }

    @Test
    void noOut_printsCsv_oneRowPerAccountInThePortfolio() {
        Run run = Run.of("score", "--data", data);

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(Score.HEADER);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("A-1,Acme,Enterprise,STEADY_STATE,18000,2024-06-29,");
        assertThat(lines.get(2)).startsWith("A-2,\"Beta, Co\",Pro,STEADY_STATE,9600,2024-06-29,");
        assertThat(lines.get(3)).startsWith("A-3,Gamma,Basic,ONBOARDING,1200,2024-06-29,");
        for (String line : lines.subList(1, 4)) {
            assertThat(line).matches(".*,\\d+\\.\\d{2},(red|yellow|green),(IMPROVING|FLAT|DECLINING),-?\\d+\\.\\d{2},\\d\\.\\d{3},ravenstack-health");
        }
    }

    @Test
    void outJson_vectorsWithTheirExplanations_readBackByCsJson() throws IOException {
        Path out = tmp.resolve("out/vectors.json");

        Run run = Run.of("score", "--data", data, "--as-of", "2024-03-01", "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.lastLine()).isEqualTo("wrote " + out.toAbsolutePath());
        List<SuccessVector> vectors = CsJson.create().readList(Files.readString(out, StandardCharsets.UTF_8), SuccessVector.class);
        assertThat(vectors).extracting(v -> v.accountId().value()).containsExactly("A-1", "A-2", "A-4");
        for (SuccessVector v : vectors) {
            assertThat(v.asOf()).hasToString("2024-03-01T00:00:00Z");
            assertThat(v.contributions().stream().mapToDouble(c -> c.points()).sum()).isCloseTo(v.score(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void outCsv_writesTheFile() throws IOException {
        Path out = tmp.resolve("vectors.csv");

        Run run = Run.of("score", "--data", data, "--out", out.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("scored 3 accounts as of 2024-06-29 with weighted-scorecard 'ravenstack-health' v1; bands: ");
        assertThat(Files.readAllLines(out)).hasSize(4).first().isEqualTo(Score.HEADER);
    }

    @Test
    void strategyFromAPlugInOnTheClassPath() {
        Run run = Run.of("score", "--data", data, "--strategy", "fixed-score", "--strategy-config", "{\"score\": 12.5}");

        assertThat(run.err()).isEmpty();
        List<String> rows = run.out().lines().skip(1).toList();
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).contains(",12.50,red,FLAT,0.00,1.000,fixed-score"));
    }

    @Test
    void strategyConfigFromAFile_aScorecardOfOnesOwn() throws IOException {
        Path card = tmp.resolve("card.json");
        Files.writeString(card, """
                { "id": "usage-only",
                  "groups": [ { "name": "usage", "weight": 1, "inputs": [
                    { "name": "usage", "feature": "usage_90d", "weight": 1, "normalizer": { "type": "LINEAR", "min": 0, "max": 10 } } ] } ] }
                """);

        Run run = Run.of("score", "--data", data, "--strategy-config", card.toString());

        assertThat(run.err()).isEmpty();
        // A-1 used 12 a time in 90 days, A-2 6 and A-3 nothing: linear from 0 to 10
        assertThat(run.out().lines().skip(1).map(l -> l.split(",")[0] + " " + l.split(",")[l.split(",").length - 6]).toList())
                .containsExactly("A-1 100.00", "A-2 60.00", "A-3 0.00");
    }
}
