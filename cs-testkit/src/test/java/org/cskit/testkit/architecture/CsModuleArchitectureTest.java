package org.cskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The architecture test of a module built after cs-testkit (cs-run, cs-jdbc, cs-flink, the Spring
 * Boot starter), which cs-testkit cannot see: extend it, name the module, and it imports the
 * production classes under {@code org.cskit} once, checks that the import saw every library module
 * and enough of this one's classes (so no rule passes on a partial class set), and runs every
 * {@link CsArchitectureRules} rule over them with this module among the modules. The subclass adds
 * the module's own rules, checked against {@link #production()}.
 */
public abstract class CsModuleArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = importProduction();
    }

    /**
     * The production classes under {@code org.cskit}: no test classes, and nothing of the test jars
     * (this class and the rules are not production code).
     *
     * @return the classes
     */
    public static JavaClasses importProduction() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.cskit");
    }

    /** @return the production classes this test imported */
    protected static JavaClasses production() {
        return production;
    }

    /** @return the module's name under {@code org.cskit}, such as {@code run} (its classes are in {@code org.cskit.run..}) */
    protected abstract String module();

    /** @return the fewest classes of the module the import must have seen */
    protected abstract int minimumClasses();

    /** @return the modules the rules treat as modules: cs-testkit's, then this one */
    protected List<String> modules() {
        List<String> modules = new ArrayList<>(CsArchitectureRules.MODULES);
        modules.add(module());
        return modules;
    }

    @Test
    void import_seesEveryModuleAndThisOnesClasses() {
        assertSeesEveryModule(production, "org.cskit", modules(), module(), minimumClasses());
    }

    @TestFactory
    Stream<DynamicTest> rules_holdForProductionClasses() {
        return CsArchitectureRules.forRoot("org.cskit", modules()).all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(production)));
    }

    /**
     * Guards against rules passing on an empty or partial class set: each module has classes under
     * {@code <root>.<module>}, the module under test at least {@code minimum}, and no test class or
     * architecture rule was imported.
     *
     * @param classes the imported classes
     * @param root the root package, such as {@code org.cskit}
     * @param modules the modules
     * @param module the module under test
     * @param minimum the fewest classes of it
     */
    static void assertSeesEveryModule(JavaClasses classes, String root, List<String> modules, String module, int minimum) {
        for (String m : modules) {
            assertThat(classes.stream().map(JavaClass::getPackageName)).as("production classes of %s.%s", root, m)
                    .anyMatch(p -> p.equals(root + "." + m) || p.startsWith(root + "." + m + "."));
        }
        assertThat(classes.stream().filter(c -> c.getPackageName().equals(root + "." + module)
                || c.getPackageName().startsWith(root + "." + module + ".")).count())
                .as("classes of %s.%s imported", root, module).isGreaterThanOrEqualTo(minimum);
        assertThat(classes.stream().map(JavaClass::getName)).as("test classes and the rules must not be imported")
                .noneMatch(n -> n.endsWith("Test") || n.contains(".architecture."));
    }
}
