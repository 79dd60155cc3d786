/**
 * A third-party scoring plug-in for cskit: the {@code support-pressure} strategy. Hosts find it by
 * name through {@code ScoringStrategies.loadFromServiceLoader()}, on the module path through the
 * {@code provides} below and on the class path through {@code META-INF/services}.
 */
module com.example.cskit.supportpressure {
    requires transitive org.cskit.scoring;

    exports com.example.cskit.supportpressure;

    // cskit reads the configuration (a record) with Jackson.
    opens com.example.cskit.supportpressure to com.fasterxml.jackson.databind;

    provides org.cskit.scoring.spi.ScoringStrategyProvider with com.example.cskit.supportpressure.SupportPressureProvider;
}
