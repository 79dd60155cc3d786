package org.cskit.testkit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.cskit.testkit.architecture.CsModuleDescriptors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins what each library module exports and opens: API and {@code spi} packages only, never
 * {@code internal}. Reads the compiled {@code module-info.class} of each artifact.
 */
class ModuleDescriptorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        org.cskit.model     | org.cskit.model.Account      | org.cskit.model org.cskit.model.columns org.cskit.model.event org.cskit.model.json | org.cskit.model>com.fasterxml.jackson.databind org.cskit.model.event>com.fasterxml.jackson.databind
        org.cskit.scoring   | org.cskit.scoring.Scorecard      | org.cskit.scoring org.cskit.scoring.features org.cskit.scoring.spi | org.cskit.scoring>com.fasterxml.jackson.databind org.cskit.scoring.features>com.fasterxml.jackson.databind
        org.cskit.scoring.calibration | org.cskit.scoring.calibration.ScorecardFitter | org.cskit.scoring.calibration | ''
        org.cskit.scoring.portfolio   | org.cskit.scoring.portfolio.Dashboard | org.cskit.scoring.portfolio | org.cskit.scoring.portfolio>com.fasterxml.jackson.databind
        org.cskit.playbooks | org.cskit.playbooks.Playbook     | org.cskit.playbooks org.cskit.playbooks.engine org.cskit.playbooks.spi | org.cskit.playbooks>com.fasterxml.jackson.databind
        org.cskit.datagen   | org.cskit.datagen.PortfolioGenerator | org.cskit.datagen | ''
        org.cskit.testkit   | org.cskit.testkit.TestClock      | org.cskit.testkit org.cskit.testkit.tck | ''
        """)
    void descriptor_exportsOnlyTheApi(String module, String someClass, String exports, String opens) throws Exception {
        ModuleDescriptor descriptor = descriptorOf(Class.forName(someClass));

        assertThat(descriptor.name()).isEqualTo(module);
        assertThat(descriptor.isAutomatic()).as("a real module-info, not an automatic module").isFalse();
        assertThat(descriptor.exports().stream().map(e -> {
            assertThat(e.isQualified()).as("export of %s is unqualified", e.source()).isFalse();
            return e.source();
        }).collect(Collectors.toSet())).isEqualTo(words(exports));
        assertThat(descriptor.opens().stream()
                .flatMap(o -> o.targets().stream().map(t -> o.source() + ">" + t))
                .collect(Collectors.toSet())).isEqualTo(words(opens));
        assertThat(descriptor.packages()).allSatisfy(p -> {
            if (p.contains(".internal")) {
                assertThat(descriptor.exports()).noneMatch(e -> e.source().equals(p));
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        org.cskit.model   | org.cskit.model.Account          | com.fasterxml.jackson.databind
        org.cskit.scoring | org.cskit.scoring.Scorecard      | org.cskit.model
        org.cskit.scoring.calibration | org.cskit.scoring.calibration.ScorecardFitter | org.cskit.scoring
        org.cskit.scoring.portfolio   | org.cskit.scoring.portfolio.Dashboard | org.cskit.scoring
        org.cskit.datagen | org.cskit.datagen.PortfolioGenerator | org.cskit.scoring.portfolio
        org.cskit.testkit | org.cskit.testkit.TestClock      | org.junit.jupiter.api
        org.cskit.testkit | org.cskit.testkit.TestClock      | org.cskit.datagen
        org.cskit.testkit | org.cskit.testkit.TestClock      | org.assertj.core
        """)
    void descriptor_requiresItsApiDependenciesTransitively(String module, String someClass, String transitive) throws Exception {
        ModuleDescriptor descriptor = descriptorOf(Class.forName(someClass));

        Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = new TreeMap<>();
        descriptor.requires().forEach(r -> requires.put(r.name(), r.modifiers()));
        assertThat(requires).containsKey(transitive);
        assertThat(requires.get(transitive)).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
    }

    private static ModuleDescriptor descriptorOf(Class<?> type) throws URISyntaxException {
        return CsModuleDescriptors.of(type);
    }

    private static Set<String> words(String text) {
        return text.isBlank() ? Set.of() : Set.of(text.trim().split("\\s+"));
    }
}
