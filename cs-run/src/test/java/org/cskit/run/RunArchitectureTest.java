package org.cskit.run;

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
 * cskit's architecture rules over every library module, cs-run included (cs-testkit cannot see
 * cs-run, which is built after it), plus cs-run's own: it uses the JDK, cs-model, cs-scoring and
 * cs-playbooks and nothing else, and no other library module uses it.
 */
class RunArchitectureTest {
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
        modules.add("run");
        return modules;
    }

    @Test
    void import_seesEveryLibraryModuleAndCsRun() {
        for (String module : modules()) {
            assertThat(production.stream().map(JavaClass::getPackageName))
                    .as("production classes of org.cskit.%s", module)
                    .anyMatch(p -> p.equals("org.cskit." + module));
        }
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.cskit.run")).count())
                .as("cs-run classes imported").isGreaterThan(4);
        assertThat(production.stream().map(JavaClass::getName))
                .as("test classes and the rules must not be imported")
                .noneMatch(n -> n.endsWith("Test") || n.contains(".architecture."));
    }

    @TestFactory
    Stream<DynamicTest> rules_holdForProductionClasses() {
        return CsArchitectureRules.forRoot("org.cskit", modules()).all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }

    @Test
    void run_usesOnlyTheJdkAndTheModelScoringAndPlaybooks() {
        noClasses().that().resideInAPackage("org.cskit.run..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.cskit.model..", "org.cskit.scoring..",
                        "org.cskit.playbooks..", "org.cskit.run..")
                .as("cs-run uses nothing beyond the JDK, cs-model, cs-scoring and cs-playbooks")
                .check(production);
        noClasses().that().resideInAPackage("org.cskit.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cskit.scoring.internal..", "org.cskit.playbooks.internal..",
                        "org.cskit.model.internal..")
                .as("cs-run uses the other modules' public API only")
                .check(production);
        noClasses().that().resideInAnyPackage("org.cskit.model..", "org.cskit.scoring..", "org.cskit.playbooks..", "org.cskit.datagen..",
                        "org.cskit.testkit..")
                .should().dependOnClassesThat().resideInAPackage("org.cskit.run..")
                .as("no library module below cs-run uses it")
                .check(production);
    }
}
