/**
 * The {@code calibrate} command: reads any labelled CSV ({@link org.cskit.samples.input.CsvTable}),
 * fits a scorecard with {@link org.cskit.scoring.calibration.ScorecardFitter}, judges it on held-out
 * rows and writes the scorecard JSON and an HTML report; and {@code ravenstack-accounts}, which
 * derives account-level aggregates from the RavenStack tables
 * ({@link org.cskit.samples.calibrate.RavenStackAccounts}).
 */
package org.cskit.samples.calibrate;
