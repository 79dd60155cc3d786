package org.cskit.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cskit.cli.Run;
import org.cskit.cli.ravenstack.RavenStack;
import org.cskit.cli.ravenstack.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ravenstack-accounts}: one row per account, and bad input as one line with the file and line. */
class DeriveRavenStackTest {
    @TempDir
    Path tmp;

    @Test
    void tinyData_oneRowPerAccountWithItsAggregates() throws IOException {
        Path data = TinyData.write(tmp.resolve("data"));

        Run run = Run.of("ravenstack-accounts", "--data", data.toString(), "--out", tmp.resolve("a.csv").toString());

        assertThat(run.code()).isZero();
        List<String> lines = Files.readAllLines(tmp.resolve("a.csv"));
        assertThat(lines).hasSize(5);
        // one subscription (a downgrade, monthly, auto-renewing), five usage rows of 2, four tickets (one escalated, rated 3 and 4)
        assertThat(lines.get(2)).isEqualTo("A-2,EdTech,UK,organic,Pro,5,FALSE,1,800,5,0,1,1,1,5,10,0.8333,5,1,1,4,42.5,52.25,3.5,1,FALSE");
    }

    @Test
    void malformedRow_fileAndLine() {
        Path data = TinyData.write(tmp.resolve("data"));
        TinyData.replace(data, RavenStack.SUBSCRIPTIONS, "S-4,A-3,2024-06-20,,Basic,1,100,", "S-4,A-3,2024-06-20,,Basic,one,100,");

        Run run = Run.of("ravenstack-accounts", "--data", data.toString(), "--out", tmp.resolve("a.csv").toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualToNormalizingNewlines("error: " + data.resolve(RavenStack.SUBSCRIPTIONS)
                + ":5: seats 'one' is not a number\n");
    }
}
