package org.cskit.spring.boot;

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
 * cskit's architecture rules over the starter and what it sees, plus its own: it reaches cskit only
 * through the API (never an {@code internal} package), and cs-jdbc only from the JDBC configuration.
 */
class StarterArchitectureTest {
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
        modules.add("jdbc");
        modules.add("spring");
        return modules;
    }

    @Test
    void import_seesTheStarter() {
        assertThat(production.stream().filter(c -> c.getPackageName().equals("org.cskit.spring.boot")).count())
                .as("starter classes imported").isGreaterThan(10);
        assertThat(production.stream().map(JavaClass::getName)).noneMatch(n -> n.endsWith("Test"));
    }

    @TestFactory
    Stream<DynamicTest> rules_holdForProductionClasses() {
        return CsArchitectureRules.forRoot("org.cskit", modules()).all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }

    @Test
    void csJdbc_isUsedOnlyByTheJdbcConfiguration() {
        noClasses().that().resideInAPackage("org.cskit.spring..").and().doNotHaveSimpleName("CsKitJdbcAutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage("org.cskit.jdbc..")
                .as("cs-jdbc is optional: only CsKitJdbcAutoConfiguration, loaded when it is there, uses it")
                .check(production);
        noClasses().that().resideInAPackage("org.cskit.spring..")
                .and().doNotHaveSimpleName("CsKitMetrics").and().doNotHaveSimpleName("CsKitMetricsAutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .as("Micrometer is optional: only the metrics binding uses it")
                .check(production);
    }
}
