/**
 * cskit scoring: turns an account's features, plan progress and history into a
 * {@link org.cskit.model.SuccessVector} that explains itself. Calibration against churn history
 * (cs-calibration) and portfolio analytics (cs-portfolio) are artifacts of their own on top of it.
 */
module org.cskit.scoring {
    requires transitive org.cskit.model;
    requires org.slf4j;
    requires static org.immutables.value.annotations;

    exports org.cskit.scoring;
    exports org.cskit.scoring.features;
    exports org.cskit.scoring.spi;

    opens org.cskit.scoring to com.fasterxml.jackson.databind;
    opens org.cskit.scoring.features to com.fasterxml.jackson.databind;

    uses org.cskit.scoring.spi.ScoringStrategyProvider;

    provides org.cskit.scoring.spi.ScoringStrategyProvider with
            org.cskit.scoring.WeightedScorecard.Provider,
            org.cskit.scoring.SegmentedScoring.Provider;
}
