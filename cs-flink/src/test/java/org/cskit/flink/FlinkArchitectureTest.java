package org.cskit.flink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cskit.testkit.architecture.CsArchitectureRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * cskit's architecture rules over every library module, cs-flink included, plus cs-flink's own:
 * nothing beyond the JDK, Flink's API, Jackson (through cs-model) and cskit.
 */
class FlinkArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.cskit");
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(CsArchitectureRules.MODULES);
        modules.add("flink");
        return modules;
    }

    @Test
    void import_seesEveryLibraryModuleAndCsFlink() {
        for (String module : modules()) {
            assertThat(production.stream().map(JavaClass::getPackageName)).as("production classes of org.cskit.%s", module)
                    .anyMatch(p -> p.equals("org.cskit." + module));
        }
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.cskit.flink")).count())
                .as("cs-flink classes imported").isGreaterThan(8);
    }

    @TestFactory
    Stream<DynamicTest> rules_holdForProductionClasses() {
        return CsArchitectureRules.forRoot("org.cskit", modules()).all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }

    @Test
    void flink_usesOnlyTheJdkFlinkAndCskit() {
        noClasses().that().resideInAPackage("org.cskit.flink..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.apache.flink..", "org.cskit.model..",
                        "org.cskit.scoring..", "org.cskit.playbooks..", "org.cskit.flink..")
                .as("cs-flink uses nothing beyond the JDK, Flink and cskit")
                .check(production);
    }
}
