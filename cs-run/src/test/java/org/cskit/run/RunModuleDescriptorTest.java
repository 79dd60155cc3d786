package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins what cs-run exports and requires, read from its compiled {@code module-info.class}. */
class RunModuleDescriptorTest {

    @Test
    void descriptor_exportsTheApiOnlyAndRequiresScoringAndPlaybooksOnly() throws Exception {
        Path location = Path.of(NightlyRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(location).findAll().iterator().next().descriptor();

        assertThat(descriptor.name()).isEqualTo("org.cskit.run");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .isEqualTo(Set.of("org.cskit.run"));
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("java.base", "java.management", "org.cskit.scoring", "org.cskit.playbooks"));
        assertThat(descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("org.cskit.scoring", "org.cskit.playbooks"));
    }
}
