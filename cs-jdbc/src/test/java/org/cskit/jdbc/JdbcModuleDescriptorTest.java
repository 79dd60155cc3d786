package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.cskit.testkit.architecture.CsModuleDescriptors;
import org.junit.jupiter.api.Test;

/** Pins what cs-jdbc exports and requires, read from its compiled {@code module-info.class}. */
class JdbcModuleDescriptorTest {

    @Test
    void descriptor_exportsTheApiOnlyAndRequiresTheDriverOnlyStatically() throws Exception {
        ModuleDescriptor descriptor = CsModuleDescriptors.of(CsJdbc.class);

        assertThat(descriptor.name()).isEqualTo("org.cskit.jdbc");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(CsModuleDescriptors.exports(descriptor)).isEqualTo(Set.of("org.cskit.jdbc"));
        assertThat(descriptor.packages()).contains("org.cskit.jdbc.internal");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(CsModuleDescriptors.requiresTransitive(descriptor)).isEqualTo(Set.of("java.sql", "org.cskit.scoring", "org.cskit.playbooks"));
        assertThat(CsModuleDescriptors.requires(descriptor))
                .contains("org.slf4j")
                .noneMatch(n -> n.contains("h2") || n.contains("hikari"));
        assertThat(descriptor.requires()).filteredOn(r -> r.name().equals("org.postgresql.jdbc"))
                .singleElement().satisfies(r -> assertThat(r.modifiers())
                        .as("the PostgreSQL driver is optional").containsExactly(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}
