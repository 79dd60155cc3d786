package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cskit.model.json.CsJson;
import org.cskit.cli.Run;
import org.cskit.scoring.Scorecard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
    @TempDir
    Path tmp;

    @Test
    void backtest_shippedData_printsEveryDateAndTheSummaryLine() {
        Run run = Run.of("backtest");

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("backtest of ravenstack-usage-support v1 on 21 monthly dates", "2023-04-01", "2024-12-01");
        assertThat(run.lastLine()).matches("backtest mean AUC=0\\.\\d{4} dates=21 churners=\\d+");
    }

    @Test
    void backtest_refitBefore_reweighsOnEarlierDates_andJudgesBothOnLaterOnes() throws IOException {
        Path out = tmp.resolve("refit.json");
        Run run = Run.of("backtest", "--refit-before", "2024-01-01", "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        // dates 2023-04-01 .. 2023-10-01 have their 90-day horizon end by 2024-01-01; judged on 2024-01-01 .. 2024-12-01
        assertThat(run.out()).contains("refit ravenstack-usage-support on 7 dates before 2024-01-01", "judged on the 12 dates from 2024-01-01",
                "original  v1: Backtest[12 dates", "refitted  v2: Backtest[12 dates");
        assertThat(run.lastLine()).matches("backtest mean AUC=0\\.\\d{4} dates=12 churners=\\d+");
        Scorecard refitted = CsJson.create().read(Files.readString(out, StandardCharsets.UTF_8), Scorecard.class);
        assertThat(refitted.version()).isEqualTo(2);
        assertThat(refitted.id()).isEqualTo(RavenStackBacktest.SCORECARD.id());
    }

    @Test
    void backtest_badOptions_oneLineAndExitCode2() throws IOException {
        assertThat(Run.of("backtest", "--refit-before", "next year").err())
                .isEqualTo("error: --refit-before must be a day like 2024-01-01, but was 'next year'\n");
        assertThat(Run.of("backtest", "--out", "x.json").err()).isEqualTo("error: --out writes the refitted scorecard, so it needs --refit-before\n");
        assertThat(Run.of("backtest", "--horizon", "0").code()).isEqualTo(2);
        Run early = Run.of("backtest", "--refit-before", "2023-05-01");
        assertThat(early.code()).isEqualTo(2);
        assertThat(early.err()).startsWith("error: --refit-before 2023-05-01 leaves 0 dates to fit on");
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"id\": \"x\", \"groups\": []}");
        assertThat(Run.of("backtest", "--scorecard", bad.toString()).err()).startsWith("error: " + bad + ":1: $.groups");
    }
}
