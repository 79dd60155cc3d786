package org.cskit.jdbc;

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
 * cskit's architecture rules over every library module, cs-jdbc included (cs-testkit cannot see
 * cs-jdbc, which is built after it), plus cs-jdbc's own: nothing beyond the JDK, SLF4J's API,
 * Jackson (through cs-model) and cskit, but for the optional PostgreSQL driver in {@code PgCopy}.
 */
class JdbcArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // cs-testkit's test jar (the rules themselves) is not production code.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.cskit");
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(CsArchitectureRules.MODULES);
        modules.add("jdbc");
        return modules;
    }

    @Test
    void import_seesEveryLibraryModuleAndCsJdbc() {
        for (String module : modules()) {
            assertThat(production.stream().map(JavaClass::getPackageName))
                    .as("production classes of org.cskit.%s", module)
                    .anyMatch(p -> p.equals("org.cskit." + module));
        }
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.cskit.jdbc")).count())
                .as("cs-jdbc classes imported").isGreaterThan(10);
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
    void jdbc_usesOnlyTheJdkSlf4jJacksonAndCskit() {
        noClasses().that().resideInAPackage("org.cskit.jdbc..").and().doNotHaveSimpleName("PgCopy")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.sql..", "org.slf4j..",
                        "com.fasterxml.jackson..", "org.cskit.model..", "org.cskit.scoring..", "org.cskit.playbooks..",
                        "org.cskit.jdbc..")
                .as("cs-jdbc uses nothing beyond the JDK, SLF4J's API, Jackson and cskit")
                .check(production);
        // pgjdbc is optional: only PgCopy touches it, and only once the connection is known to be pgjdbc's.
        noClasses().that().resideInAPackage("org.cskit.jdbc..").and().doNotHaveSimpleName("PgCopy")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
                .as("only PgCopy uses the optional PostgreSQL driver")
                .check(production);
    }
}
