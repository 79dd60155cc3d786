package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Keeps a README sample the code that runs: the first Java block under a heading is in a source file, line for line. */
final class ReadmeSample {
    private ReadmeSample() {}

    static void assertIsTheCodeThatRuns(String heading, String sourceFile) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf(heading));
        String block = section.substring(section.indexOf("```java") + "```java".length(), section.indexOf("```", section.indexOf("```java") + 7));
        List<String> lines = block.strip().lines().map(String::strip).collect(Collectors.toList());
        String source = Files.readString(Path.of("src/main/java/org/cskit/samples", sourceFile)).lines().map(String::strip)
                .collect(Collectors.joining("\n"));
        assertThat(lines).hasSizeBetween(5, 15);
        assertThat(source).contains(String.join("\n", lines));
    }
}
