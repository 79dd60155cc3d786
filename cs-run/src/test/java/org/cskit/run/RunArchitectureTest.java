package org.cskit.run;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.cskit.testkit.architecture.CsModuleArchitectureTest;
import org.junit.jupiter.api.Test;

/**
 * cskit's architecture rules over every library module, cs-run included (cs-testkit cannot see
 * cs-run, which is built after it; {@link CsModuleArchitectureTest} imports and checks), plus
 * cs-run's own: it uses the JDK, cs-model, cs-scoring and cs-playbooks and nothing else, and no other
 * library module uses it.
 */
class RunArchitectureTest extends CsModuleArchitectureTest {

    @Override
    protected String module() {
        return "run";
    }

    @Override
    protected int minimumClasses() {
        return 5;
    }

    @Test
    void run_usesOnlyTheJdkAndTheModelScoringAndPlaybooks() {
        noClasses().that().resideInAPackage("org.cskit.run..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.cskit.model..", "org.cskit.scoring..",
                        "org.cskit.playbooks..", "org.cskit.run..")
                .as("cs-run uses nothing beyond the JDK, cs-model, cs-scoring and cs-playbooks")
                .check(production());
        noClasses().that().resideInAPackage("org.cskit.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cskit.scoring.internal..", "org.cskit.playbooks.internal..",
                        "org.cskit.model.internal..")
                .as("cs-run uses the other modules' public API only")
                .check(production());
        noClasses().that().resideInAnyPackage("org.cskit.model..", "org.cskit.scoring..", "org.cskit.playbooks..", "org.cskit.datagen..",
                        "org.cskit.testkit..")
                .should().dependOnClassesThat().resideInAPackage("org.cskit.run..")
                .as("no library module below cs-run uses it")
                .check(production());
    }
}
