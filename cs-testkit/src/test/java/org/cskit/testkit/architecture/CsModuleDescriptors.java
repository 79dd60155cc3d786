package org.cskit.testkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a library module's compiled {@code module-info.class}, for the tests that pin what each
 * module exports and requires (cs-testkit's own and those of the modules built after it).
 */
public final class CsModuleDescriptors {
    private CsModuleDescriptors() {}

    /**
     * The descriptor of the module (jar or classes directory) a class was loaded from.
     *
     * @param type a class of the module
     * @return its descriptor
     * @throws URISyntaxException if the class's location is not a URI
     */
    public static ModuleDescriptor of(Class<?> type) throws URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertThat(found).as("module at %s", location).hasSize(1);
        return found.iterator().next().descriptor();
    }

    /**
     * @param descriptor a descriptor
     * @return the packages it exports
     */
    public static Set<String> exports(ModuleDescriptor descriptor) {
        return descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    /**
     * @param descriptor a descriptor
     * @return the modules it requires
     */
    public static Set<String> requires(ModuleDescriptor descriptor) {
        return descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    }

    /**
     * @param descriptor a descriptor
     * @return the modules it requires transitively
     */
    public static Set<String> requiresTransitive(ModuleDescriptor descriptor) {
        return descriptor.requires().stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
    }
}
