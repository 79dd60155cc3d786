package org.cskit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plug-in README's pom is the plug-in's real pom, which the reactor builds (issue 17, item 12):
 * it once showed only the dependencies, and on Maven 3.8.7 the default plugins then failed to
 * compile or ran no test while the build stayed green.
 */
class PluginReadmeTest {

    @Test
    void readme_pomBlock_isThePluginsPomWithEveryPluginVersionPinned() throws IOException {
        String readme = Files.readString(Path.of("..", "samples-plugin", "README.md"));
        String pom = Files.readString(Path.of("..", "samples-plugin", "pom.xml"));
        int start = readme.indexOf("```xml\n") + "```xml\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));

        assertThat(block).isEqualTo(pom.endsWith("\n") ? pom : pom + "\n");
        assertThat(block).contains("<requirePluginVersions />").contains("<failIfNoTests>true</failIfNoTests>");
        for (String plugin : pom.split("<plugin>")) {
            if (plugin.contains("<artifactId>maven-")) {
                assertThat(plugin).as("plugin %s", plugin.strip().lines().skip(1).findFirst().orElse("")).contains("<version>");
            }
        }
    }
}
