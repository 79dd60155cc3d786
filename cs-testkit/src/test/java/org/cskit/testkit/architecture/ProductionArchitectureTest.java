package org.cskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
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
        production = CsModuleArchitectureTest.importProduction();
    }

    @Test
    void import_seesEveryLibraryModule() {
        // Guards against rules passing on an empty or partial class set.
        CsModuleArchitectureTest.assertSeesEveryModule(production, "org.cskit", CsArchitectureRules.MODULES, "model", 41);
        assertThat(production.stream().map(JavaClass::getPackageName))
                .as("cs-calibration and cs-portfolio classes imported")
                .contains("org.cskit.scoring.calibration", "org.cskit.scoring.portfolio");
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
