package org.cskit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import org.cskit.testkit.architecture.CsModuleDescriptors;
import org.junit.jupiter.api.Test;

/** Pins what cs-run exports and requires, read from its compiled {@code module-info.class}. */
class RunModuleDescriptorTest {

    @Test
    void descriptor_exportsTheApiOnlyAndRequiresScoringAndPlaybooksOnly() throws Exception {
        ModuleDescriptor descriptor = CsModuleDescriptors.of(NightlyRun.class);

        assertThat(descriptor.name()).isEqualTo("org.cskit.run");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(CsModuleDescriptors.exports(descriptor)).isEqualTo(Set.of("org.cskit.run"));
        assertThat(descriptor.opens()).isEmpty();
        assertThat(CsModuleDescriptors.requires(descriptor))
                .isEqualTo(Set.of("java.base", "java.management", "org.cskit.scoring", "org.cskit.playbooks"));
        assertThat(CsModuleDescriptors.requiresTransitive(descriptor)).isEqualTo(Set.of("org.cskit.scoring", "org.cskit.playbooks"));
    }
}
