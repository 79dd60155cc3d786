package org.cskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs cskit's architecture rules over the production classes of every library module. This
 * module's tests are where the rules live because cs-testkit is the one library module that sees
 * all the others (a rule module that the others depended on, even in test scope, would be a cycle).
 */
class ProductionArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.cskit");
    }

    @Test
    void import_seesEveryLibraryModule() {
        // Guards against rules passing on an empty or partial class set.
        for (String module : CsArchitectureRules.MODULES) {
            assertThat(production.stream().map(JavaClass::getPackageName))
                    .as("production classes of org.cskit.%s", module)
                    .anyMatch(p -> p.equals("org.cskit." + module));
        }
        assertThat(production.stream().map(JavaClass::getPackageName))
                .as("cs-calibration and cs-portfolio classes imported")
                .contains("org.cskit.scoring.calibration", "org.cskit.scoring.portfolio");
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.cskit.model")).count())
                .as("cs-model classes imported")
                .isGreaterThan(40);
        assertThat(production.stream().map(JavaClass::getName))
                .as("test classes must not be imported")
                .noneMatch(n -> n.endsWith("Test") || n.contains(".architecture."));
    }

    @TestFactory
    Stream<DynamicTest> rules_holdForProductionClasses() {
        return CsArchitectureRules.forRoot("org.cskit").all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> check(rule)));
    }

    private static void check(ArchRule rule) {
        rule.check(production);
    }
}
