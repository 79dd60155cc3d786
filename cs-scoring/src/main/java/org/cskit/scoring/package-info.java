/**
 * Scoring: turns an account's {@link org.cskit.model.AccountSnapshot} into a
 * {@link org.cskit.model.SuccessVector} that explains itself.
 *
 * <p>Start from a {@link org.cskit.scoring.Scorecard} (groups of weighted inputs, each normalised
 * from a feature, a band scheme and a direction policy), written in Java or loaded from JSON, and
 * turn it into a strategy with {@link org.cskit.scoring.WeightedScorecard#of}. Pick a scorecard per
 * segment or lifecycle stage with {@link org.cskit.scoring.SegmentedScoring}; find strategies by
 * name with {@link org.cskit.scoring.ScoringStrategies}; score a whole portfolio with
 * {@link org.cskit.scoring.PortfolioScoring}; ask why a score moved with
 * {@link org.cskit.scoring.ScoreChange#explain}.
 */
@ValueStyle
package org.cskit.scoring;

import org.cskit.scoring.internal.ValueStyle;
