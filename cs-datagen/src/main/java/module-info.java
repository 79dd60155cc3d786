/**
 * cskit datagen: a seeded {@link org.cskit.datagen.PortfolioGenerator} of realistic accounts with
 * known outcomes, as objects or as signal columns, for tests, benchmarks and demos. It carries no
 * test library.
 */
module org.cskit.datagen {
    requires transitive org.cskit.model;
    requires transitive org.cskit.scoring;
    requires transitive org.cskit.scoring.portfolio;
    requires org.cskit.playbooks;

    exports org.cskit.datagen;
}
