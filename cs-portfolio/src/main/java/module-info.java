/**
 * cskit portfolio analytics: retention (NRR, GRR, logo churn), outcome and value measures, survey
 * scores, renewal forecasts and their accuracy, books of business, roll-ups and the leadership
 * {@link org.cskit.scoring.portfolio.Dashboard}, computed in one pass over accounts and combinable
 * per slice.
 */
module org.cskit.scoring.portfolio {
    requires transitive org.cskit.scoring;
    requires static org.immutables.value.annotations;

    exports org.cskit.scoring.portfolio;

    opens org.cskit.scoring.portfolio to com.fasterxml.jackson.databind;
}
