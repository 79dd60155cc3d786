package org.cskit.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.cskit.testkit.architecture.CsModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/**
 * cskit's architecture rules over every library module, cs-jdbc included (cs-testkit cannot see
 * cs-jdbc, which is built after it; {@link CsModuleArchitectureTest} imports and checks), plus
 * cs-jdbc's own: nothing beyond the JDK, SLF4J's API, Jackson (through cs-model) and cskit, but for
 * the optional PostgreSQL driver in {@code PgCopy}.
 */
class JdbcArchitectureTest extends CsModuleArchitectureTest {

    @Override
    protected String module() {
        return "jdbc";
    }

    @Override
    protected int minimumClasses() {
        return 11;
    }

    @Test
    void jdbc_usesOnlyTheJdkSlf4jJacksonAndCskit() {
        noClasses().that().resideInAPackage("org.cskit.jdbc..").and().doNotHaveSimpleName("PgCopy")
                .and().doNotHaveSimpleName("PgPlans")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.sql..", "org.slf4j..",
                        "com.fasterxml.jackson..", "org.cskit.model..", "org.cskit.scoring..", "org.cskit.playbooks..",
                        "org.cskit.jdbc..")
                .as("cs-jdbc uses nothing beyond the JDK, SLF4J's API, Jackson and cskit")
                .check(production());
        // pgjdbc is optional: only PgCopy and PgPlans touch it, and only once the connection is known to be pgjdbc's
        // (PgCopy.available).
        noClasses().that().resideInAPackage("org.cskit.jdbc..").and().doNotHaveSimpleName("PgCopy")
                .and().doNotHaveSimpleName("PgPlans")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..")
                .as("only PgCopy and PgPlans use the optional PostgreSQL driver")
                .check(production());
    }
}
