package org.cskit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks cs-bom against the reactor: it has no parent (so it carries no third-party versions),
 * the reactor's version, and exactly the library artifacts: the reactor's modules under
 * {@code org.cskit} with a {@code module-info.java} (or the property {@code cskit.library}, for a
 * library that cannot be a module) that are deployed. The benchmarks, the samples
 * and the sample plug-in (a third party's artifact, with a module-info of its own) are never in it.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bom_listsExactlyTheLibraryArtifactsAtTheReactorVersion() throws Exception {
        Document bom = parse(ROOT.resolve("cs-bom/pom.xml"));
        Document parent = parse(ROOT.resolve("pom.xml"));

        assertThat(child(bom.getDocumentElement(), "parent")).as("cs-bom has no parent").isNull();
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));

        Element managed = child(child(bom.getDocumentElement(), "dependencyManagement"), "dependencies");
        List<String> listed = new ArrayList<>();
        NodeList deps = managed.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            assertThat(text(dep, "groupId")).isEqualTo("org.cskit");
            assertThat(text(dep, "version")).isEqualTo("${project.version}");
            listed.add(text(dep, "artifactId"));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(libraryModules());
        assertThat(listed).doesNotContain("cs-benchmarks", "samples", "samples-plugin", "samples-spring-boot").contains("cs-spring-boot-starter");
    }

    private static List<String> libraryModules() throws Exception {
        Element modules = child(parse(ROOT.resolve("pom.xml")).getDocumentElement(), "modules");
        List<String> libraries = new ArrayList<>();
        NodeList names = modules.getElementsByTagName("module");
        for (int i = 0; i < names.getLength(); i++) {
            String name = names.item(i).getTextContent().trim();
            Element project = parse(ROOT.resolve(name).resolve("pom.xml")).getDocumentElement();
            Element parent = child(project, "parent");
            String group = text(project, "groupId") != null ? text(project, "groupId") : parent == null ? null : text(parent, "groupId");
            Element properties = child(project, "properties");
            boolean deployed = properties == null || !"true".equals(text(properties, "maven.deploy.skip"));
            // A library has a module-info, or says it is one (cs-flink: Flink's jars are not modules).
            boolean library = Files.exists(ROOT.resolve(name).resolve("src/main/java/module-info.java"))
                    || properties != null && "true".equals(text(properties, "cskit.library"));
            if ("org.cskit".equals(group) && deployed && library) {
                libraries.add(name);
            }
        }
        return libraries;
    }

    private static Document parse(Path pom) throws Exception {
        assertThat(pom).exists();
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
