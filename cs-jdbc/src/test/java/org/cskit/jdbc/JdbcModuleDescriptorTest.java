package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pins what cs-jdbc exports and requires, read from its compiled {@code module-info.class}. */
class JdbcModuleDescriptorTest {

    @Test
    void descriptor_exportsTheApiOnlyAndRequiresTheDriverOnlyStatically() throws Exception {
        Path location = Path.of(CsJdbc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor descriptor = ModuleFinder.of(location).findAll().iterator().next().descriptor();

        assertThat(descriptor.name()).isEqualTo("org.cskit.jdbc");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .isEqualTo(Set.of("org.cskit.jdbc"));
        assertThat(descriptor.packages()).contains("org.cskit.jdbc.internal");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of("java.sql", "org.cskit.scoring", "org.cskit.playbooks"));
        assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("org.slf4j")
                .noneMatch(n -> n.contains("h2") || n.contains("hikari"));
        assertThat(descriptor.requires()).filteredOn(r -> r.name().equals("org.postgresql.jdbc"))
                .singleElement().satisfies(r -> assertThat(r.modifiers())
                        .as("the PostgreSQL driver is optional").containsExactly(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}
