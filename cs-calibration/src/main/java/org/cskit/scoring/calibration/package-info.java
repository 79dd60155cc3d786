/**
 * Calibration and backtesting: fit a scorecard's weights from labelled history and judge how well
 * any scorecard ranks the accounts that later churned.
 *
 * <p>Entry points: put history in a {@link org.cskit.scoring.calibration.TrainingSet} (built
 * column by column, or straight from account snapshots with
 * {@link org.cskit.scoring.calibration.TrainingSet#fromSnapshots}); fit an ordinary, explainable
 * {@link org.cskit.scoring.Scorecard} with {@link org.cskit.scoring.calibration.ScorecardFitter}
 * (linear: weight-of-evidence binning, then L2-regularised logistic regression, mapped back to
 * tiers and weights; additive: an explainable boosting machine, a shape per input and two-way
 * interaction tables); re-fit the weights of a scorecard a team already has with
 * {@link org.cskit.scoring.calibration.ScorecardRefit}; split the rows with
 * {@link org.cskit.scoring.calibration.Splits}; judge a score with
 * {@link org.cskit.scoring.calibration.Evaluation} (ROC AUC with a bootstrap interval, PR AUC,
 * Brier score, top-decile lift, churn rate per band) or
 * {@link org.cskit.scoring.calibration.CrossValidation}; replay dated history with
 * {@link org.cskit.scoring.calibration.Backtest} to measure lead time.
 */
@ValueStyle
package org.cskit.scoring.calibration;

import org.cskit.scoring.calibration.internal.ValueStyle;
