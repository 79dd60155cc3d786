/**
 * Portfolio measures: what the book of business did over a period, computed in one pass over a
 * {@link java.util.stream.Stream} or {@link java.lang.Iterable} so that a large portfolio is never
 * held in memory, with the same result whatever the order of the input.
 *
 * <ul>
 *   <li>{@link org.cskit.scoring.portfolio.RetentionReport}: gross and net revenue retention and
 *       logo churn over a {@link org.cskit.scoring.portfolio.ReportingPeriod}, from one
 *       {@link org.cskit.scoring.portfolio.AccountRevenue} per account;</li>
 *   <li>{@link org.cskit.scoring.portfolio.TimeToFirstValue}: how long accounts took to reach first
 *       value;</li>
 *   <li>{@link org.cskit.scoring.portfolio.OutcomeShare}: the share of accounts that reached their
 *       desired outcome;</li>
 *   <li>{@link org.cskit.scoring.portfolio.VectorDistribution}: how success vectors spread over bands,
 *       per segment;</li>
 *   <li>{@link org.cskit.scoring.portfolio.ValueGenerated}: the value customers got, under
 *       {@link org.cskit.scoring.portfolio.ValueRates} (what a unit of their outcome metric is worth);</li>
 *   <li>{@link org.cskit.scoring.portfolio.SurveyScores}: NPS, CSAT and CES, per segment;</li>
 *   <li>{@link org.cskit.scoring.portfolio.ForecastAccuracy}: how well
 *       {@link org.cskit.scoring.portfolio.RenewalForecast}s called the renewals that closed;</li>
 *   <li>{@link org.cskit.scoring.portfolio.ChurnReasons}: churned and contracted ARR per reason code;</li>
 *   <li>{@link org.cskit.scoring.portfolio.BookOfBusiness}: accounts, ARR, risk and open plays per CSM;</li>
 *   <li>{@link org.cskit.scoring.portfolio.Rollup}: scores rolled up to a group's parent account;</li>
 *   <li>{@link org.cskit.scoring.portfolio.Dashboard}: the two-column leadership dashboard over all of
 *       the above, with the week's band moves, from one
 *       {@link org.cskit.scoring.portfolio.DashboardAccount} per account.</li>
 * </ul>
 *
 * <p>Every report can be computed in parts and {@code combine}d (each also offers a
 * {@link java.util.stream.Collector}, so parallel streams work); combining the parts gives exactly
 * the report of the whole. Amounts are exact ({@link org.cskit.model.Money}); ratios are
 * {@link java.math.BigDecimal} fractions ({@code 0.9} is 90%) divided with
 * {@link java.math.MathContext#DECIMAL64} (16 significant digits, half-even), and are empty, never
 * NaN, when there is nothing to divide by. Bad input is refused with a
 * {@link org.cskit.model.ValidationException} naming the account, the field and the value; nothing
 * is clamped or dropped.
 */
@ValueStyle
package org.cskit.scoring.portfolio;

import org.cskit.scoring.portfolio.internal.ValueStyle;
