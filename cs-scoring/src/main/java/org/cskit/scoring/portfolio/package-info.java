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
 *       per segment.</li>
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

import org.cskit.scoring.internal.ValueStyle;
