package org.cskit.flink;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.cskit.testkit.architecture.CsModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/**
 * cskit's architecture rules over every library module, cs-flink included ({@link CsModuleArchitectureTest}
 * imports and checks), plus cs-flink's own: nothing beyond the JDK, Flink's API, Jackson (through
 * cs-model) and cskit.
 */
class FlinkArchitectureTest extends CsModuleArchitectureTest {

    @Override
    protected String module() {
        return "flink";
    }

    @Override
    protected int minimumClasses() {
        return 9;
    }

    @Test
    void flink_usesOnlyTheJdkFlinkAndCskit() {
        noClasses().that().resideInAPackage("org.cskit.flink..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.apache.flink..", "org.cskit.model..",
                        "org.cskit.scoring..", "org.cskit.playbooks..", "org.cskit.flink..")
                .as("cs-flink uses nothing beyond the JDK, Flink and cskit")
                .check(production());
    }
}
