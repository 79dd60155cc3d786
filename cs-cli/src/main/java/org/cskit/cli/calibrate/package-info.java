/**
 * The {@code calibrate} command: reads any labelled CSV ({@link org.cskit.cli.input.CsvTable}),
 * fits a scorecard with {@link org.cskit.scoring.calibration.ScorecardFitter} (linear, or additive
 * with {@code --fitter additive}), judges it on held-out rows and writes the scorecard JSON and an
 * HTML report with the inputs' shapes and the interactions' heat maps; the {@code backtest} command
 * ({@link org.cskit.cli.calibrate.BacktestCommand}), which replays RavenStack's dated history
 * and can re-fit a scorecard's weights on its earlier months; and {@code ravenstack-accounts}, which
 * derives account-level aggregates from the RavenStack tables
 * ({@link org.cskit.cli.calibrate.RavenStackAccounts}).
 */
package org.cskit.cli.calibrate;
