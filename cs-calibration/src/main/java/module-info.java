/**
 * cskit calibration: fits a scorecard's weights, or an additive model with interactions, from
 * labelled rows or churn history, and judges a score (AUC with intervals, cross-validation,
 * backtests). Start with {@link org.cskit.scoring.calibration.ScorecardFitter}. The scorecards it
 * writes are cs-scoring's own, so hosts that only score need cs-scoring alone.
 */
module org.cskit.scoring.calibration {
    requires transitive org.cskit.scoring;
    requires static org.immutables.value.annotations;

    exports org.cskit.scoring.calibration;
}
