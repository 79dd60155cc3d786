package org.cskit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The README's module table lists exactly the reactor's modules, in the reactor's order. */
class ReadmeModulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void moduleTable_matchesTheReactor() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int header = lines.indexOf("## Modules");
        assertThat(header).as("README has a '## Modules' section").isNotNegative();
        List<String> table = new ArrayList<>();
        for (int i = header + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (line.startsWith("| `")) {
                table.add(line.substring(3, line.indexOf('`', 3)));
            }
        }

        assertThat(table).containsExactlyElementsOf(reactorModules());
    }

    private static List<String> reactorModules() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile())
                .getDocumentElement();
        NodeList names = ((Element) project.getElementsByTagName("modules").item(0)).getElementsByTagName("module");
        List<String> modules = new ArrayList<>();
        for (int i = 0; i < names.getLength(); i++) {
            modules.add(names.item(i).getTextContent().trim());
        }
        return modules;
    }
}
