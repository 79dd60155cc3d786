package org.cskit.spring.boot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import org.cskit.testkit.architecture.CsArchitectureRules;
import org.cskit.testkit.architecture.CsModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/**
 * cskit's architecture rules over the starter and what it sees ({@link CsModuleArchitectureTest}
 * imports and checks; cs-jdbc is a module here too), plus its own: it reaches cskit only through the
 * API (never an {@code internal} package), cs-jdbc only from the JDBC configuration and Micrometer
 * only from the metrics binding.
 */
class StarterArchitectureTest extends CsModuleArchitectureTest {

    @Override
    protected String module() {
        return "spring";
    }

    @Override
    protected int minimumClasses() {
        return 11;
    }

    @Override
    protected List<String> modules() {
        List<String> modules = new java.util.ArrayList<>(CsArchitectureRules.MODULES);
        modules.add("jdbc");
        modules.add("run");
        modules.add(module());
        return modules;
    }

    @Test
    void csJdbc_isUsedOnlyByTheJdbcConfiguration() {
        noClasses().that().resideInAPackage("org.cskit.spring..").and().doNotHaveSimpleName("CsKitJdbcAutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage("org.cskit.jdbc..")
                .as("cs-jdbc is optional: only CsKitJdbcAutoConfiguration, loaded when it is there, uses it")
                .check(production());
        noClasses().that().resideInAPackage("org.cskit.spring..")
                .and().doNotHaveSimpleName("CsKitMetrics").and().doNotHaveSimpleName("CsKitMetricsAutoConfiguration")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .as("Micrometer is optional: only the metrics binding uses it")
                .check(production());
    }
}
