/**
 * The nightly run: {@link org.cskit.run.NightlyRun} takes a portfolio's signals
 * ({@link org.cskit.run.SignalSource}) and account facts, derives, scores and runs the playbooks a
 * slice at a time against yesterday's {@link org.cskit.run.NightlyState}, and reports what it did in
 * a {@link org.cskit.run.NightlyReport}.
 */
package org.cskit.run;
