/**
 * cskit testkit: builders with defaults for the model, a test clock, AssertJ assertions for vectors
 * and plays ({@code org.cskit.testkit}), and contract tests for every SPI
 * ({@code org.cskit.testkit.tck}). JUnit Jupiter's API and AssertJ are part of its API, so they
 * are required transitively, and so is cs-datagen's seeded portfolio generator.
 */
module org.cskit.testkit {
    requires transitive org.cskit.model;
    requires transitive org.cskit.scoring;
    requires transitive org.cskit.playbooks;
    requires transitive org.cskit.datagen;
    requires transitive org.junit.jupiter.api;
    requires transitive org.assertj.core;

    // The scoring contract checks that a plug-in's provider is discoverable.
    uses org.cskit.scoring.spi.ScoringStrategyProvider;

    exports org.cskit.testkit;
    exports org.cskit.testkit.tck;
}
