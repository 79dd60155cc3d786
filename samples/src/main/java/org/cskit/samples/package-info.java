/**
 * Runnable programs that show cskit at work. {@link org.cskit.samples.CsKit} is the program the
 * README's demo command runs: {@code demo} (the default: score a portfolio, run the playbooks,
 * write an HTML report), {@code score}, {@code playbooks} and {@code calibrate} (fit and judge a
 * scorecard on any labelled CSV). {@link org.cskit.samples.QuickStart} and
 * {@link org.cskit.samples.ScoringExample} are the README's code samples.
 */
package org.cskit.samples;
