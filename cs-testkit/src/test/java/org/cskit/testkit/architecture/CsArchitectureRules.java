package org.cskit.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;

/**
 * cskit's architecture rules, written once for a root package so that the same rules run over
 * the production classes ({@code org.cskit}) and over the deliberately broken fixtures that prove
 * each rule can fail. Modules built after cs-testkit (cs-jdbc) run them from their own tests
 * through this module's test jar, naming themselves among the modules.
 */
public final class CsArchitectureRules {
    /** The library modules cs-testkit sees, each owning the packages under {@code <root>.<name>}. */
    public static final List<String> MODULES = List.of("model", "scoring", "playbooks", "datagen", "testkit");

    private final String root;
    private final List<String> modules;

    private CsArchitectureRules(String root, List<String> modules) {
        this.root = root;
        this.modules = List.copyOf(modules);
    }

    static CsArchitectureRules forRoot(String root) {
        return new CsArchitectureRules(root, MODULES);
    }

    /**
     * The rules for a root package and a list of modules.
     *
     * @param root the root package, such as {@code org.cskit}
     * @param modules the modules, each owning {@code <root>.<module>..}
     * @return the rules
     */
    public static CsArchitectureRules forRoot(String root, List<String> modules) {
        return new CsArchitectureRules(root, modules);
    }

    /** No module imports another module's {@code internal} packages. */
    List<ArchRule> noInternalAcrossModules() {
        List<ArchRule> rules = new ArrayList<>();
        for (String module : modules) {
            String own = root + "." + module + "..";
            rules.add(noClasses().that().resideOutsideOfPackage(own)
                    .should().dependOnClassesThat().resideInAPackage(root + "." + module + ".internal..")
                    .as("no class outside " + own + " uses " + module + "'s internal packages")
                    // A module without internal classes yet still has classes outside it to check.
                    .allowEmptyShould(false));
        }
        return rules;
    }

    /** An {@code spi} package is what plug-in authors implement; it never leans on {@code internal}. */
    ArchRule spiNeverDependsOnInternal() {
        return noClasses().that().resideInAPackage(root + "..spi..")
                .should().dependOnClassesThat().resideInAPackage(root + "..internal..")
                .as("spi packages do not depend on internal packages")
                // No module has an spi package until the scoring and playbooks issues add theirs;
                // the fixture test proves the rule bites once one exists.
                .allowEmptyShould(true);
    }

    /** cs-model depends on no other cskit module. */
    ArchRule modelDependsOnNoOtherModule() {
        return noClasses().that().resideInAPackage(root + ".model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        root + ".scoring..", root + ".playbooks..", root + ".datagen..", root + ".testkit..", root + ".jdbc..",
                        root + ".samples..", root + ".benchmarks..")
                .as("cs-model depends on no other cskit module");
    }

    /** cs-model's only third-party dependency at run time is Jackson (Immutables is compile-time only). */
    ArchRule modelUsesOnlyJacksonBeyondTheJdk() {
        return noClasses().that().resideInAPackage(root + ".model..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "java..", "javax.annotation.processing..", "com.fasterxml.jackson..",
                        "org.immutables.value..", root + ".model..")
                .as("cs-model uses nothing beyond the JDK and Jackson");
    }

    /** cs-scoring and cs-playbooks meet only in cs-model. */
    List<ArchRule> scoringAndPlaybooksAreIndependent() {
        return List.of(
                noClasses().that().resideInAPackage(root + ".scoring..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".playbooks..")
                        .as("cs-scoring does not depend on cs-playbooks")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(root + ".playbooks..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".scoring..")
                        .as("cs-playbooks does not depend on cs-scoring")
                        .allowEmptyShould(true));
    }

    /**
     * cs-scoring's core (scorecards, features, SPI) stands alone; calibration (cs-calibration) and
     * portfolio analytics (cs-portfolio) build on it as artifacts of their own, independent of each
     * other, and never use the core's {@code internal} packages (which their modules cannot read).
     */
    List<ArchRule> scoringPartsAreLayered() {
        String calibration = root + ".scoring.calibration..";
        String portfolio = root + ".scoring.portfolio..";
        return List.of(
                noClasses().that().resideInAPackage(root + ".scoring..")
                        .and().resideOutsideOfPackages(calibration, portfolio)
                        .should().dependOnClassesThat().resideInAnyPackage(calibration, portfolio)
                        .as("cs-scoring's core does not depend on cs-calibration or cs-portfolio")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(calibration)
                        .should().dependOnClassesThat().resideInAnyPackage(portfolio, root + ".scoring.internal..")
                        .as("cs-calibration uses neither cs-portfolio nor cs-scoring's internal packages")
                        .allowEmptyShould(true),
                noClasses().that().resideInAPackage(portfolio)
                        .should().dependOnClassesThat().resideInAnyPackage(calibration, root + ".scoring.internal..")
                        .as("cs-portfolio uses neither cs-calibration nor cs-scoring's internal packages")
                        .allowEmptyShould(true));
    }

    /** No two packages depend on each other, directly or around a loop. */
    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .as("no package cycles under " + root);
    }

    /** Libraries log through SLF4J, never print, never use java.util.logging, never throw generic exceptions. */
    List<ArchRule> codingRules() {
        return List.of(
                GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS,
                GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING,
                GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS);
    }

    /**
     * Every rule, for the production check.
     *
     * @return the rules
     */
    public List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>(noInternalAcrossModules());
        rules.add(spiNeverDependsOnInternal());
        rules.add(modelDependsOnNoOtherModule());
        rules.add(modelUsesOnlyJacksonBeyondTheJdk());
        rules.addAll(scoringAndPlaybooksAreIndependent());
        rules.addAll(scoringPartsAreLayered());
        rules.add(noPackageCycles());
        rules.addAll(codingRules());
        return rules;
    }
}
