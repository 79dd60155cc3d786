package org.cskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves that each architecture rule fails on classes that break it: no rule can pass vacuously. */
class FixtureArchitectureTest {
    private static final String ROOT = "org.cskit.testkit.architecture.fixture.bad";
    private static final CsArchitectureRules RULES = CsArchitectureRules.forRoot(ROOT);

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(ROOT);
        assertThat(fixtures.size()).as("fixture classes imported").isGreaterThanOrEqualTo(12);
    }

    @Test
    void noInternalAcrossModules_failsOnScoringUsingModelInternal() {
        List<ArchRule> rules = RULES.noInternalAcrossModules();
        assertThat(rules.stream().map(r -> r.evaluate(fixtures)).filter(EvaluationResult::hasViolation)
                .flatMap(r -> r.getFailureReport().getDetails().stream()))
                .anyMatch(d -> d.contains("UsesModelInternal") && d.contains("model.internal.Hidden"));
    }

    @Test
    void spiNeverDependsOnInternal_failsOnSpiUsingInternal() {
        assertViolation(RULES.spiNeverDependsOnInternal(), "scoring.spi.Plugin", "scoring.internal.Impl");
    }

    @Test
    void modelDependsOnNoOtherModule_failsOnModelUsingScoring() {
        assertViolation(RULES.modelDependsOnNoOtherModule(), "model.NeedsScoring", "scoring.UsesModelInternal");
    }

    @Test
    void modelUsesOnlyJacksonBeyondTheJdk_failsOnModelUsingJunit() {
        assertViolation(RULES.modelUsesOnlyJacksonBeyondTheJdk(), "model.UsesJunit", "org.junit.jupiter.api.Assertions");
    }

    @Test
    void scoringAndPlaybooksAreIndependent_failsOnPlaybooksUsingScoring() {
        assertViolation(RULES.scoringAndPlaybooksAreIndependent().get(1), "playbooks.UsesScoring", "scoring.UsesModelInternal");
    }

    @Test
    void scoringPartsAreLayered_failOnCoreUsingCalibrationAndCalibrationUsingPortfolio() {
        List<ArchRule> rules = RULES.scoringPartsAreLayered();
        assertViolation(rules.get(0), "scoring.NeedsCalibration", "scoring.calibration.UsesPortfolio");
        assertViolation(rules.get(1), "scoring.calibration.UsesPortfolio", "scoring.portfolio.Measure");
    }

    @Test
    void noPackageCycles_failsOnTwoPackagesUsingEachOther() {
        assertViolation(RULES.noPackageCycles(), "cycle.a.A", "cycle.b.B");
    }

    @Test
    void codingRules_failOnPrintingJulAndGenericExceptions() {
        List<ArchRule> rules = RULES.codingRules();
        assertViolation(rules.get(0), "model.Prints", "System.out");
        assertViolation(rules.get(1), "testkit.UsesJul", "UsesJul.LOG");
        assertViolation(rules.get(2), "testkit.ThrowsGeneric", "RuntimeException");
    }

    @Test
    void rules_failOnAnEmptyClassSet() {
        JavaClasses none = new ClassFileImporter().importPackages(ROOT + ".nothing.here");
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> RULES.modelDependsOnNoOtherModule().check(none))
                .as("a rule over no classes must fail, not pass")
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void assertSeesEveryModule_failsOnAMissingModuleTooFewClassesOrImportedRules() {
        List<String> modules = List.of("model", "scoring", "playbooks", "testkit");
        assertThatThrownBy(() -> CsModuleArchitectureTest.assertSeesEveryModule(fixtures, ROOT, List.of("model", "jdbc"), "model", 1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("production classes of " + ROOT + ".jdbc");
        assertThatThrownBy(() -> CsModuleArchitectureTest.assertSeesEveryModule(fixtures, ROOT, modules, "model", 100))
                .isInstanceOf(AssertionError.class).hasMessageContaining("classes of " + ROOT + ".model imported");
        assertThatThrownBy(() -> CsModuleArchitectureTest.assertSeesEveryModule(fixtures, ROOT, modules, "model", 1))
                .as("the fixtures are under an .architecture. package, as the rules are")
                .isInstanceOf(AssertionError.class).hasMessageContaining("test classes and the rules must not be imported");
    }

    private static void assertViolation(ArchRule rule, String violator, String target) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as(rule.getDescription())
                .anyMatch(d -> d.contains(violator) && d.contains(target));
    }
}
