package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsKitTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "demo"})
    void run_noCommandOrDemo_printsTheQuickStart(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = CsKit.run(command.isEmpty() ? new String[0] : new String[] {command}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Acme Corp: Close the books in 3 days instead of 10");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
